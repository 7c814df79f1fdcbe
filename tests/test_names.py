"""Names that are safe everywhere (issue 8, "Paths"), each through the real CLI.

Ids the site already uses for its own files (G111), names Windows cannot give a file
(G112, G113), and links in content/: leaving the project (G114), broken or looping
(G115), or pointing at a folder inside the project, which is read like any folder.
Every file a test makes is inside its tmp_path; links point inside it too.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result

from generator.project import load_project
from generator.site.build import build_site
from generator.windows_names import device_name, forbidden_in_name
from tests.conftest import REPO, TODAY

MATTER = """\
id: {id}
title: 楼道照明改造
category: renovation
status: proposed
summary: 更换各楼栋楼道的声控灯。
"""


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the repository's sample community (8 ledgers, 10 matters, 5 schedules)."""
    root = tmp_path / "community"
    root.mkdir()
    shutil.copy(REPO / "site_config.yml", root / "site_config.yml")
    shutil.copytree(REPO / "content", root / "content")
    return root


def check(run_cli: Callable[..., Result], root: Path) -> tuple[int, list[dict[str, object]]]:
    """The exit code and the errors (the sample's contract ending soon is a warning, G504)."""
    result = run_cli("check", str(root), "--format", "json", "--today", TODAY)
    assert "Traceback" not in result.output, result.output
    problems = json.loads(result.stdout) if result.stdout.strip() else []
    return result.exit_code, [p for p in problems if p["severity"] == "error"]


def found(problems: list[dict[str, object]]) -> set[tuple[object, object, object]]:
    return {(p["file"], p["code"], p["line"]) for p in problems}


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), "utf-8")


# ---------------------------------------------------------------- G111: ids the site uses


def test_matter_called_index_is_refused(sample: Path, run_cli: Callable[..., Result]) -> None:
    """It replaced matters/index.html, and its poster's QR code led to a 404."""
    replace_in(
        sample / "content/matters/kiosk-rental-2026.yml", "id: kiosk-rental-2026", "id: index"
    )
    code, problems = check(run_cli, sample)
    assert code == 1
    [problem] = problems
    assert (problem["file"], problem["code"]) == ("content/matters/kiosk-rental-2026.yml", "G111")
    message = str(problem["message"])
    assert "matters/index.html" in message and "重大事项总览页" in message
    assert "index-matter" in message  # a different id is suggested


def test_team_called_all_is_refused(sample: Path, run_cli: Callable[..., Result]) -> None:
    """Its calendar volunteers/all.ics replaced the calendar of every team."""
    for name in ("organizations/culture-team", "organizations/owners-committee",
                 "organizations/youth-tutoring", "volunteers/culture-team"):  # fmt: skip
        path = sample / f"content/{name}.yml"
        text = re.sub(r"(id: |team: |- )culture-team\b", r"\1all", path.read_text("utf-8"))
        path.write_text(text, "utf-8")
    code, problems = check(run_cli, sample)
    assert code == 1
    [problem] = problems
    assert (problem["file"], problem["code"]) == ("content/organizations/culture-team.yml", "G111")
    assert "volunteers/all.ics" in str(problem["message"])
    assert "all-team" in str(problem["message"])


def test_organization_called_all_without_a_schedule_is_fine(
    base_project: Path, run_cli: Callable[..., Result]
) -> None:
    """Only a schedule writes volunteers/<team>.ics: an organization `all` alone takes nothing."""
    (base_project / "content/organizations/all.yml").write_text(
        "id: all\nkind: other\nname: 楼栋长联席会\nmembers:\n  - {name: 韩师傅, role: 召集人}\n",
        "utf-8",
    )
    assert check(run_cli, base_project) == (0, [])


# ---------------------------------------------------------------- G112, G113: Windows


@pytest.mark.parametrize("record_id", ["con", "nul", "aux", "com1", "prn", "lpt9"])
def test_windows_device_name_as_id_is_refused(
    base_project: Path, run_cli: Callable[..., Result], record_id: str
) -> None:
    (base_project / "content/matters/lighting.yml").write_text(MATTER.format(id=record_id), "utf-8")
    code, problems = check(run_cli, base_project)
    assert code == 1
    assert found(problems) == {("content/matters/lighting.yml", "G112", 1)}
    message = str(problems[0]["message"])
    assert f"posters/matters/{record_id}.pdf" in message and f"{record_id}-1" in message


@pytest.mark.parametrize("name", ["con.yml", "NUL.yml", "Aux.yaml", "com1.yml", "prn.tar.gz"])
def test_windows_device_name_as_file_name_is_refused(
    base_project: Path, run_cli: Callable[..., Result], name: str
) -> None:
    """`con.yml` is a device on Windows whatever its case or extension: no clone there holds it."""
    (base_project / "content/matters" / name).write_text(MATTER.format(id="lighting"), "utf-8")
    code, problems = check(run_cli, base_project)
    assert code == 1
    assert found(problems) == {(f"content/matters/{name}", "G112", 0)}
    assert "Windows 的保留名" in str(problems[0]["message"])


def test_windows_device_name_as_folder_name_is_refused(
    base_project: Path, run_cli: Callable[..., Result]
) -> None:
    (base_project / "content/matters/aux").mkdir()
    code, problems = check(run_cli, base_project)
    assert code == 1
    assert found(problems) == {("content/matters/aux", "G112", 0)}


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("电梯:2026.yml", "「:」"),
        ("lift?.yml", "「?」"),
        ('a"b<c>.yml', '「"」、「<」、「>」'),
        ("notes|draft.txt", "「|」"),
        ("lift.yml.", "句点"),
        ("lift.yml ", "空格"),
    ],
)
def test_characters_windows_forbids_in_a_file_name_are_refused(
    base_project: Path, run_cli: Callable[..., Result], name: str, said: str
) -> None:
    (base_project / "content/matters" / name).write_text("# 草稿\n", "utf-8")
    code, problems = check(run_cli, base_project)
    assert code == 1
    assert (f"content/matters/{name}", "G113", 0) in found(problems)
    message = next(str(p["message"]) for p in problems if p["code"] == "G113")
    assert said in message


def test_windows_name_rules() -> None:
    assert device_name("con") == device_name("CON.yml") == device_name("con.tar.gz") == "CON"
    assert device_name("nul .txt") == "NUL"
    assert device_name("com\u00b9") == "COM\u00b9"
    for fine in ("com10", "console", "icon", "con-2026", "lpt", "auxiliary.yml", "nul-x.yml"):
        assert device_name(fine) is None, fine
    assert forbidden_in_name("lawn.yml") is None
    assert forbidden_in_name("草坪 停车.yml") is None
    assert forbidden_in_name("tab\there") is not None


# ---------------------------------------------------------------- G114, G115: links


def symlink(link: Path, target: str | Path) -> None:
    os.symlink(target, link)


def test_link_to_a_record_outside_the_project_is_not_read_or_published(
    sample: Path, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    """It was read and published; now it is an error, and the site never shows it."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    secret = outside / "secret.yml"
    secret.write_text(
        MATTER.format(id="secret-outside").replace("楼道照明改造", "项目外的秘密事项"), "utf-8"
    )
    symlink(sample / "content/matters/secret.yml", secret)

    code, problems = check(run_cli, sample)
    assert code == 1
    assert found(problems) == {("content/matters/secret.yml", "G114", 0)}
    message = str(problems[0]["message"])
    assert "content/matters/secret.yml" in message and str(secret) in message

    result = run_cli("build", str(sample), "--today", TODAY, "--no-posters")
    assert result.exit_code == 1 and "G114" in result.output
    assert not (sample / "site").exists()

    project, loading = load_project(sample, date.fromisoformat(TODAY))
    assert project is not None and [d.code for d in loading] == ["G114"]
    assert "secret-outside" not in project.matter_by_id
    site = build_site(project, tmp_path / "site", posters=False).out_dir
    assert (site / "matters/index.html").is_file()
    assert not list(site.rglob("*secret*"))
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".xml", ".ics", ".js"):
            text = path.read_text("utf-8", errors="replace")
            assert "secret-outside" not in text and "项目外的秘密事项" not in text, path


def test_linked_funds_folder_inside_the_project_is_read_checked_and_built(
    sample: Path, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    """A symlinked content/funds/ was skipped in silence: all 8 ledgers vanished, 0 errors."""
    archive = sample / "archive"
    archive.mkdir()
    (sample / "content/funds").rename(archive / "funds")
    symlink(sample / "content/funds", "../archive/funds")

    project, loading = load_project(sample, date.fromisoformat(TODAY))
    assert project is not None and loading == []
    assert len(project.ledgers) == 10  # every ledger of the sample, the fund's two included
    assert check(run_cli, sample) == (0, [])

    result = run_cli("build", str(sample), "--today", TODAY, "--no-posters")
    assert result.exit_code == 0, result.output
    pages = (sample / "site/funds").glob("*/*/index.html")
    ledger_pages = [page for page in pages if not page.parent.name.isdigit()]  # not a year's
    assert len(ledger_pages) == 10
    assert (sample / "site/funds/public-income/public-income-2026q1/index.html").is_file()

    ledger = archive / "funds/public-income-2026-q1.yml"  # a mistake inside is still caught
    closing = re.search(r"^closing_balance: (\S+)", ledger.read_text("utf-8"), re.M)
    assert closing
    replace_in(ledger, f"closing_balance: {closing.group(1)}", "closing_balance: 1.00")
    code, problems = check(run_cli, sample)
    assert code == 1
    assert {(p["file"], p["code"]) for p in problems} >= {
        ("archive/funds/public-income-2026-q1.yml", "G201")
    }


def test_linked_record_inside_the_project_is_read_once(
    base_project: Path, run_cli: Callable[..., Result]
) -> None:
    """A second name for the same file is not a second record (no duplicate id)."""
    symlink(base_project / "content/matters/lawn-again.yml", "lawn.yml")
    assert check(run_cli, base_project) == (0, [])


def test_linked_folder_outside_the_project_is_refused(
    sample: Path, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    outside = tmp_path / "elsewhere-funds"
    (sample / "content/funds").rename(outside)
    symlink(sample / "content/funds", outside)
    code, problems = check(run_cli, sample)
    assert code == 1
    assert ("content/funds", "G114", 0) in found(problems)
    assert str(outside) in next(str(p["message"]) for p in problems if p["code"] == "G114")


def test_broken_link_is_reported(base_project: Path, run_cli: Callable[..., Result]) -> None:
    symlink(base_project / "content/matters/lift.yml", "../../drafts/lift.yml")
    code, problems = check(run_cli, base_project)
    assert code == 1
    assert found(problems) == {("content/matters/lift.yml", "G115", 0)}
    message = str(problems[0]["message"])
    assert "../../drafts/lift.yml" in message and "不存在" in message


def test_broken_link_for_a_whole_folder_is_reported(
    base_project: Path, run_cli: Callable[..., Result]
) -> None:
    shutil.rmtree(base_project / "content/funds")
    symlink(base_project / "content/funds", "../archive/funds")
    code, problems = check(run_cli, base_project)
    assert code == 1
    assert ("content/funds", "G115", 0) in found(problems)


@pytest.mark.parametrize(
    ("link", "target"),
    [
        ("content/matters/again", "../matters"),
        ("content/matters/up", "../.."),
        ("content/matters/self.yml", "self.yml"),
    ],
)
def test_link_loop_is_reported(
    base_project: Path, run_cli: Callable[..., Result], link: str, target: str
) -> None:
    symlink(base_project / link, target)
    code, problems = check(run_cli, base_project)
    assert code == 1
    assert found(problems) == {(link, "G115", 0)}
    assert "循环" in str(problems[0]["message"])


def test_link_checked_out_by_windows_as_a_plain_file_is_reported(
    base_project: Path, run_cli: Callable[..., Result]
) -> None:
    """Git for Windows without core.symlinks writes the link as a file holding its target."""
    shutil.rmtree(base_project / "content/funds")
    (base_project / "content/funds").write_text("../archive/funds", "utf-8")
    code, problems = check(run_cli, base_project)
    assert code == 1
    assert ("content/funds", "G115", 0) in found(problems)
