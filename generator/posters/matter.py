"""The 公示 of a major matter: what is proposed, the publicity period, the vote and its verdict."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from markupsafe import Markup

from generator.chinese_dates import chinese_date
from generator.models import Matter, Tally
from generator.models.matter import RESULT_NAMES, STAGE_NAMES, STATUS_NAMES
from generator.posters.environment import render_template
from generator.posters.frame import PageSize, body_named, body_of_kind, contact_words, make_frame
from generator.posters.text_blocks import summary_blocks
from generator.project import Project
from generator.publicity import objection_end
from generator.rules.publicity import project_calendar
from generator.voting import (
    ITEM_NAMES,
    TallyChange,
    Verdict,
    changed_tallies,
    percent,
    vote_verdict,
)

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


@dataclass(frozen=True)
class ObjectionWindow:
    """The 询异期 after a preliminary result, as the poster prints it."""

    stage: str
    opened: date
    """The day the preliminary result was posted; the window counts from the next day."""
    last: date
    known: bool
    """False when a year's holidays are unknown: `last` is then the earliest the window can end."""
    days: int
    source: str
    preliminary_result: str | None
    """On a final result, what the preliminary one said."""
    changes: tuple[TallyChange, ...]

    @property
    def first(self) -> date:
        return self.opened + timedelta(days=1)


def objection_window(project: Project, matter: Matter) -> ObjectionWindow | None:
    decision = matter.decision
    if decision is None:
        return None
    rules = project.config.record.rules
    window = objection_end(decision, rules.objection_days, project_calendar(project))
    if window is None or decision.objection_opened is None:
        return None
    return ObjectionWindow(
        STAGE_NAMES[decision.stage],
        decision.objection_opened,
        window.end or window.nominal,
        window.end is not None,
        rules.objection_days,
        rules.objection_source,
        RESULT_NAMES[decision.preliminary.result] if decision.preliminary else None,
        tuple(changed_tallies(decision, matter.vote)),
    )


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
    window = objection_window(project, matter)
    if matter.decision and matter.decision.stage == "preliminary" and window:
        if window.last >= issued:
            return Markup(
                "对初步结果（票数、计票）有异议的，请于{}前向{}书面或当面提出，写明姓名、房号和理由。"
            ).format(chinese_date(window.last), whom)
        return Markup("询异期已结束，最终结果公布前有疑问的，请向{}提出。").format(whom)
    when = f"请于{chinese_date(deadline)}前" if deadline and deadline >= issued else "请"
    subject = "本事项" if matter.decision is None else "本事项或表决结果"
    return Markup("对{}有意见或异议的，{}向{}书面或当面提出。").format(subject, when, whom)


def render_matter_poster(project: Project, matter: Matter, size: PageSize) -> str:
    issuer = body_named(project, matter.proposed_by) or body_of_kind(project, "owners_committee")
    decided = matter.decision is not None
    preliminary = matter.decision is not None and matter.decision.stage == "preliminary"
    issued = issue_date(matter, project.today)
    if preliminary:
        kind_label = "重大事项表决初步结果公示"
    else:
        kind_label = "重大事项表决结果公示" if decided else "重大事项公示"
    frame = make_frame(
        project,
        matter,
        size,
        kind_label=kind_label,
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
        stage=STAGE_NAMES[matter.decision.stage] if matter.decision else "",
        objection=objection_window(project, matter),
        publicity_source=project.config.record.rules.publicity_source,
    )
