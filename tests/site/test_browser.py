"""The built sample in headless Chromium, as a resident on a phone and on a desktop sees it.

Each kind of page must load with no console error and no request to any host but
the local one; axe-core finds no serious or critical accessibility violation, in
长辈模式 (大字) too;
the theme's search box finds a matter by a word of its title. Screenshots are
kept in tests/artifacts/site/ to be looked at.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.site.conftest import ARTIFACTS

PAGES = {
    "home": "",
    "organizations": "organizations/",
    "organization": "organizations/owners-committee/",
    "funds": "funds/",
    "account": "funds/public-income/",
    "ledger": "funds/public-income/public-income-2026q3/",
    "matters": "matters/",
    "matter": "matters/lift-replacement-2026/",
    "volunteers": "volunteers/",
    "team": "volunteers/youth-tutoring/",
    "data": "data/",
    "verify": "verify/",
    "report": "report/",
}
NOT_FOUND = "no-such-page/"
"""Any missing address: the host serves the site's 404.html (tests/site/conftest.py)."""
ELDER = "try { localStorage.setItem('gongshi-elder', '1') } catch (e) {}"
"""What the 大字 switch leaves on a device: every later page opens in 长辈模式."""
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}


@pytest.fixture(scope="module", params=sorted(VIEWPORTS))
def viewport(request: pytest.FixtureRequest, browser: Any) -> Iterator[tuple[str, Any]]:
    name = request.param
    context = browser.new_context(
        viewport=VIEWPORTS[name],
        device_scale_factor=2 if name == "phone" else 1,
        is_mobile=name == "phone",
        has_touch=name == "phone",
        locale="zh-CN",
    )
    yield name, context
    context.close()


def open_page(context: Any, url: str, elder: bool = False) -> tuple[Any, list[str], list[str]]:
    """The page once loaded, with its console errors and the hosts it requested."""
    page = context.new_page()
    if elder:
        page.add_init_script(ELDER)
    errors: list[str] = []
    hosts: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: hosts.append(urlsplit(request.url).hostname or ""))
    page.goto(url, wait_until="networkidle")
    return page, errors, hosts


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_page_loads_locally_without_errors_and_passes_axe(
    kind: str, viewport: tuple[str, Any], site_url: str
) -> None:
    name, context = viewport
    page, errors, hosts = open_page(context, site_url + PAGES[kind])
    try:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{kind}-{name}.png"), full_page=True)
        assert errors == []
        assert set(hosts) == {"127.0.0.1"}
        assert page.locator("html").get_attribute("lang") == "zh-CN"
        assert serious_violations(page) == []
        if name == "phone":
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= VIEWPORTS["phone"]["width"], "the page scrolls sideways on a phone"
    finally:
        page.close()


def serious_violations(page: Any) -> list[tuple[str, str, list[Any]]]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("kind", [*sorted(PAGES), "404"])
def test_every_page_kind_passes_axe_in_elder_mode_on_a_phone(
    kind: str, browser: Any, site_url: str
) -> None:
    context = browser.new_context(
        viewport=VIEWPORTS["phone"], device_scale_factor=2, is_mobile=True, has_touch=True
    )
    page, errors, hosts = open_page(
        context, site_url + (NOT_FOUND if kind == "404" else PAGES[kind]), elder=True
    )
    try:
        assert page.evaluate("document.documentElement.classList.contains('gs-elder')")
        page.screenshot(path=str(ARTIFACTS / f"{kind}-phone-elder.png"), full_page=True)
        if kind == "404":  # the page's own status, which Chromium reports as a console error
            assert (
                page.evaluate("performance.getEntriesByType('navigation')[0].responseStatus") == 404
            )
            own = [e for e in errors if "status of 404" in e]
            assert len(own) == 1, "only the page itself is missing, none of its assets"
            errors = [e for e in errors if e not in own]
        assert errors == []
        assert set(hosts) == {"127.0.0.1"}
        assert serious_violations(page) == []
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= VIEWPORTS["phone"]["width"], "the page scrolls sideways in 长辈模式"
    finally:
        context.close()


def type_in_search_box(page: Any, query: str) -> None:
    """What a resident does: the box clicked, the query typed, the cursor at its end."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")


def test_search_box_finds_a_matter_by_a_word_of_its_title(
    viewport: tuple[str, Any], site_url: str
) -> None:
    name, context = viewport
    page, errors, hosts = open_page(context, site_url)
    try:
        if name == "phone":
            page.locator("label.md-header__button[for='__search']").click()
        type_in_search_box(page, "电梯")
        result = page.locator(".md-search-result__list a[href*='matters/lift-replacement-2026']")
        result.first.wait_for(timeout=10_000)
        page.screenshot(path=str(ARTIFACTS / f"search-{name}.png"))
        assert errors == []
        assert set(hosts) == {"127.0.0.1"}
        result.first.click()
        page.wait_for_url("**/matters/lift-replacement-2026/")
    finally:
        page.close()


def test_the_search_box_finds_a_two_character_word_inside_a_compound(
    browser: Any, site_url: str
) -> None:
    """业主 typed in the search box marks 业主 inside 小区业主委员会 in a result.

    Asked of the box, as a resident asks: the site searches its character pairs
    (search.py), never Pagefind's own words, which Pagefind no longer cuts with jieba."""
    page = browser.new_page()
    try:
        page.goto(site_url, wait_until="networkidle")
        type_in_search_box(page, "业主")
        results = page.locator(".md-search-result__list li")
        results.first.wait_for(timeout=10_000)
        snippets = results.locator("p").evaluate_all("(ps) => ps.map((p) => p.innerHTML)")
        assert any("小区<mark>业主</mark>委员会" in snippet for snippet in snippets), snippets[:5]
    finally:
        page.close()
