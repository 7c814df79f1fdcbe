"""The files records name as documents (`documents: - file: documents/….pdf`), read once.

A record's document may be a PDF or a picture kept under `content/documents/`. They are
read here, with the records, so that the rules (is it there? does its text expose
anyone?) and the site (publish it, link it) never touch the disk again. Only the files
a record names are read and published: a scan left in the folder and cited nowhere
stays off the site.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from generator.models import Ledger, Matter
from generator.models.document import DOCUMENT_SUFFIXES, DOCUMENTS_FOLDER, Document

if TYPE_CHECKING:  # project.py reads the files with this module
    from generator.project import Project, Sourced

CONTENT_DIR = "content"


@dataclass(frozen=True)
class DocumentReference:
    """One document a record names: the record, the path of its `file` key, the document."""

    item: Sourced[Matter] | Sourced[Ledger]
    path: tuple[str | int, ...]
    document: Document


def document_references(project: Project) -> Iterator[DocumentReference]:
    """Every document of every matter and ledger entry, in the order the records were read."""
    for item in project.matters:
        for d, document in enumerate(item.record.documents):
            yield DocumentReference(item, ("documents", d, "file"), document)
    for ledger in project.ledgers:
        for e, entry in enumerate(ledger.record.entries):
            for d, document in enumerate(entry.documents):
                yield DocumentReference(ledger, ("entries", e, "documents", d, "file"), document)


@dataclass(frozen=True)
class DocumentFile:
    """A `file` as written, and what became of it: read, missing, or refused (and why)."""

    written: str
    content: bytes | None = None
    refused: str | None = None
    """Why it cannot be published (outside documents/, not a PDF or picture), in Chinese."""
    near: tuple[str, ...] = ()
    """For a missing file: files in its folder with nearly its name (another case or extension)."""

    @property
    def missing(self) -> bool:
        return self.content is None and self.refused is None

    @property
    def published(self) -> str:
        """Where the site publishes it, below the site root: the written path itself."""
        return str(PurePosixPath(self.written))

    @property
    def is_pdf(self) -> bool:
        return self.written.lower().endswith(".pdf")

    @cached_property
    def pages(self) -> tuple[str, ...] | None:
        """The text of each page of a PDF; None for a picture or a PDF that cannot be read."""
        if self.content is None or not self.is_pdf:
            return None
        return pdf_pages(self.content)


def pdf_pages(content: bytes) -> tuple[str, ...] | None:
    """Each page's text, as pypdf reads it; None when the PDF is damaged or encrypted."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged file is said once, not logged
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            return None
        return tuple(page.extract_text() or "" for page in reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        return None


def _refusal(written: str) -> str | None:
    path = PurePosixPath(written)
    if "\\" in written:
        return "路径里用了反斜杠 \\，请改用 / 分隔，如 documents/lift-contract-2026.pdf"
    if path.is_absolute() or ".." in path.parts or path.parts[:1] != (DOCUMENTS_FOLDER,):
        return (
            "只有 content/documents/ 文件夹里的文件才会发布到网站；file 请从 documents/ 写起，"
            "如 documents/lift-contract-2026.pdf"
        )
    if path.suffix.lower() not in DOCUMENT_SUFFIXES:
        kinds = "、".join(suffix.lstrip(".").upper() for suffix in DOCUMENT_SUFFIXES)
        return (
            f"网站只发布 {kinds} 文件，居民的手机能直接打开；「{path.suffix or '没有扩展名'}」"
            "的文件请先另存为 PDF"
        )
    return None


def _near_names(folder: Path, name: str) -> tuple[str, ...]:
    if not folder.is_dir():
        return ()
    stem = PurePosixPath(name).stem.lower()
    return tuple(
        sorted(
            child.name
            for child in folder.iterdir()
            if child.is_file()
            and (
                child.name.lower() == name.lower() or PurePosixPath(child.name).stem.lower() == stem
            )
            and child.name != name
        )
    )


def read_document_file(root: Path, written: str) -> DocumentFile:
    """The file below content/, read when it may be published; the name's case must match,
    since the site is built on Linux even when the secretary's computer does not mind case."""
    refused = _refusal(written)
    if refused:
        return DocumentFile(written, refused=refused)
    content = (root / CONTENT_DIR).resolve()
    path = root / CONTENT_DIR / written
    folder = path.parent
    present = folder.is_dir() and path.name in {child.name for child in folder.iterdir()}
    if not present or not path.is_file():
        return DocumentFile(written, near=_near_names(folder, path.name))
    if not path.resolve().is_relative_to(content / DOCUMENTS_FOLDER):
        return DocumentFile(
            written, refused="这个文件是指向 content/documents/ 以外的链接，请把文件本身放进来"
        )
    return DocumentFile(written, content=path.read_bytes())


def read_document_files(
    root: Path, references: Iterator[DocumentReference]
) -> dict[str, DocumentFile]:
    """Each distinct `file` the records name, read once."""
    found: dict[str, DocumentFile] = {}
    for reference in references:
        written = reference.document.file
        if written is not None and written not in found:
            found[written] = read_document_file(root, written)
    return found
