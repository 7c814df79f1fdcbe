"""jieba started in a process of its own while the records load, so that its second costs no wait.

`gongshi check` and `gongshi build` read every record before the rules run (0.8 s at ten
years), and the privacy rule's first look for a name in an aid text loads jieba (1.2 s:
its dictionary, tags and model), on one core while the other waits. Neither needs the
other, so these commands start jieba in a forked process first (`tagging_early`); the
rule then asks that process (`names_found`) for the names in each text, and it answers
with `person_names.tagged_names`, the same code on the same jieba: the same names.

It is started only where it is likely to be needed and to pay: where processes can be
forked, when this process has not loaded jieba already, when the records are large
enough to take a while to load (`WORTH_STARTING`), and when no earlier run in this
repository has kept the texts jieba found no name in
(person_names.NamelessTexts; with them, jieba is rarely loaded at all). Whatever goes
wrong with it (it died, or was never started) the text is read in the asking process,
exactly as before.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from generator.forked import can_fork

WORTH_STARTING = 1_000_000
"""Bytes of records below which loading them is over before jieba would be (1 MB takes
about 0.15 s): the sample community's check would only pay for the second process."""


class _Tagger:
    """The process and the pipe to it. A question and its answer carry one number, so an
    answer meant for an asker that died before reading it is never taken for another's; a
    lock lets one process ask at a time, and a process that finds it taken reads here."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        self.connection, theirs = context.Pipe()
        self.lock = context.Lock()
        self.process: BaseProcess = context.Process(target=_serve, args=(theirs,), daemon=True)
        self.process.start()
        theirs.close()
        self.asked = 0

    def names(self, text: str) -> list[str] | None:
        if not self.lock.acquire(block=False):
            return None
        try:
            self.asked += 1
            question = (os.getpid(), self.asked)
            self.connection.send((question, text))
            while True:
                answered, names = self.connection.recv()
                if answered == question:
                    return list(names)
        except (EOFError, OSError):
            return None
        finally:
            self.lock.release()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
            self.process.join()
        self.connection.close()


_running: _Tagger | None = None


def _serve(connection: Connection) -> None:
    """In the tagger's process: load jieba now, then answer each text until the pipe closes."""
    from generator.person_names import tagged_names

    tagged_names("王先生")  # loads the dictionary, the tags and the model
    while True:
        try:
            question, text = connection.recv()
        except (EOFError, OSError):
            return
        connection.send((question, tagged_names(text)))


def names_found(text: str) -> list[str] | None:
    """The names jieba finds in `text`, from the early process; None when there is none to ask."""
    return _running.names(text) if _running is not None else None


@contextmanager
def tagging_early(root: Path, content: Path) -> Iterator[Callable[[], None]]:
    """For the length of the block, jieba in its own process when it is worth starting
    for the project at `root` (records in `content`). The block is given the call that
    stops it sooner, once no more names are to be looked for (it holds 160 MB)."""
    global _running
    if _running is not None or not _worth_starting(root, content):
        yield lambda: None
        return
    _running = started = _Tagger()
    try:
        yield started.stop
    finally:
        started.stop()
        _running = None


def _worth_starting(root: Path, content: Path) -> bool:
    from generator.history.kept import kept_path
    from generator.person_names import NAMELESS_FILE, tagger_loaded

    if not can_fork() or tagger_loaded() or not _holds_at_least(content, WORTH_STARTING):
        return False
    kept = kept_path(root, NAMELESS_FILE)
    return kept is None or not kept.is_file()


def _holds_at_least(folder: Path, size: int) -> bool:
    """Whether the files below `folder` add up to `size` bytes (walked only that far)."""
    total = 0
    for where, _folders, files in os.walk(folder):
        for name in files:
            try:
                total += os.stat(os.path.join(where, name)).st_size
            except OSError:
                continue
            if total >= size:
                return True
    return total >= size
