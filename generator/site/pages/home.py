"""The home page: the community, its structure at a glance, what is open now, what is new."""

from __future__ import annotations

from datetime import date
from typing import Any

from generator.shifts import expand_shifts
from generator.site.context import SiteContext, page_file
from generator.site.feeds import ATOM, RSS
from generator.site.pages import Page, Section
from generator.site.pages.funds import INDEX as FUNDS_INDEX
from generator.site.pages.funds import latest_period_rows
from generator.site.pages.matters import (
    UPCOMING,
    Window,
    matter_state,
    matter_window,
    status_marker,
)
from generator.site.pages.organizations import KIND_ORDER, ordered, term_words
from generator.site.pages.volunteers import merged_schedules, week_start, weeks
from generator.site.recent import disclosures
from generator.site_layout import ALL_CALENDAR

LATEST = 8
BODIES = ("owners_committee", "supervisory_committee", "property_company")
OPEN_STATES = ("publicized", "objection", "voting", UPCOMING)
"""What 正在公示和表决 lists, in this order: what a resident can still speak up on or vote in."""


def _until(window: Window, state: str) -> date:
    """The day the open state ends (or, for 即将公示, begins): the soonest first."""
    if state == "objection" and window.objection:
        return window.objection[1]
    if window.publicity:
        return window.publicity[0 if state == UPCOMING else 1]
    return date.max


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
        window = matter_window(item.record, site)
        state, words = matter_state(window, site.today)
        if state in OPEN_STATES:
            open_matters.append(
                {
                    "matter": item.record,
                    "path": page_file(item.record),
                    "marker": status_marker(window, words, "gs-when gs-open"),
                    "order": (OPEN_STATES.index(state), _until(window, state), item.record.id),
                }
            )
    open_matters.sort(key=lambda row: row["order"])
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
