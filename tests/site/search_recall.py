"""What a search should find, read from the built HTML, and what it did find in Chromium.

The expected pages are worked out here without any of the site's search code: a
page should be found when the query, with its spaces taken out, is a substring of
the text of the page's searchable part (`data-pagefind-body`, less any
`data-pagefind-ignore` part) with its spaces taken out. lxml reads the HTML; the
site's own indexing uses the standard library's parser.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lxml import html as lxml_html

SPACES = re.compile(r"\s+")


def page_url(site: Path, file: Path) -> str:
    """The URL Pagefind gives a page: `/matters/lift/` for `matters/lift/index.html`."""
    relative = file.relative_to(site).as_posix()
    return "/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def searchable_texts(site: Path) -> dict[str, str]:
    """Page URL → the text of its searchable part, spaces removed."""
    texts: dict[str, str] = {}
    for file in sorted(site.rglob("*.html")):
        if file.relative_to(site).parts[0] == "pagefind":
            continue
        tree = lxml_html.fromstring(file.read_bytes())
        bodies = tree.xpath("//*[@data-pagefind-body]")
        if not bodies:
            continue
        for body in bodies:
            for ignored in body.xpath(".//*[@data-pagefind-ignore] | .//script | .//style"):
                ignored.drop_tree()
        texts[page_url(site, file)] = SPACES.sub("", "".join(b.text_content() for b in bodies))
    return texts


def expected_pages(texts: dict[str, str], query: str) -> set[str]:
    needle = SPACES.sub("", query)
    return {url for url, text in texts.items() if needle in text}


FIND_WITH_PAGEFIND = """async ([queries, raw]) => {
    const pagefind = await import('./pagefind/pagefind.js');
    const found = {};
    for (const query of queries) {
        const results = raw
            ? (await pagefind.search(query)).results
            : (await window.gongshiSearch.find(query)).results;
        const pages = await Promise.all(results.map((r) => r.data()));
        found[query] = pages.map((p) => p.url);
    }
    return found;
}"""
"""Every query through Pagefind's API: `raw` calls `pagefind.search` with the query as
typed; otherwise the query goes through the site's own search (gongshi-search.js),
which turns it into Pagefind terms and calls `pagefind.search` itself."""


def found_pages(page: Any, queries: list[str], raw: bool = False) -> dict[str, set[str]]:
    urls = page.evaluate(FIND_WITH_PAGEFIND, [queries, raw])
    return {query: set(found) for query, found in urls.items()}


def recall(texts: dict[str, str], found: dict[str, set[str]]) -> tuple[int, int, list[str]]:
    """(pages found that contain the query, pages that contain it, queries missing some)."""
    hit = total = 0
    missing: list[str] = []
    for query, urls in found.items():
        expected = expected_pages(texts, query)
        hit += len(expected & urls)
        total += len(expected)
        if expected - urls:
            missing.append(query)
    return hit, total, missing
