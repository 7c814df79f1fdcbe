"""What every poster carries around its body: who issues it, when, and how to check it.

A resident must be able to tell from the paper alone who posted it (the issuing
body and its seal), when, where to object, and that it matches the site (the
QR code and the 校验码). Each poster kind fills one `Frame`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from generator.checksum import record_checksum
from generator.history.labels import correction_label
from generator.log.current import printed_witness
from generator.models import Ledger, Matter, Organization, Schedule, Survey
from generator.models.common import Contact
from generator.posters.qr import qr_svg
from generator.project import Project
from generator.urls import poster_qr_url, record_url

Record = Organization | Ledger | Matter | Schedule | Survey
"""Anything that gets a poster."""


@dataclass(frozen=True)
class PageSize:
    """A paper size and the type that stays readable on it from a step away.

    A3 is A4 scaled by √2, so every length grows by that factor: the poster keeps
    its look and its line breaks, only bigger.
    """

    name: str
    body_pt: float
    margin_mm: float
    qr_mm: float


PAGE_SIZES: dict[str, PageSize] = {
    "A4": PageSize("A4", body_pt=15, margin_mm=18, qr_mm=36),
    "A3": PageSize("A3", body_pt=21, margin_mm=25, qr_mm=51),
}


@dataclass(frozen=True)
class Frame:
    size: PageSize
    community: str
    kind_label: str
    title: str
    issuer: str
    issued: date
    url: str
    checksum: str
    qr: Markup
    feedback: tuple[Markup, ...]
    site_contact: Markup
    log_witness: tuple[int, str] | None = None
    """The public log's size and root prefix at printing time: the poster is its witness."""
    corrections: tuple[CorrectionLine, ...] = ()
    """The record's corrections, newest first: a corrected record's poster says 更正 and prints them."""


@dataclass(frozen=True)
class CorrectionLine:
    date: date
    field: str
    """The corrected field in the words of the record's form (`收支明细第 3 笔的金额`)."""
    old: str
    new: str
    reason: str


def correction_lines(record: Record) -> tuple[CorrectionLine, ...]:
    return tuple(
        CorrectionLine(c.date, correction_label(type(record), c.field), c.old, c.new, c.reason)
        for c in reversed(record.corrections)
    )


def contact_words(contact: Contact | str | None) -> Markup:
    """`电话 0734-82653100；地址 6 栋一楼；…`, empty when nothing is listed.

    Phone numbers and e-mail addresses never break across lines: a number split
    in two on a poster gets dialled wrong.
    """
    if contact is None:
        return Markup("")
    if isinstance(contact, str):  # written as one line: shown as written
        return Markup("{}").format(contact)
    parts = []
    if contact.phone:
        parts.append(Markup('电话 <span class="nowrap">{}</span>').format(contact.phone))
    if contact.address:
        parts.append(Markup("地址 {}").format(contact.address))
    if contact.hours:
        parts.append(Markup("时间 {}").format(contact.hours))
    if contact.email:
        parts.append(Markup('邮箱 <span class="nowrap">{}</span>').format(contact.email))
    return Markup("；").join(parts)


def body_named(project: Project, organization_id: str | None) -> Organization | None:
    if organization_id is None:
        return None
    item = project.organization_by_id.get(organization_id)
    return item.record if item else None


def body_of_kind(project: Project, *kinds: str) -> Organization | None:
    """The first body of one of `kinds`, in that order of preference."""
    for kind in kinds:
        for item in project.organizations:
            if item.record.kind == kind:
                return item.record
    return None


def make_frame(
    project: Project,
    record: Record,
    size: PageSize,
    *,
    kind_label: str,
    title: str,
    issuer: str,
    issued: date,
    feedback: Iterable[Markup | str],
) -> Frame:
    config = project.config.record
    url = record_url(config.site.url, record)
    checksum = record_checksum(record)
    return Frame(
        size=size,
        community=config.community.name,
        kind_label=kind_label,
        title=title,
        issuer=issuer,
        issued=issued,
        url=url,
        checksum=checksum,
        qr=qr_svg(poster_qr_url(config.site.url, record, checksum)),
        feedback=tuple(Markup("{}").format(line) for line in feedback if line),
        site_contact=contact_words(config.site.contact),
        corrections=correction_lines(record),
        log_witness=printed_witness(project),
    )
