"""The CI files `gongshi init` writes: valid for their services, and doing what they promise.

The schemas are the services' published ones (SchemaStore's copies, vendored in
`ci_schemas/`, see its README); the publish script is run for real, with `sh`.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from generator.scaffold.community import gongshi_version, init_files
from generator.scaffold.files import write_new_files
from tests.conftest import REPO, gongshi_environment

SCHEMAS = Path(__file__).parent / "ci_schemas"
TODAY = date(2026, 11, 25)


class Yaml12Loader(yaml.SafeLoader):
    """YAML as GitHub reads a workflow (1.2 core): `on` is a key, only true/false are booleans."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load(text: str) -> Any:
    return yaml.load(text, Loader=Yaml12Loader)


def schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / name).read_text("utf-8"))  # type: ignore[no-any-return]


def ci_file(name: str) -> str:
    return init_files("测试小区", "https://example.org/", TODAY)[name].text


def validation_errors(document: Any, schema_name: str) -> list[str]:
    checker = jsonschema.Draft7Validator(schema(schema_name))
    return [f"{list(e.absolute_path)}: {e.message}" for e in checker.iter_errors(document)]


def test_the_github_workflow_is_valid_for_github_actions() -> None:
    workflow = load(ci_file(".github/workflows/gongshi.yml"))
    assert validation_errors(workflow, "github-workflow.json") == []


def test_the_gitlab_ci_file_is_valid_for_gitlab() -> None:
    pipeline = load(ci_file(".gitlab-ci.yml"))
    assert validation_errors(pipeline, "gitlab-ci.json") == []


def test_the_schemas_do_reject_a_broken_file() -> None:
    """The vendored schemas are strict enough to catch a slip (so the tests above mean something)."""
    workflow = load(ci_file(".github/workflows/gongshi.yml"))
    workflow["jobs"]["check"]["runs_on"] = workflow["jobs"]["check"].pop("runs-on")
    assert validation_errors(workflow, "github-workflow.json")
    pipeline = load(ci_file(".gitlab-ci.yml"))
    pipeline["pages"]["artifacts"] = {"path": ["public"]}
    assert validation_errors(pipeline, "gitlab-ci.json")


def test_github_checks_every_push_and_pull_request_and_publishes_the_default_branch() -> None:
    workflow = load(ci_file(".github/workflows/gongshi.yml"))
    assert set(workflow["on"]) >= {"push", "pull_request"}
    jobs = workflow["jobs"]
    check_steps = jobs["check"]["steps"]
    assert check_steps[0]["uses"].startswith("actions/checkout@")
    assert check_steps[0]["with"]["fetch-depth"] == 0  # every commit, for G801
    assert any("gongshi check" in step.get("run", "") for step in check_steps)
    assert jobs["build"]["needs"] == "check"
    assert "default_branch" in jobs["build"]["if"] and "pull_request" in jobs["build"]["if"]
    build_steps = jobs["build"]["steps"]
    assert build_steps[0]["with"]["fetch-depth"] == 0
    assert any(s.get("run", "").startswith("gongshi build --out site") for s in build_steps)
    upload = [
        s for s in build_steps if s.get("uses", "").startswith("actions/upload-pages-artifact@")
    ]
    assert upload and upload[0]["with"]["path"] == "site"
    deploy = jobs["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_gitlab_checks_every_push_and_publishes_public_from_the_default_branch() -> None:
    pipeline = load(ci_file(".gitlab-ci.yml"))
    assert pipeline["variables"]["GIT_DEPTH"] == "0"  # every commit, for G801
    assert "rules" not in pipeline["check"]  # every push
    assert pipeline["check"]["script"] == ["gongshi check"]
    pages = pipeline["pages"]
    assert pages["script"] == ["gongshi build --out public"]
    assert pages["artifacts"]["paths"] == ["public"]
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert any("git" in line.split() for line in pipeline["default"]["before_script"])


def test_both_install_the_gongshi_that_wrote_them() -> None:
    version = gongshi_version()
    assert version == _pyproject_version()
    workflow = load(ci_file(".github/workflows/gongshi.yml"))
    pipeline = load(ci_file(".gitlab-ci.yml"))
    assert workflow["env"]["GONGSHI"] == pipeline["variables"]["GONGSHI"] == f"gongshi=={version}"
    assert 'pip install "$GONGSHI"' in ci_file(".github/workflows/gongshi.yml")
    assert 'pip install "$GONGSHI"' in ci_file(".gitlab-ci.yml")


def _pyproject_version() -> str:
    import tomllib

    return str(tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["version"])


# ---------------------------------------------------------------- scripts/publish.sh


@pytest.fixture
def initialised(tmp_path: Path) -> Path:
    """A new community made today (the script checks and builds with today's date)."""
    root = tmp_path / "community"
    write_new_files(root, init_files("测试小区", "https://example.org/", date.today()))
    return root


def publish(root: Path, target: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = gongshi_environment()
    environment["GONGSHI"] = f"{sys.executable} -m generator"  # words, as the script says
    return subprocess.run(
        ["sh", str(root / "scripts" / "publish.sh"), target],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_the_publish_script_is_executable_posix_sh(initialised: Path) -> None:
    script = initialised / "scripts" / "publish.sh"
    assert os.access(script, os.X_OK)
    assert script.read_text("utf-8").startswith("#!/bin/sh\n")
    syntax = subprocess.run(["sh", "-n", str(script)], capture_output=True, text=True)
    assert syntax.returncode == 0, syntax.stderr


def test_the_publish_script_checks_builds_and_copies_the_site_to_a_folder(
    initialised: Path, tmp_path: Path
) -> None:
    result = publish(initialised, "www/gongshi", cwd=tmp_path)  # relative to where it runs
    assert result.returncode == 0, result.stdout + result.stderr
    www = tmp_path / "www" / "gongshi"
    assert (www / "index.html").is_file()
    assert (www / "matters").is_dir() and (www / "funds").is_dir()
    assert sorted(p.name for p in www.rglob("*.pdf")), "the posters are published too"
    assert "已发布到" in result.stdout
    assert not list(tmp_path.glob("www/gongshi.*")), "no staging folder left beside it"

    (www / "stale.html").write_text("旧页面", "utf-8")
    again = publish(initialised, str(www), cwd=initialised)
    assert again.returncode == 0, again.stdout + again.stderr
    assert (www / "index.html").is_file() and not (www / "stale.html").exists()


def test_the_publish_script_never_replaces_a_folder_of_other_files(
    initialised: Path, tmp_path: Path
) -> None:
    precious = tmp_path / "documents"
    precious.mkdir()
    (precious / "合同.pdf").write_bytes(b"%PDF")
    result = publish(initialised, str(precious), cwd=tmp_path)
    assert result.returncode == 2
    assert "已经有别的文件" in result.stderr
    assert [p.name for p in precious.iterdir()] == ["合同.pdf"]


def test_the_publish_script_publishes_nothing_when_the_records_have_errors(
    initialised: Path, tmp_path: Path
) -> None:
    ledger = next((initialised / "content" / "funds").glob("*.yml"))
    ledger.write_text(
        ledger.read_text("utf-8").replace("closing_balance: ", "closing_balance: 1"), "utf-8"
    )
    result = publish(initialised, str(tmp_path / "www"), cwd=tmp_path)
    assert result.returncode == 1
    assert "G201" in result.stdout
    assert not (tmp_path / "www").exists()


def test_github_rebuilds_and_publishes_every_day_after_midnight_in_china() -> None:
    workflow = load(ci_file(".github/workflows/gongshi.yml"))
    (schedule,) = workflow["on"]["schedule"]
    minute, hour, *every_day = schedule["cron"].split()
    assert every_day == ["*", "*", "*"]
    assert (int(hour) + 8) % 24 == 0 and int(minute) < 30  # UTC 16:xx is just after 0:00 in China
    assert "github.event_name == 'schedule'" in workflow["jobs"]["build"]["if"]
    assert china_offset(workflow["env"]["TZ"]) == "8:00:00"


def test_gitlab_counts_today_in_china_and_says_how_to_schedule_the_daily_rebuild() -> None:
    text = ci_file(".gitlab-ci.yml")
    pipeline = load(text)
    assert china_offset(pipeline["variables"]["TZ"]) == "8:00:00"
    assert "Pipeline schedules" in text and "5 0 * * *" in text and "Asia/Shanghai" in text


def china_offset(tz: str) -> str:
    """The UTC offset a program sees under this TZ, without the zone database (slim images)."""
    environment = {"TZ": tz, "PATH": os.environ.get("PATH", "")}
    code = "import datetime; print(datetime.datetime.now().astimezone().utcoffset())"
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()
