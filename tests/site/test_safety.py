"""What a record can make a page do: nothing but show text, and fetch nothing from elsewhere.

The injection corpus (tests/site/payloads/injection.txt, 60-odd payloads) is planted
in every free-text field of every record and of site_config.yml, `check` must pass
it as ordinary text, and the built site (posters included) must hold it only as
text: no live script, handler or `javascript:` link in HTML, feeds or posters, no
injected calendar line, no spreadsheet formula in the CSV, and no dialog in Chromium.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from click.testing import Result
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from generator.check import check_project
from tests.conftest import BASE, TODAY
from tests.site.conftest import build
from tests.site.html_scan import FETCHED, Scan, html_files, is_javascript_url, scan
from tests.site.injection import (
    MARKDOWN_FIELDS,
    MARKER,
    free_text_fields,
    one_line_payloads,
    payloads,
    plant,
)
from tests.test_posters import pdf_text

OWN_HOST = "test.example.org"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def planted_value(field: tuple[str, ...], turn: int) -> str:
    """Every payload, starting at a different one for each field (a CSV cell's start matters)."""
    chosen = payloads() if field in MARKDOWN_FIELDS else one_line_payloads()
    start = (turn * 7) % len(chosen)
    ordered = chosen[start:] + chosen[:start]
    return ("\n\n" if field in MARKDOWN_FIELDS else " ").join(ordered)


def _rewrite(path: Path, change: Callable[[Any], None]) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def poison(root: Path) -> dict[str, set[tuple[str, ...]]]:
    """Plant the corpus in `root`; return, per folder, the fields some record really holds."""
    planted: dict[str, set[tuple[str, ...]]] = {}
    turn = 0
    for folder, fields in free_text_fields().items():
        files = (
            [root / folder]
            if folder.endswith(".yml")
            else (root / "content" / folder).glob("*.yml")
        )
        for file in sorted(files):

            def change(
                data: Any, fields: list[tuple[str, ...]] = fields, folder: str = folder
            ) -> None:
                nonlocal turn
                for field in fields:
                    turn += 1
                    if plant(data, field, planted_value(field, turn)):
                        planted.setdefault(folder, set()).add(field)
                if folder == "matters":
                    data["documents"] = [
                        {"title": planted_value(("title",), turn), "kind": "合同", "url": url}
                        for url in (
                            "javascript:alert('gs90')",
                            "data:text/html,gs91",
                            "vbscript:gs92",
                        )
                    ]
                    planted[folder] |= {("documents", "*", "title"), ("documents", "*", "kind")}

            _rewrite(file, change)
    return planted


def _add_missing_holders(root: Path) -> None:
    """Give the base records the optional objects they lack, so their fields get planted too."""

    correction = {"date": "2026-03-02", "reason": "x", "field": "x", "old": "x", "new": "x"}

    def corrected(data: Any) -> None:
        data.setdefault("corrections", [dict(correction)])

    surveys = root / "content" / "surveys"
    surveys.mkdir(exist_ok=True)
    (surveys / "poll.yml").write_text(
        "id: poll\nkind: questionnaire\ntitle: x\nconducted_by: party-branch\n"
        "period: {start: 2026-06-01, end: 2026-06-15}\ndistributed: 10\nresponses: 9\n"
        "questions:\n  - text: x\n    options:\n      - {label: x, count: 5}\n"
        "      - {label: y, count: 1}\nsummary: x\n",
        "utf-8",
    )
    for folder in ("organizations", "funds", "matters", "volunteers", "surveys"):
        for file in (root / "content" / folder).glob("*.yml"):
            _rewrite(file, corrected)

    def organization(data: Any) -> None:
        data.setdefault("contact", {"address": "x", "hours": "x"})
        data.setdefault("duties", ["x"])
        if "contract" in data:
            data["contract"].setdefault("fees", {"物业费": "1.20"})
        for member in data.get("members", []):
            member.setdefault("note", "x")
        if data.get("kind") == "party_organization":
            step = {"step": "publicize", "deadline": "2025-10-20", "note": "x"}
            data.setdefault("pilot", {"plan": "x", "steps": [step]})

    for file in (root / "content" / "organizations").glob("*.yml"):
        _rewrite(file, organization)

    def ledger(data: Any) -> None:
        for entry in data.get("entries", [])[:1]:
            entry.setdefault("documents", [{"title": "x", "kind": "x"}])

    for file in (root / "content" / "funds").glob("*.yml"):
        _rewrite(file, ledger)

    def matter(data: Any) -> None:
        data.setdefault("timeline", [{"date": "2026-03-01", "event": "x"}])
        data.setdefault("feedback", {"contact": "x"})

    for file in (root / "content" / "matters").glob("*.yml"):
        _rewrite(file, matter)

    # contact and fees may be one line of text instead of their parts: a record with them so
    words = root / "content" / "organizations" / "in-words.yml"
    words.write_text(
        "id: in-words\nkind: other\nname: x\ncontact: x\n"
        "contract: {start: 2026-01-01, end: 2030-12-31, fees: x}\n",
        "utf-8",
    )

    def config(data: Any) -> None:
        data["community"].setdefault("street", "x")
        data["community"].setdefault("neighborhood", "x")
        station = {"name": "x", "place": "x", "hours": "x", "services": ["x"]}
        data["community"].setdefault("service_station", station)
        data["site"].setdefault("title", "x")
        data["site"]["contact"].setdefault("address", "x")
        data["site"]["contact"].setdefault("hours", "x")
        data["site"].setdefault("license", {"name": "x", "title": "x", "path": "x"})
        rules = data.setdefault("rules", {})
        rules.setdefault("publicity_source", "x")
        sizes = {"party_organization_size": (3, 7), "owners_committee_size": (5, 11)}
        sizes["supervisory_committee_size"] = (3, 5)
        for name, (low, high) in sizes.items():
            rules.setdefault(name, {"min": low, "max": high, "odd": name.startswith("owners")})

    _rewrite(root / "site_config.yml", config)


@pytest.fixture(scope="module")
def poisoned(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, dict[str, set[tuple[str, ...]]]]:
    root = tmp_path_factory.mktemp("poisoned") / "community"
    shutil.copytree(BASE, root)
    _add_missing_holders(root)
    return root, poison(root)


@pytest.fixture(scope="module")
def poisoned_site(poisoned: tuple[Path, dict[str, set[tuple[str, ...]]]]) -> Path:
    root, _ = poisoned
    return build(root, root / "site")


def test_the_corpus_is_planted_in_every_free_text_field(
    poisoned: tuple[Path, dict[str, set[tuple[str, ...]]]],
) -> None:
    assert len(payloads()) >= 50
    _, planted = poisoned
    missing = {
        folder: sorted(set(fields) - planted.get(folder, set()))
        for folder, fields in free_text_fields().items()
        if set(fields) - planted.get(folder, set())
    }
    assert missing == {}, "fields no record of the base community holds; give it one"


def test_check_passes_the_corpus_as_ordinary_text(
    poisoned: tuple[Path, dict[str, set[tuple[str, ...]]]],
) -> None:
    result = check_project(poisoned[0], None)
    assert not result.errors, [d.message for d in result.errors][:5]


def _live_parts(page: Scan, where: str) -> list[str]:
    found = [f"{where}: handler {h}" for h in page.handlers]
    found += [f"{where}: script {s[:80]}" for s in page.scripts if MARKER.search(s)]
    found += [f"{where}: url {u}" for u in page.urls if is_javascript_url(u[2])]
    found += [
        f"{where}: fetches {u}"
        for u in page.urls
        if (u[0], u[1]) in FETCHED and (urlsplit(u[2]).hostname or OWN_HOST) != OWN_HOST
    ]
    return found


def test_html_holds_the_payloads_only_as_text(poisoned_site: Path) -> None:
    live, shown = [], 0
    for path in html_files(poisoned_site):
        page = scan(path)
        live += _live_parts(page, str(path.relative_to(poisoned_site)))
        shown += sum(len(MARKER.findall(text)) for text in page.text)
    assert live == []
    assert shown > 1000, "the payloads did not reach the pages: the test plants nothing"


def html_of(xml_text: str) -> Scan:
    parser = Scan()
    parser.feed(xml_text)
    parser.close()
    return parser


def test_feeds_are_well_formed_and_their_html_runs_nothing(poisoned_site: Path) -> None:
    for name in ("feed.xml", "atom.xml"):
        tree = ElementTree.parse(poisoned_site / name)  # raises on broken XML
        # RSS leaves it open whether a text is HTML: read all of it as HTML. Atom says so.
        texts = [
            element.text or ""
            for element in tree.iter()
            if name == "feed.xml" or element.get("type") in ("html", "xhtml")
        ]
        assert any(MARKER.search(text) for text in texts), name
        live: list[str] = []
        for text in texts:
            live += _live_parts(html_of(text), name)
        assert live == []


def test_calendars_carry_no_injected_line(poisoned_site: Path) -> None:
    from icalendar import Calendar

    for path in (poisoned_site / "volunteers").rglob("*.ics"):
        raw = path.read_bytes().decode("utf-8")
        lines = raw.replace("\r\n ", "").split("\r\n")
        assert not [line for line in lines if line.startswith("SUMMARY:假的值班")], path
        calendar = Calendar.from_ical(raw)
        events = list(calendar.walk("VEVENT"))
        assert events and all(str(event["LOCATION"]).count("gs") > 10 for event in events)


def test_csv_cells_never_start_a_formula_and_json_keeps_the_value(poisoned_site: Path) -> None:
    cells = 0
    for path in (poisoned_site / "data").rglob("*.csv"):
        for row in csv.reader(io.StringIO(path.read_text("utf-8-sig"))):
            for cell in row:
                cells += 1
                if cell.lstrip(" \n\u3000\u00a0").startswith(FORMULA_STARTS):
                    assert cell.replace(".", "", 1).lstrip("-").isdigit(), (path.name, cell[:40])
    assert cells > 100
    raw = "".join(p.read_text("utf-8") for p in (poisoned_site / "data").rglob("*.json"))
    values = json.dumps(raw, ensure_ascii=False)
    assert "=HYPERLINK(" in values and "'=HYPERLINK(" not in values


PDF_ACTIONS = frozenset(
    {"/JS", "/JavaScript", "/OpenAction", "/AA", "/Launch", "/URI", "/SubmitForm", "/ImportData"}
)
"""The keys through which a PDF runs a script, opens a program, a form target or a web address."""


def _pdf_keys(reader: PdfReader) -> set[str]:
    """Every dictionary key of every object reachable from the PDF's trailer."""
    keys: set[str] = set()
    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [reader.trailer]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            item = item.get_object()
        if isinstance(item, DictionaryObject):  # streams too
            keys.update(item.keys())
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return keys


def test_posters_print_the_payloads_as_text_and_hold_no_action_or_link(
    poisoned_site: Path,
) -> None:
    pdfs = sorted((poisoned_site / "posters").rglob("*.pdf"))
    assert len(pdfs) >= 8
    for pdf in pdfs:
        name = pdf.relative_to(poisoned_site)
        assert _pdf_keys(PdfReader(pdf)) & PDF_ACTIONS == set(), name
        assert MARKER.search(pdf_text(pdf)), f"{name}: the payloads are printed, as text"


def test_scripts_of_the_site_carry_no_payload(poisoned_site: Path) -> None:
    for path in poisoned_site.rglob("*.js"):
        assert not MARKER.search(path.read_text("utf-8", errors="replace")), path


def test_the_site_fetches_nothing_from_other_hosts(sample_site: Path) -> None:
    found = []
    for path in html_files(sample_site):
        for tag, attribute, value in scan(path).urls:
            host = urlsplit(value).hostname
            if (tag, attribute) in FETCHED and host and host != "cuihu.example.org":
                found.append(f"{path.relative_to(sample_site)}: <{tag} {attribute}={value}>")
    for css in sample_site.rglob("*.css"):
        text = css.read_text("utf-8")
        for marker in ("url(http", "url('http", 'url("http', "@import"):
            if marker in text:
                found.append(f"{css.relative_to(sample_site)}: {marker}")
    assert found == []
    assert "fonts.googleapis" not in (sample_site / "index.html").read_text("utf-8")


def _serve(folder: Path) -> Any:
    import functools
    import http.server
    import threading

    from tests.site.conftest import _QuietHandler

    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_no_page_of_the_poisoned_site_opens_a_dialog_in_chromium(
    poisoned_site: Path, browser: Any
) -> None:
    server = _serve(poisoned_site)
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    pages = [p for p in html_files(poisoned_site) if p.suffix == ".html"]
    try:
        for path in pages:
            page.goto(base + path.relative_to(poisoned_site).as_posix(), wait_until="load")
            page.mouse.move(200, 300)
            page.mouse.move(100, 600)
            page.keyboard.press("Tab")
        page.goto(base + "matters/lawn/", wait_until="networkidle")
        box = page.locator("input.md-search__input")
        box.click()
        box.fill("gs01")
        page.locator(".md-search-result__list li").first.wait_for(timeout=10_000)
        page.locator(".md-search-result__list li").first.hover()
        assert (
            page.locator(".md-search-result__list script, .md-search-result__list img").count() == 0
        )
    finally:
        page.close()
        server.shutdown()
        server.server_close()
    assert len(pages) > 15
    assert dialogs == []


@pytest.mark.parametrize(
    "url",
    [
        "https://test.example.org/\"><script>alert('gs19')</script><x y=\"/",
        "javascript:alert('gs08')",
        "data:text/html,<script>alert(1)</script>",
        "https://test.example.org/' onmouseover='alert(1)",
        "https://test.example.org/</script><script>alert(1)</script>",
        "https://test.example.org/{{7*7}}",
    ],
)
def test_check_refuses_a_site_url_that_could_break_out(
    base_project: Path, run_cli: Callable[..., Result], url: str
) -> None:
    config = base_project / "site_config.yml"
    data = yaml.safe_load(config.read_text("utf-8"))
    data["site"]["url"] = url
    config.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    result = run_cli("check", str(base_project), "--today", TODAY)
    assert result.exit_code == 1, result.output
    assert any(code in result.output for code in ("G116", "G117", "G118", "G119"))
