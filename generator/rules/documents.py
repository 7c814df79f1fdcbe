"""The files records name as documents are there, and may be published (see document_files)."""

from __future__ import annotations

from collections.abc import Iterator

from generator import codes
from generator.diagnostics import Diagnostic
from generator.document_files import DocumentReference, document_references
from generator.models import Matter
from generator.project import Project


def _with_file(project: Project) -> Iterator[tuple[DocumentReference, str]]:
    for reference in document_references(project):
        if reference.document.file is not None:
            yield reference, reference.document.file


def _record_id(reference: DocumentReference) -> str | None:
    record = reference.item.record
    return record.id if isinstance(record, Matter) else None


def missing_file_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for reference, written in _with_file(project):
        found = project.document_files.get(written)
        if found is None or not found.missing:
            continue
        near = (
            f"文件夹里有 {'、'.join(found.near)}，是不是这个？文件名要一字不差，大小写也要一致。"
            if found.near
            else "请把文件放进这个位置，或改正 file 的写法（文件名要一字不差，大小写也要一致）。"
        )
        yield codes.G129.at(
            reference.item.span(*reference.path),
            f"相关文件「{reference.document.title}」写的文件 content/{written} 不存在。{near}",
            _record_id(reference),
        )


def refused_file_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for reference, written in _with_file(project):
        found = project.document_files.get(written)
        if found is None or found.refused is None:
            continue
        yield codes.G130.at(
            reference.item.span(*reference.path),
            f"相关文件「{reference.document.title}」的 file「{written}」不能发布到网站：{found.refused}。",
            _record_id(reference),
        )
