"""HTML to PDF with WeasyPrint: the font is found by family name and embedded as a subset."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import weasyprint
from weasyprint.text.fonts import FontConfiguration


@cache
def _fonts() -> FontConfiguration:
    """One font configuration for the whole run: finding Noto CJK once saves time per poster."""
    return FontConfiguration()


def pdf_bytes(html: str, base_dir: Path | None = None) -> bytes:
    """The poster as PDF; `base_dir` resolves relative links (posters have none: all inline)."""
    document = weasyprint.HTML(string=html, base_url=str(base_dir) if base_dir else None)
    data: bytes = document.write_pdf(font_config=_fonts())
    return data
