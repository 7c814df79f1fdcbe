"""What every poster carries around its body: who issues it, when, and how to check it.

A resident must be able to tell from the paper alone who posted it (the issuing
body and its seal), when, where to object, and that it matches the site (the
QR code and the 校验码). Each poster kind fills one `Frame`.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache

import jieba  # type: ignore[import-untyped]
from markupsafe import Markup

from generator.checksum import record_checksum
from generator.history.labels import correction_label
from generator.log.current import printed_witness
from generator.models import Ledger, Matter, Organization, Schedule, Survey
from generator.models.common import Contact
from generator.posters.qr import qr_svg
from generator.posters.unbroken import FIGURES
from generator.project import Project
from generator.publicity import earliest_publicity_end
from generator.rules.publicity import project_calendar
from generator.urls import poster_qr_url, record_url

Record = Organization | Ledger | Matter | Schedule | Survey
"""Anything that gets a poster."""


@dataclass(frozen=True)
class PageSize:
    """A paper size and the type that stays readable on it from a step away.

    A4 body text is 16 pt (三号, as official notices are set) and ledger tables 14 pt.
    A3 is A4 scaled by √2, so every length grows by that factor: the poster keeps
    its look and its line breaks, only bigger. The seal ring is not scaled: a
    committee's seal is 42 mm on any paper.
    """

    name: str
    body_pt: float
    margin_mm: float
    qr_mm: float
    ledger_pt: float
    header_mm: float
    """The top margin of pages 2+, which holds the running header with its small QR."""
    header_qr_mm: float
    header_title_mm: float
    issuer_mm: float = 46
    """The column of the seal ring and the date under it: the date, in body type, must fit."""
    seal_pt: float = 11
    """The issuer's name inside the 42 mm ring: 8 characters a line fit its widest chord."""


def _scaled(name: str, factor: float) -> PageSize:
    return PageSize(
        name,
        body_pt=round(16 * factor, 2),
        margin_mm=round(12 * factor, 2),
        qr_mm=round(30 * factor, 2),
        ledger_pt=round(14 * factor, 2),
        header_mm=round(23 * factor, 2),
        header_qr_mm=round(14 * factor, 2),
        header_title_mm=round(124 * factor, 2),
        issuer_mm=round(46 * factor, 2),
    )


PAGE_SIZES: dict[str, PageSize] = {"A4": _scaled("A4", 1), "A3": _scaled("A3", math.sqrt(2))}


@dataclass(frozen=True)
class Posting:
    """How long a notice stays up (公示期): the day posted is not counted (民法典第二百零一条)."""

    start: date
    end: date
    days: int
    source: str
    place: str = ""
    known: bool = True
    """False when the end is only the earliest it can be (a year's holidays unknown)."""


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
    notice_title: str = ""
    """`关于……的公示`, the heading of an official notice."""
    notice_heading: Markup = field(default_factory=Markup)
    """The same, with each word kept whole on a line."""
    opening: Markup = field(default_factory=Markup)
    """The first line: on what basis this is posted (`根据……，现将……公示如下：`)."""
    posting: Posting | None = None
    contact: Markup = field(default_factory=Markup)
    """A named person and phone for objections (`联系人：杨淑芬（秘书），电话 …`)."""
    notice_number: str | None = None
    """An optional 文号, such as 翠湖业委〔2026〕5号."""
    seal_lines: tuple[str, ...] = ()
    """The issuer's name in whole words, one item per line inside the seal ring."""
    asks_feedback: bool = True
    """False on a notice that asks nothing (a withdrawn matter): no 意见反馈 section at all."""
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


jieba.setLogLevel(logging.WARNING)
SEAL_LINE_CHARS = 8
SEAL_MOST_LINES = 4
"""A 42 mm ring holds four lines of eight characters at the seal's type size."""
BODY_WORDS = (
    "业主委员会", "监督委员会", "支部委员会", "居民委员会", "委员会", "党支部", "党委",
    "有限公司", "物业服务", "项目部", "服务中心", "宣传队", "护卫队", "调解队", "服务队", "辅导队",
)  # fmt: skip
"""Words of a body's name that a line must never cut (jieba alone splits 辅导队 and 小区业主)."""


@cache
def _tokenizer(community: str) -> jieba.Tokenizer:
    """A private jieba dictionary: adding words to the global one would change name detection."""
    tokenizer = jieba.Tokenizer()
    for word in (*BODY_WORDS, community, community.removesuffix("小区")):
        if word:
            tokenizer.add_word(word, freq=10**6)
    return tokenizer


def whole_words(text: str, community: str) -> Markup:
    """A heading whose lines break only between words (`……收支 / 情况`, never `……收 / 支情况`).

    Dates, amounts and codes (`2026年12月`) are one word each, as `unbroken` keeps them.
    Between two words a `<wbr>`: two no-wrap spans side by side offer no break at all.
    """
    words: list[str] = []
    last = 0
    for match in FIGURES.finditer(text):
        words += _tokenizer(community).cut(text[last : match.start()])
        words.append(match.group(0))
        last = match.end()
    words += _tokenizer(community).cut(text[last:])
    return Markup("<wbr>").join(
        Markup('<span class="nowrap">{}</span>').format(word)
        if len(word) > 1
        else Markup("{}").format(word)
        for word in words
        if word
    )


def seal_lines(name: str, community: str, width: int = SEAL_LINE_CHARS) -> tuple[str, ...]:
    """The issuer's name in as few lines of at most `width` characters as it needs, cut only between words.

    Lines are balanced (翠湖花园小区 / 业主委员会, not 翠湖花园小区业主 / 委员会); a word longer
    than a line gets a line of its own rather than being cut. Filling lines greedily gives
    the fewest lines for a length, so the balanced lines are the greedy ones for the
    shortest length that needs no more lines than `width` does: linear in the name's words,
    however long a name someone types.
    """
    words = [word for word in _tokenizer(community).cut(name) if word.strip()]
    if not words:
        return (name,)
    fewest = len(_filled(words, width))
    lines = next(
        found for limit in range(1, width + 1) if len(found := _filled(words, limit)) <= fewest
    )
    if len(lines) > SEAL_MOST_LINES:  # no seal holds more: the name is printed in full above it
        lines = (*lines[: SEAL_MOST_LINES - 1], lines[SEAL_MOST_LINES - 1][: width - 1] + "…")
    return lines


def _filled(words: list[str], limit: int) -> tuple[str, ...]:
    """Words put on lines of at most `limit` characters in order; a longer word on its own."""
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + len(word) <= limit:
            lines[-1] += word
        else:
            lines.append(word)
    return tuple(lines)


def notice_posting(project: Project, start: date, place: str = "", source: str = "") -> Posting:
    """A notice posted on `start` for the community's minimum period, counted as the law counts."""
    rules = project.config.record.rules
    end = earliest_publicity_end(start, rules.publicity_min_days, project_calendar(project))
    last = end.end or end.nominal
    return Posting(
        start,
        last,
        (last - start).days,
        source or rules.publicity_source,
        place,
        end.end is not None,
    )


def contact_person(organization: Organization | None) -> str:
    """Whom to ask by name: the body's secretary if it has one, else its first member (the chair)."""
    if organization is None or not organization.members:
        return ""
    for member in organization.members:
        if "秘书" in member.role:
            return f"{member.name}（{member.role}）"
    first = organization.members[0]
    return f"{first.name}（{first.role}）"


def contact_line(organization: Organization | None, phone: str | None = None) -> Markup:
    """`联系人：杨淑芬（秘书），电话 0734-82653102`, from the body's members and contact."""
    person = contact_person(organization)
    if not phone and organization is not None and not isinstance(organization.contact, str):
        phone = organization.contact.phone if organization.contact else None
    if not person and not phone:
        return Markup("")
    words = Markup("联系人：{}").format(person) if person else Markup("联系电话")
    if phone:
        words += Markup('，电话 <span class="nowrap">{}</span>').format(phone)
    return words + Markup("。")


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
    notice_title: str | None = None,
    opening: Markup | str = "",
    posting: Posting | None = None,
    contact: Markup | str = "",
    asks_feedback: bool = True,
) -> Frame:
    """Everything around a poster's body; `notice_title` defaults to 关于{title}的公示."""
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
        notice_title=notice_title or f"关于{title}的公示",
        notice_heading=whole_words(notice_title or f"关于{title}的公示", config.community.name),
        opening=Markup("{}").format(opening),
        posting=posting,
        contact=Markup("{}").format(contact),
        notice_number=getattr(record, "notice_number", None),
        seal_lines=seal_lines(issuer, config.community.name),
        asks_feedback=asks_feedback,
    )
