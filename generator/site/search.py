"""Chinese search with Pagefind, run over the built HTML, that finds every string on a page.

Pagefind alone misses names: it cuts the pages' Chinese into words with jieba when
it indexes and the query with the browser's `Intl.Segmenter` when a resident
searches, and the two cut what they do not know differently (jieba keeps 吴桂芳
whole, the browser asks for 吴|桂|芳; 王|立新 against 王立|新), so 8 of the sample's
34 member names found nothing and 四点半课堂 found 2 of its 8 pages. No segmenter
knows every name, so the index no longer depends on one: each page also carries,
in a metadata field Pagefind indexes but never shows, every pair of neighbouring
characters of its text (`search_grams`). A pair is written in Latin letters and
digits (吴桂 → `gs0gms0kle`, see `gram_token`), which the browser's segmenter
leaves whole, so the query side (assets/gongshi-search.js) asks for exactly the
pairs of what was typed, in a row (Pagefind's quoted search). A page is found if
and only if it holds the string: no dictionary, no missed name, and no page that
merely holds both halves somewhere.

The pairs, the title's pairs (ranked higher) and the record kind (组织、账目、事项、
排班, one more word to search for) go into a copy of each page made for Pagefind only, so the
published pages stay as they are; Pagefind writes its bundle into the site.

Measured in headless Chromium on the sample: member names 96 → 134 of 134 pages,
30 words and title fragments 295 → 320 of 320, no page found that lacks the query;
the first search (业主) 200 → 247 KB. On the ten-year community the bundle is
6.1 MB instead of 2.9 MB (fragments carry the pairs), the first search 215 KB, and
indexing takes about three times as long (54 s against 17 s on a busy machine).

The binary ships inside the PyPI package `pagefind[bin]`: nothing is downloaded at
build time. Not the extended binary, which cuts Chinese into words with jieba: every
query asks for pairs, so nothing ever searched those words, and cutting and indexing
them took a quarter of Pagefind's time at ten years (5.6 → 4.2 s) and 1 MB of its bundle.

Tried and dropped, twice: feeding pages to Pagefind's service while mkdocs renders
them, to use the second core. Through its Python client the ten-year community's 800
pages took 80 s against 2.5 s for the CLI over the finished folder (the client waits a
tenth of a second before reading each answer). Through the service's own protocol the
pages went in while mkdocs would be running (3.2 s), but writing the index took 5.0 s
after the last one, against 5.3 s for the CLI's whole run: nothing to gain.

What does use the second core: the site is indexed in two parts at once, the ledgers'
pages (funds/, a number in every cell) into `pagefind/funds/` and every other page into
`pagefind/`, and the browser searches both as one (Pagefind's `mergeIndex`, which
loads its code once). One Pagefind does not keep two cores busy (4.1 s of CPU in 3.1 s
at ten years); the two parts take 2.1 s together, 2.8 s with long free text instead of
3.9 s. The part a page goes in follows from its address alone, so the same records make
the same two bundles on any machine, and the preview re-indexes only the part it changed.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Collection, Mapping
from html import escape, unescape
from pathlib import Path, PurePosixPath
from types import MappingProxyType

import pagefind_bin  # type: ignore[import-untyped]

BUNDLE = "pagefind"

LEDGER_PART = "funds"
MAIN_PART = "main"
PARTS = (MAIN_PART, LEDGER_PART)
"""The two parts of the search index, in the order gongshi-search.js merges them: the main
one in `pagefind/` (Pagefind's code and every page but the ledgers') and the ledgers'
pages (funds/) in `pagefind/funds/`."""

MERGED_FILES = ("pagefind-entry.json", "*.pf_meta", "index", "fragment", "filter")
"""What the browser reads of a merged part; Pagefind's code and styles it takes from the main one."""

BODY_TAG = "<div data-pagefind-body>"
"""The searchable part of every page, as the theme's main.html writes it."""

GRAMS_FIELD = "search_grams"
TITLE_GRAMS_FIELD = "title_grams"
KIND_FIELD = "kind"
KIND_WORD_FIELD = "kind_word"
TOKEN_PREFIX = "gs"
KIND_PREFIX = "gk"

RECORD_KINDS: Mapping[str, str] = MappingProxyType(
    {"organizations": "组织", "funds": "账目", "matters": "事项", "volunteers": "排班"}
)
"""Top folder of a page → its record kind, shown with each result and searched as one word.

Not a Pagefind filter: Pagefind 1.5 writes a filter's values in hash-map order (its
own TODO in index/mod.rs), so two builds of the same records would differ."""

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_CODE_WIDTH = 4
"""36⁴ > 0x10FFFF: every code point in four base-36 digits."""
_UNSEARCHED = re.compile(r"<(script|style|template)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_IGNORED = re.compile(r"<([a-z][a-z0-9]*)\b[^>]*\sdata-pagefind-ignore\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_HTML_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_TITLE = re.compile(r"<title\b[^>]*>.*?</title\s*>", re.DOTALL | re.IGNORECASE)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.DOTALL | re.IGNORECASE)


class SearchIndexFailed(Exception):
    """Pagefind could not index the site; the message is its own output."""


def searchable_runs(text: str) -> list[str]:
    """The text's runs of letters and digits, spaces closed up, in NFKC and lower case.

    Spaces are closed up because the pages space digits from Chinese (188 号) and
    a resident types 188号. The browser does the same to the query
    (gongshi-search.js `runs`), except that a space the resident types separates words.
    """
    normalized = unicodedata.normalize("NFKC", text).lower()
    return _RUN.findall(_CLOSED_UP.sub("", normalized))


_CLOSED_UP = re.compile(r"[\s\u200b]+")
"""White space (`str.isspace`, which is what `\\s` matches) and the zero-width space."""
_RUN = re.compile(r"[^\W_]+")
"""Letters and digits, `[\\p{L}\\p{N}]` in gongshi-search.js: `\\w` is `str.isalnum` and
`_`, and `str.isalnum` holds for exactly the characters of Unicode categories L and N
(tests/site/test_search_recall.py walks every code point)."""


@functools.cache
def _code(char: str) -> str:
    number = ord(char)
    digits = ""
    for _ in range(_CODE_WIDTH):
        number, digit = divmod(number, 36)
        digits = _DIGITS[digit] + digits
    return digits


def gram_token(chars: str) -> str:
    """One indexed word for one or two characters: 吴桂 → `gs` + 4 base-36 digits each."""
    return TOKEN_PREFIX + "".join(_code(char) for char in chars)


class _GramTokens(dict[str, str]):
    """`gram_token` of each pair met so far: a page's text repeats its pairs, the site's far more."""

    def __missing__(self, chars: str) -> str:
        self[chars] = token = gram_token(chars)
        return token


_gram_tokens = _GramTokens()


def kind_token(kind: str) -> str:
    """The one word that marks a page of that kind (gongshi-search.js `kindWord`)."""
    return KIND_PREFIX + "".join(_code(char) for char in kind)


def run_tokens(run: str) -> list[str]:
    """Each pair of neighbours, then the last character alone.

    A string of two or more characters is on the page exactly when its pairs are
    consecutive words here; one character is on the page when some word starts with it.
    """
    return [*map(_gram_tokens.__getitem__, map(str.__add__, run, run[1:])), _gram_tokens[run[-1]]]


class _RunWords(dict[str, str]):
    """`run_tokens` of each short run met so far, as the field writes them: a ledger's cells,
    a table's labels and the community's names recur page after page (at ten years with long
    free text, 40,000 different runs among 190,000, and finding their words again took two
    thirds of the time). A longer run, a sentence, is met once and not kept."""

    def __missing__(self, run: str) -> str:
        words = " ".join(run_tokens(run))
        if len(run) <= _KEPT_RUN:
            self[run] = words
        return words


_KEPT_RUN = 64
_run_words = _RunWords()


def search_grams(text: str) -> str:
    """The words of the `search_grams` field; a run already held by an earlier one is left out."""
    kept: list[str] = []
    seen = ""
    for run in sorted(dict.fromkeys(searchable_runs(text)), key=len, reverse=True):
        if run not in seen:
            kept.append(run)
            seen += "\x00" + run
    return " ".join(map(_run_words.__getitem__, kept))


def _element_end(html: str, start: int, tag: str) -> int:
    """Where the element whose start tag begins at `start` ends (after its end tag)."""
    depth = 0
    for match in re.finditer(rf"<(/?){tag}\b[^>]*>", html[start:]):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return start + match.end()
    return len(html)


def _without_ignored(html: str) -> str:
    """The HTML less scripts, styles and elements marked `data-pagefind-ignore`, as Pagefind reads it."""
    html = _UNSEARCHED.sub("", html)
    while match := _IGNORED.search(html):
        html = html[: match.start()] + html[_element_end(html, match.start(), match.group(1)) :]
    return html


def _text(html: str) -> str:
    return unescape(_TAG.sub("", html))


def _body_span(html: str) -> tuple[int, int]:
    """Where the searchable part starts (at BODY_TAG) and ends; (-1, -1) when it has none."""
    start = html.find(BODY_TAG)
    return (start, _element_end(html, start, "div")) if start != -1 else (-1, -1)


def searchable_text(html: str) -> tuple[str, str]:
    """(the text Pagefind indexes: the body less ignored parts, the page's h1 text)."""
    start, end = _body_span(html)
    return _body_text(html[start + len(BODY_TAG) : end]) if start != -1 else ("", "")


def _body_text(body: str) -> tuple[str, str]:
    body = _without_ignored(body)
    title = _H1.search(body)
    return _text(body), _text(title.group(1)) if title else ""


def record_kind(relative: Path) -> str | None:
    return RECORD_KINDS.get(relative.parts[0]) if len(relative.parts) > 1 else None


def page_for_index(html: str, kind: str | None) -> str:
    """What Pagefind is to read of the page: its searchable part, with the pairs, title
    pairs and kind added, hidden.

    Only the `<html>` start tag (the language), the `<title>` and the searchable part
    are kept, not the header, navigation and scripts every page repeats: Pagefind reads
    nothing else of a page once the site marks its bodies, so the bundle is byte for
    byte the same (tests/site/test_search_copies.py), and parsing 13 MB instead of
    33 MB takes a third less time at ten years.
    """
    start, end = _body_span(html)
    if start == -1:
        return html
    body = html[start + len(BODY_TAG) : end]
    text, title = _body_text(body)
    fields = [
        f'<span data-pagefind-meta="{GRAMS_FIELD}">{search_grams(text)}</span>',
        f'<span data-pagefind-meta="{TITLE_GRAMS_FIELD}">{search_grams(title)}</span>',
    ]
    if kind:
        fields.append(f'<span data-pagefind-meta="{KIND_FIELD}">{escape(kind)}</span>')
        fields.append(f'<span data-pagefind-meta="{KIND_WORD_FIELD}">{kind_token(kind)}</span>')
    hidden = f"<div data-pagefind-ignore hidden>{''.join(fields)}</div>"
    root = _HTML_TAG.search(html)
    head = _TITLE.search(html)
    return (
        "<!doctype html>"
        + (root.group(0) if root else "<html>")
        + '<head><meta charset="utf-8">'
        + (head.group(0) if head else "")
        + "</head><body>"
        + BODY_TAG
        + hidden
        + body
        + "</body></html>"
    )


def index_part(page: str) -> str:
    """The part of the search index the page at `page` (a path in the site) goes in."""
    parts = PurePosixPath(page).parts
    return LEDGER_PART if len(parts) > 1 and parts[0] == "funds" else MAIN_PART


def copy_path(copies: Path, page: str) -> Path:
    """Where the copy of the page at `page` is written for Pagefind: in its part's folder."""
    return copies / index_part(page) / page


def part_bundle(bundle: Path, part: str) -> Path:
    return bundle if part == MAIN_PART else bundle / part


def pagefind_command(pages: Path, bundle: Path) -> list[str]:
    """Pagefind over `pages` (copies `page_for_index` made), its bundle written to `bundle`.

    The binary of `pagefind[bin]`, by its own path: `python -m pagefind` would take the
    extended one instead wherever both are installed, and its bundle differs."""
    return [
        str(pagefind_bin.get_executable()),
        "--site",
        str(pages),
        "--output-path",
        str(bundle),
        "--silent",
    ]


class Indexing:
    """Pagefind running on each part of the copies (`copy_path`) at once, one process per part.

    `parts` limits it to those parts (the preview's, after a save); a part with no pages
    is not indexed.
    """

    def __init__(self, copies: Path, bundle: Path, parts: Collection[str] = PARTS) -> None:
        self._bundle = bundle
        self._running = {
            part: subprocess.Popen(
                pagefind_command(copies / part, part_bundle(bundle, part)),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for part in PARTS
            if part in parts and any((copies / part).rglob("*.html"))
        }

    def done(self) -> bool:
        return all(process.poll() is not None for process in self._running.values())

    def wait(self) -> None:
        """Raises SearchIndexFailed with what Pagefind said when a part could not be indexed."""
        failures = []
        for part, process in self._running.items():
            out, error = process.communicate()
            if process.returncode != 0:
                failures.append((error or out).decode("utf-8", "replace").strip())
            elif part != MAIN_PART:
                _keep_merged_files(part_bundle(self._bundle, part))
        if failures:
            raise SearchIndexFailed("\n".join(failures))

    def stop(self) -> None:
        for process in self._running.values():
            process.kill()
            process.communicate()


def _keep_merged_files(bundle: Path) -> None:
    kept = {path for pattern in MERGED_FILES for path in bundle.glob(pattern)}
    for path in bundle.iterdir():
        if path in kept:
            continue
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()


def run_pagefind(copies: Path, bundle: Path) -> None:
    """Every part of the copies indexed (`copy_path`), the bundles written under `bundle`."""
    Indexing(copies, bundle).wait()
