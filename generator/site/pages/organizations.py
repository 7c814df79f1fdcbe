"""Who runs the community: one page per body, and all bodies side by side."""

from __future__ import annotations

from datetime import date
from typing import Any

from generator.aggregates import (
    community_six_elders,
    mediation_rows,
    party_member_counts,
    shown_count,
    six_elder_counts,
    six_elder_people,
    step_rows,
)
from generator.models import Organization
from generator.models.organization import KIND_NAMES
from generator.models.pilot import COMMUNITY_TYPE_NAMES
from generator.site.context import SiteContext, page_file
from generator.site.pages import Page, Section
from generator.site_layout import section_index

KIND_ORDER = (
    "party_organization",
    "owners_committee",
    "supervisory_committee",
    "property_company",
    "volunteer_team",
    "other",
)
"""The "1 + 3 + 5+" order: the Party core, the three bodies, the volunteer teams."""

INDEX = section_index("organizations")


def ordered(site: SiteContext) -> list[Organization]:
    organizations = [item.record for item in site.project.organizations]
    return sorted(organizations, key=lambda org: (KIND_ORDER.index(org.kind), org.id))


def days_until(end: date | None, today: date) -> int | None:
    return None if end is None else (end - today).days


def term_words(end: date | None, today: date) -> str:
    """`还有 126 天` / `今天届满` / `已届满 3 天`: the days a term or contract has left."""
    left = days_until(end, today)
    if left is None:
        return ""
    if left > 0:
        return f"还有 {left} 天"
    return "今天到期" if left == 0 else f"已到期 {-left} 天"


def leader(org: Organization) -> str:
    return org.members[0].name + f"（{org.members[0].role}）" if org.members else "—"


def section(site: SiteContext) -> Section:
    organizations = ordered(site)
    schedules = {item.record.team for item in site.project.schedules}
    result = Section()
    rows = [_summary(org, site) for org in organizations]
    community = site.project.config.record.community
    min_size = site.project.config.record.rules.min_group_size
    elders, elder_kinds = community_six_elders(organizations, min_size)
    party = next((org for org in organizations if org.party_members), None)
    result.pages.append(
        Page(
            INDEX,
            "organizations.md.j2",
            "组织机构",
            f"{site.project.config.record.community.name}的小区党组织、业主委员会、监督委员会、"
            "物业公司和志愿服务队：成员、职责、任期和联系方式。",
            {
                "rows": rows,
                "community_type": COMMUNITY_TYPE_NAMES[community.type] if community.type else None,
                "station": community.service_station,
                "party": party,
                "party_counts": party_member_counts(party, min_size) if party else [],
                "elders": elders,
                "elder_kinds": elder_kinds,
                "min_size": min_size,
            },
        )
    )
    for org in organizations:
        result.pages.append(
            Page(
                page_file(org),
                "organization.md.j2",
                org.name,
                f"{KIND_NAMES[org.kind]}：{leader(org)}等 {len(org.members)} 人。"
                + (org.summary or "")[:80],
                {
                    "org": org,
                    "kind_name": KIND_NAMES[org.kind],
                    "summary": _summary(org, site),
                    "members": [_member(member, site) for member in org.members],
                    "schedule": f"volunteers/{org.id}.md" if org.id in schedules else None,
                    "record": org,
                    **_pilot_parts(org, site),
                },
            )
        )
    return result


def _pilot_parts(org: Organization, site: SiteContext) -> dict[str, Any]:
    """What the pilot plans add to a body's page: counts only, small ones hidden."""
    config = site.project.config.record
    min_size = config.rules.min_group_size
    is_party = org.kind == "party_organization"
    return {
        "min_size": min_size,
        "party_counts": party_member_counts(org, min_size),
        "station": config.community.service_station if is_party else None,
        "steps": step_rows(org.pilot, site.today) if org.pilot else [],
        "cases": mediation_rows(org, min_size),
        "elders": shown_count("六老", six_elder_people(org.members), min_size),
        "elder_kinds": six_elder_counts(org.members, min_size),
    }


def _summary(org: Organization, site: SiteContext) -> dict[str, Any]:
    end = org.contract.end if org.kind == "property_company" and org.contract else None
    end = end or (org.term.end if org.term else None)
    return {
        "org": org,
        "path": page_file(org),
        "kind_name": KIND_NAMES[org.kind],
        "leader": leader(org),
        "size": len(org.members),
        "party": sum(1 for member in org.members if member.party_member),
        "elders": shown_count(
            "六老", six_elder_people(org.members), site.project.config.record.rules.min_group_size
        ),
        "end": end,
        "left": term_words(end, site.today),
        "ending_soon": (days_until(end, site.today) or 0)
        <= site.project.config.record.rules.term_warning_days
        if end
        else False,
    }


def _member(member: Any, site: SiteContext) -> dict[str, Any]:
    also = []
    for org_id in member.also:
        found = site.project.organization_by_id.get(org_id)
        also.append((found.record.name, page_file(found.record)) if found else (org_id, None))
    return {"member": member, "also": also}
