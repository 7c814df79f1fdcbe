"""Documentation that cannot drift: the rule guide, the registry and the README."""

from __future__ import annotations

from generator import codes
from generator.guide import GUIDE_PATH, render_guide
from generator.rules import RULES
from tests.conftest import REPO

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
PRODUCED_BY_COMMANDS = {"G902", "G903"}
"""Codes `build` and `print` give when a library fails on content that passed the rules."""


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
