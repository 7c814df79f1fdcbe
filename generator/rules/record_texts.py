"""Every text value of every record, found in one walk per check.

Several rules read free text: the privacy scans (G701–G704) look for personal numbers
and names, the text rules (G120–G122) for line breaks, invisible characters and blank
names. On a ten-year community that is about 80,000 strings, so the walk through the
models is done once and its result shared: each rule then reads a flat list.
"""

from __future__ import annotations

import weakref
from datetime import date, datetime, time
from decimal import Decimal
from fractions import Fraction
from functools import cache
from typing import Any, NamedTuple

from pydantic import BaseModel

from generator.models import Ledger, Matter, Organization
from generator.models.common import is_multi_line
from generator.project import Project, Sourced

PathKey = tuple[str | int, ...]

MARKDOWN_FIELDS: frozenset[tuple[type[BaseModel], str]] = frozenset(
    {(Matter, "summary"), (Organization, "summary"), (Ledger, "note")}
)
"""The fields the site renders as Markdown (the `| md` filter in templates/site)."""


class TextValue(NamedTuple):
    """One text value of a record: where it is, what it says, and how the field is declared.

    A named tuple, not a dataclass: a ten-year community has about 80,000 of them, and a
    frozen dataclass takes three times as long to make."""

    path: PathKey
    text: str
    title: str
    field: str
    multi_line: bool
    is_key: bool = False
    """The text is the dictionary key at `path` (a fee item's name), not a value."""
    markdown: bool = False
    """The site renders this value as Markdown (see MARKDOWN_FIELDS)."""

    @property
    def label(self) -> str:
        """How a message names the field: `名称（name）`, `收费标准（fees）的项目名`."""
        named = f"{self.title}（{self.field}）" if self.field else self.title
        return f"{named}的项目名" if self.is_key else named


@cache
def _text_fields(model: type[BaseModel]) -> tuple[tuple[str, str, str, bool, bool], ...]:
    """Each field's name, YAML key, Chinese title, whether it may span lines, and is Markdown."""
    return tuple(
        (
            name,
            field.alias or name,
            field.title or name,
            is_multi_line(model, name),
            (model, name) in MARKDOWN_FIELDS,
        )
        for name, field in model.model_fields.items()
    )


def text_values(record: BaseModel) -> list[TextValue]:
    """Every text value inside a record (dictionary keys included), with its field."""
    found: list[TextValue] = []
    _walk(record, (), "", "", False, False, found)
    return found


_NEVER_TEXT = frozenset({type(None), bool, int, float, Decimal, Fraction, date, datetime, time})
"""What most values of a record are (dates, amounts, times): nothing to walk into."""


def _walk(
    value: Any,
    path: PathKey,
    title: str,
    field: str,
    multi: bool,
    markdown: bool,
    found: list[TextValue],
) -> None:
    """Appends to `found` rather than yielding: nested generators cost a frame per level per value.

    A text, a date or an amount inside a model or a list is taken where it is met, without a
    call of its own: most of the values of a record are those, and a call each was half the walk.
    """
    if isinstance(value, str):
        found.append(TextValue(path, value, title, field, multi, False, markdown))
    elif isinstance(value, BaseModel):
        fields = value.__dict__
        for name, key, field_title, multi_line, is_markdown in _text_fields(type(value)):
            child = fields[name]
            kind = type(child)
            if kind is str:
                found.append(
                    TextValue((*path, key), child, field_title, key, multi_line, False, is_markdown)
                )
            elif kind not in _NEVER_TEXT and (child or kind is not tuple):  # most `documents`
                # of a ledger entry are an empty tuple: nothing to walk into either
                _walk(child, (*path, key), field_title, key, multi_line, is_markdown, found)
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            kind = type(item)
            if kind is str:
                found.append(TextValue((*path, index), item, title, field, multi, False, False))
            elif kind not in _NEVER_TEXT:
                _walk(item, (*path, index), title, field, multi, False, found)
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str):  # a fee item's name is published too
                found.append(TextValue((*path, key), key, title, field, False, True))
            _walk(item, (*path, key), title, field, multi, False, found)


_last_walk: tuple[weakref.ref[Project], tuple[tuple[Sourced[Any], TextValue], ...]] | None = None


def project_texts(project: Project) -> tuple[tuple[Sourced[Any], TextValue], ...]:
    """Every record's text values, each with its record; one walk for every rule of a check."""
    global _last_walk
    if _last_walk is not None and _last_walk[0]() is project:
        return _last_walk[1]
    found = tuple(
        (item, value) for item in project.all_sources() for value in text_values(item.record)
    )
    _last_walk = (weakref.ref(project), found)
    return found
