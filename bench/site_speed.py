"""How `gongshi build` does on a ten-year community, against plain mkdocs on the same Markdown.

Writes the synthetic community (bench/synthetic.py) in both shapes (standard, and long
free text), then measures for each, in wall and CPU seconds (this process and the mkdocs
and Pagefind it waits for; the steadier figure on a shared machine), (a) and (b) alternated
`--rounds` times and the best of each kept, so both feel the same load:
(a) `gongshi build --no-posters` end to end (check, pages, mkdocs, Pagefind);
(b) `mkdocs build` of the very Markdown and mkdocs.yml that (a) generated.
Our overhead is (a) / (b) (goal ≤ 1.3×). It also prints the site's size, the
largest record page's HTML, and what the first search transfers in Chromium
(the Pagefind files fetched for one query; goal < 600 KB). It prints figures
and never asserts them: it is a benchmark, not a test.

    python bench/site_speed.py [--out DIR] [--shape both] [--years 10] [--seed 1] [--query 电梯]
                               [--posters] [--rounds 2]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as `python bench/site_speed.py` from anywhere
    sys.path.insert(0, str(REPO))

from bench.synthetic import (  # noqa: E402
    LAST_YEAR,
    add_community_arguments,
    add_shape_argument,
    chosen_shapes,
    write_community,
)
from bench.timing import alternated, ratio, seconds, timed  # noqa: E402
from generator.project import load_project  # noqa: E402
from generator.site.build import build_site  # noqa: E402

TODAY = date(LAST_YEAR, 12, 1).isoformat()
TARGET_RATIO = 1.3
TARGET_SEARCH_BYTES = 600 * 1024
RECORD_PAGES = (
    "organizations/*/index.html",
    "matters/*/index.html",
    "funds/*/*/index.html",
    "volunteers/*/index.html",
)


def timed_command(
    command: list[str], cwd: Path
) -> tuple[tuple[float, float], subprocess.CompletedProcess[str]]:
    """(wall, CPU) seconds of one command, and what it printed."""
    results: list[subprocess.CompletedProcess[str]] = []
    figure = timed(
        lambda: results.append(
            subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
        )
    )
    return figure, results[0]


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def first_search_bytes(site: Path, query: str) -> tuple[int, int, int]:
    """(bytes of Pagefind files, their count, results shown) for one query typed in the box."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fetched: dict[str, int] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/", wait_until="networkidle")

            def record(response: object) -> None:
                url = response.url  # type: ignore[attr-defined]
                if "/pagefind/" in url:
                    fetched[url] = len(response.body())  # type: ignore[attr-defined]

            page.on("response", record)
            box = page.locator("input.md-search__input")
            box.click()
            box.fill(query)
            box.press("End")
            page.locator(".md-search-result__list li").first.wait_for(timeout=30_000)
            page.wait_for_load_state("networkidle")
            shown = page.locator(".md-search-result__list li").count()
            browser.close()
    finally:
        server.shutdown()
    return sum(fetched.values()), len(fetched), shown


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _succeeded(command: list[str], cwd: Path) -> Callable[[], None]:
    """A run of `command` that stops the benchmark, with what it printed, when it fails."""

    def run() -> None:
        result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            print(result.stdout[-3000:], result.stderr[-3000:])
            sys.exit(f"{command[:4]} failed with exit code {result.returncode}")

    return run


def run(
    root: Path, shape: str, counts: dict[str, int], query: str, posters: bool, rounds: int
) -> None:
    site = root / "site"
    project, _ = load_project(root, date.fromisoformat(TODAY))
    assert project is not None
    docs = root / "generated"
    build_site(project, root / "site-copy", posters=False, docs_dir=docs)
    command = [sys.executable, "-m", "generator", "build", str(root), "--today", TODAY]
    figures = alternated(
        {
            "(a)": _succeeded(command + ([] if posters else ["--no-posters"]), REPO),
            "(b)": _succeeded(
                [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(root / "plain-site")],
                docs,
            ),
        },
        rounds,
        f"[{shape}]",
    )
    ours, plain = figures["(a)"], figures["(b)"]
    config = yaml.safe_load((docs / "mkdocs.yml").read_text("utf-8"))
    config["plugins"] = ["search"]
    (docs / "mkdocs-search.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    with_search, _ = timed_command(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            "mkdocs-search.yml",
            "-d",
            str(root / "material-search-site"),
        ],
        docs,
    )
    index = root / "material-search-site" / "search" / "search_index.json"
    pages = [path for pattern in RECORD_PAGES for path in site.glob(pattern)]
    largest = max(pages, key=lambda path: path.stat().st_size)
    search_bytes, files, shown = first_search_bytes(site, query)

    def verdict(met: bool) -> str:
        return "met" if met else "NOT met"

    print(f"\n=== shape {shape}: {root}")
    print(", ".join(f"{name} {count}" for name, count in counts.items()))
    print(f"pages: {len(list(site.rglob('index.html')))} HTML pages, {len(pages)} record pages")
    print(
        f"(a) gongshi build{'' if posters else ' --no-posters'}:          {seconds(ours)}"
        f"  (best of {rounds}, alternated with (b))"
    )
    print(f"(b) plain mkdocs build, same Markdown:   {seconds(plain)}")
    print(
        f"(c) plain mkdocs build with material's search plugin: {seconds(with_search)} "
        f"(its index: one {index.stat().st_size / 1e6:.1f} MB file); (a)/(c) {ratio(ours, with_search)}"
    )
    print(
        f"[{shape}] overhead (a)/(b): {ratio(ours, plain)}  (goal ≤ {TARGET_RATIO}×: "
        f"{verdict(ours[0] / plain[0] <= TARGET_RATIO)} by wall, "
        f"{verdict(ours[1] / plain[1] <= TARGET_RATIO)} by CPU)"
    )
    print(
        f"site size: {folder_bytes(site) / 1e6:.1f} MB (pagefind {folder_bytes(site / 'pagefind') / 1e6:.1f} MB, "
        f"posters {folder_bytes(site / 'posters') / 1e6 if (site / 'posters').exists() else 0:.1f} MB); "
        f"plain mkdocs site {folder_bytes(root / 'plain-site') / 1e6:.1f} MB"
    )
    print(
        f"largest record page: {largest.stat().st_size / 1024:.1f} KB ({largest.relative_to(site)})"
    )
    print(
        f"first search for {query!r}: {search_bytes / 1024:.0f} KB in {files} Pagefind files, "
        f"{shown} results shown (goal < {TARGET_SEARCH_BYTES // 1024} KB: "
        f"{verdict(search_bytes < TARGET_SEARCH_BYTES)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_community_arguments(parser)
    add_shape_argument(parser)
    parser.add_argument("--query", default="电梯", help="the word typed for the first search")
    parser.add_argument("--posters", action="store_true", help="time the build with posters too")
    parser.add_argument(
        "--rounds", type=int, default=2, help="(a) and (b) alternated this many times, best kept"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gongshi-site-bench-") as folder:
        base = args.out if args.out is not None else Path(folder)
        for shape in chosen_shapes(args.shape):
            root = base / shape
            if root.exists():
                shutil.rmtree(root)
            counts = write_community(root, args.years, args.seed, shape)
            run(root, shape, counts, args.query, args.posters, args.rounds)


if __name__ == "__main__":
    main()
