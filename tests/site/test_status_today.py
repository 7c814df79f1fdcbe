"""Status that is true on the day it is read: the sample built on 2026-11-25, read later.

The roof matter's publicity runs from 2026-11-20 to 2026-11-30 (content/matters/
roof-waterproofing-2026.yml). The site is built once, on TODAY (11-25); Chromium's clock
is then set to other days and the pages must say what is true on that day in China,
with no rebuild. Figures worked by hand: on 11-28 the days left, counting that day, are
28, 29 and 30, so 3; from 12-01 in China (16:00 UTC on 11-30) the publicity is over.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.site import test_staged_votes
from tests.site.conftest import ARTIFACTS, _QuietHandler

staged = test_staged_votes.staged
"""The staged-votes community (built on 2026-11-14), as a fixture of this module too."""

ROOF = "使用专项维修资金维修 7 栋、8 栋屋面防水层"
LIFT = "使用专项维修资金更换 3 栋、6 栋电梯（共 4 部）"
RENEWAL = "续聘xx市恒安物业服务有限公司（2027 年至 2029 年）"
ROOF_PAGE = "matters/roof-waterproofing-2026/"

GROUPS_OF = """title => {
  const found = [];
  let heading = null;
  for (const el of document.querySelectorAll("article h2[data-group], article table")) {
    if (el.tagName === "H2") { heading = el; continue; }
    const shown = el.offsetParent !== null && heading && heading.offsetParent !== null;
    for (const link of el.querySelectorAll("a")) {
      if (link.textContent.trim() === title && shown) found.push(heading.textContent.trim());
    }
  }
  return found;
}"""
"""The visible group headings under which a matter's title is listed."""

HOME_OPEN = """() => {
  const heading = [...document.querySelectorAll("article h2")]
    .find(h => h.textContent.trim() === "正在公示和表决");
  const list = heading.nextElementSibling;
  const items = list.tagName === "UL" ? [...list.children] : [];
  return items.filter(li => li.offsetParent !== null).map(li => li.textContent.trim());
}"""


@pytest.fixture
def reader(browser: Any) -> Iterator[Any]:
    """A phone whose clock can be set before a page is opened."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    page = context.new_page()
    yield page
    context.close()


def open_on(page: Any, url: str, when: str) -> None:
    page.clock.set_fixed_time(when)
    page.goto(url, wait_until="networkidle")


def badge(page: Any) -> str:
    return str(page.locator("article p strong.gs-when").first.inner_text())


def publicity_line(page: Any) -> str:
    return str(page.locator("article .gs-publicity").inner_text())


def test_before_the_end_the_matter_page_counts_the_days_left(reader: Any, site_url: str) -> None:
    open_on(reader, site_url + ROOF_PAGE, "2026-11-28T09:00:00+08:00")
    assert badge(reader) == "公示中，还有 3 天"
    assert publicity_line(reader) == "公示中，还有 3 天"


def test_after_the_end_the_matter_page_says_it_has_ended_without_a_rebuild(
    reader: Any, site_url: str
) -> None:
    open_on(reader, site_url + ROOF_PAGE, "2026-12-03T09:00:00+08:00")
    assert badge(reader) == "公示期已结束"
    assert publicity_line(reader) == "公示期已结束"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    reader.screenshot(path=str(ARTIFACTS / "status-matter-12-03.png"), full_page=True)


def test_the_day_is_chinas_whatever_the_clock_of_the_phone(reader: Any, site_url: str) -> None:
    open_on(reader, site_url + ROOF_PAGE, "2026-11-30T15:30:00Z")  # 23:30 on 11-30 in China
    assert badge(reader) == "公示中，还有 1 天"
    open_on(reader, site_url + ROOF_PAGE, "2026-11-30T16:30:00Z")  # 00:30 on 12-01 in China
    assert badge(reader) == "公示期已结束"


def test_the_index_groups_by_what_is_true_on_the_day_it_is_read(reader: Any, site_url: str) -> None:
    open_on(reader, site_url + "matters/", "2026-11-28T09:00:00+08:00")
    assert reader.evaluate(GROUPS_OF, ROOF) == ["公示中"]
    open_on(reader, site_url + "matters/", "2026-12-03T09:00:00+08:00")
    assert reader.evaluate(GROUPS_OF, ROOF) == ["公示期已结束"]
    assert reader.locator("article h2#publicized").is_hidden()
    assert "公示中，还有" not in reader.locator("article").inner_text()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    reader.screenshot(path=str(ARTIFACTS / "status-matters-12-03.png"), full_page=True)


def test_a_passed_vote_is_under_passed_and_under_its_stage(reader: Any, site_url: str) -> None:
    open_on(reader, site_url + "matters/", "2026-12-03T09:00:00+08:00")
    assert sorted(reader.evaluate(GROUPS_OF, LIFT)) == ["实施中", "已通过"]


def test_home_lists_only_what_is_still_open(reader: Any, site_url: str) -> None:
    open_on(reader, site_url, "2026-11-28T09:00:00+08:00")
    assert reader.evaluate(HOME_OPEN) == [f"{ROOF}：公示中，还有 3 天", f"{RENEWAL}：表决中"]
    open_on(reader, site_url, "2026-12-03T09:00:00+08:00")
    assert reader.evaluate(HOME_OPEN) == [f"{RENEWAL}：表决中"]


def test_without_javascript_the_pages_say_what_was_true_on_the_build_day(
    browser: Any, site_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(site_url + ROOF_PAGE)
        assert badge(page) == "公示中，还有 6 天"  # built on 11-25: 25 … 30
        page.goto(site_url + "matters/")
        groups = page.locator("article h2[data-group]:visible").all_inner_texts()
        assert "公示中" in groups and "公示期已结束" not in groups
    finally:
        context.close()


@pytest.fixture(scope="module")
def staged_url(staged: Path) -> Iterator[str]:
    """The staged-votes community of test_staged_votes.py (built on 2026-11-14), served."""
    handler = functools.partial(_QuietHandler, directory=str(staged / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_the_objection_window_closes_on_the_readers_day(reader: Any, staged_url: str) -> None:
    # Preliminary result posted 11-11, objections until 11-18: on 11-16 that is 16, 17, 18.
    open_on(reader, staged_url + "matters/open-window/", "2026-11-16T09:00:00+08:00")
    assert reader.locator("article .gs-objection").inner_text() == "询异期中，还有 3 天"
    assert badge(reader) == "询异期中，还有 3 天"
    assert reader.get_by_text("如何提出异议").is_visible()
    open_on(reader, staged_url + "matters/open-window/", "2026-11-19T09:00:00+08:00")
    assert reader.locator("article .gs-objection").inner_text() == "询异期已结束，等待公布最终结果"
    assert reader.get_by_text("如何提出异议").is_hidden()
