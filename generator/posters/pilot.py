"""What the pilot plans add to a body's poster: counts (small ones hidden), the 党群服务站,
the seven steps with what is late, and the mediation team's cases."""

from __future__ import annotations

from typing import Any

from generator.aggregates import (
    mediation_rows,
    party_member_counts,
    shown_count,
    six_elder_counts,
    six_elder_people,
    step_rows,
)
from generator.models import Organization
from generator.project import Project


def pilot_parts(project: Project, organization: Organization) -> dict[str, Any]:
    config = project.config.record
    min_size = config.rules.min_group_size
    is_party = organization.kind == "party_organization"
    return {
        "min_size": min_size,
        "party_counts": party_member_counts(organization, min_size),
        "party_members": organization.party_members,
        "station": config.community.service_station if is_party else None,
        "plan": organization.pilot.plan if organization.pilot else None,
        "steps": step_rows(organization.pilot, project.today) if organization.pilot else [],
        "cases": mediation_rows(organization, min_size),
        "elders": shown_count("六老", six_elder_people(organization.members), min_size),
        "elder_kinds": six_elder_counts(organization.members, min_size),
    }
