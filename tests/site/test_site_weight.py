"""Light however old the community: the ten-year synthetic community (bench/synthetic.py).

Built once, without posters, from a git repository as a secretary's would be (so the
revision tables and the log are there). No page may grow with the number of records:
the largest page of each kind stays under 40 KB, and a page view fetches nothing but
the page, its charts, the theme's own files and the log's checkpoint (no `sitemap.xml`, 117.8 KB
at ten years before).
"""

from __future__ import annotations

import functools
import http.server
import re
import subprocess
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bench.synthetic import LAST_YEAR, write_community
from generator.project import load_project
from generator.site.build import build_site
from tests.site.conftest import _QuietHandler

LIMIT = 40 * 1024
KINDS: dict[str, tuple[str, ...]] = {
    "home": ("index.html",),
    "organization": ("organizations/index.html", "organizations/*/index.html"),
    "accounts index": ("funds/index.html",),
    "account": ("funds/*/index.html", "funds/*/[0-9][0-9][0-9][0-9]/index.html"),
    "ledger period": ("funds/*/*-*/index.html",),
    "matter": ("matters/*-*/index.html",),
    "matters index or year": ("matters/index.html", "matters/[0-9][0-9][0-9][0-9]/index.html"),
    "roster": ("volunteers/index.html", "volunteers/*/index.html"),
    "verify": ("verify/index.html",),
    "data": ("data/index.html",),
    "report": ("report/index.html",),
    "survey": ("surveys/index.html", "surveys/*/index.html"),
    "404": ("404.html",),
}
"""Each kind of page and where it is; a ledger's folder is `<account>-<period>`."""


@pytest.fixture(scope="module")
def ten_years(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ten-years") / "community"
    root.mkdir()
    write_community(root, years=10, seed=1)
    for command in (
        ["init", "-q"],
        ["add", "-A"],
        ["-c", "user.name=秘书", "-c", "user.email=s@example.org", "commit", "-qm", "记录"],
    ):
        subprocess.run(["git", *command], cwd=root, check=True)
    project, diagnostics = load_project(root, date(LAST_YEAR, 12, 1))
    assert project is not None, diagnostics
    build_site(project, root / "site", posters=False)
    return root / "site"


def largest(site: Path, kind: str) -> Path:
    pages = {page for pattern in KINDS[kind] for page in site.glob(pattern)}
    if kind == "account":  # not a ledger's folder
        pages = {p for p in pages if p.parent.parent.name == "funds" or p.parent.name.isdigit()}
    if kind == "ledger period":
        pages = {p for p in pages if p.parent.parent.parent.name == "funds"}
    assert pages, kind
    return max(pages, key=lambda page: page.stat().st_size)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_largest_page_of_each_kind_is_under_40_kb_at_ten_years(
    ten_years: Path, kind: str
) -> None:
    page = largest(ten_years, kind)
    size = page.stat().st_size
    print(f"{kind}: {size / 1024:.1f} KB ({page.relative_to(ten_years)})")
    assert size < LIMIT, f"{page.relative_to(ten_years)} is {size / 1024:.1f} KB"


def test_the_matters_are_paged_by_year_and_every_one_is_listed(ten_years: Path) -> None:
    folders = [p.name for p in (ten_years / "matters").iterdir() if p.is_dir()]
    years = sorted(name for name in folders if name.isdigit())
    assert years == [str(year) for year in range(LAST_YEAR - 9, LAST_YEAR + 1)]
    listed: set[str] = set()
    for year in years:
        text = (ten_years / "matters" / year / "index.html").read_text("utf-8")
        listed |= set(re.findall(r'href="\.\./([^"/]+)/"', text))
    assert listed >= {name for name in folders if not name.isdigit()}
    assert len(listed - set(years)) == 500


@pytest.fixture(scope="module")
def ten_years_url(ten_years: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(ten_years))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("path", ["", "matters/", "funds/maintenance-fund/"])
def test_a_page_view_fetches_nothing_that_grows_with_the_site(
    browser: Any, ten_years: Path, ten_years_url: str, path: str
) -> None:
    context = browser.new_context()
    fetched: list[str] = []
    try:
        page = context.new_page()
        page.on("request", lambda request: fetched.append(request.url[len(ten_years_url) :]))
        page.goto(ten_years_url + path, wait_until="networkidle")
        page.wait_for_timeout(300)
    finally:
        context.close()
    assert "sitemap.xml" not in fetched
    charts = [url for url in fetched if url.startswith(path) and url.endswith(".svg")]
    for chart in charts:  # the page's own charts (an account's balance: one point a month)
        assert (ten_years / chart).stat().st_size < 8 * 1024, chart
    others = [url for url in fetched if url != path and url not in charts]
    assert [url for url in others if not url.startswith("assets/")] == ["log/checkpoint"]


def test_an_account_lists_its_latest_year_and_links_a_page_for_each_earlier_year(
    ten_years: Path,
) -> None:
    account = ten_years / "funds" / "maintenance-fund"
    page = (account / "index.html").read_text("utf-8")
    table = page[page.index("<table>") : page.index("</table>")]
    assert len(re.findall(r'<a href="maintenance-fund-2025-\d\d/">', table)) == 12
    assert "maintenance-fund-2024-" not in page
    years = re.findall(r'<a href="(\d{4})/">', page)
    assert years == [str(year) for year in range(LAST_YEAR - 1, LAST_YEAR - 10, -1)]
    for year in years:
        text = (account / year / "index.html").read_text("utf-8")
        table = text[text.index("<table>") : text.index("</table>")]
        assert len(re.findall(rf'<a href="\.\./maintenance-fund-{year}-\d\d/">', table)) == 12
