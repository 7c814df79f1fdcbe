"""The Jinja2 environment of the posters: templates/posters/, autoescaped, strict.

Autoescape is on because every word on a poster comes from content a secretary
typed; StrictUndefined turns a misspelt variable into a failing test instead of
a silently blank line on the notice board.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

import jinja2

from generator.chinese_dates import chinese_date, chinese_span
from generator.money import yuan
from generator.posters.amounts import rmb_uppercase
from generator.resources import templates_dir


def _area(value: Decimal) -> str:
    return f"{value:,}"


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
        cn_date=chinese_date,
        cn_span=chinese_span,
        yuan=yuan,
        daxie=rmb_uppercase,
        area=_area,
    )
    return environment


def render_template(name: str, **context: Any) -> str:
    return poster_environment().get_template(name).render(**context)
