"""The terminal: colour only where someone looks at it, progress bars only on a terminal.

Colour follows the common conventions: none when `NO_COLOR` is set to anything
(https://no-color.org), always when `FORCE_COLOR` is (except `FORCE_COLOR=0`), and
otherwise only when the output is a terminal, which click decides for each stream.
NO_COLOR wins when both are set. Output that goes to a file, a pipe or a CI log
stays plain text either way, and so does everything `--format json` prints.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol

import click


def colour_choice(environ: Mapping[str, str] = os.environ) -> bool | None:
    """True forces colour, False forbids it, None leaves it to click (a terminal or not)."""
    if environ.get("NO_COLOR"):
        return False
    force = environ.get("FORCE_COLOR")
    if force:
        return force != "0"
    return None


_STYLES: Mapping[str, Mapping[str, object]] = {
    "error": {"fg": "red", "bold": True},
    "warning": {"fg": "yellow", "bold": True},
    "file": {"bold": True},
    "passed": {"fg": "green", "bold": True},
    "hint": {"dim": True},
}


def paint(text: str, role: str) -> str:
    """`text` in the colour of its role; click.echo removes it again where colour is off."""
    return click.style(text, **_STYLES[role])  # type: ignore[arg-type]


Advance = Callable[[], None]


class Meter(Protocol):
    """Makes a progress display for `total` steps of one slow job; call the result per step."""

    def __call__(self, label: str, total: int) -> AbstractContextManager[Advance]: ...


@contextmanager
def quiet_meter(label: str, total: int) -> Iterator[Advance]:
    """No display: the default of every slow job, and what a pipe or a CI log gets."""
    yield lambda: None


BAR_FROM = 2
"""A single step needs no bar."""


@contextmanager
def terminal_meter(label: str, total: int) -> Iterator[Advance]:
    """A bar on stderr while the job runs, only when stderr is a terminal; full when done."""
    if total < BAR_FROM or not sys.stderr.isatty():
        yield lambda: None
        return
    with click.progressbar(
        length=total,
        label=label,
        file=sys.stderr,
        show_eta=False,
        show_pos=True,
        fill_char="█",
        empty_char="░",
        bar_template="%(label)s  %(bar)s  %(info)s",
    ) as bar:
        yield lambda: bar.update(1)
