"""Keep the message catalogues in step with the code (Babel).

    python scripts/messages.py          # extract, update the .po files, compile the .mo files
    python scripts/messages.py --check  # exit 1 when a text lacks a translation or a .mo is stale

Two catalogues of one domain (see generator/i18n.py): `en` translates every text
Gongshi marks with `_()`, `N_()`, `ngettext()` or `Message()` (Chinese, extracted
from generator/ by Babel's extractor) and every problem code's title; `zh` translates
click's own words (English, extracted from the installed click the same way). New
texts arrive with an empty translation, texts no longer used are dropped, and a text
that changed starts over (no fuzzy guesses: a guess would be shown as if checked).
Write the translations in the .po files, then run this again to compile them.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterable
from pathlib import Path

import click
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.codes import CATALOGUE  # noqa: E402
from generator.i18n import DOMAIN, EXTRACT_KEYWORDS, LOCALE_DIR  # noqa: E402

PROJECT = "gongshi"
VERSION = "0"
"""Not the package's version: the catalogue would change with every release."""
HEADER = "# Gongshi 的提示文字（{language}）。由 scripts/messages.py 维护：只改 msgstr。"
MessageId = str | tuple[str, str]


def _extracted(folder: Path) -> list[tuple[MessageId, str]]:
    found: dict[MessageId, str] = {}
    for filename, _lineno, message, _comments, _context in extract_from_dir(
        folder, method_map=[("**.py", "python")], keywords=EXTRACT_KEYWORDS
    ):
        key: MessageId = message if isinstance(message, str) else (message[0], message[1])
        found.setdefault(key, f"{folder.name}/{filename}")
    return list(found.items())


def gongshi_messages() -> list[MessageId]:
    """Every text Gongshi shows that needs English: the marked ones and the codes' titles."""
    marked = [message for message, _where in _extracted(REPO / "generator")]
    titles = [code.title for code in CATALOGUE]
    return list(dict.fromkeys([*marked, *titles]))


def click_messages() -> list[MessageId]:
    """Every text click marks for translation, from the click that is installed."""
    return [message for message, _where in _extracted(Path(click.__file__).parent)]


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(language: str) -> Catalog:
    path = po_path(language)
    if not path.is_file():
        return Catalog(locale=language, domain=DOMAIN, project=PROJECT, version=VERSION)
    with path.open("rb") as file:
        return read_po(file, locale=language, domain=DOMAIN)


def updated(old: Catalog, language: str, messages: Iterable[MessageId]) -> Catalog:
    """`messages` with the translations `old` has for them, in `old`'s header."""
    new = Catalog(
        locale=language,
        domain=DOMAIN,
        project=PROJECT,
        version=VERSION,
        header_comment=HEADER.format(language=language),
        creation_date=old.creation_date,
        revision_date=old.revision_date,
        fuzzy=False,
    )
    for message in messages:
        kept = old.get(message if isinstance(message, str) else message[0])
        translation = kept.string if kept is not None and kept.id == message else None
        if isinstance(message, tuple) and not translation:
            translation = ("",) * new.num_plurals
        new.add(message, translation or "", flags=("python-brace-format",))
    return new


def po_text(catalogue: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalogue, width=100, no_location=True, omit_header=False, sort_output=True)
    return out.getvalue()


def mo_bytes(catalogue: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalogue, use_fuzzy=False)
    return out.getvalue()


def untranslated(catalogue: Catalog) -> list[str]:
    missing = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


WANTED = {"en": gongshi_messages, "zh": click_messages}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    check = parser.parse_args().check
    stale = False
    for language, wanted in WANTED.items():
        old = read_catalogue(language)
        new = updated(old, language, wanted())
        text, mo = po_text(new), mo_bytes(new)
        path = po_path(language)
        current = path.read_bytes() if path.is_file() else b""
        mo_path = path.with_suffix(".mo")
        if current != text or not mo_path.is_file() or mo_path.read_bytes() != mo:
            stale = True
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(text)
                mo_path.write_bytes(mo)
                print(f"已更新 {path.relative_to(REPO)} 和 .mo")
        for message in untranslated(new):
            stale = True
            print(f"{language}：没有译文：{message!r}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
