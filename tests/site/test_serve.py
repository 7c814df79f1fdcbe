"""`gongshi serve` previews the site and rebuilds it when a record changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

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
