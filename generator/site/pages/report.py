"""The 公开情况 page: `gongshi report` as residents read it, the overdue first.

It is the same report as the command's (`generator.report`), counted on the build's
day (`--today`): what the law and the 1+3+5 model expect, each with its source,
whether it is published and since when, and what is missing or overdue.
"""

from __future__ import annotations

from typing import Any

from generator.report import STATUS_WORDS, Disclosure, Finding, compliance_report
from generator.report.expectations import FAILING
from generator.site.context import Record, SiteContext, page_file
from generator.site.pages import Page, Section
from generator.site_layout import REPORT_FOLDER, SECTION_INDEX, section_index
from generator.urls import record_path

INDEX = section_index(REPORT_FOLDER)


def _pages(site: SiteContext) -> dict[str, str]:
    """Every record page by its site path (`matters/lift/`), to link an item to its page."""
    project = site.project
    records: list[Record] = [
        *(item.record for item in project.organizations),
        *(item.record for item in project.ledgers),
        *(item.record for item in project.matters),
        *(item.record for item in project.schedules),
    ]
    return {record_path(record): page_file(record) for record in records}


def _row(
    finding: Finding, disclosure: Disclosure, pages: dict[str, str], own_source: bool
) -> dict[str, Any]:
    page = disclosure.page
    target = None if page is None else pages.get(page, f"{page}{SECTION_INDEX}.md")
    since = disclosure.since.day if disclosure.since else None
    return {
        "subject": disclosure.subject,
        "target": target,
        "status": STATUS_WORDS[disclosure.status],
        "failing": disclosure.status in FAILING,
        "since": since if disclosure.status in ("published", "late") else None,
        "declared": disclosure.declared if disclosure.declared != since else None,
        "due": disclosure.due,
        "note": disclosure.note,
        "source": finding.source_of(disclosure) if own_source else disclosure.source,
        "uncommitted": bool(disclosure.since and disclosure.since.source == "uncommitted"),
    }


SHOWN_ON_TIME = 4
"""Items published on time listed per expectation, the latest: ten years of quarters and
matters would make the page 250 KB; what is missing, late or waiting is always listed."""


def _shown(finding: Finding, rows: list[dict[str, Any]]) -> dict[str, Any]:
    on_time = [i for i, d in enumerate(finding.disclosures) if d.status == "published"]
    hidden = set(on_time[:-SHOWN_ON_TIME]) if len(on_time) > SHOWN_ON_TIME else set()
    return {"rows": [r for i, r in enumerate(rows) if i not in hidden], "earlier": len(hidden)}


def section(site: SiteContext) -> Section:
    report = compliance_report(site.project, site.git_history)
    pages = _pages(site)
    counts = report.counts()
    context = {
        "report": report,
        "counts": [(STATUS_WORDS[s], n) for s, n in counts.items() if n],
        "total": sum(counts.values()),
        "failing": [_row(f, d, pages, True) for f, d in report.failing()],
        "waiting": [_row(f, d, pages, True) for f, d in report.waiting()],
        "findings": [
            {
                "title": f.expectation.title,
                "source": f.expectation.source,
                "deadline": f.deadline,
                **_shown(f, [_row(f, d, pages, False) for d in f.disclosures]),
            }
            for f in report.findings
        ],
    }
    description = (
        f"{report.community}按《民法典》、物业管理法规和“1+3+5”模式应当公开的事项："
        "依据、是否已公开、从哪天起公开，缺少或逾期的排在最前。"
    )
    return Section(pages=[Page(INDEX, "report.md.j2", "公开情况", description, context)])
