"""How long a secretary waits in `gongshi serve` to see a saved figure, on a ten-year community.

Writes the synthetic community (bench/synthetic.py), starts `gongshi serve`, opens the
latest period page of one ledger in headless Chromium, saves a changed amount in that
ledger (the closing balance and any later bank-statement balance follow it, so the check
passes), and measures from the save to the open tab showing the new amount — the tab is
never reloaded by this script. Each of `--edits` saves is measured. As a baseline in the
same run it times `gongshi build --no-posters` of the same community (what a save cost
before). It prints figures and never asserts them (goal < 1 s).

Every figure is given for both community shapes (standard, and long free text) unless
`--shape` names one.

    python bench/serve_latency.py [--out DIR] [--shape both] [--years 10] [--seed 1]
                                  [--edits 3] [--pause 20]
"""

from __future__ import annotations

import argparse
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.synthetic import (  # noqa: E402
    LAST_YEAR,
    add_community_arguments,
    add_shape_argument,
    chosen_shapes,
    write_community,
)
from generator.money import yuan  # noqa: E402
from generator.project import load_project  # noqa: E402
from generator.urls import record_path  # noqa: E402

TODAY = date(LAST_YEAR, 12, 1).isoformat()
TARGET_SECONDS = 1.0
AMOUNT = re.compile(r"(amount: )(\d+\.\d\d)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def latest_ledger(root: Path) -> tuple[Path, str]:
    """The latest period of the first account: its file and its page."""
    project, _ = load_project(root, date.fromisoformat(TODAY))
    assert project is not None
    items = next(iter(project.ledgers_by_account().values()))
    return items[-1].path, record_path(items[-1].record)


def changed_amount(path: Path, step: int) -> str:
    """Raise the last entry's amount by `step` yuan, and the balances from its day on.

    Returns the new amount as the page writes it."""
    text = path.read_text("utf-8")
    last = list(AMOUNT.finditer(text))[-1]
    day = re.findall(r"date: (\d{4}-\d\d-\d\d)", text[: last.start()])[-1]
    sign = (
        1
        if text.rfind("type: income", 0, last.start())
        > text.rfind("type: expense", 0, last.start())
        else -1
    )
    new = Decimal(last.group(2)) + step
    text = text[: last.start(2)] + f"{new:.2f}" + text[last.end(2) :]

    def moved(match: re.Match[str]) -> str:
        if match.group("day") and match.group("day") < day:
            return match.group(0)
        balance = Decimal(match.group("balance")) + sign * step
        return match.group(0).replace(match.group("balance"), f"{balance:.2f}")

    text = re.sub(r"closing_balance: (?P<day>)(?P<balance>-?\d+\.\d\d)", moved, text)
    text = re.sub(r"\{date: (?P<day>[\d-]+), balance: (?P<balance>-?\d+\.\d\d)", moved, text)
    path.write_text(text, "utf-8")
    return yuan(new)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_community_arguments(parser)
    add_shape_argument(parser)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--pause", type=float, default=20.0, help="seconds between saves")
    args = parser.parse_args()
    for shape in chosen_shapes(args.shape):
        with tempfile.TemporaryDirectory(prefix="gongshi-serve-bench-") as temporary:
            root = (args.out or Path(temporary)) / shape
            if root.exists():
                shutil.rmtree(root)
            counts = write_community(root, args.years, args.seed, shape)
            print(f"\n=== shape {shape}: " + ", ".join(f"{n} {c}" for n, c in counts.items()))
            _run(root, Path(temporary), args.edits, args.pause, f"[{shape}] ")


def _run(root: Path, temporary: Path, edits: int, pause: float, label: str) -> None:
    """The full build, then serve: the first page served, and each save until it is shown."""
    command = [sys.executable, "-m", "generator"]
    started = time.perf_counter()
    build = subprocess.run(
        [
            *command,
            "build",
            str(root),
            "--today",
            TODAY,
            "--no-posters",
            "--out",
            str(temporary / "built"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    full = time.perf_counter() - started
    if build.returncode != 0:
        sys.exit(build.stdout[-2000:] + build.stderr[-2000:])
    ledger, page_path = latest_ledger(root)
    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen(
        [*command, "serve", str(root), "--port", str(port), "--today", TODAY],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/{page_path}"
        _wait_served(url, 600)
        first = time.perf_counter() - started
        latencies = _measure(url, ledger, edits, pause)
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    print(f"gongshi build --no-posters (the whole site, what each save cost before): {full:.2f} s")
    print(f"gongshi serve, first build until the page is served: {first:.2f} s")
    for number, seconds in enumerate(latencies, 1):
        print(f"save {number} → the open page shows the new amount: {seconds:.2f} s")
    best, worst = min(latencies), max(latencies)
    print(
        f"{label}serve latency: best {best:.2f} s, worst {worst:.2f} s "
        f"(goal < {TARGET_SECONDS:.0f} s); "
        f"{full / worst:.0f}× faster than a full build"
    )
    timed = [line for line in output.splitlines() if "秒）" in line]
    print("serve's own timings (check + changed page; the whole site):", *timed, sep="\n  ")


def _wait_served(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            time.sleep(0.5)
    sys.exit("gongshi serve did not serve the page")


def _measure(url: str, ledger: Path, edits: int, pause: float) -> list[float]:
    from playwright.sync_api import sync_playwright

    latencies = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        page.goto(url)
        for number in range(1, edits + 1):
            time.sleep(pause)  # the rest of the site and the search index follow: let them finish
            saved = time.perf_counter()
            shown = changed_amount(ledger, number * 1000 + 7)
            page.wait_for_function(
                "text => document.body !== null && document.body.innerText.includes(text)",
                arg=shown,
                timeout=120_000,
                polling=20,
            )
            latencies.append(time.perf_counter() - saved)
        browser.close()
    return latencies


if __name__ == "__main__":
    main()
