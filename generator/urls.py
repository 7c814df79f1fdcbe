"""Where each record lives on the site: one scheme shared by the site and the posters' QR codes."""

from __future__ import annotations

import calendar
from urllib.parse import quote

from generator.models import Ledger, Matter, Organization, Schedule


def ledger_id(ledger: Ledger) -> str:
    """`public-income-2026q1` for a calendar quarter, `…-2026-03` for a month, dates otherwise."""
    start, end = ledger.period.start, ledger.period.end
    quarter_starts = {1: 1, 4: 2, 7: 3, 10: 4}
    quarter_ends = {1: 3, 2: 6, 3: 9, 4: 12}
    if start.day == 1 and start.month in quarter_starts and start.year == end.year:
        quarter = quarter_starts[start.month]
        if end.month == quarter_ends[quarter] and _is_month_end(end.year, end.month, end.day):
            return f"{ledger.account}-{start.year}q{quarter}"
    same_month = start.year == end.year and start.month == end.month
    if start.day == 1 and same_month and _is_month_end(end.year, end.month, end.day):
        return f"{ledger.account}-{start.year}-{start.month:02d}"
    return f"{ledger.account}-{start:%Y%m%d}-{end:%Y%m%d}"


def _is_month_end(year: int, month: int, day: int) -> bool:
    return calendar.monthrange(year, month)[1] == day


def record_path(record: Organization | Ledger | Matter | Schedule) -> str:
    """The page's path below the site root, ending in `/` (directory URLs)."""
    if isinstance(record, Organization):
        return f"organizations/{record.id}/"
    if isinstance(record, Matter):
        return f"matters/{record.id}/"
    if isinstance(record, Ledger):
        return f"funds/{record.account}/{ledger_id(record)}/"
    return f"volunteers/{record.team}/"


URL_SAFE = ":/@!$()*+,;=%[]"
"""Characters kept as typed besides letters, digits and `-._~`: none of them can end an HTML
attribute, a JavaScript string, an XML value or an iCal line. `&`, quotes, `<`, `>`, `?`, `#`,
spaces, controls and non-ASCII are percent-encoded."""


def site_base(site_url: str) -> str:
    """The site's address as every output prints it: ending in `/`, and only URL characters.

    `check` refuses any other address (G116–G119); this is the second lock on the same
    door, so a site.url that reached the build unchecked still cannot break out of the
    href, the `new URL("…")` string of a 404 page, a feed or a QR code it is written into.
    """
    return quote(site_url.strip().rstrip("/"), safe=URL_SAFE) + "/"


def record_url(site_url: str, record: Organization | Ledger | Matter | Schedule) -> str:
    return site_base(site_url) + record_path(record)


def poster_path(record: Organization | Ledger | Matter | Schedule, suffix: str) -> str:
    """Where a record's poster is published below the site root: `posters/matters/lawn.pdf`."""
    return f"posters/{record_path(record).strip('/')}{suffix}"
