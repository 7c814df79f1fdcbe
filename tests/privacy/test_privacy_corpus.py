"""The privacy corpus: every written form of an ID, mobile or card number, in every published field.

Each form of `forms.jsonl` is written into every free-text field of every record and of
site_config.yml (Markdown-only forms such as `&#49;38…` into the Markdown fields), and the
checker must report each one at that field's own line, with the number masked, and never
print the number itself. A commit subject is published too: it is warned about and masked.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result

from generator.check import check_project
from generator.project import load_project
from generator.rules.record_texts import MARKDOWN_FIELDS
from tests.conftest import BASE, TODAY
from tests.site.conftest import build
from tests.site.injection import free_text_fields
from tests.site.test_safety import _add_missing_holders

FORMS_FILE = Path(__file__).with_name("forms.jsonl")
CODES = {"id": "G701", "mobile": "G702", "card": "G703"}
RAW = ("13912345678", "11010519491231002X", "6222021234567890128", "4111111111111111")
MASKED = {
    "mobile": "139****5678",
    "id": "1101**********002X",
    "card": ("6222***********0128", "4111********1111"),
}
MARKDOWN_PATHS = {(model.__name__, (field,)) for model, field in MARKDOWN_FIELDS}
FOLDER_MODELS = {"matters": "Matter", "organizations": "Organization", "funds": "Ledger"}


def forms() -> list[dict[str, str]]:
    lines = FORMS_FILE.read_text("utf-8").splitlines()
    return [entry for entry in map(json.loads, lines) if "form" in entry]


@pytest.fixture(scope="module")
def community(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[Path, str]]:
    """A copy of the base community with every optional holder, and its files' text to restore."""
    root = tmp_path_factory.mktemp("privacy") / "community"
    shutil.copytree(BASE, root)
    _add_missing_holders(root)
    files = [root / "site_config.yml", *sorted((root / "content").rglob("*.yml"))]
    return root, {file: file.read_text("utf-8") for file in files}


def _folder(root: Path, file: Path) -> str:
    return "site_config.yml" if file.name == "site_config.yml" else file.parent.name


def _plant_everywhere(
    data: Any, fields: set[tuple[str, ...]], value: str, markdown_only: str | None
) -> list[tuple[str | int, ...]]:
    """Write `value` into every string at a free-text field path; the concrete paths written."""
    planted: list[tuple[str | int, ...]] = []

    def walk(node: Any, concrete: tuple[str | int, ...], abstract: tuple[str, ...]) -> None:
        if isinstance(node, dict):
            for key in list(node):
                child = node[key]
                here, shape = (*concrete, key), (*abstract, str(key))
                if isinstance(child, str) and shape in fields:
                    if markdown_only is None or (markdown_only, shape) in MARKDOWN_PATHS:
                        node[key] = f"联系{value}。"
                        planted.append(here)
                else:
                    walk(child, here, shape)
        elif isinstance(node, list):
            for index, child in enumerate(node):
                here, shape = (*concrete, index), (*abstract, "*")
                if isinstance(child, str) and shape in fields and markdown_only is None:
                    node[index] = f"联系{value}。"
                    planted.append(here)
                else:
                    walk(child, here, shape)

    walk(data, (), ())
    return planted


def _write_form(
    root: Path, originals: dict[Path, str], form: dict[str, str]
) -> dict[str, list[tuple[str | int, ...]]]:
    fields = {folder: set(paths) for folder, paths in free_text_fields().items()}
    planted: dict[str, list[tuple[str | int, ...]]] = {}
    for file, text in originals.items():
        data = yaml.safe_load(text)
        folder = _folder(root, file)
        model = FOLDER_MODELS.get(folder, "-") if form["where"] == "markdown" else None
        paths = _plant_everywhere(data, fields[folder], form["form"], model)
        file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        if paths:
            planted[file.relative_to(root).as_posix()] = paths
    return planted


def test_the_corpus_has_forty_forms_of_each_kind_together() -> None:
    entries = forms()
    assert len(entries) >= 40
    assert {entry["kind"] for entry in entries} == set(CODES)


@pytest.mark.parametrize("form", forms(), ids=lambda form: repr(form["form"])[1:-1][:40])
def test_every_form_is_flagged_in_every_published_field_masked(
    community: tuple[Path, dict[Path, str]], form: dict[str, str]
) -> None:
    root, originals = community
    planted = _write_form(root, originals, form)
    assert planted, "the form was written nowhere"
    result = check_project(root, date.fromisoformat(TODAY))
    project, _ = load_project(root, date.fromisoformat(TODAY))
    assert project is not None
    sources = {item.file: item for item in project.all_sources()}
    code = CODES[form["kind"]]
    flagged = {(d.span.file, d.span.line) for d in result.diagnostics if d.code == code}
    missed = [
        (file, path)
        for file, paths in planted.items()
        for path in paths
        if (file, sources[file].span(*path).line) not in flagged
    ]
    assert not missed, f"{form['form']!r} not reported as {code} in {missed[:5]}"
    for diagnostic in result.diagnostics:
        assert not any(raw in diagnostic.message for raw in RAW), diagnostic.message
    masked = MASKED[form["kind"]]
    messages = [d.message for d in result.diagnostics if d.code == code]
    assert all(
        any(m in message for m in (masked if isinstance(masked, tuple) else (masked,)))
        for message in messages
    )


def test_the_cli_never_prints_the_number_and_build_publishes_nothing(
    community: tuple[Path, dict[Path, str]], run_cli: Callable[..., Result]
) -> None:
    root, originals = community
    for form in forms()[::7]:
        _write_form(root, originals, form)
        checked = run_cli("check", str(root), "--today", TODAY)
        assert checked.exit_code == 1, checked.output
        assert form["form"] not in checked.output
        assert not any(raw in checked.output for raw in RAW)
        out = root.parent / "site"
        built = run_cli("build", str(root), "--out", str(out), "--today", TODAY)
        assert built.exit_code == 1, built.output
        assert not out.exists()


def test_an_added_key_quoting_a_number_is_reported_masked(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    """An added field is the secretary's (no G103), but the file is in the public repository."""
    root = tmp_path / "community"
    shutil.copytree(BASE, root)
    config = root / "site_config.yml"
    lines = config.read_text("utf-8").count("\n")
    config.write_text(config.read_text("utf-8") + "13612345678: 王主任\n", "utf-8")
    checked = run_cli("check", str(root), "--today", TODAY)
    assert checked.exit_code == 1
    assert f"site_config.yml:{lines + 1}:1: 错误 G702" in checked.output
    assert "G103" not in checked.output
    assert "13612345678" not in checked.output
    assert "136****5678" in checked.output


@pytest.mark.parametrize(
    ("added", "kind"),
    [
        ("备注: 联系人 13612345678\n", "G702"),
        ("remark: {owner: 430105198001011232}\n", "G701"),
        ("attachments: [转入 6222021234567890128]\n", "G703"),
    ],
)
def test_a_number_in_an_added_field_of_a_record_is_found(
    tmp_path: Path, run_cli: Callable[..., Result], added: str, kind: str
) -> None:
    root = tmp_path / "community"
    shutil.copytree(BASE, root)
    ledger = next((root / "content" / "funds").glob("*.yml"))
    text = ledger.read_text("utf-8")
    ledger.write_text(text + added, "utf-8")
    line = text.count("\n") + 1
    checked = run_cli("check", str(root), "--today", TODAY)
    assert f"{ledger.name}:{line}:" in checked.output and kind in checked.output, checked.output
    assert "G103" not in checked.output


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=秘书", "-c", "user.email=s@example.org", *args],
        check=True,
        capture_output=True,
    )


def test_a_commit_subject_with_a_mobile_is_warned_about_and_masked_on_the_site(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    root = tmp_path / "community"
    shutil.copytree(BASE, root)
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "改正王主任电话 139 1234 5678")
    checked = run_cli("check", str(root), "--today", TODAY)
    assert "G705" in checked.output, checked.output
    assert "139****5678" in checked.output
    assert "139 1234 5678" not in checked.output
    site = build(root, tmp_path / "site", posters=False)
    shown = [
        file
        for file in site.rglob("*")
        if file.is_file()
        and file.suffix in {".html", ".xml", ".json", ".ics", ".csv", ".js"}
        and ("139 1234 5678" in (text := file.read_text("utf-8", "replace")) or RAW[0] in text)
    ]
    assert not shown, shown[:5]
    assert any("139****5678" in file.read_text("utf-8") for file in site.rglob("*.html"))
