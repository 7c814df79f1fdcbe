"""An organization's member list: who serves, in what role, and how residents reach them."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator.models import Organization
from generator.models.organization import KIND_NAMES
from generator.posters.environment import render_template
from generator.posters.frame import (
    PageSize,
    contact_line,
    contact_words,
    make_frame,
    notice_posting,
)
from generator.posters.pilot import pilot_parts
from generator.posters.text_blocks import summary_blocks
from generator.project import Project


@dataclass(frozen=True)
class MemberRow:
    name: str
    role: str
    party: str
    also: str


def member_rows(project: Project, organization: Organization) -> list[MemberRow]:
    """Cross-appointments (交叉任职) shown by the other bodies' names, not their ids."""
    rows = []
    for member in organization.members:
        others = [
            project.organization_by_id[other].record.name
            if other in project.organization_by_id
            else other
            for other in member.also
        ]
        rows.append(
            MemberRow(
                member.name,
                member.role,
                "中共党员" if member.party_member else "",
                "、".join(others),
            )
        )
    return rows


BASIS: dict[str, str] = {
    "party_organization": "《中国共产党党务公开条例（试行）》",
    "owners_committee": "《中华人民共和国民法典》第二百七十七条",
    "property_company": "《物业管理条例》",
}
"""What an organization's member list is posted under; others under the community's 1+3+5 plan."""


def render_organization_poster(project: Project, organization: Organization, size: PageSize) -> str:
    contact = contact_words(organization.contact)
    basis = BASIS.get(organization.kind, "本小区“1+3+5”治理试点方案")
    issued = project.today  # the members as they stand on the day printed
    source = project.config.record.rules.publicity_source
    frame = make_frame(
        project,
        organization,
        size,
        kind_label=f"{KIND_NAMES.get(organization.kind, '组织')}成员公示",
        title=organization.name,
        issuer=organization.name,
        issued=issued,
        feedback=[Markup("联系{}：{}。").format(organization.name, contact) if contact else ""],
        notice_title=f"关于{organization.name}成员的公示",
        opening=f"根据{basis}，现将{organization.name}成员名单及责任清单公示如下：",
        posting=notice_posting(project, issued, source=f"公示期限参照{source}"),
        contact=contact_line(organization),
    )
    return render_template(
        "organization.html.j2",
        frame=frame,
        organization=organization,
        blocks=summary_blocks(organization.summary or ""),
        members=member_rows(project, organization),
        pilot=pilot_parts(project, organization),
    )
