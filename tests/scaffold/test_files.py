"""New files are written all or none, each whole, and never over a file that exists."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.scaffold import files
from generator.scaffold.files import FileInTheWay, NewFile, write_new_files

NEW = {
    "site_config.yml": NewFile("community: {}\n"),
    "content/matters/lift.yml": NewFile("id: lift\n"),
    "scripts/publish.sh": NewFile("#!/bin/sh\n", executable=True),
}


def everything_below(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))


def test_every_file_is_written_with_its_mode(tmp_path: Path) -> None:
    written = write_new_files(tmp_path, NEW)
    assert written == [tmp_path / name for name in NEW]
    assert (tmp_path / "content/matters/lift.yml").read_text("utf-8") == "id: lift\n"
    assert (tmp_path / "scripts/publish.sh").stat().st_mode & 0o111
    assert not (tmp_path / "site_config.yml").stat().st_mode & 0o111
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".gongshi-new-")]


def test_an_existing_file_stops_everything_before_anything_is_written(tmp_path: Path) -> None:
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts/publish.sh").write_text("我的脚本\n", "utf-8")
    with pytest.raises(FileInTheWay) as refused:
        write_new_files(tmp_path, NEW)
    assert refused.value.paths == [tmp_path / "scripts/publish.sh"]
    assert everything_below(tmp_path) == ["scripts", "scripts/publish.sh"]
    assert (tmp_path / "scripts/publish.sh").read_text("utf-8") == "我的脚本\n"


def test_a_file_where_a_folder_must_go_is_in_the_way(tmp_path: Path) -> None:
    (tmp_path / "content").write_text("", "utf-8")
    with pytest.raises(FileInTheWay) as refused:
        write_new_files(tmp_path, NEW)
    assert refused.value.paths == [tmp_path / "content"]


def test_a_file_that_appears_meanwhile_is_kept_and_the_rest_undone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_place = files._place

    def someone_else_writes_first(source: Path, target: Path) -> None:
        if target.name == "publish.sh":
            target.write_text("别人刚写的\n", "utf-8")
        real_place(source, target)

    monkeypatch.setattr(files, "_place", someone_else_writes_first)
    with pytest.raises(FileInTheWay):
        write_new_files(tmp_path, NEW)
    assert everything_below(tmp_path) == ["scripts", "scripts/publish.sh"]
    assert (tmp_path / "scripts/publish.sh").read_text("utf-8") == "别人刚写的\n"


def test_a_failure_midway_leaves_no_file_and_no_folder_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_place = files._place
    placed: list[Path] = []

    def disk_full_on_the_third(source: Path, target: Path) -> None:
        if len(placed) == 2:
            raise OSError(28, "No space left on device")
        real_place(source, target)
        placed.append(target)

    monkeypatch.setattr(files, "_place", disk_full_on_the_third)
    with pytest.raises(OSError):
        write_new_files(tmp_path, NEW)
    assert everything_below(tmp_path) == []
