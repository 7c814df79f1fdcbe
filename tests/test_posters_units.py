"""The posters' small pieces: record names, roster wording, escaping and the public API."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

import generator.posters as posters
from generator.models import Matter, Organization, Schedule
from generator.posters import month_period, render_poster_html, resolve_records, week_period
from generator.posters.frame import seal_lines
from generator.posters.roster import day_list, weekday_words
from generator.posters.text_blocks import summary_blocks
from generator.project import Project, load_project
from tests.conftest import BASE


@pytest.fixture(scope="module")
def project() -> Project:
    loaded, _ = load_project(BASE, date(2026, 11, 25))
    assert loaded is not None
    return loaded


def test_public_api_is_exactly_what_is_declared() -> None:
    assert sorted(posters.__all__) == [
        "PAGE_SIZES", "Record", "RosterPeriod", "Unknown", "all_records", "matters_in_publicity",
        "month_period", "page_size", "render_poster_html", "resolve_records", "rmb_uppercase",
        "week_period", "write_posters",
    ]  # fmt: skip


def test_a_bare_id_used_by_a_team_and_its_schedule_means_both(project: Project) -> None:
    found, unknown = resolve_records(project, ["tutors"])
    assert not unknown
    assert {type(record) for record in found} == {Organization, Schedule}


def test_site_paths_ledger_ids_and_files_all_name_records(project: Project) -> None:
    names = [
        "volunteers/tutors",
        "public-income-2026q1",
        "funds/public-income/public-income-2026q1",
    ]
    found, unknown = resolve_records(project, [*names, "content/matters/lawn.yml"], cwd=BASE)
    assert not unknown
    assert [type(record).__name__ for record in found] == ["Schedule", "Ledger", "Matter"]


def test_unknown_names_come_back_with_close_ids(project: Project) -> None:
    _, unknown = resolve_records(project, ["public-income-2026q2", "zzz"])
    assert unknown[0].suggestions[0] == "public-income-2026q1"
    assert unknown[1].suggestions == ()


def test_weekday_runs_read_as_people_say_them() -> None:
    assert weekday_words((1, 2, 3, 4, 5)) == "每周一至周五"
    assert weekday_words((1, 3, 5)) == "每周一、三、五"
    assert weekday_words((6, 7)) == "每周六、日"
    assert weekday_words((1, 2, 3, 6)) == "每周一至周三、六"


def test_day_lists_name_each_month_once() -> None:
    days = [date(2026, 11, 30), date(2026, 12, 2), date(2026, 12, 4)]
    assert day_list(days).striptags() == "11月30日；12月2、4日"


def test_week_runs_monday_to_sunday_and_month_to_its_last_day() -> None:
    week = week_period(date(2026, 11, 25))
    assert (week.start, week.end, week.label) == (
        date(2026, 11, 23), date(2026, 11, 29), "2026年11月23日至11月29日",
    )  # fmt: skip
    february = month_period(date(2028, 2, 10))
    assert (february.end, february.label) == (date(2028, 2, 29), "2028年2月")


def test_summary_markdown_keeps_lists_and_bold_and_escapes_html() -> None:
    blocks = summary_blocks("第一行\n接着写\n\n- **甲**方案\n- <b>乙</b>方案\n\n1. 一\n2. 二")
    assert [b.kind for b in blocks] == ["paragraph", "bullets", "numbers"]
    assert str(blocks[0].items[0]) == "第一行接着写"
    assert str(blocks[1].items[0]) == "<strong>甲</strong>方案"
    assert str(blocks[1].items[1]) == "&lt;b&gt;乙&lt;/b&gt;方案"


def test_content_cannot_inject_markup_into_a_poster(project: Project) -> None:
    lawn = project.matter_by_id["lawn"].record
    hostile = Matter.model_validate(
        {**lawn.model_dump(by_alias=True), "title": "<script>alert(1)</script>停车"}
    )
    html = render_poster_html(project, hostile)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;停车" in html


def test_a3_scales_type_and_page(project: Project) -> None:
    html = render_poster_html(project, project.matter_by_id["lawn"].record, "a3")
    assert "size: A3;" in html and "font-size: 22.63pt;" in html  # 16 pt × √2


def test_poster_templates_are_found() -> None:
    from generator.resources import templates_dir

    assert (templates_dir("posters") / "base.html.j2").is_file()


def test_an_unchanged_poster_reuses_its_pdf_and_a_changed_one_is_made_again(
    base_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.posters import write
    from generator.project import load_project

    project, _ = load_project(base_project, date(2026, 11, 25))
    assert project is not None
    first = tmp_path / "first"
    write.write_posters(project, None, first)
    made: list[str] = []
    real = write.pdf_bytes
    monkeypatch.setattr(write, "pdf_bytes", lambda html: made.append(html) or real(html))

    second = tmp_path / "second"
    write.write_posters(project, None, second, reuse_from=first)
    assert made == []
    for pdf in first.rglob("*.pdf"):
        assert (second / pdf.relative_to(first)).read_bytes() == pdf.read_bytes()

    ledger = base_project / "content/funds/public-2026-q1.yml"
    ledger.write_text(ledger.read_text("utf-8").replace("一月停车费", "一月临时停车费"), "utf-8")
    changed, _ = load_project(base_project, date(2026, 11, 25))
    assert changed is not None
    write.write_posters(changed, None, tmp_path / "third", reuse_from=first)
    assert len(made) == 1 and "一月临时停车费" in made[0]


def test_a_very_long_issuer_name_fills_the_seal_at_once_and_is_cut_to_four_lines() -> None:
    """Balancing once tried every way of cutting the name: 60 words took longer than a day."""
    name = "翠湖花园小区第一届业主大会筹备组临时工作小组" * 12
    started = time.perf_counter()
    lines = seal_lines(name, "翠湖花园小区")
    assert time.perf_counter() - started < 1.0
    assert len(lines) == 4 and all(len(line) <= 8 for line in lines)
    assert lines[-1].endswith("…")
    assert "".join(lines)[:-1] == name[: len("".join(lines)) - 1]  # in order, nothing dropped


def test_a_seal_balances_the_lines_it_needs() -> None:
    assert seal_lines("翠湖花园小区业主委员会", "翠湖花园小区") == ("翠湖花园小区", "业主委员会")
    assert seal_lines("监督委员会", "翠湖花园小区") == ("监督委员会",)
