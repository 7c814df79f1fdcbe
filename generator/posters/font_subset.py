"""Embed only the glyphs a poster uses: a few dozen KB of font instead of 255 KB.

WeasyPrint (70) subsets with retained glyph ids, so a Noto Sans CJK "subset" still
has all 63,000 glyph slots, most of them empty, and a one-page notice weighs 300 KB.
Its public `finisher` hook runs before the PDF is written; there each CID-keyed CFF
font (Noto CJK, Source Han) is subset again by fontTools without retained ids and
embedded as bare CFF (`/CIDFontType0C`). The page's codes stay as they were: they
are CIDs, and a CID-keyed CFF's charset maps each kept glyph back to its CID, the
way PDF has always embedded CJK fonts (ISO 32000 §9.7.4.2). Any other font (a
TrueType fallback, a name-keyed CFF) is left as WeasyPrint wrote it.
"""

from __future__ import annotations

import io
from typing import Any

import pydyf
from fontTools import subset
from fontTools.ttLib import TTFont


def _object(pdf: pydyf.PDF, reference: bytes) -> Any:
    return pdf.objects[int(reference.split()[0])]


def _cids_of(widths: pydyf.Array) -> set[int]:
    """The CIDs a font's `W` array lists: `[first [w w …] first [w …] …]`."""
    cids: set[int] = set()
    items = list(widths)
    for first, run in zip(items[::2], items[1::2], strict=True):
        cids.update(range(int(first), int(first) + len(run)))
    return cids


def _used_cids_by_font_file(pdf: pydyf.PDF) -> dict[bytes, set[int]]:
    used: dict[bytes, set[int]] = {}
    for item in pdf.objects:
        if not isinstance(item, pydyf.Dictionary) or item.get("Subtype") != "/CIDFontType0":
            continue
        descriptor = _object(pdf, item["FontDescriptor"])
        reference = descriptor.get("FontFile3")
        if reference is not None and "W" in item:
            used.setdefault(reference, set()).update(_cids_of(item["W"]))
    return used


def bare_cff_subset(font_program: bytes, cids: set[int]) -> bytes | None:
    """The CID-keyed CFF of an OpenType font cut down to `cids`, or None when it is not CID-keyed.

    WeasyPrint writes glyph ids as the codes, so this holds only where glyph id and CID
    agree (Noto and Source Han are built so); otherwise the font is left alone.
    """
    font = TTFont(io.BytesIO(font_program))
    if "CFF " not in font:
        return None
    top = font["CFF "].cff.topDictIndex[0]
    if not hasattr(top, "ROS"):
        return None
    order = font.getGlyphOrder()
    if any(cid >= len(order) or order[cid] != f"cid{cid:05d}" for cid in cids - {0}):
        return None  # glyph ids are not the CIDs: the page's codes would point elsewhere
    options = subset.Options(
        retain_gids=False,
        desubroutinize=True,
        hinting=True,
        notdef_outline=True,
        ignore_missing_glyphs=True,
        layout_features=[],
        name_IDs=[],
    )
    subsetter = subset.Subsetter(options)
    subsetter.populate(gids=sorted(cids | {0}))
    subsetter.subset(font)
    out = io.BytesIO()
    font["CFF "].cff.compile(out, font)
    return out.getvalue()


def embed_used_glyphs_only(_document: object, pdf: pydyf.PDF) -> None:
    """WeasyPrint finisher: replace each CID-keyed OpenType font program by its used glyphs."""
    for reference, cids in _used_cids_by_font_file(pdf).items():
        stream = _object(pdf, reference)
        if stream.extra.get("Subtype") != "/OpenType":
            continue
        cff = bare_cff_subset(b"".join(stream.stream), cids)
        if cff is None:
            continue
        stream.stream = [cff]
        stream.extra["Subtype"] = "/CIDFontType0C"
