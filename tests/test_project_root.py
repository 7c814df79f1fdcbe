"""Every command finds the community from anywhere inside it, as git finds its repository."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.project import find_project_root
from tests.conftest import BASE, TODAY, Gongshi
from tests.history.conftest import init_repository


def community_in(folder: Path) -> Path:
    root = folder / "community"
    shutil.copytree(BASE, root)
    return root


def test_check_in_a_record_folder_checks_the_whole_community(
    gongshi: Gongshi, tmp_path: Path
) -> None:
    root = community_in(tmp_path)
    ledger = root / "content/funds/public-2026-q1.yml"
    ledger.write_text(ledger.read_text("utf-8").replace("1300.10", "1300.11"), "utf-8")
    result = gongshi("check", "--today", TODAY, cwd=root / "content" / "funds")
    assert result.returncode == 1
    assert "content/funds/public-2026-q1.yml:8:" in result.stdout  # named from the project root


def test_build_in_a_sub_folder_writes_the_site_at_the_project_root(
    gongshi: Gongshi, tmp_path: Path
) -> None:
    root = community_in(tmp_path)
    result = gongshi("build", "--no-posters", "--today", TODAY, cwd=root / "content" / "matters")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (root / "site" / "index.html").is_file()
    assert not (root / "content" / "matters" / "site").exists()


def test_print_in_a_sub_folder_writes_the_posters_at_the_project_root(
    gongshi: Gongshi, tmp_path: Path
) -> None:
    root = community_in(tmp_path)
    result = gongshi("print", "lawn.yml", "--today", TODAY, cwd=root / "content" / "matters")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (root / "posters" / "matters" / "lawn.pdf").is_file()


def test_outside_any_community_the_command_says_so_in_chinese(
    gongshi: Gongshi, tmp_path: Path
) -> None:
    result = gongshi("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "和它上面的文件夹里都找不到 site_config.yml" in result.stderr
    assert "gongshi init" in result.stderr


def test_the_search_stops_at_the_top_of_the_git_repository(tmp_path: Path) -> None:
    (tmp_path / "site_config.yml").write_text("community: {}\n", "utf-8")
    repository = tmp_path / "repository"
    (repository / "content").mkdir(parents=True)
    init_repository(repository)
    assert find_project_root(repository / "content") is None
    (repository / "site_config.yml").write_text("community: {}\n", "utf-8")
    assert find_project_root(repository / "content") == repository


def test_a_community_in_a_sub_folder_of_a_repository_is_found_inside_it(tmp_path: Path) -> None:
    init_repository(tmp_path)
    root = community_in(tmp_path)
    assert find_project_root(root / "content" / "funds") == root
    assert find_project_root(tmp_path) is None


def test_a_folder_named_on_the_command_line_is_not_searched_above(
    gongshi: Gongshi, tmp_path: Path
) -> None:
    root = community_in(tmp_path)
    result = gongshi("check", "content", cwd=root)
    assert result.returncode == 2
    assert "找不到 site_config.yml" in result.stderr
