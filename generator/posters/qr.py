"""The QR code that takes a resident from the paper to the record's page on the site."""

from __future__ import annotations

import segno
from markupsafe import Markup

from generator.urls import POSTER_QR_ERROR


def qr_svg(url: str) -> Markup:
    """An inline SVG (no file, no external URL) that scales to whatever box CSS gives it.

    Error correction M survives a pin hole or a smudge; the 4-module quiet zone that
    scanners need is kept inside the SVG so CSS cannot clip it. `check` keeps every
    record's URL within `urls.POSTER_QR_MAX_VERSION` (G123).
    """
    code = segno.make(url, error=POSTER_QR_ERROR, micro=False, boost_error=False)
    svg: str = code.svg_inline(scale=1, border=4, omitsize=True, dark="#000", light="#fff")
    return Markup(svg)
