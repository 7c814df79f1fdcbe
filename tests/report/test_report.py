"""`gongshi report`: every expected disclosure with its source, and what is missing or overdue.

Dates below are worked by hand from the sample: a quarter's ledger is due 15 days after
the quarter ends (2026-06-30 → 2026-07-15), a decision 3 days after it was made
(2026-09-22 → 2026-09-25). The sources are the articles as the texts number them.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from generator.cli import cli
from generator.command_frame import display_width
from generator.models.config import Rules
from generator.project import load_project
from generator.report import EXPECTATIONS, compliance_report
from tests.conftest import REPO

TODAY = "2026-12-03"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A writable copy of the sample community, outside git (dates come from the records)."""
    root = tmp_path / "sample"
    root.mkdir()
    shutil.copyfile(REPO / "site_config.yml", root / "site_config.yml")
    shutil.copytree(REPO / "content", root / "content")
    return root


def report(*args: str, columns: int = 300) -> Result:
    """The command on a terminal `columns` wide (wide enough that no line wraps, unless told)."""
    result = CliRunner().invoke(
        cli, ["report", *args], env={"COLUMNS": str(columns)}, catch_exceptions=False
    )
    assert "Traceback" not in result.output
    return result


def report_json(root: Path, today: str = TODAY) -> tuple[int, dict[str, Any]]:
    result = report(str(root), "--format", "json", "--today", today)
    return result.exit_code, json.loads(result.stdout)


def items(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    (found,) = [e for e in data["expectations"] if e["key"] == key]
    return list(found["items"])


def item(data: dict[str, Any], key: str, subject_part: str) -> dict[str, Any]:
    (found,) = [i for i in items(data, key) if subject_part in i["subject"]]
    return found


def drop_line(path: Path, text: str) -> None:
    lines = path.read_text("utf-8").splitlines(keepends=True)
    kept = [line for line in lines if line.strip() != text]
    assert len(kept) == len(lines) - 1, f"{text!r} is not one line of {path}"
    path.write_text("".join(kept), "utf-8")


def test_sample_passes_and_lists_every_expectation_with_its_source() -> None:
    result = report(str(REPO), "--today", TODAY, columns=80)
    assert result.exit_code == 0, result.output
    assert max(display_width(line) for line in result.output.splitlines()) <= 80
    for expectation in EXPECTATIONS:
        assert expectation.title in result.output
        assert f"依据：{expectation.source}" in result.output.replace("\n", "").replace(" ", "")
    for article in (
        "《民法典》第九百四十三条",
        "《民法典》第二百八十一条第一款",
        "《民法典》第二百八十二条",
        "《民法典》第二百七十八条",
        "《物业管理条例》第五十四条",
        "《业主大会和业主委员会指导规则》第三十六条",
        "试点方案“四、实施步骤”",
    ):
        assert article in result.output.replace("\n", "")
    assert "没有缺少或逾期的项目。" in result.output


def test_sample_json_names_every_expectation_and_nothing_overdue() -> None:
    code, data = report_json(REPO)
    assert code == 0
    assert data["today"] == TODAY and data["dates_from"] == "git"
    assert data["overdue"] == 0
    assert [e["key"] for e in data["expectations"]] == [e.key for e in EXPECTATIONS]
    assert all(e["source"] and e["items"] for e in data["expectations"])
    quarter = item(data, "ledgers", "小区公共收益（public-income）2026 年第三季度")
    assert quarter["status"] == "published"
    assert (quarter["declared"], quarter["due"]) == ("2026-10-13", "2026-10-15")
    assert quarter["since_from"] == "git" and quarter["since"] >= "2026-11-25"
    fees = item(data, "property_fees", "恒安物业")
    assert fees["status"] == "published" and fees["page"] == "organizations/property-company/"
    steps = items(data, "pilot_steps")  # the party branch's record: seven steps in plan order
    assert [s["subject"] for s in steps] == [
        "宣传发动",
        "情况摸排",
        "成立党组织",
        "建强“三个主体”",
        "成立志愿服务队伍",
        "规范运行",
        "总结推广",
    ]
    late = item(data, "pilot_steps", "三个主体")  # done 2026-06-22, due 2025-11-25: 209 days
    assert (late["status"], late["declared"], late["due"]) == ("late", "2026-06-22", "2025-11-25")
    assert "209 天" in late["note"]
    assert all(s["status"] == "published" for s in steps if s is not late)


def test_a_removed_quarter_ledger_is_overdue_and_named(sample: Path) -> None:
    (sample / "content/funds/public-income-2026-q2.yml").unlink()
    result = report(str(sample), "--today", TODAY)
    assert result.exit_code == 1
    failing = result.output.split("\n\n")[1]
    assert failing.startswith("缺少或逾期（1 项）")
    assert "逾期未公开" in failing and "2026-07-15" in failing
    assert "小区公共收益（public-income）2026 年第二季度" in failing
    assert "没有这个季度的账目（2026-04-01 至 2026-06-30），已过公布时限。" in failing
    code, data = report_json(sample)
    assert code == 1 and data["overdue"] == 1
    missing = item(data, "ledgers", "public-income）2026 年第二季度")
    assert (missing["status"], missing["due"], missing["since"]) == ("overdue", "2026-07-15", None)


def test_a_decision_without_its_publication_is_overdue_and_named(sample: Path) -> None:
    drop_line(sample / "content/matters/lift-replacement-2026.yml", "published: 2026-09-23")
    result = report(str(sample), "--today", TODAY)
    assert result.exit_code == 1
    failing = result.output.split("\n\n")[1]
    assert "lift-replacement-2026" in failing and "2026-09-25" in failing
    assert "2026-09-22 计票作出决定，表决结果没有写公布日期" in failing
    code, data = report_json(sample)
    assert code == 1
    lift = item(data, "decisions", "lift-replacement-2026")
    assert (lift["status"], lift["due"]) == ("overdue", "2026-09-25")


def test_a_decision_is_pending_until_its_last_day(sample: Path) -> None:
    drop_line(sample / "content/matters/lift-replacement-2026.yml", "published: 2026-09-23")
    code, data = report_json(sample, "2026-09-25")
    assert item(data, "decisions", "lift-replacement-2026")["status"] == "pending"
    code, data = report_json(sample, "2026-09-26")
    assert code == 1
    assert item(data, "decisions", "lift-replacement-2026")["status"] == "overdue"


def test_the_last_quarter_is_pending_through_its_last_day_then_overdue(sample: Path) -> None:
    for name in ("public-income-2026-q3.yml", "party-funds-2026-q3.yml"):
        (sample / "content/funds" / name).unlink()
    code, data = report_json(sample, "2026-10-15")
    assert code == 0
    assert item(data, "ledgers", "public-income）2026 年第三季度")["status"] == "pending"
    result = report(str(sample), "--today", "2026-10-15")
    assert "即将到期（2 项）" in result.output
    code, data = report_json(sample, "2026-10-16")
    assert code == 1 and data["overdue"] == 2


def test_a_quarter_not_over_is_not_expected(sample: Path) -> None:
    code, data = report_json(sample, "2026-12-31")
    assert code == 0
    assert not [i for i in items(data, "ledgers") if "2026 年第四季度" in i["subject"]]


def test_a_ledger_posted_after_its_limit_is_late_but_not_overdue(sample: Path) -> None:
    path = sample / "content/funds/public-income-2026-q3.yml"
    path.write_text(
        path.read_text("utf-8").replace("published: 2026-10-13", "published: 2026-10-20"), "utf-8"
    )
    code, data = report_json(sample)
    assert code == 0
    late = item(data, "ledgers", "public-income）2026 年第三季度")
    assert late["status"] == "late" and late["note"] == "晚了 5 天（最晚应在 2026-10-15 公布）"


def test_ledger_due_days_is_a_rule_with_its_source(sample: Path) -> None:
    assert (Rules().ledger_due_days, Rules().ledger_due_source) == (15, "本小区议事规则")
    config = sample / "site_config.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "  decision_publish_days: 3\n",
            "  decision_publish_days: 3\n  ledger_due_days: 10\n"
            "  ledger_due_source: 《xx市物业管理条例》第四十条\n",
        ),
        "utf-8",
    )
    code, data = report_json(sample)
    assert code == 0  # late, not overdue
    (ledgers,) = [e for e in data["expectations"] if e["key"] == "ledgers"]
    assert ledgers["deadline"] == (
        "季度结束后 10 日内公布（rules.ledger_due_days，依据：《xx市物业管理条例》第四十条）"
    )
    # 2026-09-30 + 10 = 2026-10-10; posted 2026-10-13.
    q3 = item(data, "ledgers", "public-income）2026 年第三季度")
    assert (q3["status"], q3["due"]) == ("late", "2026-10-10")


def test_outside_git_the_dates_are_the_records_own(sample: Path) -> None:
    code, data = report_json(sample)
    assert code == 0 and data["dates_from"] == "records"
    q3 = item(data, "ledgers", "public-income）2026 年第三季度")
    assert (q3["since"], q3["since_from"]) == ("2026-10-13", "record")
    lawn = item(data, "decisions", "lawn-parking-2026")
    assert (lawn["since"], lawn["declared"], lawn["due"]) == (
        "2026-05-27",
        "2026-05-27",
        "2026-05-29",
    )


def _term_item(root: Path, today: date, subject: str) -> tuple[str, str]:
    project, _ = load_project(root, today)
    assert project is not None
    result = compliance_report(project, None)
    (terms,) = [f for f in result.findings if f.expectation.key == "terms"]
    (found,) = [d for d in terms.disclosures if subject in d.subject]
    return found.status, found.note


def test_a_term_over_without_an_election_matter_is_overdue(sample: Path) -> None:
    # The owners' committee's term ends 2027-03-31: 2026-12-30 is 91 days before it (31 + 28 +
    # 31 + 1), 2026-12-31 is 90, the first day rules.term_warning_days (90) warns of, as G504 does.
    assert _term_item(sample, date(2026, 12, 30), "业主委员会")[0] == "published"
    assert _term_item(sample, date(2026, 12, 31), "业主委员会") == (
        "pending",
        "任期 2027-03-31 届满，还没有换届选举的事项。",
    )
    assert _term_item(sample, date(2027, 4, 1), "业主委员会") == (
        "overdue",
        "任期已于 2027-03-31 届满，没有换届选举的事项。",
    )


def test_an_election_matter_after_the_term_began_answers_for_it(sample: Path) -> None:
    matter = sample / "content/matters/owners-election-2027.yml"
    matter.write_text(
        "id: owners-election-2027\ntitle: 选举第三届业主委员会\ncategory: election\n"
        "status: proposed\nsummary: 业委会换届。\ntimeline:\n"
        "  - date: 2027-01-10\n    event: 小区党支部提出换届筹备方案\n",
        "utf-8",
    )
    status, note = _term_item(sample, date(2027, 4, 1), "业主委员会")
    assert (status, note) == ("published", "换届选举事项：owners-election-2027")
    # The supervisory committee's own election (before its term began) is not its next one.
    status, _ = _term_item(sample, date(2031, 7, 1), "监督委员会")
    assert status == "overdue"


def test_misuse_exits_2(sample: Path, tmp_path: Path) -> None:
    assert report(str(sample), "--format", "xml").exit_code == 2
    assert report(str(tmp_path / "nowhere")).exit_code == 2
    assert report(str(sample), "--today", "2026-13-01").exit_code == 2
