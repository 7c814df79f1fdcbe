"""The Jinja2 environment of the posters: templates/posters/, autoescaped, strict.

Autoescape is on because every word on a poster comes from content a secretary
typed; StrictUndefined turns a misspelt variable into a failing test instead of
a silently blank line on the notice board.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from generator.chinese_dates import chinese_date, chinese_span
from generator.kept_templates import keep_compiled
from generator.money import yuan
from generator.posters.amounts import rmb_uppercase
from generator.posters.unbroken import unbroken
from generator.resources import templates_dir


def _area(value: Decimal) -> str:
    return f"{value:,}"


def _whole(text: str) -> Markup:
    return Markup('<span class="nowrap">{}</span>').format(text)


def _date(day: date | None) -> Markup:
    """A date never breaks across lines on a poster (`2026年12月18 / 日` is misread)."""
    return _whole(chinese_date(day))


def _span(start: date, end: date) -> Markup:
    first, _, last = chinese_span(start, end).partition("至")
    return Markup("{}至{}").format(_whole(first), _whole(last))


@cache
def poster_environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir("posters")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(
        cn_date=_date,
        cn_span=_span,
        unbroken=unbroken,
        yuan=yuan,
        daxie=rmb_uppercase,
        area=_area,
    )
    return keep_compiled(environment)


def render_template(name: str, **context: Any) -> str:
    return poster_environment().get_template(name).render(**context)
