"""`gongshi verify` through the real CLI, on a real git repository and a real printed poster."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from generator.checksum import (
    ALPHABET,
    canonical_json,
    checksum_of,
    normalize_code,
    record_checksum,
)
from generator.cli import cli
from generator.history.versions import read_history, record_id, record_kind
from generator.project import load_project
from generator.verify import (
    CodeIndex,
    LineVersion,
    RecordLine,
    code_shards,
    near_codes,
    record_lines,
    report_text,
    typed_code,
    verify_report,
)
from tests.conftest import BASE
from tests.history.conftest import git_in
from tests.history.poster_scenario import LEDGER, LEDGER_ID, REASON, Scenario, make_scenario


def verify(*args: str) -> Result:
    return CliRunner().invoke(cli, ["verify", *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    return make_scenario(tmp_path_factory.mktemp("verify"))


def _short(scenario: Scenario, revision: str) -> str:
    return scenario.git("rev-parse", "--short=7", revision).strip()


def test_the_posters_code_is_the_current_version_and_names_the_record(story: Scenario) -> None:
    result = verify(story.second.code, str(story.root))
    assert result.exit_code == 0, result.output
    output = result.output
    assert f"校验码 {story.second.code}：是当前版本" in output
    assert "收支账目「小区公共收益（2026年1月1日至3月31日）」" in output
    assert f"编号 {LEDGER_ID}" in output and f"文件 {LEDGER}" in output
    assert f"由党支部秘书提交（版本号 {_short(story, 'HEAD')}）" in output
    assert "期初余额：1,000.00 元" in output
    assert "支出合计：250.00 元（1 笔）" in output
    assert "期末余额：1,250.10 元" in output
    assert f"https://test.example.org/funds/public-income/{LEDGER_ID}/" in output


def test_the_code_of_the_first_poster_is_superseded_by_the_correction(story: Scenario) -> None:
    assert story.first.code != story.second.code
    result = verify(story.first.code, str(story.root))
    assert result.exit_code == 1, result.output
    output = result.output
    assert f"校验码 {story.first.code}：是旧版本，已被取代" in output
    assert f"（版本号 {_short(story, 'HEAD~1')}）" in output
    assert "支出合计：200.00 元（1 笔）" in output  # the figures that were on the paper
    assert "期末余额：1,300.10 元" in output
    later = f"（版本号 {_short(story, 'HEAD')}），校验码 {story.second.code}（现在的版本）"
    assert later in output
    assert (
        f"更正 收支明细第 2 笔的金额（entries.2.amount）：200.00 → 250.00（2026年11月26日，{REASON}）"
        in output
    )
    assert "更正 期末余额（closing_balance）：1300.10 → 1250.10" in output
    assert f"现在的校验码是 {story.second.code}" in output


def test_the_log_index_is_the_versions_position_in_read_history(story: Scenario) -> None:
    history = read_history(story.root)
    assert history is not None
    positions = {checksum_of(v.canonical): i for i, v in enumerate(history.versions)}
    for code in (story.first.code, story.second.code):
        result = verify(code, str(story.root), "--format", "json")
        report = json.loads(result.output)
        (answer,) = report["answers"]
        assert answer["log_index"] == positions[code]
        assert f"公开日志：第 {positions[code] + 1} 条" in verify(code, str(story.root)).output


def test_json_says_the_same_as_the_text(story: Scenario) -> None:
    result = verify(story.first.code, str(story.root), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert (report["found"], report["current"], report["history"]) == (True, False, True)
    (answer,) = report["answers"]
    assert answer["status"] == "superseded" and answer["status_words"] == "已被取代"
    assert (answer["kind"], answer["id"], answer["file"]) == ("ledger", LEDGER_ID, LEDGER)
    assert answer["page"] == f"funds/public-income/{LEDGER_ID}/"
    assert ["支出合计", "200.00 元（1 笔）"] in answer["figures"]
    assert answer["current_code"] == story.second.code
    (step,) = answer["later"]
    assert step["code"] == story.second.code
    assert step["corrections"][0] == {
        "date": "2026年11月26日",
        "field": "entries.2.amount",
        "field_words": "收支明细第 2 笔的金额",
        "old": "200.00",
        "new": "250.00",
        "reason": REASON,
    }
    assert report["witness"] is None


def _lookalike(code: str) -> str:
    """The code as a resident might type it: lower case, no dash, look-alike letters."""
    typed = code.replace("-", " ").lower()
    for printed, letter in (("2", "z"), ("5", "s"), ("6", "g"), ("8", "b"), ("V", "u")):
        typed = typed.replace(printed.lower(), letter)
    return typed


@pytest.mark.parametrize(
    "typing",
    [
        lambda code: code.lower(),
        lambda code: code.replace("-", ""),
        lambda code: f"  {code[:2]} {code[2:4]}—{code[5:]} ",
        _lookalike,
        lambda code: code.translate({ord(c): ord(c) + 0xFEE0 for c in code if c.isalnum()}),
    ],
    ids=["lower case", "no dash", "spaces and a long dash", "look-alike letters", "full width"],
)
def test_the_code_typed_carelessly_still_finds_the_version(story: Scenario, typing: object) -> None:
    typed = typing(story.second.code)  # type: ignore[operator]
    result = verify(typed, str(story.root))
    assert result.exit_code == 0, result.output
    assert f"校验码 {story.second.code}：是当前版本" in result.output


def test_look_alike_letters_are_read_as_the_printed_symbols() -> None:
    assert typed_code("zsgb-u234") == "2568-V234"
    assert normalize_code("ZSGB-U234") == "2568-V234"
    assert typed_code("ＫＶＹ４－Ｈ７ＣＨ") == "KVY4-H7CH"


def test_an_unknown_code_exits_1_and_asks_to_check_the_characters(story: Scenario) -> None:
    result = verify("2222-2222", str(story.root))
    assert result.exit_code == 1, result.output
    assert "校验码 2222-2222：没有找到" in result.output
    assert "请逐个核对输入的字符" in result.output
    assert "没有 0、1、O、I" in result.output


def test_a_code_one_symbol_off_suggests_the_real_one(story: Scenario) -> None:
    code = story.second.code
    wrong = code[:-1] + next(c for c in ALPHABET if c != code[-1])
    result = verify(wrong, str(story.root))
    assert result.exit_code == 1
    assert f"相近的校验码有：{code}" in result.output


def test_two_neighbours_swapped_are_near_and_two_far_apart_are_not() -> None:
    assert near_codes("7KQD-3M9X", ["K7QD-3M9X"]) == ["K7QD-3M9X"]
    assert near_codes("KQ7D-3M9X", ["K7QD-3M9X"]) == ["K7QD-3M9X"]
    assert near_codes("X7QD-3M9K", ["K7QD-3M9X"]) == []


@pytest.mark.parametrize("garbage", ["hello", "K7QD-3M9", "K7QD-3M9X-2", "0000-0000", "校验码"])
def test_what_is_not_a_code_is_misuse(story: Scenario, garbage: str) -> None:
    result = verify(garbage, str(story.root))
    assert result.exit_code == 2, result.output
    assert "用法错误" in result.output and "不是校验码" in result.output
    assert "Traceback" not in result.output


def test_a_folder_without_a_project_is_misuse(tmp_path: Path) -> None:
    result = verify("K7QD-3M9X", str(tmp_path))
    assert result.exit_code == 2
    assert "找不到 site_config.yml" in result.output


def test_a_deleted_record_is_reported_as_removed(story: Scenario, tmp_path: Path) -> None:
    root = tmp_path / "community"
    shutil.copytree(story.root, root)
    git = git_in(root)
    git("rm", "-q", "content/volunteers/tutors.yml")
    git("commit", "-qm", "撤下值班表")
    history = read_history(root)
    assert history is not None
    schedule = next(v for v in history.versions if v.kind == "schedule")
    result = verify(checksum_of(schedule.canonical), str(root))
    assert result.exit_code == 1, result.output
    assert "属于一条已删除的记录" in result.output
    assert "网页：" not in result.output


def test_outside_git_only_the_current_records_are_checked(tmp_path: Path) -> None:
    root = tmp_path / "community"
    shutil.copytree(BASE, root)
    project, _ = load_project(root, date(2026, 11, 25))
    assert project is not None
    code = record_checksum(project.matters[0].record)
    result = verify(code, str(root))
    assert result.exit_code == 0, result.output
    assert "不在 git 仓库里" in result.output and "只核对现有的记录" in result.output
    assert "工作区里尚未提交的内容" in result.output
    unknown = verify("2222-2222", str(root))
    assert unknown.exit_code == 1
    assert "它也可能属于一个旧版本" in unknown.output


def test_an_uncommitted_change_supersedes_the_committed_version(
    story: Scenario, tmp_path: Path
) -> None:
    root = tmp_path / "community"
    shutil.copytree(story.root, root)
    path = root / LEDGER
    path.write_text(path.read_text("utf-8").replace("一月停车费", "一月份停车费"), encoding="utf-8")
    result = verify(story.second.code, str(root))
    assert result.exit_code == 1, result.output
    assert "工作区里尚未提交的修改" in result.output
    assert "没有登记更正" in result.output


def test_a_ledger_changed_back_lists_both_versions_of_the_code(
    story: Scenario, tmp_path: Path
) -> None:
    root = tmp_path / "community"
    shutil.copytree(story.root, root)
    git = git_in(root)
    git("checkout", "-q", "HEAD~1", "--", LEDGER)
    git("commit", "-qm", "撤回更正")
    result = verify(story.first.code, str(root))
    assert result.exit_code == 0, result.output  # the code is current again
    assert f"校验码 {story.first.code} 对应同一条记录的 2 个版本" in result.output
    assert result.output.count(f"校验码 {story.first.code}：") == 2
    assert "是旧版本，已被取代" in result.output and "是当前版本" in result.output
    report = json.loads(verify(story.first.code, str(root), "--format", "json").output)
    assert [a["status"] for a in report["answers"]] == ["superseded", "current"]
    assert report["answers"][0]["log_index"] < report["answers"][1]["log_index"]


def test_two_records_sharing_a_code_are_both_listed() -> None:
    """Two different contents with one code (37.6 bits make it rare, never impossible)."""
    project, _ = load_project(BASE, date(2026, 11, 25))
    assert project is not None
    lines = []
    for item in (project.matters[0], project.ledgers[0]):
        key = (record_kind(item.record), record_id(item.record))
        canonical = canonical_json(item.record).encode()
        version = LineVersion(item.file, canonical, "K7QD-3M9X", None, None, item.record)
        lines.append(RecordLine(key, [version], present=True))
    report = verify_report("k7qd3m9x", "K7QD-3M9X", CodeIndex(tuple(lines), False, {}))
    text = report_text(report)
    assert "对应 2 个不同记录的版本" in text
    assert "重大事项「草坪改建停车位」" in text and "收支账目「小区公共收益" in text


def test_a_mobile_number_removed_later_is_masked_in_the_old_versions_answer(
    story: Scenario, tmp_path: Path
) -> None:
    root = tmp_path / "community"
    shutil.copytree(story.root, root)
    git = git_in(root)
    lawn = root / "content/matters/lawn.yml"
    text = lawn.read_text("utf-8")
    lawn.write_text(
        text.replace("title: 草坪改建停车位", "title: 草坪改建停车位 联系13812345678"), "utf-8"
    )
    git("commit", "-qam", "标题")
    old = record_checksum(load_project(root, date(2026, 11, 25))[0].matters[0].record)  # type: ignore[union-attr]
    lawn.write_text(text, "utf-8")
    git("commit", "-qam", "去掉手机号")
    result = verify(old, str(root))
    assert result.exit_code == 1, result.output
    assert "联系138****5678" in result.output and "13812345678" not in result.output
    index = record_lines(read_history(root), load_project(root)[0], root)
    shards = json.dumps(code_shards(list(index.answers())), ensure_ascii=False)
    assert "138****5678" in shards and "13812345678" not in shards


def _shards_of(root: Path) -> dict[str, Any]:
    project, _ = load_project(root, date(2026, 11, 25))
    assert project is not None
    return code_shards(record_lines(project.history, project, root).answers())


def test_what_each_version_says_is_kept_and_gives_the_same_answers(
    story: Scenario, tmp_path: Path
) -> None:
    """The second run reads the kept facts (no model work) and must answer byte for byte alike."""
    root = tmp_path / "community"
    shutil.copytree(story.root, root)
    kept = root / ".git" / "gongshi" / "facts.json"
    kept.unlink(missing_ok=True)
    worked_out = _shards_of(root)
    assert kept.is_file()
    entries = json.loads(kept.read_text("utf-8"))["entries"]
    assert len(entries) == 1  # the superseded first version; the current one is loaded anyway
    assert _shards_of(root) == worked_out
    data = json.loads(kept.read_text("utf-8"))
    for entry in data["entries"].values():
        entry["figures"] = [["期初余额", "9,999.99 元"]]
    kept.write_text(json.dumps(data), "utf-8")
    assert "9,999.99 元" in json.dumps(_shards_of(root), ensure_ascii=False)  # read, not redone
    # A kept file from other code (another fingerprint), or a damaged one, is not trusted.
    kept.write_text(json.dumps({**data, "fingerprint": "other"}), "utf-8")
    assert _shards_of(root) == worked_out
    kept.write_text("{not json", "utf-8")
    assert _shards_of(root) == worked_out
