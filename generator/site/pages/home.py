"""The home page: the community, its structure at a glance, what is open now, what is new."""

from __future__ import annotations

from typing import Any

from generator.publicity import days_left
from generator.shifts import expand_shifts
from generator.site.context import SiteContext, page_file
from generator.site.feeds import ATOM, RSS
from generator.site.pages import Page, Section
from generator.site.pages.funds import INDEX as FUNDS_INDEX
from generator.site.pages.funds import latest_period_rows
from generator.site.pages.matters import in_publicity
from generator.site.pages.organizations import KIND_ORDER, ordered, term_words
from generator.site.pages.volunteers import merged_schedules, week_start, weeks
from generator.site.recent import disclosures
from generator.site_layout import ALL_CALENDAR

LATEST = 8
BODIES = ("owners_committee", "supervisory_committee", "property_company")


def section(site: SiteContext) -> Section:
    config = site.project.config.record
    organizations = ordered(site)
    structure = {
        "core": [o for o in organizations if o.kind == "party_organization"],
        "bodies": [o for o in organizations if o.kind in BODIES],
        "teams": [o for o in organizations if o.kind == "volunteer_team"],
        "others": [o for o in organizations if o.kind not in KIND_ORDER[:5]],
    }
    open_matters: list[dict[str, Any]] = []
    for item in site.project.matters:
        matter = item.record
        if in_publicity(matter, site) and matter.publicity:
            left = days_left(matter.publicity.end, site.today)
            open_matters.append(
                {
                    "matter": matter,
                    "path": page_file(matter),
                    "words": f"公示中，还有 {left} 天",
                    "end": matter.publicity.end,
                }
            )
        elif matter.status == "voting":
            open_matters.append(
                {"matter": matter, "path": page_file(matter), "words": "正在表决", "end": None}
            )
    open_matters.sort(
        key=lambda row: (row["end"] is None, row["end"] or site.today, row["matter"].id)
    )
    schedules = merged_schedules(site)
    occurrences = [o for schedule in schedules for o in expand_shifts(schedule)]
    names = {s.team: site.organization_name(s.team) or s.team for s in schedules}
    context = {
        "config": config,
        "structure": structure,
        "org_path": page_file,
        "term_words": lambda org: term_words(org.term.end, site.today) if org.term else "",
        "open_matters": open_matters,
        "money": latest_period_rows(site),
        "funds_index": FUNDS_INDEX,
        "latest": disclosures(site)[:LATEST],
        "weeks": weeks(occurrences, week_start(site.today), 1),
        "names": names,
        "rss": RSS,
        "atom": ATOM,
        "calendar": ALL_CALENDAR,
        "has_schedules": bool(schedules),
    }
    community = config.community
    description = (
        f"{community.name}（{community.address}）的信息公示：组织机构、收支账目、"
        "重大事项与业主表决、志愿服务安排。"
    )
    return Section(pages=[Page("index.md", "home.md.j2", site.title, description, context)])
