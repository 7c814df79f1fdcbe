"""Record versions read from a real git repository."""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.history import read_versions
from generator.history.versions import read_history
from tests.history.conftest import GitRunner, init_repository

LEDGER = "content/funds/party-funds-2026-q3.yml"


def _versions_of(root: Path, file: str) -> list[str]:
    versions = read_versions(root)
    assert versions is not None
    return [v.subject for v in versions if v.file == file]


def test_every_sample_record_has_one_version_after_the_first_commit(
    sample_repo: tuple[Path, GitRunner],
) -> None:
    root, git = sample_repo
    versions = read_versions(root)
    assert versions is not None
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.yml"))
    assert sorted(v.file for v in versions) == files
    head = git("rev-parse", "HEAD").strip()
    assert {v.commit for v in versions} == {head}
    assert {v.author for v in versions} == {"党支部秘书"}
    assert {v.subject for v in versions} == {"发布样例"}
    assert all(v.committed.tzinfo is not None for v in versions)
    ledger = next(v for v in versions if v.file == LEDGER)
    assert (ledger.kind, ledger.record_id) == ("ledger", "party-funds-2026q3")
    assert json.loads(ledger.canonical)["account"] == "party-funds"


def test_a_changed_amount_is_a_new_version_and_a_reformatting_is_not(
    sample_repo: tuple[Path, GitRunner],
) -> None:
    root, git = sample_repo
    path = root / LEDGER
    text = path.read_text(encoding="utf-8")
    path.write_text("# 只加一行注释\n" + text, encoding="utf-8")
    git("commit", "-qam", "加注释")
    amount = re.search(r"amount: (\d+\.\d\d)", text)
    assert amount is not None
    changed = text.replace(amount.group(0), "amount: 1.00", 1)
    path.write_text(changed, encoding="utf-8")
    git("commit", "-qam", "改金额")
    assert _versions_of(root, LEDGER) == ["发布样例", "改金额"]
    versions = read_versions(root)
    assert versions is not None
    latest = [v for v in versions if v.file == LEDGER][-1]
    amounts = [e["amount"] for e in json.loads(latest.canonical)["entries"]]
    assert "1.00" in amounts


def test_a_broken_historic_commit_is_skipped_with_a_note(
    sample_repo: tuple[Path, GitRunner],
) -> None:
    root, git = sample_repo
    path = root / LEDGER
    good = path.read_text(encoding="utf-8")
    path.write_text("account: [不闭合\n", encoding="utf-8")
    git("commit", "-qam", "坏提交")
    path.write_text(good.replace("\n", "\n\n", 1), encoding="utf-8")
    git("commit", "-qam", "修好")
    history = read_history(root)
    assert history is not None
    assert [(u.file, u.reason[:4]) for u in history.unreadable] == [(LEDGER, "YAML")]
    assert _versions_of(root, LEDGER) == ["发布样例"]


def test_outside_git_there_are_no_versions(tmp_path: Path) -> None:
    (tmp_path / "site_config.yml").write_text("community: {}\n", encoding="utf-8")
    assert read_versions(tmp_path) is None


def test_a_repository_without_commits_has_no_versions_yet(tmp_path: Path) -> None:
    init_repository(tmp_path)
    assert read_versions(tmp_path) == ()


def test_a_project_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    git = init_repository(tmp_path)
    project = tmp_path / "小区"
    (project / "content" / "matters").mkdir(parents=True)
    (project / "content" / "matters" / "x.yml").write_text("id: x\n", encoding="utf-8")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "outside.yml").write_text("id: y\n", encoding="utf-8")
    git("add", "-A")
    git("commit", "-qm", "子文件夹")
    history = read_history(project)
    assert history is not None
    assert [u.file for u in history.unreadable] == ["content/matters/x.yml"]
