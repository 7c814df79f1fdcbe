"""`gongshi init`: a new community that passes `check` and `build` at once, never over a file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator.check import check_project
from generator.scaffold.community import init_files
from generator.scaffold.files import write_new_files
from generator.schemas import SCHEMA_FILES
from tests.conftest import TODAY, Gongshi
from tests.history.conftest import init_repository


def test_init_then_check_build_new_ledger_and_check_again(gongshi: Gongshi, tmp_path: Path) -> None:
    made = gongshi("init", "翠湖花园小区", "--today", TODAY, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    root = tmp_path / "翠湖花园小区"
    config = yaml.safe_load((root / "site_config.yml").read_text("utf-8"))
    assert config["community"]["name"] == "翠湖花园小区"

    git = init_repository(root)
    git("add", "-A")
    git("commit", "-q", "-m", "新建小区")

    checked = gongshi("check", "--today", TODAY, cwd=root)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "检查通过" in checked.stdout

    built = gongshi("build", "--no-posters", "--today", TODAY, cwd=root)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (root / "site" / "index.html").is_file()
    assert git("status", "--porcelain") == "", ".gitignore keeps the built site out of git"

    funds = root / "content" / "funds"
    [previous] = funds.glob("*.yml")
    new = gongshi("new", "ledger", "--account", "public-income", "--today", TODAY, cwd=funds)
    assert new.returncode == 0, new.stderr
    assert new.stdout.strip() == "public-income-2026-q4.yml"  # the path, from where it ran
    written = yaml.safe_load((funds / "public-income-2026-q4.yml").read_text("utf-8"))
    closed = yaml.safe_load(previous.read_text("utf-8"))
    assert previous.name == "public-income-2026-q3.yml"
    assert str(written["opening_balance"]) == str(closed["closing_balance"]) == "25155.2"
    assert (written["period"]["start"], written["period"]["end"]) == (
        date(2026, 10, 1),
        date(2026, 12, 31),
    )

    again = gongshi("check", "--today", TODAY, cwd=funds)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "检查通过" in again.stdout
    git("add", "-A")
    git("commit", "-q", "-m", "第四季度账目")
    assert gongshi("check", "--today", TODAY, cwd=root).returncode == 0


@pytest.mark.parametrize(
    "today",
    ["2025-01-02", "2025-10-08", "2026-02-17", "2026-03-31", "2026-10-03", "2026-12-31"],
)
def test_the_examples_pass_check_whatever_day_init_runs(tmp_path: Path, today: str) -> None:
    day = date.fromisoformat(today)
    write_new_files(tmp_path, init_files("测试小区", "https://example.org/", day))
    result = check_project(tmp_path, day)
    assert result.diagnostics == []


def test_an_example_of_every_record_kind_with_comments(tmp_path: Path) -> None:
    files = init_files("测试小区", "https://example.org/", date(2026, 11, 25))
    folders = {name.split("/")[1] for name in files if name.startswith("content/")}
    assert folders == {"organizations", "funds", "matters", "volunteers"}
    kinds = {
        yaml.safe_load(new.text)["kind"]
        for name, new in files.items()
        if name.startswith("content/organizations/")
    }
    assert kinds == {
        "party_organization",
        "owners_committee",
        "supervisory_committee",
        "property_company",
        "volunteer_team",
    }
    for name, new in files.items():
        if name.endswith(".yml") and name.startswith(("content/", "site_config")):
            fields = [
                line
                for line in new.text.splitlines()
                if line.strip() and not line.lstrip().startswith(("#", "- ")) and ": " in line
            ]
            assert fields, name
            assert new.text.startswith("# "), f"{name} opens with what it is, in Chinese"


def test_vscode_settings_attach_every_schema_written_beside_them(tmp_path: Path) -> None:
    write_new_files(tmp_path, init_files("测试小区", "https://example.org/", date(2026, 11, 25)))
    settings = json.loads((tmp_path / ".vscode" / "settings.json").read_text("utf-8"))
    associations = settings["yaml.schemas"]
    assert sorted(associations.values()) == sorted(pattern for _, _, pattern in SCHEMA_FILES)
    for schema in associations:
        data = json.loads((tmp_path / schema).read_text("utf-8"))
        assert data["$schema"] == "http://json-schema.org/draft-07/schema#"  # what VS Code supports
    recommended = json.loads((tmp_path / ".vscode" / "extensions.json").read_text("utf-8"))
    assert recommended == {"recommendations": ["redhat.vscode-yaml"]}


def test_gitignore_keeps_out_the_site_the_virtual_environment_and_caches(tmp_path: Path) -> None:
    write_new_files(tmp_path, init_files("测试小区", "https://example.org/", date(2026, 11, 25)))
    ignored = (tmp_path / ".gitignore").read_text("utf-8").splitlines()
    assert {"/site/", "/public/", "/posters/", ".venv/", "__pycache__/", ".cache/"} <= set(ignored)


def test_init_refuses_a_folder_that_holds_records_and_writes_nothing(
    gongshi: Gongshi, tmp_path: Path
) -> None:
    record = tmp_path / "content" / "matters" / "lift.yml"
    record.parent.mkdir(parents=True)
    record.write_text("id: lift\n", "utf-8")
    result = gongshi("init", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert "已经有小区资料" in result.stderr and "不会覆盖任何文件" in result.stderr
    assert "content/matters/lift.yml" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "content",
        "content/matters",
        "content/matters/lift.yml",
    ]


def test_init_refuses_when_any_file_it_would_write_exists_and_keeps_it(
    gongshi: Gongshi, tmp_path: Path
) -> None:
    (tmp_path / ".gitignore").write_text("我的忽略规则\n", "utf-8")
    (tmp_path / "site_config.yml").write_text("community: {}\n", "utf-8")
    result = gongshi("init", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2
    assert "site_config.yml" in result.stderr and ".gitignore" in result.stderr
    assert (tmp_path / ".gitignore").read_text("utf-8") == "我的忽略规则\n"
    assert (tmp_path / "site_config.yml").read_text("utf-8") == "community: {}\n"
    assert not (tmp_path / "content").exists()


def test_init_refuses_inside_an_existing_community(gongshi: Gongshi, tmp_path: Path) -> None:
    assert gongshi("init", "小区", cwd=tmp_path).returncode == 0
    result = gongshi("init", "小区/content/新小区", cwd=tmp_path)
    assert result.returncode == 2
    assert "site_config.yml" in result.stderr
    assert not (tmp_path / "小区" / "content" / "新小区").exists()


def test_init_into_a_cloned_repository_keeps_what_was_there(
    gongshi: Gongshi, tmp_path: Path
) -> None:
    git = init_repository(tmp_path)
    (tmp_path / "README.md").write_text("# 翠湖花园\n", "utf-8")
    git("add", "-A")
    git("commit", "-q", "-m", "Initial commit")
    result = gongshi("init", ".", "--name", "翠湖花园小区", "--today", TODAY, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "README.md").read_text("utf-8") == "# 翠湖花园\n"
    assert gongshi("check", "--today", TODAY, cwd=tmp_path).returncode == 0


def test_a_bad_url_is_refused_in_chinese_before_anything_is_written(
    gongshi: Gongshi, tmp_path: Path
) -> None:
    result = gongshi("init", "小区", "--url", "cuihu.example.org", cwd=tmp_path)
    assert result.returncode == 2
    assert "site_config.yml" in result.stderr and "G116" in result.stderr
    assert "什么文件也没有写" in result.stderr
    assert not (tmp_path / "小区").exists() or not any((tmp_path / "小区").iterdir())


def test_a_name_with_yaml_characters_is_written_so_yaml_reads_it_back(tmp_path: Path) -> None:
    name = "翠湖: 花园 #2 'A'"
    write_new_files(tmp_path, init_files(name, "https://example.org/", date(2026, 11, 25)))
    config = yaml.safe_load((tmp_path / "site_config.yml").read_text("utf-8"))
    assert config["community"]["name"] == name
    assert config["site"]["title"] == f"{name}信息公示"
    assert check_project(tmp_path, date(2026, 11, 25)).errors == []
