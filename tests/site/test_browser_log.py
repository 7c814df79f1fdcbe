"""A resident's browser remembers the log's checkpoint and notices a rewritten history.

The same address serves one site after another, as a deployment does: the browser
keeps what it saw in localStorage, and assets/gongshi-log.js must accept a log that
grew (verifying the RFC 9162 consistency proof from the tiles) and warn, in Chinese,
about one that was rewritten.
"""

from __future__ import annotations

import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.log import LogState, write_log
from generator.site.render import templates_dir
from tests.conftest import BASE, TODAY
from tests.history.conftest import init_repository
from tests.log.conftest import LEDGER, edit
from tests.site.conftest import ARTIFACTS

WARNING = "本站的公示记录与您上次看到的不一致"
STATUS_PAGE = (
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>核验</title></head>'
    '<body><main><p id="gongshi-log-status"></p></main>'
    '<script src="assets/gongshi-log.js"></script></body></html>'
)


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class Deployment:
    """One address whose files are replaced, as each deploy replaces the site."""

    def __init__(self) -> None:
        self.folder = ""
        deployment = self

        class Handler(_Handler):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, directory=deployment.folder, **kwargs)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def deploy(self, site: Path) -> None:
        self.folder = str(site)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def deployment() -> Iterator[Deployment]:
    served = Deployment()
    yield served
    served.close()


def _build(root: Path, keep: Path) -> Path:
    result = CliRunner().invoke(
        cli, ["build", str(root), "--today", TODAY, "--no-posters"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    shutil.copytree(root / "site", keep)
    return keep  # the built site's own 核验 page (verify/) holds #gongshi-log-status


def _check(context: Any, url: str) -> tuple[dict[str, Any], Any, list[str]]:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(url, wait_until="networkidle")
    outcome = page.evaluate("window.GongshiLog.check()")
    return outcome, page, errors


def _remembered(page: Any) -> Any:
    return page.evaluate(
        "JSON.parse(localStorage.getItem('gongshi-log:test.example.org/log') || 'null')"
    )


def test_a_browser_that_saw_a_checkpoint_warns_when_the_history_is_rewritten(
    browser: Any, deployment: Deployment, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GONGSHI_LOG_KEY", raising=False)
    root = tmp_path / "community"
    shutil.copytree(BASE, root)
    git = init_repository(root)
    git("add", "-A")
    git("commit", "-q", "-m", "发布")
    first = _build(root, tmp_path / "first")  # 9 versions
    edit(root, LEDGER, "一月停车费", "一月份停车费")
    git("commit", "-qam", "改摘要")
    grown = _build(root, tmp_path / "grown")  # 10: an extension
    git("reset", "-q", "--hard", "HEAD~1")  # a force-push: the published first commit rewritten
    edit(root, LEDGER, "一月停车费", "一月停车费（改）")
    git("commit", "-q", "--amend", "-am", "发布")
    edit(root, LEDGER, "一月停车费（改）", "一月停车费")
    git("commit", "-qam", "再改")
    edit(root, LEDGER, "一月停车费", "一月停车费。")
    git("commit", "-qam", "又改")
    rewritten = _build(root, tmp_path / "rewritten")  # 11 leaves, not an extension of 10

    context = browser.new_context(locale="zh-CN")
    try:
        deployment.deploy(first)
        outcome, page, errors = _check(context, deployment.url)
        assert (outcome["status"], outcome["size"]) == ("first", 9)
        assert _remembered(page)["size"] == 9
        entries = page.evaluate("window.GongshiLog.entries()")
        assert [e["id"] for e in entries].count("public-income-2026q1") == 1
        assert all(len(e["code"]) == 9 and len(e["commit"]) == 40 for e in entries)
        assert errors == []
        page.close()

        deployment.deploy(grown)
        outcome, page, errors = _check(context, deployment.url)
        assert (outcome["status"], outcome["size"]) == ("extended", 10)
        assert outcome["previous"]["size"] == 9
        assert page.locator("#gongshi-log-warning").count() == 0
        assert WARNING not in page.inner_text("body")
        assert _remembered(page)["size"] == 10
        assert errors == []
        page.close()

        outcome, page, errors = _check(context, deployment.url + "verify/")
        assert outcome["status"] == "same"
        assert "与您上次看到的一致（10 个记录版本）" in page.inner_text("#gongshi-log-status")
        page.close()

        deployment.deploy(rewritten)
        outcome, page, errors = _check(context, deployment.url)
        assert (outcome["status"], outcome["size"]) == ("rewritten", 11)
        banner = page.locator("#gongshi-log-warning")
        banner.wait_for()
        assert WARNING in banner.inner_text()
        assert "10 个记录版本" in banner.inner_text()
        assert banner.get_attribute("role") == "alert"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "log-rewritten.png"))
        assert _remembered(page)["size"] == 10  # the evidence is kept: the warning stays
        assert errors == []
        page.close()

        outcome, page, errors = _check(context, deployment.url + "verify/")
        assert outcome["status"] == "rewritten"
        status = page.locator("#gongshi-log-status")
        assert WARNING in status.inner_text()
        assert status.get_attribute("data-status") == "rewritten"
        assert page.locator("#gongshi-log-warning").count() == 0
        page.close()
    finally:
        context.close()


def _synthetic_site(folder: Path, leaves: tuple[bytes, ...]) -> Path:
    """Just the script, a status page and a log: enough leaves for tiles of three levels."""
    assets = folder / "assets"
    assets.mkdir(parents=True)
    shutil.copy(templates_dir() / "theme" / "assets" / "gongshi-log.js", assets)
    (folder / "index.html").write_text(STATUS_PAGE, encoding="utf-8")
    write_log(folder / "log", LogState("big.example.org/log", leaves))
    return folder


@pytest.mark.parametrize("web_crypto", [True, False], ids=["web-crypto", "plain-http-sha256"])
def test_consistency_across_tile_levels_is_verified_in_the_browser(
    web_crypto: bool, browser: Any, deployment: Deployment, tmp_path: Path
) -> None:
    leaves = tuple(f"entry {i}".encode() for i in range(70_000))
    small = _synthetic_site(tmp_path / "small", leaves[:300])
    large = _synthetic_site(tmp_path / "large", leaves)
    forged = _synthetic_site(tmp_path / "forged", (*leaves[:5], b"changed", *leaves[6:]))
    same_size = _synthetic_site(tmp_path / "same", (*leaves[:-1], b"changed"))
    context = browser.new_context(locale="zh-CN")
    if not web_crypto:  # a site served over plain http has no crypto.subtle
        context.add_init_script(
            "Object.defineProperty(window.crypto, 'subtle', {value: undefined})"
        )
    try:
        steps = [
            (small, "first"),
            (large, "extended"),
            (large, "same"),
            (same_size, "rewritten"),
        ]
        for site, expected in steps:
            deployment.deploy(site)
            outcome, page, errors = _check(context, deployment.url)
            assert outcome["status"] == expected, (site.name, outcome)
            assert errors == []
            page.close()
        page = context.new_page()
        page.goto(deployment.url + "log/")  # same origin, and no script to race with
        page.evaluate("localStorage.clear()")
        page.close()
        for site, expected in ((small, "first"), (forged, "rewritten")):
            deployment.deploy(site)
            outcome, page, errors = _check(context, deployment.url)
            assert outcome["status"] == expected, (site.name, outcome)
            if expected == "rewritten":
                assert WARNING in page.inner_text("#gongshi-log-status")
            page.close()
    finally:
        context.close()
