"""One message catalogue for what the command line says, in Chinese (the default) or English.

Gongshi's messages are written in Chinese where they are used and marked with `_()`
(`N_()` where a text is stored and translated when shown); the English catalogue,
`generator/locale/en/LC_MESSAGES/gongshi.po`, gives each its English. click's own
words (Usage, Options, "Did you mean") are English in click; the Chinese catalogue,
`generator/locale/zh/LC_MESSAGES/gongshi.po`, gives them in Chinese. So each
language needs only the catalogue of the words it does not already have, and one
`_()` serves both. The .mo files are compiled from the .po files and committed, so
the wheel ships them without a build step and the standard library's gettext reads
them; `scripts/messages` (Babel) extracts, updates and compiles, and tests fail when
a marked text has no translation or a .mo is stale.

Which language: `gongshi --lang en`, else `command_line.language` in the project's
site_config.yml, else Chinese. Never the computer's locale: a secretary whose
computer happens to be set to English still gets Chinese unless someone chose
otherwise.

This is the lowest module of the package: it imports nothing from Gongshi, so every
stage may mark its texts.
"""

from __future__ import annotations

import functools
import gettext
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

DOMAIN = "gongshi"
LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
EXTRACT_KEYWORDS: Mapping[str, Any] = {"_": None, "N_": None, "ngettext": (1, 2), "Message": None}
"""The marking functions, as Babel's extractor wants them (`scripts/messages`, tests)."""

_language: ContextVar[str] = ContextVar("gongshi_language", default=DEFAULT_LANGUAGE)


@functools.cache
def catalogue(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of `language`; a missing one translates nothing (Chinese stays)."""
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def current_language() -> str:
    return _language.get()


def _(message: str) -> str:
    """`message` in the current language."""
    return catalogue(_language.get()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """For texts with a number: Chinese writes both forms alike, English does not."""
    return catalogue(_language.get()).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark a text for the catalogue where it is stored; `_()` translates it where it is shown."""
    return message


class Message(str):
    """A message made from a template and its values: reads as Chinese, translates as a whole.

    Rules write `Message("余额应为 {expected}。", expected=...)` instead of an f-string; the
    value is the Chinese text (so everything that reads `Diagnostic.message` is unchanged),
    and `localized()` formats the template's translation with the same values. A rule
    migrates one message at a time; a message without a translation stays Chinese.
    """

    template: str
    values: dict[str, str]

    def __new__(cls, template: str, /, **values: object) -> Message:
        texts = {name: str(value) for name, value in values.items()}
        made = super().__new__(cls, template.format(**texts))
        made.template = template
        made.values = texts
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuilt_message, (self.template, self.values))

    def map_values(self, change: Callable[[str], str]) -> Message:
        """The same message with every value changed (masking personal numbers)."""
        return Message(self.template, **{name: change(v) for name, v in self.values.items()})

    def localized(self) -> str:
        return _(self.template).format(**self.values)


def _rebuilt_message(template: str, values: dict[str, str]) -> Message:
    return Message(template, **values)


def localized(text: str) -> str:
    """A diagnostic's message in the current language (only a `Message` can be translated)."""
    return text.localized() if isinstance(text, Message) else text


# click marks its strings with `from gettext import gettext as _`: the process-wide domain,
# with the language taken from environment variables. Setting those would also change the
# language of git and mkdocs, which Gongshi runs as child processes; so, while a command runs,
# click's modules get this catalogue's functions in place of gettext's, and get them back after.
_CLICK_NAMES = (("_", gettext.gettext), ("ngettext", gettext.ngettext))


@functools.cache
def _click_marking_functions() -> tuple[tuple[ModuleType, str], ...]:
    import click  # noqa: F401  (its modules must be imported to be found)

    found = []
    for name, module in sorted(sys.modules.items()):
        if module is None or not (name == "click" or name.startswith("click.")):
            continue
        for attribute, original in _CLICK_NAMES:
            if getattr(module, attribute, None) is original:
                found.append((module, attribute))
    return tuple(found)


def _set_click_language(language: str) -> None:
    translations = catalogue(language)
    ours = {"_": translations.gettext, "ngettext": translations.ngettext}
    for module, attribute in _click_marking_functions():
        setattr(module, attribute, ours[attribute])


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Gongshi and click speak `language` inside the block; `switch_language` may change it."""
    saved = [(module, name, getattr(module, name)) for module, name in _click_marking_functions()]
    token = _language.set(language)
    _set_click_language(language)
    try:
        yield
    finally:
        _language.reset(token)
        for module, name, function in saved:
            setattr(module, name, function)


def switch_language(language: str) -> None:
    """Change the language inside a `speaking` block (once the project's setting is known)."""
    _language.set(language)
    _set_click_language(language)


def language_in_arguments(args: Sequence[str]) -> str | None:
    """The value of the global `--lang` option, read before click parses (help needs it)."""
    words = list(args)
    for index, word in enumerate(words):
        if word == "--":
            return None
        if word.startswith("--lang="):
            return word.removeprefix("--lang=")
        if word == "--lang":
            return words[index + 1] if index + 1 < len(words) else None
        if not word.startswith("-"):
            return None  # the command's name: options after it are the command's
    return None


CONFIG_KEY = ("command_line", "language")
_MAX_CONFIG_BYTES = 1024 * 1024
"""A longer site_config.yml is not read here; `check` says what is wrong with it."""


def project_language(config_file: Path) -> str | None:
    """`command_line.language` in a project's site_config.yml, if it names a language.

    Read lightly, before the project is loaded, so that help, usage errors and the
    framing of a broken project are already in that language; a config that cannot
    be read says nothing here (`check` reports it in full).
    """
    try:
        if config_file.stat().st_size > _MAX_CONFIG_BYTES:
            return None
        # BaseLoader: every value stays text, so no number or date in the file is converted.
        data = yaml.load(config_file.read_text(encoding="utf-8-sig"), Loader=yaml.BaseLoader)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError, yaml.YAMLError):
        return None
    section = data.get(CONFIG_KEY[0]) if isinstance(data, dict) else None
    value = section.get(CONFIG_KEY[1]) if isinstance(section, dict) else None
    return value if value in LANGUAGES else None
