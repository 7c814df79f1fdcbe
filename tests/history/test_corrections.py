"""A published figure changes only with a correction: the check on a real git repository."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from click.testing import CliRunner

from generator.cli import cli
from tests.conftest import TODAY
from tests.history.conftest import GitRunner

LEDGER = "content/funds/party-funds-2026-q3.yml"
MATTER = "content/matters/assembly-rules-2026.yml"

# The edit: two amounts of the published Q3 ledger moved so that the totals still balance.
BALANCED_EDIT = (
    ("    amount: 1480.00\n", "    amount: 1380.00\n"),
    ("    amount: 1620.00\n", "    amount: 1720.00\n"),
)

CORRECTIONS = """
corrections:
  - date: 2026-12-01
    reason: 按原始发票更正：教具费与窗帘费录入时串行
    field: entries.1.amount
    old: 1480.00
    new: 1380.00
  - date: 2026-12-01
    reason: 按原始发票更正：教具费与窗帘费录入时串行
    field: entries.5.amount
    old: "1620"
    new: 1720.00
"""


def check(root: Path) -> tuple[int, list[dict[str, object]]]:
    result = CliRunner().invoke(cli, ["check", str(root), "--format", "json", "--today", TODAY])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.stdout)


def edit(root: Path, file: str, *replacements: tuple[str, str]) -> None:
    path = root / file
    text = path.read_text("utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, "utf-8")


def add_corrections(root: Path, corrections: str) -> None:
    """Append a `corrections:` list to the Q3 ledger, as a secretary would at its end."""
    with (root / LEDGER).open("a", encoding="utf-8") as ledger:
        ledger.write(corrections)


def history_errors(problems: list[dict[str, object]]) -> list[dict[str, object]]:
    return [p for p in problems if str(p["code"]).startswith("G8")]


def line_of(root: Path, file: str, text: str) -> int:
    lines = (root / file).read_text("utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line == text)


def test_a_balanced_change_to_a_published_ledger_names_file_line_old_and_new(
    sample_repo: tuple[Path, GitRunner],
) -> None:
    root, _ = sample_repo
    edit(root, LEDGER, *BALANCED_EDIT)
    code, problems = check(root)
    assert code == 1
    errors = history_errors(problems)
    assert [(p["code"], p["file"], p["line"]) for p in errors] == [
        ("G801", LEDGER, line_of(root, LEDGER, "    amount: 1380.00")),
        ("G801", LEDGER, line_of(root, LEDGER, "    amount: 1720.00")),
    ]
    first, second = (str(p["message"]) for p in errors)
    assert "entries.1.amount" in first and "1480.00" in first and "1380.00" in first
    assert "entries.5.amount" in second and "1620.00" in second and "1720.00" in second
    assert not [p for p in problems if p["code"] in ("G201", "G203")]  # the totals still balance


def test_the_corrections_make_the_change_explicit(sample_repo: tuple[Path, GitRunner]) -> None:
    root, _ = sample_repo
    edit(root, LEDGER, *BALANCED_EDIT)
    add_corrections(root, CORRECTIONS)
    code, problems = check(root)
    assert history_errors(problems) == [] and code == 0, problems


def test_a_correction_with_the_wrong_old_value_is_an_error(
    sample_repo: tuple[Path, GitRunner],
) -> None:
    root, _ = sample_repo
    edit(root, LEDGER, *BALANCED_EDIT)
    add_corrections(root, CORRECTIONS.replace("old: 1480.00", "old: 1450.00"))
    code, problems = check(root)
    assert code == 1
    [error] = history_errors(problems)
    assert error["code"] == "G802"
    assert error["line"] == line_of(root, LEDGER, "    old: 1450.00")
    assert "1480.00" in str(error["message"])


def test_removing_a_published_entry_is_a_change(sample_repo: tuple[Path, GitRunner]) -> None:
    root, _ = sample_repo
    edit(
        root,
        LEDGER,
        (
            "  - date: 2026-08-01\n    type: expense\n    category: 党员活动\n    amount: 600.00\n"
            "    description: 八一建军节退役军人党员座谈会\n    counterparty: 翠湖便民超市\n"
            "    voucher: 党建-2026-025\n",
            "",
        ),
    )
    code, problems = check(root)
    assert code == 1
    messages = [str(p["message"]) for p in history_errors(problems)]
    assert any("entries.3" in m and "被删除" in m and "600.00" in m for m in messages), messages


def test_a_new_timeline_event_is_an_addition_not_a_correction(
    sample_repo: tuple[Path, GitRunner],
) -> None:
    root, _ = sample_repo
    edit(
        root,
        MATTER,
        (
            "  - date: 2026-11-08\n    event: 表决截止\n",
            "  - date: 2026-11-08\n    event: 表决截止\n  - date: 2026-11-20\n"
            "    event: 业委会在各单元公示栏张贴表决结果\n",
        ),
    )
    code, problems = check(root)
    assert history_errors(problems) == [] and code == 0, problems


def test_an_uncorrected_change_in_history_fails_on_a_clean_clone(
    sample_repo: tuple[Path, GitRunner], tmp_path: Path
) -> None:
    root, git = sample_repo
    edit(root, LEDGER, *BALANCED_EDIT)
    git("commit", "-q", "-am", "更新第三季度账目")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(root), str(clone)], check=True, capture_output=True)
    code, problems = check(clone)
    assert code == 1
    errors = history_errors(problems)
    assert [p["code"] for p in errors] == ["G801", "G801"]
    commit = git("rev-parse", "--short=7", "HEAD").strip()
    assert all(commit in str(p["message"]) for p in errors), errors


def test_a_correction_added_later_covers_the_earlier_commit(
    sample_repo: tuple[Path, GitRunner],
) -> None:
    root, git = sample_repo
    edit(root, LEDGER, *BALANCED_EDIT)
    git("commit", "-q", "-am", "更新第三季度账目")
    add_corrections(root, CORRECTIONS)
    git("commit", "-q", "-am", "补写更正记录")
    code, problems = check(root)
    assert history_errors(problems) == [] and code == 0, problems


def test_a_published_correction_cannot_be_taken_back(sample_repo: tuple[Path, GitRunner]) -> None:
    root, git = sample_repo
    edit(root, LEDGER, *BALANCED_EDIT)
    add_corrections(root, CORRECTIONS)
    git("commit", "-q", "-am", "更正第三季度账目")
    text = (root / LEDGER).read_text("utf-8")
    (root / LEDGER).write_text(text[: text.index("\ncorrections:")] + "\n", "utf-8")
    code, problems = check(root)
    assert code == 1
    messages = [str(p["message"]) for p in history_errors(problems)]
    assert any("更正记录" in m and "不能删改" in m for m in messages), messages


def test_a_correction_naming_no_change_is_a_warning(sample_repo: tuple[Path, GitRunner]) -> None:
    root, _ = sample_repo
    add_corrections(root, CORRECTIONS.replace("entries.5.amount", "entries.50.amount"))
    edit(root, LEDGER, BALANCED_EDIT[0])
    edit(root, LEDGER, ("    amount: 750.00\n", "    amount: 850.00\n"))  # the totals still balance
    _, problems = check(root)
    codes = sorted(str(p["code"]) for p in history_errors(problems))
    assert codes == ["G801", "G803"], problems


def test_a_second_change_to_a_corrected_figure_needs_its_own_correction(
    sample_repo: tuple[Path, GitRunner],
) -> None:
    root, git = sample_repo
    edit(root, LEDGER, *BALANCED_EDIT)
    add_corrections(root, CORRECTIONS)
    git("commit", "-q", "-am", "更正第三季度账目")
    edit(root, LEDGER, ("    amount: 1380.00\n", "    amount: 1300.00\n"))
    edit(root, LEDGER, ("    amount: 750.00\n", "    amount: 830.00\n"))
    code, problems = check(root)
    assert code == 1
    messages = [str(p["message"]) for p in history_errors(problems)]
    assert len(messages) == 2 and any("「1380.00」" in m and "1300.00" in m for m in messages)


def test_the_built_site_feed_and_poster_show_the_correction(
    sample_repo: tuple[Path, GitRunner], tmp_path: Path
) -> None:
    root, git = sample_repo
    edit(root, LEDGER, *BALANCED_EDIT)
    add_corrections(root, CORRECTIONS)
    git("commit", "-q", "-am", "更正第三季度账目")
    out = tmp_path / "site"
    runner = CliRunner()
    built = runner.invoke(
        cli, ["build", str(root), "--out", str(out), "--no-posters", "--today", TODAY]
    )
    assert built.exit_code == 0, built.output
    page = (out / "funds" / "party-funds" / "party-funds-2026q3" / "index.html").read_text("utf-8")
    page = page[page.index("<article") :]  # the page itself, not its table of contents
    corrections = page[page.index("更正记录") : page.index("核对与修订记录")]
    for text in (  # the page writes every amount with thousands separators
        "收支明细第 1 笔的金额",
        "1,480.00",
        "1,380.00",
        "收支明细第 5 笔的金额",
        "1620",  # written without decimals: a bare four-digit number is left as typed
        "1,720.00",
    ):
        assert text in corrections, text
    assert "按原始发票更正：教具费与窗帘费录入时串行" in corrections
    versions = page[page.index("核对与修订记录") :]
    assert versions.index("更正第三季度账目") < versions.index("发布样例")  # newest first
    assert "（当前）" in versions
    feed = (out / "feed.xml").read_text("utf-8") if (out / "feed.xml").exists() else ""
    feeds = feed + "".join(p.read_text("utf-8") for p in out.rglob("*.xml") if "atom" in p.name)
    assert "【更正】" in feeds and "1480.00" in feeds
    printed = runner.invoke(
        cli,
        [
            "print",
            "party-funds-2026q3",
            "-C",
            str(root),
            "--out",
            str(tmp_path / "print"),
            "--today",
            TODAY,
        ],
    )
    assert printed.exit_code == 0, printed.output
    [poster] = (tmp_path / "print").rglob("*.html")
    html = poster.read_text("utf-8")
    assert 'class="corrected-mark"' in html and "更正说明" in html
    assert "1480.00" in html and "1380.00" in html and "教具费与窗帘费录入时串行" in html


STAGED = "content/matters/cctv-upgrade-2026.yml"
PRELIMINARY_VOTE = (
    (
        "  participated:\n    owners: 901\n    area_m2: 89524.31\n",
        "  participated:\n    owners: 902\n    area_m2: 89612.40\n",
    ),
    (
        "  agreed:\n    owners: 715\n    area_m2: 71145.56\n",
        "  agreed:\n    owners: 716\n    area_m2: 71233.65\n",
    ),
)


def _as_preliminary(text: str) -> str:
    """The sample's staged matter as it stood on 11-17: the preliminary result, not yet final."""
    for final, preliminary in PRELIMINARY_VOTE:
        text = text.replace(final, preliminary)
    start = text.index("decision:\n")
    end = text.index("documents:\n")
    return (
        text[:start]
        + "decision:\n  stage: preliminary\n  date: 2026-11-17\n  result: approved\n"
        + "  published: 2026-11-17\n"
        + text[end:]
    )


def test_a_final_result_that_keeps_the_preliminary_one_is_a_step_forward(
    sample_repo: tuple[Path, GitRunner],
) -> None:
    root, git = sample_repo
    final = (root / STAGED).read_text("utf-8")
    (root / STAGED).write_text(_as_preliminary(final), "utf-8")
    git("commit", "-q", "--amend", "-am", "发布样例（监控系统表决为初步结果）")
    (root / STAGED).write_text(final, "utf-8")
    code, problems = check(root)
    assert history_errors(problems) == [] and code == 0, problems


def test_a_final_result_that_drops_the_preliminary_one_needs_corrections(
    sample_repo: tuple[Path, GitRunner],
) -> None:
    root, git = sample_repo
    final = (root / STAGED).read_text("utf-8")
    (root / STAGED).write_text(_as_preliminary(final), "utf-8")
    git("commit", "-q", "--amend", "-am", "发布样例（监控系统表决为初步结果）")
    kept = final.index("  preliminary:\n")
    (root / STAGED).write_text(final[:kept] + final[final.index("documents:\n") :], "utf-8")
    code, problems = check(root)
    assert code == 1
    fields = {str(p["message"]).split("（", 2)[1].split("）")[0] for p in history_errors(problems)}
    assert {"decision.date", "vote.participated.owners", "vote.agreed.area_m2"} <= fields, problems
