"""适老化 on a 390 px phone, measured in Chromium on the built sample, in both modes.

No date, weekday, name, amount with its unit or phone number may break across lines:
the test finds them with its own patterns in every text node of the page (names from
the record files, read here with PyYAML), and measures each with Range.getClientRects().
Body text is at least 18 px with a line height of at least 1.5; 长辈模式 makes it larger,
is remembered on the device and applied before the first paint; the 404 page is Chinese
with a way home and a working search box; phone numbers are tel: links.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.site.typography import Typesetting, thousands, typeset_html
from tests.conftest import REPO
from tests.site.conftest import ARTIFACTS, SiteRequestHandler
from tests.site.test_browser import ELDER, NOT_FOUND, PAGES, VIEWPORTS

PHONE = VIEWPORTS["phone"]
KINDS = [*sorted(PAGES), "404"]


def _record_names() -> list[str]:
    """Every person named in the sample's organizations and schedules, read from the YAML."""
    names: set[str] = set()
    for path in sorted((REPO / "content" / "organizations").glob("*.yml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        names.update(member["name"] for member in record.get("members", ()))
    for path in sorted((REPO / "content" / "volunteers").glob("*.yml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        for shift in record.get("shifts", ()):
            names.update(shift.get("volunteers", ()))
    return sorted(names)


UNITS_FOUND = r"""([names, kinds]) => {
  const patterns = {
    date: /\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日/g,
    weekday: /(?:周|星期)[一二三四五六日天]/g,
    amount: /\d[\d,]*(?:\.\d+)?\s?(?:元|平方米|户)/g,
    phone: /0\d{2,3}-\d{7,8}|1[3-9]\d{9}/g,
    name: new RegExp(names.join("|"), "g"),
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest("script, style, svg, .md-search, [hidden]")) continue;
    const style = getComputedStyle(parent);
    if (style.display === "none" || style.visibility === "hidden") continue;
    for (const kind of kinds) {
      for (const match of node.data.matchAll(patterns[kind])) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        if (!rects.length) continue;
        const lines = new Set(rects.map((r) => Math.round(r.bottom)));
        const first = rects[0];
        const broken = rects.some((r) => Math.abs(r.bottom - first.bottom) > first.height / 2);
        found.push({ kind, text: match[0], lines: lines.size, broken,
                     context: node.data.slice(Math.max(0, match.index - 8), match.index + match[0].length + 8) });
      }
    }
  }
  return found;
}"""


@pytest.fixture(scope="module", params=["normal", "elder"])
def mode(request: pytest.FixtureRequest, browser: Any) -> Iterator[tuple[str, Any]]:
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    if request.param == "elder":
        context.add_init_script(ELDER)
    yield request.param, context
    context.close()


def _url(site_url: str, kind: str) -> str:
    return site_url + (NOT_FOUND if kind == "404" else PAGES[kind])


@pytest.mark.parametrize("kind", KINDS)
def test_no_date_weekday_name_amount_or_phone_breaks_across_lines(
    kind: str, mode: tuple[str, Any], site_url: str
) -> None:
    name, context = mode
    page = context.new_page()
    try:
        page.goto(_url(site_url, kind), wait_until="networkidle")
        assert page.evaluate("document.documentElement.classList.contains('gs-elder')") == (
            name == "elder"
        )
        found = page.evaluate(
            UNITS_FOUND, [_record_names(), ["date", "weekday", "amount", "phone", "name"]]
        )
        broken = [(f["kind"], f["context"]) for f in found if f["broken"]]
        assert broken == [], f"{len(broken)} of {len(found)} units break across lines"
        assert any(f["kind"] == "phone" for f in found), (
            "the footer's phone number is on every page"
        )
        kept = page.evaluate(
            """() => [...document.querySelectorAll('gs-nw, .gs-nw')].filter((e) => {
                const rects = [...e.getClientRects()].filter((r) => r.width > 0);
                return rects.some((r) => Math.abs(r.bottom - rects[0].bottom) > rects[0].height / 2);
            }).map((e) => e.textContent)"""
        )
        assert kept == []
    finally:
        page.close()


def test_the_sample_has_the_units_the_phone_broke(browser: Any, site_url: str) -> None:
    """The measurement above is not empty: the pages hold dates, names and amounts to test."""
    page = browser.new_page(viewport=PHONE)
    try:
        counts: dict[str, int] = {}
        for kind in ("home", "matter", "ledger", "organization", "team"):
            page.goto(_url(site_url, kind), wait_until="networkidle")
            for found in page.evaluate(
                UNITS_FOUND, [_record_names(), ["date", "weekday", "amount", "phone", "name"]]
            ):
                counts[found["kind"]] = counts.get(found["kind"], 0) + 1
        assert counts["date"] >= 100, counts
        assert min(counts.values()) >= 5, counts
    finally:
        page.close()


BODY_TEXT = r"""() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const small = [];
  let measured = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.data.trim()) continue;
    const parent = node.parentElement;
    if (!parent || parent.closest("script, style, svg, .md-search, h1, h2, h3, code")) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0);
    if (!rects.length) continue;
    const block = parent.closest("p, li, td, th, dd, dt, .md-footer-meta, .md-nav__link, label") || parent;
    const style = getComputedStyle(parent);
    const size = parseFloat(style.fontSize);
    const line = parseFloat(getComputedStyle(block).lineHeight);
    const blockSize = parseFloat(getComputedStyle(block).fontSize);
    measured += 1;
    if (size < 18 || !(line / blockSize >= 1.49)) {  // 1.5 as Chromium rounds it
      small.push([node.data.trim().slice(0, 20), size, line / blockSize, block.tagName]);
    }
  }
  return { measured, small };
}"""


@pytest.mark.parametrize("kind", KINDS)
def test_body_text_is_at_least_18px_with_line_height_at_least_one_and_a_half(
    kind: str, mode: tuple[str, Any], site_url: str
) -> None:
    _name, context = mode
    page = context.new_page()
    try:
        page.goto(_url(site_url, kind), wait_until="networkidle")
        result = page.evaluate(BODY_TEXT)
        assert result["measured"] > 10
        assert result["small"] == []
    finally:
        page.close()


def _paragraph_size(page: Any) -> float:
    return float(
        page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('.md-content p')).fontSize)"
        )
    )


def test_the_switch_enlarges_the_text_and_is_remembered_before_the_first_paint(
    browser: Any, site_url: str
) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(site_url + PAGES["matter"], wait_until="networkidle")
        normal = _paragraph_size(page)
        switch = page.get_by_role("button", name="大字")
        assert switch.is_visible()
        assert switch.get_attribute("aria-pressed") == "false"
        switch.click()
        assert switch.get_attribute("aria-pressed") == "true"
        assert page.evaluate("localStorage.getItem('gongshi-elder')") == "1"
        assert _paragraph_size(page) >= normal * 1.2
        # The next page: <html> carries the class before <body> exists, so no small-text flash.
        page.add_init_script(
            """new MutationObserver((_, observer) => {
                if (document.body) {
                    window.gsElderAtFirstBody = document.documentElement.classList.contains('gs-elder');
                    observer.disconnect();
                }
            }).observe(document, { childList: true, subtree: true });"""
        )
        page.goto(site_url + PAGES["ledger"], wait_until="networkidle")
        assert page.evaluate("window.gsElderAtFirstBody") is True
        assert page.get_by_role("button", name="大字").get_attribute("aria-pressed") == "true"
        page.screenshot(path=str(ARTIFACTS / "switch-on.png"))
        page.get_by_role("button", name="大字").click()
        assert page.evaluate("localStorage.getItem('gongshi-elder')") is None
        assert _paragraph_size(page) == normal
    finally:
        context.close()


def test_the_404_page_is_chinese_with_a_way_home_and_a_search_that_finds(
    browser: Any, site_url: str
) -> None:
    page = browser.new_page(viewport=PHONE)
    try:
        response = page.goto(site_url + "matters/no-such-matter/", wait_until="networkidle")
        assert response is not None and response.status == 404
        assert page.locator("html").get_attribute("lang") == "zh-CN"
        text = page.locator("article").inner_text()
        assert "找不到这个页面" in text and "Not found" not in text
        assert "找不到" in page.title()
        home = page.get_by_role("link", name="回到首页")
        assert page.evaluate("(a) => a.href", home.element_handle()) == site_url
        box = page.get_by_role("searchbox", name="在本站搜索")
        box.fill("电梯")
        box.press("Enter")
        result = page.locator(".md-search-result__list a[href*='matters/lift-replacement-2026']")
        result.first.wait_for(timeout=10_000)
        result.first.click()
        page.wait_for_url("**/matters/lift-replacement-2026/")
    finally:
        page.close()


def test_phone_numbers_are_tel_links(browser: Any, site_url: str) -> None:
    page = browser.new_page(viewport=PHONE)
    try:
        page.goto(site_url + PAGES["matter"], wait_until="networkidle")
        links = page.evaluate(
            "[...document.querySelectorAll('a[href^=\"tel:\"]')].map((a) => [a.textContent, a.href])"
        )
        assert ["0734-82653102", "tel:073482653102"] in links  # the matter's feedback phone
        assert ["0734-82653100", "tel:073482653100"] in links  # the site's, in the footer
        outside = page.evaluate(
            r"""() => {
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                const found = [];
                for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                    if (/0\d{2,3}-\d{7,8}|1[3-9]\d{9}/.test(n.data) && !n.parentElement.closest('a[href^="tel:"], script'))
                        found.push(n.data.trim());
                }
                return found;
            }"""
        )
        assert outside == []
    finally:
        page.close()


@pytest.mark.parametrize("kind", ["home", "ledger", "matter", "404"])
def test_screenshots_of_the_four_pages_in_both_modes(
    kind: str, mode: tuple[str, Any], site_url: str
) -> None:
    """Kept in tests/artifacts/site/ to be looked at: home, a ledger period, a matter, 404."""
    name, context = mode
    page = context.new_page()
    try:
        page.goto(_url(site_url, kind), wait_until="networkidle")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"typography-{kind}-{name}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        page.close()


# Pure typesetting, checked on hand-written text.

SETTING = Typesetting(
    frozenset({"刘志坚", "王立新"}),
    {"supervisory-election-2026": ("选举监督委员会", "matters/supervisory-election-2026/")},
)


def _nw(text: str) -> str:
    return f"<gs-nw>{text}</gs-nw>"


def test_dates_weekdays_names_and_amounts_are_kept_whole() -> None:
    html = "<p>2026年7月1日（周二）刘志坚收到 168000.00 元，12月1日前</p>"
    assert typeset_html(html, SETTING, "") == (
        f"<p>{_nw('2026年7月1日')}（{_nw('周二')}）{_nw('刘志坚')}收到 "
        f"{_nw('168,000.00 元')}，{_nw('12月1日')}前</p>"
    )


def test_one_number_format_for_amounts_areas_and_counts_but_not_years() -> None:
    html = "<td>95870.25</td><td>168,000.00</td><p>业主 1286 户，2026 年，费12600.00元从</p>"
    assert typeset_html(html, SETTING, "") == (
        f"<td>{_nw('95,870.25')}</td><td>{_nw('168,000.00')}</td>"
        f"<p>业主 {_nw('1,286 户')}，{_nw('2026 年')}，费{_nw('12,600.00元')}从</p>"
    )


def test_a_phone_number_becomes_a_tel_link_unless_it_is_in_a_link_already() -> None:
    html = '<p>电话 0734-82653100</p><a href="tel:13912345678">13912345678</a>'
    assert typeset_html(html, SETTING, "") == (
        '<p>电话 <a class="gs-nw" href="tel:073482653100">0734-82653100</a></p>'
        f'<a href="tel:13912345678">{_nw("13912345678")}</a>'
    )


def test_a_record_id_in_text_becomes_a_link_titled_with_the_record() -> None:
    html = "<p>（见事项 supervisory-election-2026）</p>"
    assert typeset_html(html, SETTING, "organizations/supervisory-committee") == (
        '<p>（见事项 <a href="../../matters/supervisory-election-2026/">选举监督委员会</a>）</p>'
    )
    assert typeset_html(html, SETTING, None) == html  # the 404 page has no relative links


def test_markup_scripts_code_and_attributes_are_copied_unchanged() -> None:
    html = (
        '<img alt="2026年7月1日 168000.00 元" src="a.svg"><script>var d = "2026年7月1日";</script>'
        "<code>168000.00 元</code><!-- 2026年7月1日 --><title>2026年7月1日</title>"
        "<p>版本 1.5.1，K7QD-3M9X，&#12345;</p>"
    )
    assert typeset_html(html, SETTING, "") == html.replace("K7QD-3M9X", _nw("K7QD-3M9X"))


def test_thousands_keeps_the_digits_as_written() -> None:
    assert thousands("968000.00") == "968,000.00"
    assert thousands("1286") == "1,286"
    assert thousands("126,834.56") == "126,834.56"


def test_a_wrongly_grouped_number_is_left_as_written() -> None:
    assert typeset_html("<p>12,34 元</p>", SETTING, "") == f"<p>{_nw('12,34 元')}</p>"


def test_the_switch_keeps_working_across_material_instant_navigation(
    browser: Any, sample_site: Path, tmp_path: Path
) -> None:
    """With `navigation.instant` material swaps pages in one document; the class on <html>
    and the document's click handler must survive the swap. The feature is switched on
    in a copy of the built site (the theme reads it from each page's __config)."""
    site = tmp_path / "site"
    shutil.copytree(sample_site, site, ignore=shutil.ignore_patterns("posters", "log"))
    for page_file in site.rglob("*.html"):
        text = page_file.read_text(encoding="utf-8")
        page_file.write_text(
            text.replace(
                '"features": ["navigation.top"]',
                '"features": ["navigation.top", "navigation.instant"]',
            ),
            encoding="utf-8",
        )
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(SiteRequestHandler, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    root = f"http://127.0.0.1:{server.server_address[1]}/"
    sitemap = site / "sitemap.xml"  # instant navigation follows only the sitemap's addresses
    sitemap.write_text(
        re.sub(r"<loc>https?://[^/<]+/", f"<loc>{root}", sitemap.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    (site / "sitemap.xml.gz").unlink(missing_ok=True)
    page = browser.new_page(viewport=VIEWPORTS["desktop"])
    try:
        page.goto(root, wait_until="networkidle")
        page.evaluate("window.gsSameDocument = true")
        page.get_by_role("button", name="大字").click()
        page.locator(
            "article a[href*='matters/']:visible"
        ).first.click()  # status.js hides what ended
        page.wait_for_url("**/matters/**")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.gsSameDocument") is True, "instant navigation swapped the page"
        assert page.evaluate("document.documentElement.classList.contains('gs-elder')")
        switch = page.get_by_role("button", name="大字")
        assert switch.get_attribute("aria-pressed") == "true"
        switch.click()
        assert not page.evaluate("document.documentElement.classList.contains('gs-elder')")
        assert page.evaluate("localStorage.getItem('gongshi-elder')") is None
    finally:
        page.close()
        server.shutdown()
        server.server_close()


def test_a_trie_of_words_matches_what_the_words_longest_first_match() -> None:
    import re

    from generator.site.typography import literal_alternation

    words = ["2024-001", "2024-0011", "2024-01", "a-b", "a-bc", "王立", "王立新", "欧阳", "x.y*"]
    plain = re.compile(
        "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")(?!z)"
    )
    trie = re.compile(literal_alternation(words) + "(?!z)")
    text = "2024-00112024-001z 2024-01 a-bcz a-b 王立新王立欧阳x.y*王立z 2024-0011z"
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert trie.findall(text) == plain.findall(text) != []
