"""`gongshi new`: the next record with its id, dates and balance worked out, never over a file."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator.scaffold.records import ledger_file_name, next_period
from tests.conftest import BASE, TODAY, Gongshi


@pytest.fixture
def community(tmp_path: Path) -> Path:
    """A copy of the base community: one account (`public`, 2026 Q1), one matter, one team."""
    root = tmp_path / "community"
    shutil.copytree(BASE, root)
    return root


def read(path: Path) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load(path.read_text("utf-8"))


def passes_check(gongshi: Gongshi, root: Path) -> None:
    result = gongshi("check", "--today", TODAY, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "检查通过" in result.stdout, result.stdout


def test_a_new_ledger_opens_with_the_last_closing_balance(
    gongshi: Gongshi, community: Path
) -> None:
    last = read(community / "content/funds/public-2026-q1.yml")
    result = gongshi("new", "ledger", "--today", TODAY, cwd=community)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "content/funds/public-2026-q2.yml"
    new = read(community / "content/funds/public-2026-q2.yml")
    assert str(new["opening_balance"]) == str(last["closing_balance"])
    assert new["period"] == {"start": date(2026, 4, 1), "end": date(2026, 6, 30)}
    assert (new["account"], new["name"]) == (last["account"], last["name"])
    assert new["entries"] == [] and new["published"] == date(2026, 11, 25)
    assert "期初余额" in result.stderr
    passes_check(gongshi, community)


def test_the_period_after_a_quarter_a_month_or_a_run_of_days() -> None:
    assert next_period(date(2026, 10, 1), date(2026, 12, 31)) == (
        date(2027, 1, 1),
        date(2027, 3, 31),
    )
    assert next_period(date(2026, 3, 1), date(2026, 3, 31)) == (date(2026, 4, 1), date(2026, 4, 30))
    assert next_period(date(2026, 1, 10), date(2026, 1, 19)) == (
        date(2026, 1, 20),
        date(2026, 1, 29),
    )
    assert ledger_file_name("public", date(2026, 7, 1), date(2026, 9, 30)) == "public-2026-q3.yml"
    assert ledger_file_name("public", date(2026, 4, 1), date(2026, 4, 30)) == "public-2026-04.yml"
    assert (
        ledger_file_name("public", date(2026, 1, 10), date(2026, 1, 19))
        == "public-20260110-20260119.yml"
    )


def test_a_new_account_needs_a_name_unless_it_is_a_known_one(
    gongshi: Gongshi, community: Path
) -> None:
    unknown = gongshi("new", "ledger", "--account", "garden-fund", "--today", TODAY, cwd=community)
    assert unknown.returncode == 2
    assert "--name" in unknown.stderr
    known = gongshi("new", "ledger", "--account", "party-funds", "--today", TODAY, cwd=community)
    assert known.returncode == 0, known.stderr
    new = read(community / "content/funds/party-funds-2026-q4.yml")
    assert new["name"] == "小区党建工作经费" and str(new["opening_balance"]) == "0.0"
    passes_check(gongshi, community)


def test_new_matter_counts_publicity_over_the_national_day_holiday(
    gongshi: Gongshi, community: Path
) -> None:
    # Posted Monday 2026-09-28; the first day is not counted (art. 201), so seven days end
    # on 2026-10-05, inside the National Day holiday (1–7 October 2026). Art. 203 moves the
    # end to the next working day: Thursday 2026-10-08.
    result = gongshi(
        "new",
        "matter",
        "--title",
        "更换 5 栋电梯",
        "--start",
        "2026-09-28",
        "--today",
        "2026-09-28",
        cwd=community,
    )
    assert result.returncode == 0, result.stderr
    path = community / result.stdout.strip()
    assert path.name == "matter-2026-01.yml"
    matter = read(path)
    assert matter["publicity"]["start"] == date(2026, 9, 28)
    assert matter["publicity"]["end"] == date(2026, 10, 8)
    assert matter["title"] == "更换 5 栋电梯" and matter["status"] == "publicized"
    assert "2026-10-05" in result.stderr and "国庆节" in result.stderr
    passes_check(gongshi, community)


def test_new_matters_take_the_next_free_number(gongshi: Gongshi, community: Path) -> None:
    first = gongshi("new", "matter", "--today", TODAY, cwd=community)
    second = gongshi("new", "matter", "--today", TODAY, cwd=community)
    assert [first.stdout.strip(), second.stdout.strip()] == [
        "content/matters/matter-2026-01.yml",
        "content/matters/matter-2026-02.yml",
    ]
    assert read(community / "content/matters/matter-2026-02.yml")["id"] == "matter-2026-02"
    passes_check(gongshi, community)


def test_new_refuses_to_overwrite_a_record(gongshi: Gongshi, community: Path) -> None:
    target = community / "content/matters/lawn.yml"
    before = target.read_bytes()
    result = gongshi("new", "matter", "--id", "lawn", "--today", TODAY, cwd=community)
    assert result.returncode == 2
    assert "lawn" in result.stderr and "Traceback" not in result.stderr
    assert target.read_bytes() == before


def test_new_refuses_the_next_ledger_file_when_it_exists_unreadable(
    gongshi: Gongshi, community: Path
) -> None:
    broken = community / "content/funds/public-2026-q2.yml"
    broken.write_bytes(b"account: public\nperiod: [\n")
    result = gongshi("new", "ledger", "--today", TODAY, cwd=community)
    assert result.returncode == 2
    assert "public-2026-q2.yml" in result.stderr and "不会覆盖" in result.stderr
    assert broken.read_bytes() == b"account: public\nperiod: [\n"


def test_new_organization_has_the_members_its_rules_ask_for(
    gongshi: Gongshi, community: Path
) -> None:
    result = gongshi(
        "new", "organization", "--kind", "supervisory_committee", "--today", TODAY, cwd=community
    )
    assert result.returncode == 0, result.stderr
    path = community / result.stdout.strip()
    assert path.name == "supervisory-committee.yml"
    organization = read(path)
    assert organization["kind"] == "supervisory_committee"
    assert [m["name"] for m in organization["members"]] == ["张三", "李四", "王五"]
    assert "占位" in path.read_text("utf-8") and "占位" in result.stderr
    (community / "content/organizations/supervisors.yml").unlink()  # one supervisory committee
    passes_check(gongshi, community)


def test_a_second_organization_of_a_kind_gets_a_numbered_id(
    gongshi: Gongshi, community: Path
) -> None:
    result = gongshi(
        "new", "organization", "--kind", "owners_committee", "--today", TODAY, cwd=community
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "content/organizations/owners-committee-2.yml"


def test_new_shifts_for_a_team_without_a_schedule(gongshi: Gongshi, community: Path) -> None:
    made = gongshi(
        "new",
        "organization",
        "--kind",
        "volunteer_team",
        "--id",
        "culture-team",
        "--name",
        "测试小区文体活动志愿宣传队",
        "--today",
        TODAY,
        cwd=community,
    )
    assert made.returncode == 0, made.stderr
    result = gongshi("new", "shifts", "--today", TODAY, cwd=community)
    assert result.returncode == 0, result.stderr
    schedule = read(community / "content/volunteers/culture-team.yml")
    assert schedule["team"] == "culture-team"
    [shift] = schedule["shifts"]
    assert shift["from"] == date(2026, 11, 25) and shift["until"] == date(2027, 1, 31)
    passes_check(gongshi, community)
    again = gongshi("new", "shifts", "--team", "culture-team", "--today", TODAY, cwd=community)
    assert again.returncode == 2 and "已经有排班表" in again.stderr


def test_new_refuses_an_id_that_cannot_be_a_web_address(gongshi: Gongshi, community: Path) -> None:
    result = gongshi("new", "matter", "--id", "电梯", "--today", TODAY, cwd=community)
    assert result.returncode == 2
    assert "小写英文字母" in result.stderr
    assert not (community / "content/matters/电梯.yml").exists()


def test_new_outside_a_community_points_to_init(gongshi: Gongshi, tmp_path: Path) -> None:
    result = gongshi("new", "matter", cwd=tmp_path)
    assert result.returncode == 2
    assert "找不到 site_config.yml" in result.stderr and "gongshi init" in result.stderr
    assert list(tmp_path.iterdir()) == []
