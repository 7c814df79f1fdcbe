"""HTML to PDF with WeasyPrint: the font is found by family name and embedded as a subset."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import weasyprint
from weasyprint.text.fonts import FontConfiguration

from generator.posters.font_subset import embed_used_glyphs_only
from generator.posters.pages import laid_out


@cache
def _fonts() -> FontConfiguration:
    """One font configuration for the whole run: finding Noto CJK once saves time per poster."""
    return FontConfiguration()


def pdf_bytes(html: str, base_dir: Path | None = None) -> bytes:
    """The poster as PDF; `base_dir` resolves relative links (posters have none: all inline)."""
    del base_dir  # posters are self-contained: inline QR, no files to resolve
    document = laid_out(html, _fonts())
    data: bytes = document.write_pdf(finisher=embed_used_glyphs_only)
    return data


LAYOUT_VERSION = 2
"""Raised when the way a PDF is made from the same HTML changes (2: glyph subsets, page passes)."""
PDF_MARK = f"\n<!-- PDF: WeasyPrint {weasyprint.__version__}, layout {LAYOUT_VERSION} -->\n"
"""Closes each published poster HTML, so a PDF made another way is never reused."""


def published_html(html: str) -> str:
    """The poster HTML as written beside its PDF: the page, then which WeasyPrint made the PDF."""
    return html + PDF_MARK


def reusable_pdf(earlier_html: Path, html: str) -> Path | None:
    """The PDF beside `earlier_html` if it was made from exactly `html` by this WeasyPrint.

    Same HTML, fonts and WeasyPrint give the same PDF byte for byte, so reusing it changes
    nothing but the time a rebuild takes. The path, not the bytes: a rebuild of hundreds
    of posters copies them one at a time instead of holding them all.
    """
    try:
        if earlier_html.read_text(encoding="utf-8") != published_html(html):
            return None
    except (OSError, UnicodeDecodeError):
        return None
    pdf = earlier_html.with_suffix(".pdf")
    return pdf if pdf.is_file() else None
