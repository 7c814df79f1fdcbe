"""Nothing published may expose a resident: ID numbers, private mobiles, bank cards, aid recipients.

Every string a reader can see is scanned: every record field, every published
section of site_config.yml (`rules.publicity_source` is shown on pages too), a
Markdown field as the page renders it (after entities and tags, links
included), and the git commit subjects the revision tables show. Personal numbers
are also looked for in the keys and values the models do not read (a community's
own fields, typos): the site never shows them, but the record files are in the
community's repository, which is public wherever the site is published from it
(GitHub Pages on a free account serves only public repositories).
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator, Sequence
from functools import cache, lru_cache
from typing import Any, NamedTuple

from generator import codes
from generator.diagnostics import Diagnostic, Span
from generator.document_files import document_references
from generator.history.versions import record_id, record_kind
from generator.joined_search import APART, texts_matching
from generator.models import Ledger, Organization, Schedule
from generator.person_names import NamelessTexts, mask_name, person_names
from generator.privacy import (
    Finding,
    digits_only,
    numbers_in_texts,
    personal_numbers,
    visible_text,
)
from generator.project import Project, Sourced
from generator.rules.record_texts import PathKey, project_texts

UNPUBLISHED_CONFIG_SECTIONS = frozenset({"privacy"})
"""privacy.public_numbers lists the numbers that may be published; everything else is shown."""
_MARKUP = re.compile(r"[&<>*_`\[\]\\]")


class PublishedText(NamedTuple):
    """One string a reader can see; a named tuple, since there are tens of thousands."""

    item: Sourced[Any]
    path: PathKey
    text: str
    unread: bool = False
    """A field the model does not read: only in the record file, not on the site."""
    is_key: bool = False
    """The text is the key at `path`, not its value."""
    document: str = ""
    """The text was read from this published document file (its page named), not the record."""

    @property
    def span(self) -> Span:
        if self.is_key:
            return self.item.source.key_span(*self.path)
        return self.item.span(*self.path)


def _strings(value: Any, path: PathKey) -> Iterator[tuple[PathKey, str]]:
    """Every text inside a value the models set aside (plain YAML), with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key, path)
            yield from _strings(item, (*path, key))


@cache
def _rendered(markdown: str) -> str:
    """A Markdown field as a reader sees it: `&#49;38…`, `138**1234**5678`, `tel:` links read."""
    from generator.site.escaping import sanitized_html  # the site's own renderer, loaded late

    return visible_text(sanitized_html(markdown))


_last_published: tuple[weakref.ref[Project], tuple[PublishedText, ...]] | None = None


def published_texts(project: Project) -> tuple[PublishedText, ...]:
    """Every string the site or a poster can show, each with the place it was written.

    A dictionary key (a fee item's name) is reported at its dictionary; a Markdown field is
    read as written and as the page renders it. Made once per check: G701–G704 all read it.
    """
    global _last_published
    if _last_published is not None and _last_published[0]() is project:
        return _last_published[1]
    found: list[PublishedText] = []
    config = project.config
    for item, value in project_texts(project):
        if item is config and value.path[0] in UNPUBLISHED_CONFIG_SECTIONS:
            continue
        if value.is_key:
            found.append(PublishedText(item, value.path[:-1], value.text))
            continue
        found.append(PublishedText(item, value.path, value.text))
        if value.markdown and _MARKUP.search(value.text):
            found.append(PublishedText(item, value.path, _rendered(value.text)))
    published = tuple(found)
    _last_published = (weakref.ref(project), published)
    return published


def unread_texts(project: Project) -> Iterator[PublishedText]:
    """Every key and text in the fields the models set aside (see `parse.UnreadField`)."""
    for item in project.all_sources():
        for unread in item.unread:
            if item is project.config and unread.path[0] in UNPUBLISHED_CONFIG_SECTIONS:
                continue
            yield PublishedText(item, unread.path, str(unread.path[-1]), unread=True, is_key=True)
            for path, text in _strings(unread.value, unread.path):
                yield PublishedText(item, path, text, unread=True)


def document_texts(project: Project) -> Iterator[PublishedText]:
    """The text of every page of every PDF a record names, at that record's `file:` line.

    Pictures (PNG, JPG) are published without being read: finding numbers in a scan would
    need text recognition, which Gongshi does not do; whoever scans a page checks it.
    """
    for reference in document_references(project):
        found = project.document_files.get(reference.document.file or "")
        if found is None or not found.pages:
            continue
        for number, page in enumerate(found.pages, start=1):
            where = f"文件 content/{found.written} 第 {number} 页"
            yield PublishedText(reference.item, reference.path, page, document=where)


_last_scan: tuple[Project, list[tuple[PublishedText, Finding]]] | None = None


def _all_findings(project: Project) -> list[tuple[PublishedText, Finding]]:
    """Every personal number in what the project publishes, from one walk shared by G701–G703."""
    global _last_scan
    if _last_scan is not None and _last_scan[0] is project:
        return _last_scan[1]
    public = {digits_only(number) for number in project.config.record.privacy.public_numbers}
    reported: set[tuple[str, PathKey, str]] = set()
    found: list[tuple[PublishedText, Finding]] = []
    texts = (*published_texts(project), *unread_texts(project), *document_texts(project))
    for index, finding in numbers_in_texts([published.text for published in texts]):
        if finding.kind == "mobile" and finding.digits in public:
            continue
        published = texts[index]
        once = (published.item.file, published.path, finding.digits)
        if once not in reported:  # a Markdown field is read as written and as rendered
            reported.add(once)
            found.append((published, finding))
    _last_scan = (project, found)
    return found


def _findings(project: Project, kind: str) -> Iterator[tuple[PublishedText, Finding]]:
    return ((p, f) for p, f in _all_findings(project) if f.kind == kind)


def _here(published: PublishedText) -> str:
    """Where the number is, as the message's opening words."""
    if published.document:
        return (
            f"这里写的{published.document}里（网站会原样发布这个文件，"
            "请在原件上遮盖后重新扫描或另存为 PDF）"
        )
    if not published.unread:
        return "这里"
    return "这个字段网站上不显示，但它写在记录文件里，资料仓库公开时谁都能看到。这里"


def resident_id_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for published, finding in _findings(project, "id"):
        yield codes.G701.at(
            published.span,
            f"{_here(published)}有一个居民身份证号（{finding.masked}）。身份证号不得公开：请删除，"
            "需要区分住户时写“3 栋 2 单元住户”。",
        )


def mobile_number_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for published, finding in _findings(project, "mobile"):
        yield codes.G702.at(
            published.span,
            f"{_here(published)}有一个手机号码（{finding.masked}）。个人手机号不得公开：请改用办公电话或服务热线；"
            "如本人同意公开（如物业值班手机），请把它登记在 site_config.yml 的 privacy.public_numbers 中。",
        )


def bank_card_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for published, finding in _findings(project, "card"):
        yield codes.G703.at(
            published.span,
            f"{_here(published)}有一个银行卡号（{finding.masked}）。银行卡号不得公开：请只写账户名称和尾号，"
            f"如“维修资金专户（尾号 {finding.digits[-4:]}）”。",
        )


# Aid recipients ------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[。！？；!?;\n])")


def _member_names(project: Project) -> frozenset[str]:
    """The people of published bodies: naming them is what a disclosure is for."""
    return frozenset(
        member.name for item in project.organizations for member in item.record.members
    )


def _mentions(text: str, keywords: tuple[str, ...]) -> bool:
    return _keyword_pattern(keywords).search(text) is not None


@cache
def _keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    """One search for all the aid keywords: every text of every record is read for them."""
    if not keywords:
        return re.compile(r"(?!)")  # matches nothing
    return re.compile("|".join(re.escape(k) for k in sorted(keywords, key=len, reverse=True)))


def _aid_teams(project: Project, keywords: tuple[str, ...]) -> frozenset[str]:
    return frozenset(
        item.record.id for item in project.organizations if _mentions(item.record.name, keywords)
    )


def _aid_texts(project: Project) -> Iterator[tuple[PublishedText, str]]:
    """Each text that is about aid, with the part of it to read for names.

    In the records of an aid team and the entries of an aid category every text is about aid;
    elsewhere, a sentence that names an aid keyword is."""
    rules = project.config.record.rules
    keywords, categories = rules.aid_keywords, frozenset(rules.aid_categories)
    teams = _aid_teams(project, keywords)
    texts = published_texts(project)
    mentioning = frozenset(_mentioning(texts, keywords))
    item: Sourced[Any] | None = None
    for index, published in enumerate(texts):
        if published.item is not item:  # a record's texts come together: look at it once
            item = published.item
            record = item.record
            aid_entries = (
                frozenset(
                    e
                    for e, entry in enumerate(record.entries)
                    if _is_aid_category(entry.category, categories, keywords)
                )
                if isinstance(record, Ledger)
                else frozenset()
            )
            of_team = isinstance(record, Organization | Schedule) and _team_of(record) in teams
        if not (aid_entries or of_team):  # most records: only what names a keyword is read
            if index in mentioning:
                yield from _sentences_mentioning(published, keywords)
            continue
        path = published.path
        if path[:1] == ("entries",) and len(path) > 2 and int(path[1]) in aid_entries:
            if path[2] not in ("counterparty", "category"):  # a counterparty: see below
                yield published, published.text
            continue
        if of_team:
            if path[-1:] != ("name",) and path[:1] != ("team",) and "volunteers" not in path:
                yield published, published.text
            continue
        if index in mentioning:
            yield from _sentences_mentioning(published, keywords)


def _sentences_mentioning(
    published: PublishedText, keywords: tuple[str, ...]
) -> Iterator[tuple[PublishedText, str]]:
    for sentence in _SENTENCE_END.split(published.text):
        if _mentions(sentence, keywords):
            yield published, sentence


def _mentioning(texts: Sequence[PublishedText], keywords: tuple[str, ...]) -> list[int]:
    """The indices of the texts that name an aid keyword: one search of them all."""
    if any(APART in keyword for keyword in keywords):  # cannot be searched joined
        return [i for i, published in enumerate(texts) if _mentions(published.text, keywords)]
    return texts_matching(_keyword_pattern(keywords), [published.text for published in texts])


@lru_cache(maxsize=1024)
def _is_aid_category(category: str, categories: frozenset[str], keywords: tuple[str, ...]) -> bool:
    """A ledger has thousands of entries in a dozen categories: each is judged once."""
    return category in categories or _mentions(category, keywords)


def _team_of(record: Organization | Schedule) -> str:
    return record.id if isinstance(record, Organization) else record.team


def aid_recipient_diagnostics(project: Project) -> Iterator[Diagnostic]:
    rules = project.config.record.rules
    keywords, categories = rules.aid_keywords, frozenset(rules.aid_categories)
    members = _member_names(project)
    for item in project.ledgers:
        for e, entry in enumerate(item.record.entries):
            is_aid = _is_aid_category(entry.category, categories, keywords)
            if is_aid and entry.counterparty:
                yield codes.G704.at(
                    item.span("entries", e, "counterparty"),
                    f"「{entry.category}」类收支写了对方（{_masked_party(entry.counterparty)}）。"
                    "帮扶对象不得具名公开：请删除 counterparty，在摘要里只写户数，"
                    "如“慰问困难家庭 3 户”。",
                )
    teams = _aid_teams(project, keywords)
    for schedule in project.schedules:
        if schedule.record.team in teams:
            for s, shift in enumerate(schedule.record.shifts):
                for v, volunteer in enumerate(shift.volunteers):
                    if volunteer not in members:
                        yield codes.G704.at(
                            schedule.span("shifts", s, "volunteers", v),
                            f"帮扶志愿服务队的班次里有「{mask_name(volunteer)}」，"
                            "但他/她不是任何已公开组织的成员。如果这是帮扶对象，请删除；"
                            "如果是志愿者，请先把他/她列入本队 members。",
                        )
    reported: set[tuple[str, PathKey, str]] = set()
    names_in: dict[str, list[str]] = {}  # the same few sentences recur in every quarter's ledger
    nameless = NamelessTexts(project.root)
    for published, text in _aid_texts(project):
        names = names_in.get(text)
        if names is None:
            names = names_in[text] = person_names(text, members, nameless)
        for name in names:
            once = (published.item.file, published.path, name)
            if once in reported:
                continue
            reported.add(once)
            yield codes.G704.at(
                published.item.span(*published.path),
                f"这段帮扶、慰问类文字提到了「{mask_name(name)}」，他/她不是任何已公开组织的成员。"
                "帮扶对象不得具名公开：请只写户数，如“慰问困难家庭 3 户”；"
                "如果这是志愿者或工作人员，请先把他/她列为某个组织的成员。",
            )
    nameless.save()


def _masked_party(counterparty: str) -> str:
    """A counterparty as a message may quote it: a person's name masked, an organisation kept."""
    names = person_names(counterparty)
    for name in names:
        counterparty = counterparty.replace(name, mask_name(name))
    if not names and len(counterparty) <= 4:
        return mask_name(counterparty)
    return counterparty


# Commit subjects -----------------------------------------------------------------------------


def commit_subject_diagnostics(project: Project) -> Iterator[Diagnostic]:
    """The revision tables show each commit's subject: a number in it is published too.

    A commit cannot be changed without rewriting history, so the site masks the number and
    this is a warning that says so."""
    history = project.history
    if history is None:
        return
    files = {(record_kind(i.record), record_id(i.record)): i.file for i in project.all_sources()}
    public = {digits_only(number) for number in project.config.record.privacy.public_numbers}
    seen: set[str] = set()
    for version in history.versions:
        if version.commit in seen:
            continue
        for finding in personal_numbers(version.subject):
            if finding.kind == "mobile" and finding.digits in public:
                continue
            seen.add(version.commit)
            yield codes.G705.at(
                Span(files.get(version.key, version.file)),
                f"提交 {version.commit[:7]}（{version.committed.date().isoformat()}）的说明里有"
                f"{_KIND_NAMES[finding.kind]}（{finding.masked}）。网站的修订记录已把它遮盖为 "
                f"{finding.masked}；今后的提交说明请不要写个人信息。如需从 git 历史中彻底删除，"
                "请联系维护者改写历史。",
            )
            break


_KIND_NAMES = {"id": "身份证号", "mobile": "手机号码", "card": "银行卡号"}
