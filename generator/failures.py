"""A library that fails on checked content becomes a named failure, never a traceback.

`check` refuses what the renderers are known to choke on (G120–G123, G208), so that
whatever it passes builds. Should a library still raise, the step that called it
says what it was doing and for which record (`rendering`), the command prints
that as a G902 or G903 diagnostic in Chinese and exits 1, and nothing half-made
is swapped in: the old site and the old posters stay as they were.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from generator.codes import Code
from generator.diagnostics import Diagnostic, Span

_DETAIL_LENGTH = 160
"""The library's own words are kept for the maintainers, shortened: they may quote content."""


class RenderingFailed(Exception):
    """A rendering step raised; `step` and `where` say, in Chinese, what and for which record."""

    def __init__(self, step: str, error: BaseException, where: str | None = None) -> None:
        super().__init__(f"{step}: {type(error).__name__}: {error}")
        self.step = step
        self.error = error
        self.where = where

    @property
    def detail(self) -> str:
        """The library's exception as one short line: its type and the start of its message."""
        words = " ".join(str(self.error).split())
        if len(words) > _DETAIL_LENGTH:
            words = words[: _DETAIL_LENGTH - 1] + "…"
        name = type(self.error).__name__
        return f"{name}: {words}" if words else name

    def describe(self, with_where: bool = True) -> str:
        """`生成页面（matters/lawn.md）时出错（ValueError: …）`"""
        what = f"{self.step}（{self.where}）" if self.where and with_where else self.step
        return f"{what}时出错（{self.detail}）"


@contextmanager
def rendering(
    step: str, where: str | None = None, passing: tuple[type[BaseException], ...] = ()
) -> Iterator[None]:
    """Name what the block does: any exception from it becomes a `RenderingFailed` saying so.

    The innermost step wins, so a record named inside a step is kept. OSError passes
    unchanged (the commands report a folder they cannot write as such), and so do the
    `passing` exceptions a caller already explains in Chinese (mkdocs' own failures).
    """
    unchanged: tuple[type[BaseException], ...] = (RenderingFailed, OSError, *passing)
    try:
        yield
    except Exception as error:
        if isinstance(error, unchanged):
            raise
        raise RenderingFailed(step, error, where) from error


RECORD_SUFFIXES = (".yml", ".yaml")


def failure_diagnostic(
    code: Code, failure: RenderingFailed, output: str, outcome: str
) -> Diagnostic:
    """The failure as a diagnostic at its record's file, or at `output` when no record is known.

    `outcome` says what became of the output, only what is true (`网站没有生成`).
    """
    where = failure.where or ""
    record = where if where.endswith(RECORD_SUFFIXES) else None
    return code.at(
        Span(record or output),
        f"{failure.describe(with_where=record is None)}。{outcome}。检查通过的内容本应都能生成，这是 Gongshi 漏掉了一项检查，"
        "请把这条信息报告给维护者；修好之前，可以先把"
        f"{'这条记录' if record else '最近改动的记录'}里不常见的写法（特殊符号、很长的文字、换行）"
        "改得简单些再试。",
    )
