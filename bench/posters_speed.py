"""How long `gongshi print` takes for every record of the sample community.

Run from the repository root: `python -m bench.posters_speed [--size A3] [--runs 3]`.
It times the real command (a fresh process, imports and checks included) and,
in-process, the rendering alone, and prints the figures for the closing note of a change.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from generator.posters import all_records, write_posters
from generator.project import load_project
from generator.urls import record_path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out" / "posters"


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="A4")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--today", default="2026-11-25")
    options = parser.parse_args()
    project, _ = load_project(REPO, date.fromisoformat(options.today))
    assert project is not None, "the sample community does not load"
    records = all_records(project)
    names = [record_path(r).strip("/") for r in records]
    ledgers = len(project.ledgers)
    print(f"{len(records)} posters ({ledgers} ledgers), size {options.size}")

    command = [sys.executable, "-m", "generator", "print", *names, "-C", str(REPO)]
    command += ["--out", str(OUT), "--size", options.size, "--today", options.today]
    timings = []
    for _ in range(options.runs):
        shutil.rmtree(OUT, ignore_errors=True)
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        timings.append(time.perf_counter() - started)
    pdfs = sorted(OUT.rglob("*.pdf"))
    size_kb = sum(p.stat().st_size for p in pdfs) / 1024
    print(f"gongshi print, all records: best {min(timings):.2f} s of {options.runs} runs")
    print(f"  {len(pdfs)} PDFs, {size_kb:.0f} KB in all, {size_kb / len(pdfs):.0f} KB each")
    sheets = {p: _pages(p) for p in pdfs}
    single = [p.stat().st_size / 1024 for p, n in sheets.items() if n == 1]
    print(
        f"  {sum(sheets.values())} sheets; one-page posters up to {max(single, default=0):.0f} KB"
    )
    for pdf, count in sheets.items():
        print(f"    {pdf.relative_to(OUT)}: {count} sheets, {pdf.stat().st_size / 1024:.0f} KB")

    started = time.perf_counter()
    write_posters(project, records, OUT, options.size)
    rendering = time.perf_counter() - started
    print(
        f"rendering alone (warm): {rendering:.2f} s, {rendering / len(records) * 1000:.0f} ms a poster"
    )


if __name__ == "__main__":
    main()
