"""What a record can make a page do: nothing but show text, and fetch nothing from elsewhere.

Payloads are planted in every free-text field of every record and of site_config.yml;
the built site (posters included) must contain them only as text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from tests.conftest import BASE
from tests.site.conftest import build
from tests.site.html_scan import FETCHED, html_files, is_javascript_url, scan

PAYLOAD = (
    '<script>alert("gs1")</script><img src=gsx onerror=alert("gs2")>'
    '[点我](javascript:alert("gs3"))<a href="javascript:alert(4)">gs4</a>'
    '" onmouseover="alert(5)" <svg onload=alert(6)> {: onclick="alert(7)" }'
)
URL_PAYLOAD = "javascript:alert('gs8')"

FREE_TEXT: dict[str, list[tuple[Any, ...]]] = {
    "organizations": [
        ("name",),
        ("summary",),
        ("duties", 0),
        ("contact", "address"),
        ("contact", "hours"),
        ("members", "*", "name"),
        ("members", "*", "role"),
        ("members", "*", "note"),
        ("contract", "services", 0),
    ],
    "funds": [
        ("name",),
        ("prepared_by",),
        ("reviewed_by",),
        ("note",),
        ("entries", "*", "category"),
        ("entries", "*", "description"),
        ("entries", "*", "counterparty"),
        ("entries", "*", "voucher"),
        ("balance_checks", "*", "source"),
    ],
    "matters": [
        ("title",),
        ("summary",),
        ("timeline", "*", "event"),
        ("publicity", "place"),
        ("vote", "method"),
        ("feedback", "contact"),
    ],
    "volunteers": [
        ("shifts", "*", "activity"),
        ("shifts", "*", "location"),
        ("shifts", "*", "volunteers", 0),
    ],
}


def plant(data: Any, path: tuple[Any, ...]) -> None:
    """Set the field at `path` (creating missing mappings), `*` meaning every list item."""
    key, rest = path[0], path[1:]
    if key == "*":
        for item in data:
            plant(item, rest)
        return
    if not rest:
        if isinstance(data, list):
            data[key] = PAYLOAD if data else data.append(PAYLOAD)
        else:
            data[key] = PAYLOAD
        return
    if isinstance(data, dict) and key not in data:
        data[key] = [] if rest[0] in ("*", 0) else {}
    if isinstance(data[key], list) and rest[0] == 0 and not data[key]:
        data[key].append(PAYLOAD)
        return
    plant(data[key], rest)


def _rewrite(path: Path, change: Any) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    root = tmp_path_factory.mktemp("poisoned") / "community"
    shutil.copytree(BASE, root)
    for folder, fields in FREE_TEXT.items():
        for file in (root / "content" / folder).glob("*.yml"):

            def change(data: Any, fields: list[tuple[Any, ...]] = fields) -> None:
                for field in fields:
                    plant(data, field)
                if "title" in data and "summary" in data:  # a matter
                    data["documents"] = [{"title": PAYLOAD, "url": URL_PAYLOAD}]

            _rewrite(file, change)

    def config(data: Any) -> None:
        for field in (("community", "name"), ("community", "address"), ("site", "title")):
            plant(data, field)
        plant(data, ("site", "contact", "address"))

    _rewrite(root / "site_config.yml", config)
    return build(root, root / "site")


def test_planted_payloads_reach_pages_only_as_text(poisoned_site: Path) -> None:
    shown = 0
    for path in html_files(poisoned_site):
        page = scan(path)
        where = path.relative_to(poisoned_site)
        assert page.handlers == [], where
        assert not [s for s in page.scripts if "alert" in s], where
        assert not [u for u in page.urls if is_javascript_url(u[2])], where
        assert "gsx" not in page.images, where
        shown += sum(text.count('alert("gs1")') for text in page.text)
    assert shown > 20, "the payloads did not reach the pages: the test plants nothing"


def test_feeds_escape_planted_text_and_calendars_keep_it_whole(poisoned_site: Path) -> None:
    from icalendar import Calendar

    for name in ("feed.xml", "atom.xml"):
        raw = (poisoned_site / name).read_text("utf-8")
        assert "<script>" not in raw and "gs1" in raw, name
    calendar = Calendar.from_ical((poisoned_site / "volunteers" / "all.ics").read_bytes())
    events = [c for c in calendar.walk("VEVENT")]
    assert events and all(str(e["LOCATION"]) == PAYLOAD for e in events)


def assets_from_elsewhere(site: Path, own_host: str) -> list[str]:
    """Every URL a browser would fetch (scripts, styles, images, frames) not on the site's host."""
    found = []
    for path in html_files(site):
        for tag, attribute, value in scan(path).urls:
            host = urlsplit(value).hostname
            if (tag, attribute) in FETCHED and host and host != own_host:
                found.append(f"{path.relative_to(site)}: <{tag} {attribute}={value}>")
    for css in site.rglob("*.css"):
        text = css.read_text("utf-8")
        for marker in ("url(http", "url('http", 'url("http', "@import"):
            if marker in text:
                found.append(f"{css.relative_to(site)}: {marker}")
    return found


def test_the_site_fetches_nothing_from_other_hosts(sample_site: Path) -> None:
    assert assets_from_elsewhere(sample_site, "cuihu.example.org") == []
    assert "fonts.googleapis" not in (sample_site / "index.html").read_text("utf-8")


def test_planted_payloads_run_nothing_in_the_browser_page_or_search(
    poisoned_site: Path, browser: Any
) -> None:
    import functools
    import http.server
    import threading

    from tests.site.conftest import _QuietHandler

    handler = functools.partial(_QuietHandler, directory=str(poisoned_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        page.goto(base + "matters/lawn/", wait_until="networkidle")
        page.mouse.move(200, 300)
        box = page.locator("input.md-search__input")
        box.click()
        box.fill("gs1")
        box.press("End")
        page.locator(".md-search-result__list li").first.wait_for(timeout=10_000)
        page.locator(".md-search-result__list li").first.hover()
        assert dialogs == []
        assert (
            page.locator(".md-search-result__list script, .md-search-result__list img").count() == 0
        )
    finally:
        page.close()
        server.shutdown()
        server.server_close()
