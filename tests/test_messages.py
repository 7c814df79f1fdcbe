"""One message catalogue, two languages: nothing marked goes untranslated, nothing compiled is stale.

The texts are found the way `scripts/messages.py` finds them, with Babel's extractor:
every `_()`, `N_()`, `ngettext()` and `Message()` in generator/ and every problem code's
title must have English; every text click marks must have Chinese.
"""

from __future__ import annotations

import importlib.util
import io
import pickle
import string
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog
from babel.messages.catalog import Message as CatalogueEntry
from babel.messages.pofile import read_po

from generator import codes
from generator.diagnostics import Span
from generator.i18n import Message, _, localized, speaking
from tests.conftest import REPO


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("messages", REPO / "scripts" / "messages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCRIPT = _script()
LANGUAGES = ("en", "zh")


def catalogue(language: str) -> Catalog:
    with SCRIPT.po_path(language).open("rb") as file:
        return read_po(file, locale=language)


def entry_key(entry: CatalogueEntry) -> object:
    return entry.id if isinstance(entry.id, str) else tuple(entry.id)


def entries(language: str) -> list[CatalogueEntry]:
    return [entry for entry in catalogue(language) if entry.id]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_text_is_in_the_catalogue_and_nothing_else(language: str) -> None:
    wanted = set(SCRIPT.WANTED[language]())
    present = {entry_key(entry) for entry in entries(language)}
    assert wanted - present == set(), "run python scripts/messages.py, then translate"
    assert present - wanted == set(), "texts no longer used: run python scripts/messages.py"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_text_has_both_languages(language: str) -> None:
    missing = [entry.id for entry in entries(language) if not _translations(entry)]
    assert missing == []
    assert SCRIPT.untranslated(catalogue(language)) == []


def _translations(entry: CatalogueEntry) -> tuple[str, ...]:
    strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
    return tuple(strings) if all(strings) else ()


def _fields(text: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_only_use_the_values_the_code_passes(language: str) -> None:
    """An unknown {name} would crash at the moment the message is shown."""
    for entry in entries(language):
        ids = (entry.id,) if isinstance(entry.id, str) else tuple(entry.id)
        given = set().union(*(_fields(text) for text in ids))
        for translation in _translations(entry):
            assert _fields(translation) <= given, (entry.id, translation)
            if language == "en":  # Gongshi's own: no value may be dropped either
                assert _fields(translation) == given, (entry.id, translation)


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_is_the_source_compiled(language: str) -> None:
    compiled = SCRIPT.po_path(language).with_suffix(".mo").read_bytes()
    assert compiled == SCRIPT.mo_bytes(catalogue(language)), "run python scripts/messages.py"


def test_every_problem_title_has_english() -> None:
    with speaking("en"):
        untranslated = [code.code for code in codes.CATALOGUE if _(code.title) == code.title]
    assert untranslated == []


def test_chinese_is_the_default_and_needs_no_catalogue() -> None:
    assert _("检查通过：没有发现问题。") == "检查通过：没有发现问题。"
    with speaking("en"):
        assert _("检查通过：没有发现问题。") == "Check passed: no problems found."
        with speaking("zh"):
            assert _("检查通过：没有发现问题。") == "检查通过：没有发现问题。"
        assert _("检查通过：没有发现问题。") == "Check passed: no problems found."


# A rule's message made from a template (`Message`): Chinese as before, English by its template.

TEMPLATE = "已写出 {path}"  # in the catalogue already (gongshi schema)


def test_a_template_message_reads_as_chinese_and_translates_whole() -> None:
    message = Message(TEMPLATE, path="schemas/ledger.json")
    assert message == "已写出 schemas/ledger.json" and localized(message) == message
    with speaking("en"):
        assert localized(message) == "Wrote schemas/ledger.json"
        assert localized("一条普通的消息") == "一条普通的消息"


def test_a_template_message_survives_pickling_and_masks_its_values() -> None:
    diagnostic = codes.G701.at(Span("a.yml", 1, 1), Message(TEMPLATE, path="13912345678"))
    assert "13912345678" not in diagnostic.message
    assert isinstance(diagnostic.message, Message)
    assert "13912345678" not in diagnostic.message.values["path"]
    copy = pickle.loads(pickle.dumps(diagnostic.message))
    assert copy == diagnostic.message and copy.template == TEMPLATE


def test_the_catalogue_reads_as_babel_writes_it() -> None:
    for language in LANGUAGES:
        text = SCRIPT.po_path(language).read_bytes()
        assert SCRIPT.po_text(read_po(io.BytesIO(text), locale=language)) == text


def test_the_catalogues_are_next_to_the_code(tmp_path: Path) -> None:
    for language in LANGUAGES:
        assert SCRIPT.po_path(language).is_relative_to(REPO / "generator" / "locale")
