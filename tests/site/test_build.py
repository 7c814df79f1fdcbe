"""`gongshi build` on the sample: reproducible, strict about links, light, with open data."""

from __future__ import annotations

import csv
import filecmp
import io
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from generator.site import build as site_build
from generator.site.mkdocs_run import MkDocsFailed
from tests.conftest import TODAY
from tests.site.conftest import build, sample_copy

RECORD_PAGE_LIMIT = 40 * 1024


def tree_differences(left: Path, right: Path) -> list[str]:
    """Files that differ, or exist on one side only, compared byte for byte."""
    problems: list[str] = []
    comparison = filecmp.dircmp(left, right)
    stack = [(comparison, Path())]
    while stack:
        current, prefix = stack.pop()
        problems += [
            f"only one side: {prefix / name}" for name in current.left_only + current.right_only
        ]
        _, mismatch, errors = filecmp.cmpfiles(
            current.left, current.right, current.common_files, shallow=False
        )
        problems += [f"differs: {prefix / name}" for name in mismatch + errors]
        stack += [(sub, prefix / name) for name, sub in current.subdirs.items()]
    return sorted(problems)


def test_two_builds_of_the_same_content_are_byte_identical(
    sample_site: Path, tmp_path: Path
) -> None:
    root = sample_copy(tmp_path / "again")
    second = build(root, root / "site")
    assert tree_differences(sample_site, second) == []


def test_every_record_page_stays_under_40_kb(sample_site: Path) -> None:
    pages = [
        *sample_site.glob("organizations/*/index.html"),
        *sample_site.glob("matters/*/index.html"),
        *sample_site.glob("funds/*/*/index.html"),
        *sample_site.glob("volunteers/*/index.html"),
    ]
    assert len(pages) > 30
    sizes = {str(p.relative_to(sample_site)): p.stat().st_size for p in pages}
    assert {page: size for page, size in sizes.items() if size > RECORD_PAGE_LIMIT} == {}


def test_navigation_lists_sections_not_records(sample_site: Path) -> None:
    page = (sample_site / "matters" / "lift-replacement-2026" / "index.html").read_text("utf-8")
    nav = page[page.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>")]
    assert "重大事项" in nav and "roof-waterproofing-2026" not in nav


def test_each_record_page_shows_its_checksum_change_date_and_poster(sample_site: Path) -> None:
    page = (sample_site / "matters" / "lift-replacement-2026" / "index.html").read_text("utf-8")
    assert "校验码" in page and ("最近修改" in page or "记录日期" in page)
    assert 'href="../../posters/matters/lift-replacement-2026.pdf"' in page
    assert (sample_site / "posters" / "matters" / "lift-replacement-2026.pdf").is_file()


def test_checksum_on_page_matches_the_record(sample_site: Path) -> None:
    from datetime import date

    from generator.checksum import record_checksum
    from generator.project import load_project
    from tests.conftest import REPO

    project, _ = load_project(REPO, date.fromisoformat(TODAY))
    assert project is not None
    for item in project.matters:
        page = sample_site / "matters" / item.record.id / "index.html"
        assert record_checksum(item.record) in page.read_text("utf-8"), item.record.id


def test_open_data_is_described_by_its_datapackage(sample_site: Path) -> None:
    package = json.loads((sample_site / "data" / "datapackage.json").read_text("utf-8"))
    for resource in package["resources"]:
        raw = (sample_site / "data" / resource["path"]).read_bytes()
        if resource["format"] == "csv":
            assert raw.startswith(b"\xef\xbb\xbf")
            rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
            assert rows[0] == [f["name"] for f in resource["schema"]["fields"]]
            assert all(len(row) == len(rows[0]) for row in rows)
        else:
            assert isinstance(json.loads(raw), list)
    names = {r["name"] for r in package["resources"]}
    assert {"organizations", "members", "ledgers", "entries", "matters", "shifts"} <= names
    assert (sample_site / "data" / "schemas" / "matters.schema.json").is_file()


def test_broken_internal_link_fails_the_build_and_keeps_the_old_site(
    base_project: Path, run_cli: Callable[..., Result]
) -> None:
    out = base_project / "site"
    assert run_cli("build", str(base_project), "--today", TODAY, "--no-posters").exit_code == 0
    before = (out / "index.html").read_bytes()
    matter = base_project / "content" / "matters" / "lawn.yml"
    matter.write_text(
        matter.read_text("utf-8")
        + "documents:\n  - {title: 验收记录, url: ../../docs/missing.pdf}\n",
        "utf-8",
    )
    result = run_cli("build", str(base_project), "--today", TODAY, "--no-posters")
    assert result.exit_code == 1
    # check refuses the link (G128) before mkdocs would, in Chinese, at the record
    assert "content/matters/lawn.yml:" in result.output and " G128 " in result.output
    assert "missing.pdf" in result.output and "网站没有生成" in result.output
    assert (out / "index.html").read_bytes() == before
    assert not [p for p in base_project.iterdir() if p.name.startswith(".site-")]


def test_a_refusal_by_mkdocs_itself_is_a_chinese_g902_at_the_record(
    base_project: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should mkdocs still refuse a page check passed, the secretary reads it in Chinese."""
    out = base_project / "site"
    assert run_cli("build", str(base_project), "--today", TODAY, "--no-posters").exit_code == 0
    before = (out / "index.html").read_bytes()
    refusal = (
        "Doc file 'matters/lawn.md' contains a link 'x.pdf', but the target "
        "'matters/x.pdf' is not found among documentation files."
    )

    def refuse(*args: object, **options: object) -> None:
        raise MkDocsFailed([refusal, refusal])

    monkeypatch.setattr(site_build, "run_mkdocs", refuse)
    result = run_cli("build", str(base_project), "--today", TODAY, "--no-posters")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if " G902 " in line]
    assert len(lines) == 1, result.output
    assert lines[0].strip().startswith("content/matters/lawn.yml: 错误 G902 ")
    assert "链接「x.pdf」指向网站里没有的页面或文件" in lines[0]
    outside_quote = re.sub(r"（mkdocs 的原话：[^）]*）", "", lines[0])
    assert not re.search(r"\b(?:Doc|file|link|target|found)\b", outside_quote)
    assert (out / "index.html").read_bytes() == before


def test_content_errors_stop_the_build_before_anything_is_written(
    base_project: Path, run_cli: Callable[..., Result]
) -> None:
    ledger = base_project / "content" / "funds" / "public-2026-q1.yml"
    ledger.write_text(ledger.read_text("utf-8").replace("1300.10", "1300.11"), "utf-8")
    result = run_cli("build", str(base_project), "--today", TODAY, "--no-posters")
    assert result.exit_code == 1
    assert "网站没有生成" in result.output
    assert not (base_project / "site").exists()
    # The pages were begun while the rules ran in a second process: nothing of them is said or left.
    checked = run_cli("check", str(base_project), "--today", TODAY)
    assert checked.output.strip() and checked.output.strip() in result.output
    assert "正在" not in result.output, "no progress line of a build that did not happen"
    assert not [p for p in base_project.iterdir() if p.name.startswith(".site-")]


def test_what_the_check_says_comes_before_the_build_s_own_lines(
    base_project: Path, run_cli: Callable[..., Result]
) -> None:
    """A warning found while the pages were being made is still printed first, as `check` prints it."""
    config = base_project / "site_config.yml"
    text = config.read_text("utf-8").replace("rules:\n", "rules:\n  term_warning_days: 3650\n", 1)
    config.write_text(text, "utf-8")  # every term ends within ten years: a G504 warning
    checked = run_cli("check", str(base_project), "--today", TODAY)
    assert checked.exit_code == 0 and "警告" in checked.output, checked.output
    result = run_cli("build", str(base_project), "--today", TODAY, "--no-posters")
    assert result.exit_code == 0, result.output
    warning = checked.output.strip().splitlines()[0]
    assert result.output.index(warning) < result.output.index("正在生成页面")


def test_build_outside_a_project_is_misuse(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    assert run_cli("build", str(tmp_path)).exit_code == 2


def test_dates_come_from_git_when_the_content_is_committed(tmp_path: Path) -> None:
    import subprocess
    from datetime import date

    from generator.project import load_project
    from generator.site.history import record_histories

    root = sample_copy(tmp_path / "git")
    shutil.rmtree(root / "content" / "matters")
    env = {
        "GIT_AUTHOR_DATE": "2026-05-06T10:00:00+08:00",
        "GIT_COMMITTER_DATE": "2026-05-06T10:00:00+08:00",
        "GIT_AUTHOR_NAME": "秘书",
        "GIT_AUTHOR_EMAIL": "s@example.org",
        "GIT_COMMITTER_NAME": "秘书",
        "GIT_COMMITTER_EMAIL": "s@example.org",
        "PATH": "/usr/bin:/bin",
    }
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "公布二季度账目"]):
        subprocess.run(["git", "-C", str(root), *args], check=True, env=env, capture_output=True)
    project, _ = load_project(root, date.fromisoformat(TODAY))
    assert project is not None
    histories = record_histories(project)
    history = histories[id(project.ledgers[0].record)]
    assert history.from_git and history.last_changed == date(2026, 5, 6)
    assert history.revisions[0].subject == "公布二季度账目"
