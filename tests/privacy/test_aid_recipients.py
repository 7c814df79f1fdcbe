"""Aid recipients are never named: the exact places issue 8 found names published, through the CLI."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result

from generator import person_names
from generator.check import check_project
from tests.conftest import TODAY
from tests.site.conftest import sample_copy

PLACES = {
    "a shift's activity": (
        "content/volunteers/poverty-relief.yml",
        "activity: 结对走访困难家庭和独居老人",
        "activity: 结对走访困难户李秀英",
    ),
    "a shift's volunteers": (
        "content/volunteers/poverty-relief.yml",
        "      - 袁凤英\n      - 潘建军\n  - date: 2026-10-18",
        "      - 袁凤英\n      - 王桂兰\n  - date: 2026-10-18",
    ),
    "a member's note": (
        "content/organizations/poverty-relief.yml",
        "note: 楼栋长",
        "note: 楼栋长，结对帮扶困难户陈志强",
    ),
    "an organization's summary": (
        "content/organizations/poverty-relief.yml",
        "summary: 队员与困难家庭",
        "summary: 队员与困难户刘德福家",
    ),
    "an aid entry's description": (
        "content/funds/party-funds-2026-q3.yml",
        "description: 高温天气慰问独居老人 5 户（防暑降温用品）",
        "description: 高温天气慰问独居老人周建国（防暑降温用品）",
    ),
    "a counterparty under 慰问困难家庭": (
        "content/funds/party-funds-2026-q3.yml",
        "    category: 帮扶慰问\n",
        "    category: 慰问困难家庭\n    counterparty: 孙丽\n",
    ),
    "a counterparty under 扶贫帮困": (
        "content/funds/party-funds-2026-q3.yml",
        "    category: 帮扶慰问\n",
        "    category: 扶贫帮困\n    counterparty: 赵明\n",
    ),
}


@pytest.mark.parametrize("place", PLACES)
def test_a_named_aid_recipient_is_an_error_and_the_name_is_masked(
    tmp_path: Path, run_cli: Callable[..., Result], place: str
) -> None:
    root = sample_copy(tmp_path / "community")
    file, before, after = PLACES[place]
    text = (root / file).read_text("utf-8")
    assert before in text, f"the sample no longer has {before!r}"
    (root / file).write_text(text.replace(before, after, 1), "utf-8")
    result = run_cli("check", str(root), "--today", TODAY)
    assert result.exit_code == 1, result.output
    [line] = [line for line in result.output.splitlines() if "错误 G704" in line]
    assert file in result.output
    name = next(
        n for n in ("李秀英", "王桂兰", "陈志强", "刘德福", "周建国", "孙丽", "赵明") if n in after
    )
    assert name not in result.output, line
    assert name[0] + "*" in line


def test_the_sample_raises_no_false_alarm_and_names_of_members_are_fine(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    root = sample_copy(tmp_path / "community")
    file = root / "content/volunteers/poverty-relief.yml"
    text = file.read_text("utf-8").replace(
        "activity: 结对走访困难家庭和独居老人", "activity: 王立新带队结对走访困难家庭"
    )
    file.write_text(text, "utf-8")
    result = run_cli("check", str(root), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "G704" not in result.output


def _commit_all(root: Path) -> None:
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-qm", "记录")):
        subprocess.run(
            [
                "git",
                "-C",
                str(root),
                "-c",
                "user.name=秘书",
                "-c",
                "user.email=s@example.org",
                *args,
            ],
            check=True,
            capture_output=True,
        )


def community_naming_an_aid_recipient(folder: Path) -> Path:
    """The sample community with 李秀英 named in an aid team's shift (one G704)."""
    root = sample_copy(folder)
    file, before, after = PLACES["a shift's activity"]
    (root / file).write_text((root / file).read_text("utf-8").replace(before, after, 1), "utf-8")
    return root


def test_a_text_found_nameless_is_not_read_by_jieba_again_and_a_named_one_always_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = community_naming_an_aid_recipient(tmp_path / "community")
    _commit_all(root)
    read: list[str] = []
    tagged_names = person_names.tagged_names

    def spy(text: str) -> list[str]:
        read.append(text)
        return tagged_names(text)

    monkeypatch.setattr(person_names, "tagged_names", spy)
    today = date.fromisoformat(TODAY)
    first = check_project(root, today).diagnostics
    first_read = list(read)
    named = [text for text in first_read if tagged_names(text)]
    assert len(first_read) > 5 and len(named) == 1 and "李秀英" in named[0]
    kept = (root / ".git" / "gongshi" / "names.json").read_text("utf-8")
    assert "李" not in kept and "走访" not in kept  # digests only, and never a named text's

    read.clear()
    assert check_project(root, today).diagnostics == first
    assert read == named  # the nameless texts are known; the named one is read again

    read.clear()
    monkeypatch.setattr(person_names, "_nameless_fingerprint", lambda: "jieba upgraded")
    assert check_project(root, today).diagnostics == first
    assert sorted(read) == sorted(first_read)  # another jieba or dictionary: read everything
