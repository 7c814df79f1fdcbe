"""When the records changed: told at once by the system's file events, and checked by hand too.

Comparing every file's size and change time (`content_state`) costs 17 ms at ten years, so
doing it ten times a second kept a core a fifth busy and still noticed a save 50 ms late on
average. The system says the moment a file is written (inotify on Linux, FSEvents on macOS,
ReadDirectoryChangesW on Windows, through watchdog, which mkdocs already uses); the files
are compared then, and once every `POLL_SECONDS` anyway, for what events do not reach (a
linked folder outside the project, a network drive). Without events (watchdog cannot watch,
for instance when Linux's inotify watches are used up) the files are compared every
`FALLBACK_SECONDS`, as the preview always did.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from generator.project import CONFIG_FILE, CONTENT_DIR
from generator.site.command import content_state

POLL_SECONDS = 1.0
FALLBACK_SECONDS = 0.1
SETTLE_SECONDS = 0.01
"""An editor's save is several writes (truncate, write, close): the files are compared once
events have been quiet this long, so a half-written file is not checked."""


class _Wake(FileSystemEventHandler):
    def __init__(self, event: threading.Event, root: Path) -> None:
        self.event = event
        self.config = os.fsdecode(root / CONFIG_FILE)
        self.content = os.fsdecode(root / CONTENT_DIR)

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return  # reading a file changes nothing (the preview reads them too)
        for path in (event.src_path, event.dest_path):
            name = os.fsdecode(path)
            if name in (self.config, self.content) or name.startswith(self.content + os.sep):
                self.event.set()


class Watcher:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.state = content_state(root)
        self.compared = time.monotonic()
        self.event = threading.Event()
        self.observer: BaseObserver | None = _observer(root, self.event)
        self.every = POLL_SECONDS if self.observer is not None else FALLBACK_SECONDS

    def pending(self) -> bool:
        """A file event has come since the files were last compared (cheap: no file is read)."""
        return self.event.is_set() or time.monotonic() - self.compared >= self.every

    def changed(self, wait: float) -> bool:
        """Waits up to `wait` seconds for a file event; True when a record file may have changed.

        After an event the files are not compared: the check reads what changed anyway, and
        says when nothing did (`IncrementalCheck.same`). The next comparison then differs
        from the last one, and the check says the same again, a few milliseconds."""
        if self.event.wait(min(wait, max(0.0, self.compared + self.every - time.monotonic()))):
            self.event.clear()
            while self.event.wait(SETTLE_SECONDS):
                self.event.clear()
            return True
        if time.monotonic() - self.compared < self.every:
            return False
        self.compared = time.monotonic()
        current = content_state(self.root)
        if current == self.state:
            return False
        self.state = current
        return True

    def stop(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer.join(timeout=5)


def _observer(root: Path, event: threading.Event) -> BaseObserver | None:
    """Watching root (for site_config.yml) and content/ below it, or None when it cannot."""
    observer = Observer()
    handler = _Wake(event, root)
    try:
        observer.schedule(handler, str(root), recursive=False)
        if (root / CONTENT_DIR).is_dir():
            observer.schedule(handler, str(root / CONTENT_DIR), recursive=True)
        observer.daemon = True
        observer.start()
    except OSError:
        return None
    return observer
