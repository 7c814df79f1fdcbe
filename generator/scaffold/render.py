"""The Jinja2 environment of templates/scaffold/: YAML and shell text, not HTML.

Autoescape is off because nothing here is HTML; every value typed by a secretary goes
into YAML through the `y` filter, which quotes it whenever YAML would read it otherwise.
StrictUndefined turns a misspelt variable into a failing test, not a blank field.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

import jinja2
import yaml

from generator.resources import templates_dir


def yaml_scalar(value: object) -> str:
    """`value` as YAML reads it back unchanged: plain when that is safe, else double-quoted."""
    if isinstance(value, Decimal | int | date):
        return str(value)
    text = str(value)
    try:
        plain = yaml.safe_load(text) == text and "\n" not in text and text == text.strip()
    except yaml.YAMLError:
        plain = False
    return text if plain and text else json.dumps(text, ensure_ascii=False)


def money(value: Decimal) -> str:
    """Yuan as a secretary types them: two decimals, no thousands separators."""
    return f"{value:.2f}"


@cache
def scaffold_environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir("scaffold")),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters.update(y=yaml_scalar, money=money)
    return environment


def render(template: str, /, **context: Any) -> str:
    return scaffold_environment().get_template(template).render(**context)
