"""Chinese search with Pagefind, run over the built HTML.

Pagefind's extended build segments Chinese (业主 finds 小区业主委员会) and splits its
index into chunks fetched on demand, so the first search stays small however
many records there are. The binary ships inside the PyPI package
`pagefind[extended]`: nothing is downloaded at build time.

Tried and dropped: feeding pages to Pagefind's Python API while mkdocs renders
them, to use the second core. Its service took 80 s for the ten-year community's
800 pages against 2.5 s for the CLI over the finished folder.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BUNDLE = "pagefind"


class SearchIndexFailed(Exception):
    """Pagefind could not index the site; the message is its own output."""


def index_site(site_dir: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            str(site_dir),
            "--output-subdir",
            BUNDLE,
            "--silent",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        check=False,
    )
    if result.returncode != 0:
        raise SearchIndexFailed((result.stderr or result.stdout).strip())
