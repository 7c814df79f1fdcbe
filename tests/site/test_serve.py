"""`gongshi serve` previews the site and rebuilds it when a record changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bench.synthetic import write_community
from generator.diagnostics import Diagnostic
from generator.preview.checking import LOCAL_RULES, local_findings
from generator.project import Project, load_project
from tests.conftest import REPO, TODAY


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


BUILD_WAIT = 180
"""Seconds a whole build may take on a loaded 2-core machine (the sample alone takes ~15 s)."""


def fetch_until(url: str, wanted: str, seconds: float) -> str:
    """The page once it contains `wanted`, polling until `seconds` have passed."""
    deadline = time.monotonic() + seconds
    text = ""
    while time.monotonic() < deadline:
        try:
            text = urllib.request.urlopen(url, timeout=2).read().decode("utf-8")
            if wanted in text:
                return text
        except OSError:
            pass
        time.sleep(0.3)
    return text


def test_serve_rebuilds_when_a_record_changes(base_project: Path) -> None:
    port = free_port()
    command = [sys.executable, "-m", "generator", "serve", str(base_project), "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--today", TODAY],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/matters/lawn/"
        assert "草坪改建停车位" in fetch_until(url, "草坪改建停车位", BUILD_WAIT)
        matter = base_project / "content" / "matters" / "lawn.yml"
        matter.write_text(
            matter.read_text("utf-8").replace("草坪改建停车位", "草坪改建为停车位"), "utf-8"
        )
        assert "草坪改建为停车位" in fetch_until(url, "草坪改建为停车位", BUILD_WAIT)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert "预览网址" in output and "重新生成" in output


LEDGER = Path("content") / "funds" / "public-2026-q1.yml"
LEDGER_PAGE = "funds/public-income/public-income-2026q1/"


def _rewrite(path: Path, *changes: tuple[str, str]) -> None:
    text = path.read_text("utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, "utf-8")


def test_serve_reloads_the_open_page_and_shows_diagnostics_until_fixed(
    base_project: Path, browser: Any
) -> None:
    """The test never reloads: each change reaches the open tab by itself."""
    port = free_port()
    command = [sys.executable, "-m", "generator", "serve", str(base_project), "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--today", TODAY], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        url = f"http://127.0.0.1:{port}/{LEDGER_PAGE}"
        assert "500.10" in fetch_until(url, "500.10", BUILD_WAIT)
        page = browser.new_page()
        page.goto(url)
        body = page.locator("body")
        assert "500.10" in body.inner_text()
        ledger = base_project / LEDGER
        # 500.10 → 512.30 with the closing balance and the bank statement that follow it
        _rewrite(
            ledger,
            ("amount: 500.10", "amount: 512.30"),
            ("closing_balance: 1300.10", "closing_balance: 1312.30"),
            ("balance: 1500.10", "balance: 1512.30"),
        )
        page.wait_for_function(
            "document.body && document.body.innerText.includes('512.30')", timeout=BUILD_WAIT * 1000
        )
        assert "500.10" not in body.inner_text()
        # an amount the closing balance no longer adds up to: G201 at the amount's line
        _rewrite(ledger, ("amount: 512.30", "amount: 777.70"))
        page.locator("#gongshi-diagnostics").wait_for(timeout=BUILD_WAIT * 1000)
        shown = page.locator("#gongshi-diagnostics").inner_text()
        assert "content/funds/public-2026-q1.yml:8:" in shown and "G201" in shown
        assert "1,577.70" in shown  # 1,000.00 + 777.70 − 200.00, the sum the message names
        assert "内容有错误" in body.inner_text()
        # fixed: the page again, with the corrected figures
        _rewrite(
            ledger,
            ("closing_balance: 1312.30", "closing_balance: 1577.70"),
            ("balance: 1512.30", "balance: 1777.70"),
        )
        page.wait_for_function(
            "document.body && document.body.innerText.includes('1,577.70')"
            " && !document.getElementById('gongshi-diagnostics')",
            timeout=BUILD_WAIT * 1000,
        )
        assert "777.70" in body.inner_text()
        # the preview's page is finished as `build` finishes it: the new balance kept whole
        assert page.locator("gs-nw", has_text="1,577.70").count() >= 1
        page.close()
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0].decode("utf-8")
    assert "G201" in output and "预览网址" in output


def _each_record_alone(project: Project) -> Iterator[Project]:
    """The project with every organization and one ledger, matter or schedule at a time."""
    for group in ("ledgers", "matters", "schedules"):
        for item in getattr(project, group):
            alone: dict[str, tuple[object, ...]] = {"ledgers": (), "matters": (), "schedules": ()}
            alone[group] = (item,)
            yield replace(project, **alone)  # type: ignore[arg-type]


@pytest.mark.parametrize("community", ["sample", "generated"])
def test_record_local_rules_find_in_each_record_alone_what_they_find_in_all(
    community: str, tmp_path: Path
) -> None:
    """What lets `serve` run the text rules on the changed records only (RECORD_LOCAL_CODES)."""
    if community == "sample":
        root = REPO
    else:
        root = tmp_path / "generated"
        write_community(root, years=2, seed=3)
    project, _ = load_project(root, date.fromisoformat(TODAY))
    assert project is not None
    for rule in LOCAL_RULES:
        everything = Counter(
            d for found in local_findings(project, (rule,)).values() for d in found
        )
        pieces: Counter[Diagnostic] = Counter()
        for part in _each_record_alone(project):
            alone = local_findings(part, (rule,))
            pieces.update(d for name, found in alone.items() for d in found if name in _own(part))
        organizations = Counter(
            d
            for name, found in local_findings(project, (rule,)).items()
            for d in found
            if name not in _own(project)
        )
        assert pieces + organizations == everything, rule.code.code


def _own(project: Project) -> set[str]:
    """The files of the project's ledgers, matters and schedules."""
    return {item.file for item in (*project.ledgers, *project.matters, *project.schedules)}
