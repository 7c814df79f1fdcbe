"""Options several commands share, kept in one place so `gongshi` and `gongshi new` agree."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import click

from generator.i18n import N_, _


class IsoDate(click.ParamType):  # type: ignore[type-arg]
    """A date written 2026-03-01; anything else is a Chinese usage error."""

    name = "日期"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(_("「{value}」不是日期，请写成 2026-03-01。").format(value=value), param, ctx)


def today_option(help_text: str) -> Callable[[Any], Any]:
    """`--today`: every command that counts days can be pinned to one date (tests, rebuilds)."""
    return click.option("--today", type=IsoDate(), default=None, metavar=N_("日期"), help=help_text)
