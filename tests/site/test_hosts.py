"""Nothing on the built site is fetched from another host, even on a browser without ResizeObserver.

What counts as a URL a browser could fetch, file by file (strict first, then an
allow-list where each entry says why it is never fetched):
- HTML: every attribute value holding an absolute (`http://`, `https://`) or
  protocol-relative (`//host`) URL, whatever the attribute (src, href, srcset,
  style, data-*…), except `xmlns` namespace names. The only URLs allowed are on the
  site's own host (`site.url`) in attributes a browser never loads on its own:
  `<a href>`, `<link rel="canonical|alternate" href>`, `<meta property="og:url">`.
  Text between tags is not checked: text is shown, not fetched. Inline `<script>`
  and `<style>` follow the JS and CSS rules.
- CSS: every absolute or protocol-relative URL outside comments and `data:` URLs
  (so any `url(…)` or `@import` of another host).
- JS (the theme's bundle, Pagefind, Gongshi's own scripts, the vendored polyfill):
  every absolute http(s) URL anywhere in the file, and every string literal that
  starts with `//host`, whatever it is passed to (fetch, import, a script's src,
  `new URL`), unless listed in JS_NEVER_FETCHED with the reason.
- XML (feeds, sitemap), SVG, JSON (open data, schemas, Pagefind's entry),
  webmanifest, ICS, CSV, the log: every absolute URL must be on the site's own host
  (a feed's links to its own pages), unless listed in IDENTIFIERS (namespace names,
  the JSON Schema dialect, the feed's documentation pointers).
- `*.gz` is read as the file it compresses. Pagefind's binary index and fragments
  (`pagefind/index`, `pagefind/fragment`, and the same in the ledgers' part
  `pagefind/funds/`) hold the pages' text and their own paths,
  shown as text: they are not checked.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from fnmatch import fnmatch
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.site.test_browser import PAGES as BROWSER_PAGES

SITE_HOST = "cuihu.example.org"
"""The sample's site.url host (site_config.yml)."""

ABSOLUTE = re.compile(r"""(?:https?:)?//[A-Za-z0-9$][^\s"'`<>()\\]*""")
JS_URL = re.compile(r"""https?://[^\s"'`<>()\\]*|(?<=["'`])//[A-Za-z0-9$][^\s"'`<>()\\]*""")
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
CSS_DATA_URL = re.compile(r"""url\(\s*(["']?)data:.*?\1\s*\)""", re.S)

JS_NEVER_FETCHED: tuple[tuple[str, str, str], ...] = (
    (
        "assets/javascripts/bundle.*.min.js",
        "https://api.github.com/repos/${e}/${t}",
        "repository facts, fetched only for the header's repository link (mkdocs `repo_url`),"
        " which Gongshi never sets: test_no_page_has_the_themes_repository_link",
    ),
    ("assets/javascripts/bundle.*.min.js", "https://api.github.com/users/${e}", "as above"),
    (
        "assets/javascripts/bundle.*.min.js",
        "https://${e}/api/v4/projects/${encodeURIComponent",
        "as above, for a GitLab repository",
    ),
    ("assets/javascripts/bundle.*.min.js", "https://clipboardjs.com/", "licence comment"),
    (
        "assets/vendor/resize-observer-polyfill.js",
        "https://drafts.fxtf.org/geometry/",
        "doc comment",
    ),
    ("pagefind/pagefind-highlight.js", "https://markjs.io/", "licence comment"),
    ("pagefind/pagefind-highlight.js", "https://git.io/vwTVl", "comment"),
    ("pagefind/pagefind.js", "https://example.com${", "base to edit a path; the origin is cut off"),
    ("pagefind/pagefind-worker.js", "https://example.com${", "as above"),
    (
        "pagefind/pagefind-*ui.js",
        "https://p",
        "base of `new URL(…).pathname`: only the path is kept",
    ),
    ("pagefind/pagefind-*ui.js", "http://www.w3.org/2000/svg", "SVG namespace (createElementNS)"),
    ("pagefind/pagefind-*ui.js", "https://github.com/", "a translator's credit (thanks_to text)"),
    ("pagefind/pagefind-*ui.js", "https://yekta.dev", "a translator's credit (thanks_to text)"),
    ("pagefind/pagefind-*ui.js", "https://harrymkt.github.io", "a translator's credit"),
)
"""(file, URL prefix, why a browser never fetches it)."""

IDENTIFIERS: tuple[tuple[str, str, str], ...] = (
    ("*", "http://www.w3.org/", "XML, SVG and Atom namespace names"),
    ("*.xml", "http://purl.org/rss/1.0/modules/content/", "RSS content namespace name"),
    ("*.xml", "http://www.sitemaps.org/schemas/sitemap/0.9", "sitemap namespace name"),
    ("feed.xml", "http://www.rssboard.org/rss-specification", "RSS <docs>, shown, not fetched"),
    ("atom.xml", "https://lkiesow.github.io/python-feedgen", "Atom <generator uri>, not fetched"),
    ("*.json", "http://json-schema.org/draft-07/schema#", "JSON Schema dialect, an identifier"),
    (
        "data/datapackage.json",
        "https://creativecommons.org/licenses/by/4.0/",
        "the licence's address (site.license), named for people and tools, not fetched",
    ),
)
"""(file, URL prefix, why it is an identifier and not a fetch) for XML, JSON and the rest."""

NAVIGATION = {("a", "href"), ("link", "href"), ("meta", "content")}
"""Attributes whose own-host URL a browser does not load by itself (a link, canonical, og:url)."""

OWN_HOST_LINK_RELS = {"canonical", "alternate"}
TEXT_KINDS = {".xml", ".svg", ".json", ".webmanifest", ".ics", ".csv", ".txt", ".checkpoint"}
SKIPPED = (
    "pagefind/index/*",
    "pagefind/fragment/*",
    "pagefind/funds/index/*",
    "pagefind/funds/fragment/*",
    "*.png",
    "*.pdf",
    "*.pagefind",
    "*.pf_meta",
)


def _allowed(rules: tuple[tuple[str, str, str], ...], name: str, url: str) -> bool:
    return any(
        (fnmatch(name, pattern) or fnmatch(Path(name).name, pattern)) and url.startswith(prefix)
        for pattern, prefix, _why in rules
    )


def _host(url: str) -> str:
    return urlsplit(url if url.startswith("http") else "http:" + url).hostname or ""


def js_urls(name: str, text: str) -> list[str]:
    return [url for url in JS_URL.findall(text) if not _allowed(JS_NEVER_FETCHED, name, url)]


def css_urls(text: str) -> list[str]:
    return ABSOLUTE.findall(CSS_DATA_URL.sub("", CSS_COMMENT.sub("", text)))


class _Attributes(HTMLParser):
    def __init__(self, name: str) -> None:
        super().__init__(convert_charrefs=True)
        self.name = name
        self.found: list[str] = []
        self._inline: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        rel = set((values.get("rel") or "").split())
        for attr, value in attrs:
            if not value or attr == "xmlns" or attr.startswith("xmlns:"):
                continue
            if value.startswith("data:"):
                continue
            for url in ABSOLUTE.findall(value):
                own = _host(url) == SITE_HOST and (tag, attr) in NAVIGATION
                if own and (tag != "link" or rel <= OWN_HOST_LINK_RELS):
                    continue
                self.found.append(f"<{tag} {attr}> {url}")
        self._inline = tag if tag in ("script", "style") else None

    def handle_endtag(self, tag: str) -> None:
        self._inline = None

    def handle_data(self, data: str) -> None:
        if self._inline == "script":
            self.found += [f"<script> {url}" for url in js_urls(self.name, data)]
        elif self._inline == "style":
            self.found += [f"<style> {url}" for url in css_urls(data)]


def outside_urls(name: str, text: str) -> list[str]:
    """The URLs to another host a browser could fetch in one built file, by the rules above."""
    suffix = Path(name).suffix
    if suffix == ".html":
        parser = _Attributes(name)
        parser.feed(text)
        return parser.found
    if suffix == ".css":
        return css_urls(text)
    if suffix in (".js", ".mjs"):
        return js_urls(name, text)
    return [
        url
        for url in ABSOLUTE.findall(text)
        if url.startswith("http") and _host(url) != SITE_HOST
        if not _allowed(IDENTIFIERS, name, url)
    ]


def built_files(site: Path) -> Iterator[tuple[str, str]]:
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if not path.is_file() or any(fnmatch(name, pattern) for pattern in SKIPPED):
            continue
        data = path.read_bytes()
        if name.endswith(".gz"):
            name, data = name[: -len(".gz")], gzip.decompress(data)
        yield name, data.decode("utf-8")


def test_no_built_file_holds_a_url_a_browser_could_fetch_from_another_host(
    sample_site: Path,
) -> None:
    found = {
        name: urls for name, text in built_files(sample_site) if (urls := outside_urls(name, text))
    }
    assert found == {}
    kinds = {Path(name).suffix for name, _ in built_files(sample_site)}
    assert {".html", ".css", ".js", ".xml", ".json"} <= kinds


def test_no_page_has_the_themes_repository_link(sample_site: Path) -> None:
    """The proof behind JS_NEVER_FETCHED's GitHub and GitLab entries."""
    pages = [
        p for p in sample_site.rglob("*.html") if 'data-md-component="source"' in p.read_text()
    ]
    assert pages == []


def test_the_theme_bundle_loads_the_polyfill_from_the_site(sample_site: Path) -> None:
    (bundle,) = (sample_site / "assets" / "javascripts").glob("bundle.*.min.js")
    text = bundle.read_text(encoding="utf-8")
    assert "unpkg.com" not in text
    assert '"assets/vendor/resize-observer-polyfill.js"' in text
    polyfill = sample_site / "assets" / "vendor" / "resize-observer-polyfill.js"
    assert "The MIT License" in polyfill.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('<img src="https://cdn.example.com/a.png">', ["<img src> https://cdn.example.com/a.png"]),
        ('<script src="//unpkg.com/x.js"></script>', ["<script src> //unpkg.com/x.js"]),
        (
            '<link rel="stylesheet" href="https://cuihu.example.org/a.css">',
            ["<link href> https://cuihu.example.org/a.css"],
        ),
        ('<div style="background:url(https://e.com/a.png)">', ["<div style> https://e.com/a.png"]),
        ('<script>fetch("https://e.com/x")</script>', ["<script> https://e.com/x"]),
        ('<a href="https://cuihu.example.org/matters/">', []),
        ('<link rel="canonical" href="https://cuihu.example.org/">', []),
        ('<svg xmlns="http://www.w3.org/2000/svg"></svg>', []),
        ("<p>见 https://e.com/ 的说明</p>", []),
    ],
)
def test_html_rule(text: str, expected: list[str]) -> None:
    assert outside_urls("page.html", text) == expected


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "a.css",
            "@import url('https://fonts.example.com/f.css');",
            ["https://fonts.example.com/f.css"],
        ),
        ("a.css", "a{background:url(//e.com/a.png)}", ["//e.com/a.png"]),
        (
            "a.css",
            "/* https://e.com */ a{background:url('data:image/svg+xml,<svg><!-- https://e.com --></svg>')}",
            [],
        ),
        (
            "a.js",
            'x("https://unpkg.com/resize-observer-polyfill")',
            ["https://unpkg.com/resize-observer-polyfill"],
        ),
        ("a.js", "import('//e.com/m.js')", ["//e.com/m.js"]),
        ("a.js", "a.replace(/^\\/\\//, '')", []),
        ("feed.xml", "<link>https://cuihu.example.org/matters/</link>", []),
        ("feed.xml", '<enclosure url="https://e.com/a.mp3"/>', ["https://e.com/a.mp3"]),
        ("data/x.json", '{"$schema": "http://json-schema.org/draft-07/schema#"}', []),
    ],
)
def test_file_rules(name: str, text: str, expected: list[str]) -> None:
    assert outside_urls(name, text) == expected


WITHOUT_RESIZE_OBSERVER = {
    "home": BROWSER_PAGES["home"],
    "organization": BROWSER_PAGES["organization"],
    "ledger": BROWSER_PAGES["ledger"],
    "matter": BROWSER_PAGES["matter"],
    "team": BROWSER_PAGES["team"],
    "data": BROWSER_PAGES["data"],
    "verify": BROWSER_PAGES["verify"],
    "404": "404.html",
}


@pytest.fixture(scope="module")
def old_webview(browser: Any) -> Iterator[Any]:
    """A phone whose browser has no ResizeObserver, like older Android WebViews inside WeChat."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    context.add_init_script("delete window.ResizeObserver; window.ResizeObserver = undefined;")
    yield context
    context.close()


@pytest.mark.parametrize("kind", sorted(WITHOUT_RESIZE_OBSERVER))
def test_page_without_resize_observer_fetches_only_from_the_site(
    kind: str, old_webview: Any, site_url: str
) -> None:
    page = old_webview.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(site_url + WITHOUT_RESIZE_OBSERVER[kind], wait_until="networkidle")
        assert page.evaluate("typeof ResizeObserver") == "function", "the polyfill did not load"
        assert [url for url in requests if _host(url) != "127.0.0.1"] == []
        assert any(url.endswith("/assets/vendor/resize-observer-polyfill.js") for url in requests)
        assert errors == []
        assert page.locator("article h1").first.is_visible()
    finally:
        page.close()
