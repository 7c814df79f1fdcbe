"""Jinja2 environments: Markdown pages escape by default, SVG and HTML autoescape."""

from __future__ import annotations

import posixpath
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from generator import resources
from generator.chinese_dates import chinese_date
from generator.kept_templates import keep_compiled
from generator.money import grouped, yuan
from generator.site.escaping import front_matter, html_text, md_block, md_finalize, md_inline


def templates_dir() -> Path:
    return resources.templates_dir("site")


def relative(here: str, target: str) -> str:
    """A link from the Markdown file `here` to the file `target`, both below docs/."""
    return posixpath.relpath(target, posixpath.dirname(here) or ".")


@pass_context
def _link(context: Context, text: object, target: str, anchor: str = "") -> Markup:
    """A Markdown link mkdocs checks in strict mode: a missing target fails the build."""
    href = relative(context["here"], target) + (f"#{anchor}" if anchor else "")
    return Markup(f"[{md_inline(text)}]({href})")


@pass_context
def _href(context: Context, target: str) -> str:
    return relative(context["here"], target)


def safe_url(url: str | None) -> Markup | None:
    """A document link that can only go to a web page or a file on the site."""
    if not url:
        return None
    scheme = urlsplit(url.strip()).scheme.lower()
    if scheme not in ("", "http", "https"):
        return None
    return Markup(quote(url.strip(), safe=":/?#@!$&'*+,;=%~"))


def _money(amount: Decimal | None) -> str:
    return "—" if amount is None else f"{yuan(amount)} 元"


@cache
def markdown_environment() -> Environment:
    """One environment per process: Jinja2 compiles each template once."""
    env = Environment(
        loader=FileSystemLoader(templates_dir() / "pages"),
        autoescape=False,
        finalize=md_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    _add_filters(env)
    env.filters.update(md=md_block, link=_link, href=_href, front=front_matter, safe_url=safe_url)
    return keep_compiled(env)


@cache
def svg_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(templates_dir() / "charts"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    _add_filters(env)
    return keep_compiled(env)


def _add_filters(env: Environment) -> None:
    env.filters.update(
        cdate=chinese_date,
        money=_money,
        yuan=lambda amount: yuan(amount),
        number=grouped,
        h=lambda value: Markup(html_text(value)),
    )


def render(env: Environment, template: str, **context: Any) -> str:
    return env.get_template(template).render(**context)
