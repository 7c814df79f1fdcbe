"""The 公示 of a major matter: what is proposed, the publicity period, the vote and its verdict."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from markupsafe import Markup

from generator.chinese_dates import chinese_date
from generator.models import Matter, Tally
from generator.models.matter import RESULT_NAMES, STATUS_NAMES
from generator.posters.environment import render_template
from generator.posters.frame import PageSize, body_named, body_of_kind, contact_words, make_frame
from generator.posters.text_blocks import summary_blocks
from generator.project import Project
from generator.voting import ITEM_NAMES, Verdict, percent, vote_verdict

CATEGORY_NAMES: dict[str, str] = {
    "maintenance_fund": "专项维修资金",
    "property_contract": "物业服务合同",
    "public_income": "公共收益",
    "renovation": "改造",
    "rules": "规约",
    "election": "选举",
    "other": "其他",
}
ITEM_NUMERALS = "零一二三四五六七八九"


@dataclass(frozen=True)
class VoteRow:
    label: str
    owners: int
    owners_share: str
    area: str
    area_share: str


def issue_date(matter: Matter, today: date) -> date:
    """The latest notice already posted (publicity or result), else the first one to come."""
    candidates: list[date] = []
    if matter.publicity:
        candidates.append(matter.publicity.start)
    if matter.decision and matter.decision.published:
        candidates.append(matter.decision.published)
    posted = [d for d in candidates if d <= today]
    if posted:
        return max(posted)
    return min(candidates) if candidates else today


def vote_rows(matter: Matter) -> list[VoteRow]:
    """Each tally with its share: turnout of the eligible, choices of those who took part."""
    vote = matter.vote
    if vote is None:
        return []

    def row(label: str, tally: Tally, whole: Tally) -> VoteRow:
        return VoteRow(
            label,
            tally.owners,
            percent(Fraction(tally.owners), Fraction(whole.owners)),
            f"{tally.area_m2:,}",
            percent(Fraction(tally.area_m2), Fraction(whole.area_m2)),
        )

    rows = [row("有表决权", vote.eligible, vote.eligible)]
    rows.append(row("参与表决", vote.participated, vote.eligible))
    for label, tally in (("同意", vote.agreed), ("反对", vote.opposed), ("弃权", vote.abstained)):
        rows.append(row(label, tally, vote.participated))
    return rows


def objection_line(project: Project, matter: Matter, issued: date) -> Markup:
    """Where to send objections and by when; a deadline already past on the poster's date is left out."""
    feedback = matter.feedback
    deadline = feedback.deadline if feedback and feedback.deadline else None
    if deadline is None and matter.publicity:
        deadline = matter.publicity.end
    if feedback:
        whom = Markup("{}").format(feedback.contact)
        if feedback.phone:
            whom += Markup('（电话 <span class="nowrap">{}</span>）').format(feedback.phone)
    else:
        issuer = body_named(project, matter.proposed_by) or body_of_kind(
            project, "owners_committee"
        )
        whom = Markup("{}").format(issuer.name if issuer else project.config.record.community.name)
        words = contact_words(issuer.contact) if issuer else Markup("")
        if words:
            whom += Markup("（{}）").format(words)
    when = f"请于{chinese_date(deadline)}前" if deadline and deadline >= issued else "请"
    subject = "本事项" if matter.decision is None else "本事项或表决结果"
    return Markup("对{}有意见或异议的，{}向{}书面或当面提出。").format(subject, when, whom)


def render_matter_poster(project: Project, matter: Matter, size: PageSize) -> str:
    issuer = body_named(project, matter.proposed_by) or body_of_kind(project, "owners_committee")
    decided = matter.decision is not None
    issued = issue_date(matter, project.today)
    frame = make_frame(
        project,
        matter,
        size,
        kind_label="重大事项表决结果公示" if decided else "重大事项公示",
        title=matter.title,
        issuer=issuer.name if issuer else project.config.record.community.name,
        issued=issued,
        feedback=[objection_line(project, matter, issued)],
    )
    verdict: Verdict | None = vote_verdict(matter.vote) if matter.vote else None
    return render_template(
        "matter.html.j2",
        frame=frame,
        matter=matter,
        blocks=summary_blocks(matter.summary),
        status=STATUS_NAMES[matter.status],
        category=CATEGORY_NAMES.get(matter.category, matter.category),
        verdict=verdict,
        verdict_result=RESULT_NAMES[verdict.result] if verdict else "",
        declared_result=RESULT_NAMES[matter.decision.result] if matter.decision else "",
        item_name=ITEM_NAMES[matter.vote.item] if matter.vote else "",
        item_numeral=ITEM_NUMERALS[matter.vote.item] if matter.vote else "",
        vote_rows=vote_rows(matter),
        publicity_source=project.config.record.rules.publicity_source,
    )
