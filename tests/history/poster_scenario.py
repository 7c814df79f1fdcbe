"""A poster printed, then its ledger corrected: the story `gongshi verify` and the 核验 page tell.

In a real git repository in a temporary folder: the base community is committed,
the 2026 Q1 ledger's poster is printed through `gongshi print` (its 校验码 read from the
poster's HTML, its QR code read from the PDF with zbarimg), then a published amount is
changed with `corrections:` entries and committed, and the poster printed again.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from generator.cli import cli
from tests.conftest import BASE, TODAY
from tests.history.conftest import GitRunner, init_repository

LEDGER = "content/funds/public-2026-q1.yml"
LEDGER_ID = "public-income-2026q1"
POSTER = f"posters/funds/public-income/{LEDGER_ID}"
LEDGER_PAGE = f"funds/public-income/{LEDGER_ID}/"
CORRECTIONS = """\
corrections:
  - date: 2026-11-26
    reason: 发票金额录入错误，按原始凭证更正
    field: entries.2.amount
    old: "200.00"
    new: "250.00"
  - date: 2026-11-26
    reason: 随上一笔更正
    field: closing_balance
    old: "1300.10"
    new: "1250.10"
"""
REASON = "发票金额录入错误，按原始凭证更正"


@dataclass(frozen=True)
class Printed:
    code: str
    """The 校验码 as the poster's HTML prints it."""
    qr: str
    """What the poster's QR code says, read from the PDF by zbarimg."""
    html: Path


@dataclass(frozen=True)
class Scenario:
    root: Path
    git: GitRunner
    first: Printed
    """The poster printed from the first commit: its code is superseded by the correction."""
    second: Printed
    """The poster printed after the correction: the current version."""


def poster_code(html: Path) -> str:
    found = re.search(r'<p class="code">([^<]+)</p>', html.read_text("utf-8"))
    assert found is not None, "no 校验码 on the poster"
    return found.group(1).strip()


def qr_of(pdf: Path) -> str:
    stem = pdf.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    decoded = subprocess.run(
        ["zbarimg", "--raw", "-q", str(stem.with_suffix(".png"))],
        capture_output=True,
        text=True,
        check=False,
    )
    return decoded.stdout.strip()


def print_poster(root: Path, out: Path) -> Printed:
    result = CliRunner().invoke(
        cli,
        ["print", LEDGER_ID, "-C", str(root), "--out", str(out), "--today", TODAY],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    html = out / f"{POSTER}.html"
    return Printed(poster_code(html), qr_of(out / f"{POSTER}.pdf"), html)


def correct_the_ledger(root: Path) -> None:
    path = root / LEDGER
    text = path.read_text("utf-8")
    changed = text.replace("amount: 200.00", "amount: 250.00").replace(
        "closing_balance: 1300.10", "closing_balance: 1250.10"
    )
    assert changed != text
    path.write_text(changed + CORRECTIONS, encoding="utf-8")


def make_scenario(folder: Path) -> Scenario:
    root = folder / "community"
    shutil.copytree(BASE, root)
    git = init_repository(root)
    git("add", "-A")
    git("commit", "-q", "-m", "发布第一季度账目")
    first = print_poster(root, folder / "first")
    correct_the_ledger(root)
    git("commit", "-qam", "更正草坪围挡支出")
    second = print_poster(root, folder / "second")
    return Scenario(root, git, first, second)
