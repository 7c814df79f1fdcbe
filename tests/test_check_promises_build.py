"""Whatever `check` passes, `build`, `print` and the feeds accept: the inputs that used to crash.

Each input is the exact one from issue 8 ("check passes, build crashes with a traceback"),
on a copy of the sample community. `check` must now report it with its code and exit 1,
and `build` and `print` must refuse it the same way, in Chinese, with no traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator import codes
from generator.cli import cli
from generator.posters.amounts import rmb_uppercase
from generator.rules.amounts import MAX_PLAUSIBLE_YUAN
from generator.urls import (
    CODE_QUERY_LENGTH,
    POSTER_QR_MAX_VERSION,
    fits_poster_qr,
    poster_qr_capacity,
)
from tests.conftest import TODAY
from tests.site.conftest import sample_copy

TEAM = "content/organizations/culture-team.yml"
LAWN = "content/matters/lawn-parking-2026.yml"
CONFIG = "site_config.yml"


def _edit(root: Path, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text("utf-8")
    assert text.count(old) >= 1, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def _line_of(root: Path, file: str, text: str) -> int:
    lines = (root / file).read_text("utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _refused_everywhere(root: Path, file: str, code: str, line: int) -> str:
    """check, build and print all exit 1 naming `code` at `file:line`, and nothing crashes."""
    check = _run("check", str(root), "--today", TODAY)
    assert check.exit_code == 1, check.output
    assert f"{file}:{line}:" in check.output
    assert f"{file}:{line}:" in next(
        entry for entry in check.output.splitlines() if f" {code} " in entry
    )
    build = _run("build", str(root), "--today", TODAY, "--no-posters")
    assert build.exit_code == 1
    assert f" {code} " in build.output and "网站没有生成" in build.output
    assert not (root / "site").exists()
    printed = _run(
        "print",
        "-C",
        str(root),
        "--out",
        str(root),
        "--today",
        TODAY,
        "lawn-parking-2026",
        "culture-team",
    )
    assert printed.exit_code == 1
    assert f" {code} " in printed.output and "没有生成海报" in printed.output
    assert not (root / "posters").exists()
    for result in (check, build, printed):
        assert "Traceback" not in result.output
    return check.output


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return sample_copy(tmp_path / "community")


def test_sample_community_passes_every_new_rule(
    sample: Path, run_cli: Callable[..., Result]
) -> None:
    result = run_cli("check", str(sample), "--today", TODAY)
    assert result.exit_code == 0
    for code in ("G120", "G121", "G122", "G123", "G208"):
        assert code not in result.output


def test_team_name_written_on_two_lines_is_g120(sample: Path) -> None:
    _edit(
        sample,
        TEAM,
        "name: 翠湖花园小区文体活动志愿宣传队",
        "name: |\n  翠湖花园小区\n  文体活动志愿宣传队",
    )
    output = _refused_everywhere(sample, TEAM, "G120", _line_of(sample, TEAM, "name: |"))
    assert "名称（name）只能写一行" in output


def test_community_name_written_on_two_lines_is_g120(sample: Path) -> None:
    _edit(sample, CONFIG, "  name: 翠湖花园小区\n", "  name: |\n    翠湖花园\n    小区\n")
    output = _refused_everywhere(sample, CONFIG, "G120", _line_of(sample, CONFIG, "name: |"))
    assert "小区名称（name）只能写一行" in output


def test_empty_matter_title_is_g122(sample: Path) -> None:
    _edit(sample, LAWN, "title: 将 9 栋北侧部分绿地改建为地面停车位", 'title: ""')
    output = _refused_everywhere(sample, LAWN, "G122", _line_of(sample, LAWN, 'title: ""'))
    assert "标题（title）是空的" in output


def test_empty_team_name_is_g122(sample: Path) -> None:
    _edit(sample, TEAM, "name: 翠湖花园小区文体活动志愿宣传队", 'name: ""')
    _refused_everywhere(sample, TEAM, "G122", _line_of(sample, TEAM, 'name: ""'))


def test_empty_organization_name_is_g122(sample: Path) -> None:
    committee = "content/organizations/owners-committee.yml"
    name = next(
        line
        for line in (sample / committee).read_text("utf-8").splitlines()
        if line.startswith("name: ")
    )
    _edit(sample, committee, name, "name: ''")
    _refused_everywhere(sample, committee, "G122", _line_of(sample, committee, "name: ''"))


def test_bell_character_written_as_an_escape_in_a_title_is_g121(sample: Path) -> None:
    _edit(
        sample,
        LAWN,
        "title: 将 9 栋北侧部分绿地改建为地面停车位",
        'title: "将 9 栋北侧部分绿地\\x07改建为地面停车位"',
    )
    output = _refused_everywhere(sample, LAWN, "G121", _line_of(sample, LAWN, "\\x07"))
    assert "U+0007" in output


def test_site_url_of_2900_characters_is_g119_and_not_also_g123(sample: Path) -> None:
    long_url = "https://cuihu.example.org/" + "a" * 2900 + "/"
    _edit(sample, CONFIG, "  url: https://cuihu.example.org/", f"  url: {long_url}")
    output = _refused_everywhere(sample, CONFIG, "G119", _line_of(sample, CONFIG, "  url: "))
    assert "G123" not in output


def test_site_url_within_200_characters_whose_longest_record_url_overflows_the_qr_is_g123(
    sample: Path,
) -> None:
    url = "https://cuihu.example.org/" + "a" * 170 + "/"
    assert len(url) <= 200
    _edit(sample, CONFIG, "  url: https://cuihu.example.org/", f"  url: {url}")
    output = _refused_everywhere(sample, CONFIG, "G123", _line_of(sample, CONFIG, "  url: "))
    assert "content/funds/maintenance-fund-2026-q3.yml" in output  # its path is the longest
    assert f"二维码最多放 {poster_qr_capacity()} 个" in output


def test_seventeen_digit_budget_is_g208(sample: Path) -> None:
    _edit(sample, LAWN, "budget: 168000.00", "budget: 16800000000000000.00")
    output = _refused_everywhere(sample, LAWN, "G208", _line_of(sample, LAWN, "budget: "))
    assert "预算（budget）是 16,800,000,000,000,000.00 元" in output


def test_budget_of_28_digits_is_refused_before_any_arithmetic(sample: Path) -> None:
    _edit(sample, LAWN, "budget: 168000.00", "budget: 1680000000000000000000000000.00")
    _refused_everywhere(sample, LAWN, "G013", _line_of(sample, LAWN, "budget: "))


# ------------------------------------------------------------- the bounds the rules keep


def test_plausible_amounts_stay_inside_what_cn2an_can_write() -> None:
    """cn2an's real limit, found by trying: 16 integer digits; 17 raise ValueError."""
    largest = MAX_PLAUSIBLE_YUAN - Decimal("0.01")
    assert rmb_uppercase(largest).startswith("玖仟玖佰玖拾玖亿")
    assert rmb_uppercase(-largest).startswith("负")
    assert rmb_uppercase(Decimal("9999999999999999.99")).endswith("玖角玖分")
    with pytest.raises(ValueError):
        rmb_uppercase(Decimal("10000000000000000.00"))
    assert Decimal(10) ** 16 > MAX_PLAUSIBLE_YUAN * 1000


def test_the_qr_capacity_comes_from_segno_and_the_guide_states_it() -> None:
    capacity = poster_qr_capacity()
    assert fits_poster_qr("h" * capacity)
    assert not fits_poster_qr("h" * (capacity + 1))
    assert f"最大版本 {POSTER_QR_MAX_VERSION}" in codes.G123.what
    assert f"约 {capacity} 个字符" in codes.G123.what


def test_values_at_the_edge_of_every_new_rule_pass_check_and_build_with_posters(
    base_project: Path,
) -> None:
    """The other half of the promise: what the rules let through, every renderer takes."""
    longest_path = "funds/public-income/public-income-2026q1/"
    padding = poster_qr_capacity() - len("https://test.example.org/" + "/" + longest_path)
    padding -= CODE_QUERY_LENGTH  # the QR code carries `?code=K7QD-3M9X` too
    url = "https://test.example.org/" + "a" * padding + "/"  # the ledger's URL fills the QR code
    _edit(base_project, CONFIG, "  url: https://test.example.org/", f"  url: {url}")
    tutors = "content/organizations/tutors.yml"
    _edit(base_project, tutors, "name: 未成年人志愿辅导队", "name: >\n  未成年人\n  志愿辅导队")
    _edit(base_project, tutors, "role: 队长}", 'role: "队长\\t联络员"}')
    lawn = "content/matters/lawn.yml"
    _edit(
        base_project,
        lawn,
        "summary: 把北侧草坪改为 20 个停车位。",
        'summary: "把北侧草坪改为 20 个停车位。\\r\\n\\r\\n\\t费用：见账目。\\u2028"',
    )
    _edit(base_project, lawn, "budget: 50000.00", "budget: 999999999999.99")
    check = _run("check", str(base_project), "--today", TODAY)
    assert check.exit_code == 0, check.output
    build = _run("build", str(base_project), "--today", TODAY)
    assert build.exit_code == 0, build.output
    site = base_project / "site"
    poster = (site / "posters" / "matters" / "lawn.html").read_text("utf-8")
    assert "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分" in poster
    ledger_poster = site / "posters" / "funds" / "public-income" / "public-income-2026q1.html"
    size = 17 + 4 * POSTER_QR_MAX_VERSION + 8  # modules and the quiet zone
    assert f'viewBox="0 0 {size} {size}"' in ledger_poster.read_text("utf-8")
    assert "未成年人 志愿辅导队" in (site / "volunteers" / "all.ics").read_text("utf-8")
