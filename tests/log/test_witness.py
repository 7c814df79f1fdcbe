"""A printed poster is a witness of the log: its size and root prefix, checked later."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from tests.conftest import TODAY
from tests.history.poster_scenario import Printed, Scenario, make_scenario

WITNESS = re.compile(
    r"印制时共 <strong[^>]*>(\d+)</strong> 条，指纹 <strong[^>]*>([0-9a-f]{8})</strong>"
)


def printed_witness(poster: Printed) -> tuple[int, str]:
    found = WITNESS.search(poster.html.read_text("utf-8"))
    assert found, "the poster prints no log witness"
    return int(found.group(1)), found.group(2)


def build(root: Path) -> Path:
    result = CliRunner().invoke(
        cli, ["build", str(root), "--today", TODAY, "--no-posters"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return root / "site"


def checkpoint(site: Path) -> tuple[int, str]:
    lines = (site / "log" / "checkpoint").read_text("utf-8").splitlines()
    return int(lines[1]), base64.b64decode(lines[2]).hex()


def verify(root: Path, code: str, size: int, prefix: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["verify", code, str(root), "--log-size", str(size), "--log-root", prefix]
    )
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    return make_scenario(tmp_path_factory.mktemp("witness"))


def test_the_poster_prints_the_log_as_the_site_publishes_it(story: Scenario) -> None:
    size, prefix = printed_witness(story.second)
    site_size, root = checkpoint(build(story.root))
    assert size == site_size
    assert root.startswith(prefix)
    first_size, _ = printed_witness(story.first)
    assert first_size < size  # the correction added a version between the two printings


def test_verify_says_todays_log_holds_an_earlier_posters_state(story: Scenario) -> None:
    size, prefix = printed_witness(story.first)
    code, output = verify(story.root, story.second.code, size, prefix.upper())
    assert code == 0, output
    assert "完整包含" in output and f"{size} 条" in output


def test_verify_flags_a_wrong_prefix_and_a_size_beyond_todays_log(story: Scenario) -> None:
    size, prefix = printed_witness(story.second)
    wrong = ("1" if prefix[0] != "1" else "2") + prefix[1:]
    code, output = verify(story.root, story.second.code, size, wrong)
    assert code == 1 and "警告" in output and "不一致" in output
    code, output = verify(story.root, story.second.code, size + 5, prefix)
    assert code == 1 and "不会减少" in output
    result = CliRunner().invoke(
        cli, ["verify", story.second.code, str(story.root), "--log-size", "3"]
    )
    assert result.exit_code == 2 and "两项一起写" in result.output


def test_a_rewritten_history_breaks_the_posters_witness(tmp_path: Path) -> None:
    story = make_scenario(tmp_path)
    size, prefix = printed_witness(story.first)
    correction = story.git("rev-parse", "HEAD").strip()
    story.git("reset", "-q", "--hard", "HEAD~1")
    story.git("commit", "-q", "--amend", "-m", "发布第一季度账目（改写过的提交）")
    story.git("cherry-pick", correction)
    code, output = verify(story.root, story.second.code, size, prefix)
    assert code == 1 and "警告" in output, output
