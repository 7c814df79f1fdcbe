"""The `gongshi` command's contract: exit codes, formats, Chinese misuse messages."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import REPO, TODAY


def test_base_community_passes(run_cli, base_project: Path) -> None:
    result = run_cli("check", str(base_project), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "检查通过" in result.output


def test_sample_community_passes(run_cli) -> None:
    result = run_cli("check", str(REPO), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "0 个错误" in result.output or "检查通过" in result.output


def test_folder_without_config_is_misuse(run_cli, tmp_path: Path) -> None:
    result = run_cli("check", str(tmp_path))
    assert result.exit_code == 2
    assert "找不到 site_config.yml" in result.output


def test_unknown_option_is_misuse_in_chinese(run_cli, base_project: Path) -> None:
    result = run_cli("check", str(base_project), "--no-such-flag")
    assert result.exit_code == 2
    assert "没有这个选项" in result.output


def test_json_format_lists_every_field(run_cli, base_project: Path) -> None:
    ledger = base_project / "content/funds/public-2026-q1.yml"
    ledger.write_text(ledger.read_text("utf-8").replace("1300.10", "1300.11"), "utf-8")
    result = run_cli("check", str(base_project), "--format", "json", "--today", TODAY)
    assert result.exit_code == 1
    problems = json.loads(result.output)
    assert [(p["code"], p["file"], p["line"]) for p in problems] == [
        ("G201", "content/funds/public-2026-q1.yml", 8)
    ]
    assert set(problems[0]) >= {"code", "severity", "file", "line", "column", "message"}


def test_github_format_annotates_the_file(run_cli, base_project: Path) -> None:
    ledger = base_project / "content/funds/public-2026-q1.yml"
    ledger.write_text(ledger.read_text("utf-8").replace("1300.10", "1300.11"), "utf-8")
    result = run_cli("check", str(base_project), "--format", "github", "--today", TODAY)
    assert result.exit_code == 1
    assert result.output.startswith(
        "::error file=content/funds/public-2026-q1.yml,line=8,col=18,title=G201::"
    )


def test_strict_fails_on_warnings(run_cli, base_project: Path) -> None:
    config = base_project / "content/organizations/owners-committee.yml"
    config.write_text(config.read_text("utf-8").replace("2029-12-31", "2027-01-31"), "utf-8")
    relaxed = run_cli("check", str(base_project), "--today", TODAY)
    strict = run_cli("check", str(base_project), "--today", TODAY, "--strict")
    assert relaxed.exit_code == 0 and "G504" in relaxed.output
    assert strict.exit_code == 1


def test_schema_writes_one_file_per_record_type(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "schemas"
    result = run_cli("schema", "--out", str(out))
    assert result.exit_code == 0, result.output
    ledger = json.loads((out / "ledger.schema.json").read_text("utf-8"))
    assert ledger["properties"]["closing_balance"]["title"] == "期末余额"
    assert "description" in ledger["properties"]["entries"]
    assert {p.name for p in out.iterdir()} >= {
        "site_config.schema.json",
        "organization.schema.json",
        "ledger.schema.json",
        "matter.schema.json",
        "schedule.schema.json",
        "vscode-settings.json",
    }


def test_explain_prints_what_a_code_checks(run_cli) -> None:
    result = run_cli("check", "--explain", "g201")
    assert result.exit_code == 0
    assert result.output.startswith("G201 账目不平（错误）")
    assert "检查什么" in result.output and "改正" in result.output


def test_explain_of_an_unknown_code_is_misuse(run_cli) -> None:
    result = run_cli("check", "--explain", "G999")
    assert result.exit_code == 2
    assert "没有编号为「G999」的问题" in result.output
