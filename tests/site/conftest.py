"""The sample community built once per session, served on 127.0.0.1, and a real Chromium.

Chromium is Debian's (/usr/bin/chromium), never a browser Playwright downloads; the
set-up installs the Debian package when it is missing (the README's test command
does the same).
"""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from generator.project import load_project
from generator.site.build import build_site
from tests.conftest import REPO, TODAY

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = REPO / "tests" / "artifacts" / "site"


def sample_copy(target: Path) -> Path:
    """The repository's sample community (content/ and site_config.yml) in a folder of its own."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "site_config.yml", target / "site_config.yml")
    shutil.copytree(REPO / "content", target / "content")
    return target


def build(root: Path, out: Path, posters: bool = True) -> Path:
    project, diagnostics = load_project(root, date.fromisoformat(TODAY))
    assert project is not None, diagnostics
    build_site(project, out, posters=posters)
    return out


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample community's site with posters, built once for every site test."""
    root = sample_copy(tmp_path_factory.mktemp("sample") / "community")
    return build(root, root / "site")


class SiteRequestHandler(http.server.SimpleHTTPRequestHandler):
    """The built site as a host serves it: a missing page gets the site's own 404.html
    (the Chinese “找不到这个页面” page), as GitHub Pages and most hosts do."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or self.command != "GET" or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


_QuietHandler = SiteRequestHandler
"""The site served as a host serves it, its 404.html for a missing page (other tests use it)."""


@pytest.fixture(scope="session")
def site_url(sample_site: Path) -> Iterator[str]:
    handler = functools.partial(SiteRequestHandler, directory=str(sample_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def _ensure_chromium() -> None:
    if CHROMIUM.exists():
        return
    subprocess.run(["apt-get", "update"], check=False, capture_output=True)
    subprocess.run(
        ["apt-get", "install", "-y", "--no-install-recommends", "chromium", "fonts-noto-cjk"],
        check=False,
        capture_output=True,
        env={"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"},
    )
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is needed: apt-get install chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    _ensure_chromium()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
