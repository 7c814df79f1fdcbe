"""jieba started early in its own process finds exactly the names jieba finds here (early_tagger.py)."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from generator import early_tagger, person_names
from generator.check import check_project
from generator.person_names import NAMELESS_FILE, tagged_names
from generator.project import CONTENT_DIR
from tests.conftest import TODAY
from tests.privacy.test_aid_recipients import community_naming_an_aid_recipient

TEXTS = (
    "结对走访困难户李秀英",
    "高温天气慰问独居老人周建国（防暑降温用品）",
    "楼栋长，结对帮扶困难户陈志强",
    "慰问困难家庭 3 户",
    "队员与困难户刘德福家",
    "",
)


@pytest.fixture(autouse=True)
def jieba_not_loaded_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in a fresh `gongshi check` (an earlier test in this process may have loaded it)."""
    monkeypatch.setattr(person_names, "tagger_loaded", lambda: False)


@pytest.fixture
def worth_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tagger started for any community, however small."""
    monkeypatch.setattr(early_tagger, "WORTH_STARTING", 0)


def test_the_early_process_answers_with_the_names_jieba_finds_here(
    tmp_path: Path, worth_it: None
) -> None:
    here = [tagged_names(text) for text in TEXTS]
    assert here[0] == ["李秀英"] and here[3] == []  # the texts hold names, and one holds none
    with early_tagger.tagging_early(tmp_path, _records(tmp_path)):
        there = [early_tagger.names_found(text) for text in TEXTS]
        process = early_tagger._running.process if early_tagger._running else None
    assert there == here
    assert process is not None and not process.is_alive()  # stopped with the block
    assert early_tagger.names_found(TEXTS[0]) is None  # none running: the text is read here


def test_a_check_with_the_early_process_says_what_a_check_without_it_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = community_naming_an_aid_recipient(tmp_path / "community")
    alone = check_project(root, date.fromisoformat(TODAY)).diagnostics
    asked: list[str] = []
    answer = early_tagger.names_found

    def spy(text: str) -> list[str] | None:
        found = answer(text)
        assert found is not None, "the early process answers every text"
        asked.append(text)
        return found

    monkeypatch.setattr(early_tagger, "WORTH_STARTING", 0)
    monkeypatch.setattr(person_names, "names_found", spy)
    assert check_project(root, date.fromisoformat(TODAY)).diagnostics == alone
    assert any("李秀英" in text for text in asked)
    assert any(d.code == "G704" and "李**" in d.message for d in alone)


def test_without_its_process_or_with_a_stale_answer_in_the_pipe_the_answer_is_still_right(
    tmp_path: Path, worth_it: None
) -> None:
    with early_tagger.tagging_early(tmp_path, _records(tmp_path)):
        running = early_tagger._running
        assert running is not None
        running.connection.send(((0, 0), TEXTS[2]))  # an asker that died before reading
        assert early_tagger.names_found(TEXTS[0]) == ["李秀英"]
        running.process.kill()
        running.process.join()
        assert early_tagger.names_found(TEXTS[0]) is None  # and the rule reads it itself


def test_it_is_started_only_for_records_large_enough_and_never_with_kept_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = _records(tmp_path)
    (records / "small.yml").write_bytes(b"x" * (early_tagger.WORTH_STARTING - 1))
    assert not early_tagger._worth_starting(tmp_path, records)
    (records / "more.yml").write_bytes(b"x")
    assert early_tagger._worth_starting(tmp_path, records)
    with monkeypatch.context() as loaded:
        loaded.setattr(person_names, "tagger_loaded", lambda: True)
        assert not early_tagger._worth_starting(tmp_path, records)  # jieba is here already
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    assert early_tagger._worth_starting(tmp_path, records)  # in git, nothing kept yet
    kept = tmp_path / ".git" / "gongshi" / NAMELESS_FILE
    kept.parent.mkdir()
    kept.write_text("{}", "utf-8")
    assert not early_tagger._worth_starting(tmp_path, records)


def _records(root: Path) -> Path:
    folder = root / CONTENT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    return folder
