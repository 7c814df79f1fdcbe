"""Record text made safe for the Markdown pages mkdocs renders.

Records are typed by secretaries and may contain anything, including what an
attacker pasted into a form. Plain fields are escaped so they can only ever be
text; the few Markdown fields (`summary`) are rendered here with raw HTML turned
into visible text, then cleaned by nh3 so no script, event attribute or
`javascript:` link reaches a page, whatever mkdocs' own settings are.
"""

from __future__ import annotations

import functools
import html
import json
import re

import markdown
import nh3
from markupsafe import Markup

from generator.cjk_text import one_line, unwrap_soft_breaks

_EVERYWHERE = re.compile(r"([\\`*_{}\[\]()!|~])")
_LINE_START = re.compile(r"^([#+\-=])")
_NUMBERED = re.compile(r"^(\d+)\.(?=\s|$)")
_NEEDS_ESCAPING = re.compile(r"[\\`*_{}\[\]()!|~&<>\"]|^[#+\-=]|^\d+\.(?:\s|$)")
"""Anything the three patterns above or the HTML escapes below would change."""

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "a", "code", "pre"}
    | {"h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr", "del"}
)
"""No images: an image from another host would make the page call out of China's networks."""
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def md_inline(value: object) -> Markup:
    """Plain text for any Markdown position: one line, no syntax, no HTML."""
    text = str(value)
    text = one_line(text) if "\n" in text else " ".join(text.split())
    if not _NEEDS_ESCAPING.search(text):  # most dates, amounts and Chinese words: nothing to do
        return Markup(text)
    return Markup(escape_inline(text))


def escape_inline(text: str) -> str:
    """Every Markdown and HTML escape of one line of text (the slow, complete path)."""
    text = _EVERYWHERE.sub(r"\\\1", text)
    text = _NUMBERED.sub(r"\1\\.", _LINE_START.sub(r"\\\1", text))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;")


def md_finalize(value: object) -> object:
    """Jinja2 `finalize` for Markdown templates: everything is text unless marked safe."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return md_inline(value)


@functools.cache
def _markdown_without_html() -> markdown.Markdown:
    """One converter for every field (reset before each): making one costs more than converting."""
    converter = markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    return converter


def sanitized_html(source: str) -> str:
    """A record's Markdown as clean HTML: typed tags show as text, nothing can run."""
    rendered = _markdown_without_html().reset().convert(unwrap_soft_breaks(source))
    return nh3.clean(
        rendered,
        tags=set(ALLOWED_TAGS),
        attributes={"a": {"href", "title"}, "th": {"align"}, "td": {"align"}},
        url_schemes=set(ALLOWED_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def md_block(source: object) -> Markup:
    """A Markdown field placed in a page as one raw HTML block mkdocs passes through."""
    if source is None or not str(source).strip():
        return Markup("")
    body = sanitized_html(str(source))
    return Markup(f'<div class="gs-prose">\n{body}\n</div>')


_LINE_BREAKS = re.compile(r"\r\n?|[\n\v\f\x85\u2028\u2029]")
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Control characters, lone surrogates and non-characters: XML 1.0 forbids them, and a
calendar reader may take a bare CR or a vertical tab for the end of a line."""


def plain_line(value: object) -> str:
    """One line of plain text for a feed title or an iCal value: every kind of line break
    joined as Chinese text is, every other control character dropped. The XML and iCal
    writers still escape it for their syntax; this is what they cannot escape."""
    text = _LINE_BREAKS.sub("\n", str(value))
    return _NOT_TEXT.sub("", one_line(text) if "\n" in text else text).strip()


def xml_safe(value: str) -> str:
    """Text (HTML included) with the characters XML 1.0 cannot hold removed, line breaks kept."""
    return _NOT_TEXT.sub("", _LINE_BREAKS.sub("\n", value))


def html_text(value: object) -> str:
    """Text for a place mkdocs' templates print without escaping (page title, description)."""
    return html.escape(one_line(str(value)), quote=True)


def front_matter(title: str, description: str) -> Markup:
    """YAML front matter; JSON strings are valid YAML and cannot break out of their line."""
    lines = [
        "---",
        f"title: {json.dumps(html_text(title), ensure_ascii=False)}",
        f"description: {json.dumps(html_text(description), ensure_ascii=False)}",
        "---",
        "",
    ]
    return Markup("\n".join(lines))
