"""The 核验 page in headless Chromium, on the site built from a real repository with a correction.

A poster is printed, a figure corrected and committed, the site built: the page must
answer for the poster's code as `gongshi verify` does, from static files on the site's
own host, whether the code is typed, comes in `?code=`, or arrives with the QR code on
the record's page. Screenshots are kept in tests/artifacts/site/.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from generator.cli import cli
from tests.conftest import TODAY
from tests.history.poster_scenario import LEDGER_PAGE, REASON, Scenario, make_scenario
from tests.site.conftest import ARTIFACTS, _QuietHandler

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    return make_scenario(tmp_path_factory.mktemp("verify-page"))


@pytest.fixture(scope="module")
def story_url(story: Scenario) -> Iterator[str]:
    result = CliRunner().invoke(
        cli, ["build", str(story.root), "--today", TODAY, "--no-posters"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    handler = functools.partial(_QuietHandler, directory=str(story.root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    yield context
    context.close()


class Visit:
    """A page with every console error and every requested URL recorded."""

    def __init__(self, context: Any, url: str) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.goto(url, wait_until="networkidle")

    @property
    def hosts(self) -> set[str]:
        return {urlsplit(url).hostname or "" for url in self.requests}

    def answer(self) -> str:
        self.page.locator("#gs-verify-answer .gs-answer").first.wait_for(timeout=10_000)
        return str(self.page.locator("#gs-verify-answer").inner_text())

    def type_code(self, typed: str) -> str:
        self.page.locator("#gs-verify-code").fill(typed)
        self.page.locator("#gs-verify button.gs-verify__button").click()
        self.page.locator(".gs-verify__busy").wait_for(state="detached", timeout=10_000)
        return self.answer()

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def visit(phone: Any) -> Iterator[Any]:
    opened: list[Visit] = []

    def open_(url: str) -> Visit:
        opened.append(Visit(phone, url))
        return opened[-1]

    yield open_
    for page in opened:
        assert page.errors == [], page.errors
        assert page.hosts == {"127.0.0.1"}, page.hosts
        page.close()


def test_typing_the_posters_code_shows_the_record_and_the_current_version(
    story: Scenario, story_url: str, visit: Any
) -> None:
    page = visit(story_url + "verify/")
    typed = story.second.code.lower().replace("-", " ")
    text = page.type_code(typed)
    assert "✓ 当前版本" in text
    assert f"校验码 {story.second.code} 与网站现在公示的内容一致" in text
    assert "收支账目「小区公共收益（2026年1月1日至3月31日）」" in text
    assert "由党支部秘书提交（版本号" in text
    assert "250.00 元（1 笔）" in text and "1,250.10 元" in text
    assert page.page.url.endswith(f"?code={story.second.code}")
    link = page.page.locator("#gs-verify-answer a", has_text="打开这条记录")
    assert str(link.get_attribute("href")).endswith(LEDGER_PAGE)
    page.page.screenshot(path=str(ARTIFACTS / "verify-current-phone.png"), full_page=True)


def test_the_older_code_is_superseded_with_the_old_and_new_values(
    story: Scenario, story_url: str, visit: Any
) -> None:
    page = visit(story_url + "verify/")
    text = page.type_code(story.first.code)
    assert "⚠ 已被取代（已更正）" in text
    assert "是旧版本，后来改过，不是现在公示的内容" in text
    assert "200.00 元（1 笔）" in text and "1,300.10 元" in text  # the figures on the paper
    answer = page.page.locator("#gs-verify-answer")
    assert answer.locator("del").all_inner_texts() == ["200.00", "1300.10"]
    assert answer.locator("ins").all_inner_texts() == ["250.00", "1250.10"]
    assert "更正 收支明细第 2 笔的金额" in text and REASON in text
    assert f"校验码 {story.second.code}（现在的版本）" in text
    assert f"现在的校验码是 {story.second.code}" in text
    codes = [url for url in page.requests if "/verify/codes/" in url]
    assert [url.rsplit("/", 1)[1] for url in codes] == [
        "index.json",
        f"{story.first.code[:2]}.json",
    ]
    page.page.screenshot(path=str(ARTIFACTS / "verify-superseded-phone.png"), full_page=True)
    width = page.page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the answer scrolls sideways on a phone"


def test_a_code_in_the_address_is_answered_without_typing(
    story: Scenario, story_url: str, visit: Any
) -> None:
    page = visit(f"{story_url}verify/?code={story.first.code}")
    assert "已被取代" in page.answer()
    assert page.page.locator("#gs-verify-code").input_value() == story.first.code


def test_the_posters_qr_code_carries_its_code_to_the_record_page(
    story: Scenario, story_url: str, visit: Any
) -> None:
    for printed in (story.first, story.second):
        assert printed.qr == f"https://test.example.org/{LEDGER_PAGE}?code={printed.code}"
    old = visit(story.first.qr.replace("https://test.example.org/", story_url))
    banner = old.page.locator(".gs-verify-banner--superseded")
    banner.wait_for(timeout=10_000)
    text = banner.inner_text()
    assert "海报核验：已被取代（已更正）" in text
    assert f"校验码 {story.first.code}）印的是" in text and story.second.code in text
    assert "250.00" in text and REASON in text
    old.page.screenshot(path=str(ARTIFACTS / "verify-record-banner-phone.png"))
    current = visit(story.second.qr.replace("https://test.example.org/", story_url))
    banner = current.page.locator(".gs-verify-banner--current")
    banner.wait_for(timeout=10_000)
    assert "与本页现在的内容一致" in banner.inner_text()


def test_an_unknown_code_and_garbage_are_told_apart(story_url: str, visit: Any) -> None:
    page = visit(story_url + "verify/")
    assert "✕ 没有找到" in page.type_code("2222-2222")
    assert "请逐个核对输入的字符" in page.answer()
    assert "✕ 这不是校验码" in page.type_code("hello")


def test_the_log_status_is_filled_by_the_sites_own_log_script(
    story: Scenario, story_url: str, phone: Any
) -> None:
    page = phone.new_page()
    try:
        page.goto(story_url + "verify/", wait_until="networkidle")
        status = page.locator("#gongshi-log-status")
        status.filter(has_text="公示日志").wait_for(timeout=10_000)
        assert "个记录版本" in status.inner_text()  # first visit, or the same log seen before
    finally:
        page.close()


def test_the_verify_page_with_an_answer_passes_axe(
    story: Scenario, story_url: str, visit: Any
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = visit(f"{story_url}verify/?code={story.first.code}")
    page.answer()
    results = Axe().run(page.page)
    serious = [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    size = page.page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.gs-answer p')).fontSize)"
    )
    assert size >= 18
