"""The preview hears of a save from the system's file events, not from its next look."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from generator.preview import watching
from generator.preview.watching import Watcher
from tests.conftest import BASE


def test_a_save_is_noticed_long_before_the_files_are_compared_again(tmp_path: Path) -> None:
    root = tmp_path / "community"
    shutil.copytree(BASE, root)
    watcher = Watcher(root)
    try:
        assert watcher.observer is not None, "watchdog could not watch the folder"
        assert not watcher.changed(0.2)
        ledger = root / "content" / "funds" / "public-2026-q1.yml"
        saved = time.monotonic()
        ledger.write_text(ledger.read_text("utf-8") + "\n", "utf-8")
        assert watcher.changed(watching.POLL_SECONDS * 5)
        assert time.monotonic() - saved < watching.POLL_SECONDS / 2
    finally:
        watcher.stop()


def test_reading_the_records_is_no_change(tmp_path: Path) -> None:
    root = tmp_path / "community"
    shutil.copytree(BASE, root)
    watcher = Watcher(root)
    try:
        for path in (root / "content").rglob("*.yml"):
            path.read_bytes()
        assert not watcher.changed(watching.POLL_SECONDS * 0.8)
    finally:
        watcher.stop()


def test_without_file_events_the_files_are_compared_every_tenth_of_a_second(
    tmp_path: Path,
) -> None:
    root = tmp_path / "community"
    shutil.copytree(BASE, root)
    watcher = Watcher(root)
    watcher.stop()
    watcher.observer, watcher.every = None, watching.FALLBACK_SECONDS
    matter = root / "content" / "matters" / "lawn.yml"
    matter.write_text(matter.read_text("utf-8") + "\n", "utf-8")
    watcher.event.clear()  # as if no event had come
    time.sleep(watching.FALLBACK_SECONDS)
    assert watcher.changed(0.5)
