"""Work started in a forked process now, its result asked for later: the second core's share.

A build has steps that need nothing from each other for a while (the rules and the
pages, the open data and the record pages). `started` forks a process for one of them
and returns the call that waits for its answer. The work is inherited at the fork,
never pickled, so it may use the whole project; only its answer crosses back, through
a pipe. A plain process, not a pool: a pool's thread would still be running when the
build forks again (mkdocs' workers).

Where processes cannot be forked (Windows, macOS' default), or the worker failed, the
work runs in this process when its answer is asked for: the same answer later, or the
same exception raised where the caller expects it, never a worker's traceback.
"""

from __future__ import annotations

import functools
import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def started(work: Callable[[], T]) -> Callable[[], T]:
    """Run `work` in a forked process from now; the returned call waits for its result."""
    if not can_fork():
        return work
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    worker = context.Process(target=_send, args=(work, sending), daemon=True)
    worker.start()
    sending.close()

    @functools.cache
    def result() -> T:
        try:
            answer: tuple[T] | None = receiving.recv()
        except EOFError:  # the worker died before it could answer
            answer = None
        finally:
            receiving.close()
            worker.join()
        return work() if answer is None else answer[0]

    return result


def _send(work: Callable[[], T], sending: Connection) -> None:
    try:
        answer: tuple[T] | None = (work(),)
    except Exception:  # raised again, properly, when the work runs in the caller's process
        answer = None
    sending.send(answer)
    sending.close()
