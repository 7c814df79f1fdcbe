"""Documentation that cannot drift: the rule guide, the registry and the README."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import markdown
import yaml
from click.testing import Result

from generator import codes
from generator.guide import GUIDE_PATH, help_link, is_example, render_guide
from generator.rules import RULES
from tests.conftest import REPO, TODAY

PRODUCED_BEFORE_RULES = {
    "G001",
    "G002",
    "G003",
    "G004",
    "G005",
    "G006",
    "G007",
    "G008",
    "G009",
    "G010",
    "G011",
    "G012",
    "G013",
    "G014",
    "G101",
    "G102",
    "G103",
    "G104",
    "G105",
    "G106",
    "G109",
    "G112",
    "G113",
    "G114",
    "G115",
    "G125",
}
"""Codes the loader and the models give; every other code belongs to exactly one rule."""
PRODUCED_BY_COMMANDS = {"G820", "G821", "G822", "G902", "G903"}
"""Codes `build` and `print` give: the public log's checks (G82x), and a library that fails
on content that passed the rules (G902, G903)."""


def test_rule_guide_is_up_to_date() -> None:
    assert GUIDE_PATH.read_text("utf-8") == render_guide(), (
        "docs/rules.md is stale: run `python -m generator.guide`"
    )


def test_every_code_has_one_producer() -> None:
    by_rules = [rule.code.code for rule in RULES]
    assert len(by_rules) == len(set(by_rules)), "two rules share a code"
    produced = set(by_rules) | PRODUCED_BEFORE_RULES | {"G901"} | PRODUCED_BY_COMMANDS
    catalogued = {code.code for code in codes.CATALOGUE}
    assert produced == catalogued


def test_codes_are_well_formed_and_explained() -> None:
    for code in codes.CATALOGUE:
        assert len(code.code) == 4 and code.code[0] == "G" and code.code[1:].isdigit()
        assert code.title and code.what and code.why and code.bad and code.fix, code.code


def test_readme_gives_the_two_setup_commands_and_ci_runs_the_second() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    blocks = [b.split("```", 1)[0].strip() for b in readme.split("```sh\n")[1:]]
    assert len(blocks) >= 2
    ci = (REPO / ".ci" / "run").read_text("utf-8")
    assert blocks[1] in ci, ".ci/run must run exactly the README's test command"


_ANCHOR = re.compile(r'^<a id="(g\d{3})"></a>$', re.M)
_HEADING = re.compile(r"^### (G\d{3}) ", re.M)


def test_every_code_has_an_entry_and_every_entry_a_code() -> None:
    guide = GUIDE_PATH.read_text("utf-8")
    catalogued = [code.code for code in codes.CATALOGUE]
    assert _HEADING.findall(guide) == catalogued
    assert _ANCHOR.findall(guide) == [code.lower() for code in catalogued]


def test_multi_line_examples_are_fenced_code_blocks() -> None:
    guide = GUIDE_PATH.read_text("utf-8")
    multi_line = [
        (code.code, text)
        for code in codes.CATALOGUE
        for text in (code.bad, code.fix)
        if "\n" in text
    ]
    assert len(multi_line) > 20
    for code, text in multi_line:
        assert f"```yaml\n{text}\n```" in guide or f"```sh\n{text}\n```" in guide, code
    outside_fences = re.sub(r"^```.*?^```$", "", guide, flags=re.M | re.S)
    assert not re.search(r"^(    |\t)", outside_fences, re.M), "an indented block renders as code"


def test_an_example_is_told_from_a_sentence_about_one() -> None:
    assert is_example("name: |\n  翠湖花园小区\n  文体活动志愿宣传队")
    assert is_example('git commit -m "改正联系电话"')
    assert not is_example("两个班次都在周三 16:30–18:00，都有“王芳”")
    assert not is_example("用记事本“另存为”，编码选 UTF-8。")


def test_the_g401_example_agrees_with_the_checker(
    base_project: Path, run_cli: Callable[..., Result]
) -> None:
    bad = yaml.safe_load(codes.G401.bad)["publicity"]
    fixed = yaml.safe_load(codes.G401.fix)["publicity"]
    assert bad["start"] == fixed["start"]
    matter = base_project / "content" / "matters" / "lawn.yml"
    original = matter.read_text("utf-8")
    found = {}
    for name, period in (("bad", bad), ("fixed", fixed)):
        written = f"publicity: {{start: {period['start']}, end: {period['end']}, place: 公示栏}}"
        matter.write_text(re.sub(r"^publicity: .*$", written, original, flags=re.M), "utf-8")
        checked = run_cli("check", str(base_project), "--today", TODAY, "--format", "json")
        found[name] = [p for p in json.loads(checked.output) if p["code"] == "G401"]
    assert len(found["bad"]) == 1 and found["fixed"] == []
    assert f"最早只能到 {fixed['end']} 结束" in found["bad"][0]["message"]
    earlier = fixed["end"] - timedelta(days=1)
    assert earlier == bad["end"], "the fix is the earliest end the checker accepts"


def test_every_check_format_links_each_problem_to_its_entry(
    base_project: Path, run_cli: Callable[..., Result]
) -> None:
    ledger = base_project / "content/funds/public-2026-q1.yml"
    ledger.write_text(ledger.read_text("utf-8").replace("1300.10", "1300.11"), "utf-8")
    anchors = set(_ANCHOR.findall(GUIDE_PATH.read_text("utf-8")))
    assert help_link("G201") == "docs/rules.md#g201" and "g201" in anchors
    text = run_cli("check", str(base_project), "--today", TODAY)
    assert f"  G201 {codes.G201.title}：docs/rules.md#g201" in text.output
    problems = json.loads(
        run_cli("check", str(base_project), "--today", TODAY, "--format", "json").output
    )
    assert [p["help"] for p in problems] == ["docs/rules.md#g201"]
    github = run_cli("check", str(base_project), "--today", TODAY, "--format", "github")
    assert github.output.rstrip().endswith("%0A说明：docs/rules.md#g201")


def test_multi_line_examples_render_as_code_blocks() -> None:
    rendered = markdown.markdown(GUIDE_PATH.read_text("utf-8"), extensions=["fenced_code"])
    blocks = [
        html.unescape(b) for b in re.findall(r"<pre><code[^>]*>(.*?)</code></pre>", rendered, re.S)
    ]
    for code in codes.CATALOGUE:
        for text in (code.bad, code.fix):
            if "\n" in text:
                assert f"{text.expandtabs(4)}\n" in blocks, code.code  # Markdown expands tabs
