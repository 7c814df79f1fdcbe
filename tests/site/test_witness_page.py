"""The 核验 page checks a poster's printed log witness against today's log, in Chromium."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from tests.history.poster_scenario import Scenario, make_scenario
from tests.log.test_witness import build, printed_witness


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    return make_scenario(tmp_path_factory.mktemp("witness-page"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(story: Scenario) -> Iterator[str]:
    site = build(story.root)
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def answer_for(browser: Any, url: str) -> str:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        answer = page.locator("#gs-witness-answer")
        answer.filter(has_text="：").wait_for(timeout=10_000)
        return str(answer.inner_text())
    finally:
        context.close()


def test_the_verify_page_checks_a_posters_log_witness(
    story: Scenario, served: str, browser: Any
) -> None:
    size, prefix = printed_witness(story.first)
    assert "相符" in answer_for(browser, f"{served}verify/?log={size}-{prefix}")
    wrong = ("1" if prefix[0] != "1" else "2") + prefix[1:]
    assert "警告" in answer_for(browser, f"{served}verify/?log={size}-{wrong}")
    assert "不会减少" in answer_for(browser, f"{served}verify/?log={size + 50}-{prefix}")


def test_the_verify_page_form_takes_the_two_values_typed(
    story: Scenario, served: str, browser: Any
) -> None:
    size, prefix = printed_witness(story.second)
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(f"{served}verify/", wait_until="networkidle")
        page.fill("#gs-witness-size", str(size))
        page.fill("#gs-witness-root", prefix.upper()[:4] + " " + prefix.upper()[4:])
        page.click("#gs-witness-form button")
        answer = page.locator("#gs-witness-answer")
        answer.filter(has_text="相符").wait_for(timeout=10_000)
    finally:
        context.close()
