"""The preview's check after each save says exactly what `gongshi check` says.

`IncrementalCheck` re-reads only the changed files, runs the text rules on the changed
records only, and runs a whole-project rule again only when a part of the project it
read last time changed. Every case of the bad-input corpus is one save into one running
preview (and the save that takes it back out another): after each, its diagnostics must be
the full check's, code for code and line for line.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from generator.check import check_project
from generator.preview.checking import IncrementalCheck
from tests.conftest import BASE
from tests.test_corpus import CASE_PATHS, read_case


def test_every_corpus_case_saved_and_taken_out_again_is_checked_as_gongshi_check_does(
    tmp_path: Path,
) -> None:
    root = tmp_path / "community"
    shutil.copytree(BASE, root)
    checks: dict[str, IncrementalCheck] = {}

    def same_as_check(today: str, after: str) -> None:
        day = date.fromisoformat(today)
        check = checks.setdefault(today, IncrementalCheck(root, day))
        found, _ = check.run()
        assert found.diagnostics == check_project(root, day).diagnostics, after

    same_as_check(read_case(CASE_PATHS[0]).today, "the base community")
    for path in CASE_PATHS:
        case = read_case(path)
        kept = {name: (root / name).read_bytes() for name in case.replaces}
        for name in kept:
            (root / name).unlink()
        target = root / case.target
        before = target.read_bytes() if target.is_file() else None
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        same_as_check(case.today, f"{path.name} saved")
        if before is None:
            target.unlink()
        else:
            target.write_bytes(before)
        for name, content in kept.items():
            (root / name).write_bytes(content)
        same_as_check(case.today, f"{path.name} taken out")
