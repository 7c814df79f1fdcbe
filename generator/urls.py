"""Where each record lives on the site: one scheme shared by the site and the posters' QR codes."""

from __future__ import annotations

import calendar
from functools import cache
from urllib.parse import quote

import segno

from generator.checksum import CODE_LENGTH
from generator.models import Ledger, Matter, Organization, Schedule, Survey


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


def record_path(record: Organization | Ledger | Matter | Schedule | Survey) -> str:
    """The page's path below the site root, ending in `/` (directory URLs)."""
    if isinstance(record, Organization):
        return f"organizations/{record.id}/"
    if isinstance(record, Matter):
        return f"matters/{record.id}/"
    if isinstance(record, Ledger):
        return f"funds/{record.account}/{ledger_id(record)}/"
    if isinstance(record, Survey):
        return f"surveys/{record.id}/"
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


def record_url(site_url: str, record: Organization | Ledger | Matter | Schedule | Survey) -> str:
    return site_base(site_url) + record_path(record)


CODE_PARAMETER = "code"
"""`?code=K7QD-3M9X`: the 校验码 a poster's QR code carries to the record's page and the 核验 page."""
CODE_QUERY_LENGTH = len(f"?{CODE_PARAMETER}=") + CODE_LENGTH + 1
"""What the code adds to an address: `?code=`, eight symbols and their dash."""


def poster_qr_url(
    site_url: str, record: Organization | Ledger | Matter | Schedule | Survey, code: str
) -> str:
    """The QR code's address: the record's page with the poster's 校验码 in the query string.

    The page exists whatever the code (a static host ignores the query), and its script
    tells the resident at once whether the paper in front of them is the current version.
    """
    return f"{record_url(site_url, record)}?{CODE_PARAMETER}={code}"


def poster_path(record: Organization | Ledger | Matter | Schedule | Survey, suffix: str) -> str:
    """Where a record's poster is published below the site root: `posters/matters/lawn.pdf`."""
    return f"posters/{record_path(record).strip('/')}{suffix}"


POSTER_QR_ERROR = "m"
"""Error correction M: the code still reads with 15 % of it smudged, torn or pinned over."""
POSTER_QR_MAX_VERSION = 10
"""The densest QR code a poster may carry: version 10 has 57 × 57 modules, so the 36 mm code
of an A4 poster (65 modules with its quiet zone) has modules of 0.55 mm, and the 51 mm code
of an A3 poster 0.78 mm. Half a millimetre is about what an older phone still reads from a
step away through the glass of a notice board; denser codes need the phone held close."""


def fits_poster_qr(url: str) -> bool:
    """Whether `url` fits the posters' QR code, as segno encodes it (no capacity table here).

    The version segno picks does not depend on the mask, so one fixed mask spares it trying
    all eight: a fifth of the time.
    """
    try:
        code = segno.make(url, error=POSTER_QR_ERROR, micro=False, mask=0, boost_error=False)
    except segno.DataOverflowError:
        return False
    return int(code.version) <= POSTER_QR_MAX_VERSION


@cache
def poster_qr_capacity() -> int:
    """How many characters of a URL the posters' QR code holds, found by asking segno."""
    low, high = 0, 3000
    while low < high:
        middle = (low + high + 1) // 2
        if fits_poster_qr("h" * middle):
            low = middle
        else:
            high = middle - 1
    return low
