"""Document files the records name: published beside the pages, linked with their type and size."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from generator.models.document import Document
from generator.site.context import SiteContext
from generator.site.pages import Asset, Section


def section(site: SiteContext) -> Section:
    """Each file a record names and that was read, at its own path (`documents/…`)."""
    return Section(
        assets=[
            Asset(found.published, found.content)
            for found in site.project.document_files.values()
            if found.content is not None and found.refused is None
        ]
    )


def _size_words(size: int) -> str:
    """What a resident on a metered phone plan wants to know before tapping."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def document_rows(site: SiteContext, documents: Iterable[Document]) -> list[dict[str, Any]]:
    """Each document as a page shows it: its title, date, and the file or link to open.

    `file` is the published path to link (quoted, so Chinese names and spaces survive
    Markdown); `words` says what tapping fetches, e.g. "PDF，178 KB".
    """
    rows: list[dict[str, Any]] = []
    for document in documents:
        found = site.project.document_files.get(document.file or "")
        if found is None or found.content is None or found.refused is not None:
            rows.append({"document": document, "file": None, "words": None})
            continue
        kind = found.published.rsplit(".", 1)[-1].upper()
        rows.append(
            {
                "document": document,
                "file": quote(found.published),
                "words": f"{kind}，{_size_words(len(found.content))}",
            }
        )
    return rows
