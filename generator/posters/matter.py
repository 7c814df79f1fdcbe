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
from generator.posters.frame import (
    PageSize,
    Posting,
    body_named,
    body_of_kind,
    contact_line,
    contact_words,
    make_frame,
    notice_posting,
)
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


def shown_dates(matter: Matter) -> list[date]:
    """Every date the poster prints: timeline, publicity, results, documents, corrections."""
    days = [step.date for step in matter.timeline]
    days += [document.date for document in matter.documents if document.date]
    days += [correction.date for correction in matter.corrections]
    if matter.publicity:
        days.append(matter.publicity.start)
    decision = matter.decision
    if decision:
        days += [d for d in (decision.date, decision.published) if d]
        if decision.preliminary:
            days += [d for d in (decision.preliminary.date, decision.preliminary.published) if d]
    return days


def issue_date(matter: Matter, today: date) -> date:
    """The date of the latest thing the poster shows, up to today; else the first one to come.

    A poster dated before the events it prints (dated 9月23日, showing 11月16日) reads as
    forged; one dated after today is a promise, not a notice.
    """
    days = shown_dates(matter)
    past = [day for day in days if day <= today]
    if past:
        return max(past)
    return min(days) if days else today


BASIS_ARTICLES: dict[str, str] = {
    "maintenance_fund": "第二百七十八条、第二百八十一条",
    "public_income": "第二百七十八条、第二百八十二条",
}
"""The Civil Code articles a matter's category rests on besides art. 278 (the owners decide)."""


def basis_words(matter: Matter) -> str:
    articles = BASIS_ARTICLES.get(matter.category, "第二百七十八条")
    return f"《中华人民共和国民法典》{articles}和本小区《管理规约》"


def withdrawal(matter: Matter) -> tuple[date, str] | None:
    """When a withdrawn matter was withdrawn and why, from its last timeline step."""
    if matter.status != "withdrawn":
        return None
    if matter.timeline:
        last = max(matter.timeline, key=lambda step: step.date)
        return last.date, last.event
    return (
        matter.decision.date
        if matter.decision
        else matter.publicity.start
        if matter.publicity
        else date.min
    ), ""


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


def objection_line(
    project: Project, matter: Matter, issued: date, until: date | None = None
) -> Markup:
    """Where to send objections and by when; a deadline already past on the poster's date is left out.

    `until` is the end of the notice's own posting (a result's, not the draft's).
    """
    feedback = matter.feedback
    deadline = feedback.deadline if feedback and feedback.deadline else None
    if matter.decision is not None:
        deadline = until
    elif deadline is None and matter.publicity:
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
            ).format(
                Markup('<span class="nowrap">{}</span>').format(chinese_date(window.last)), whom
            )
        return Markup("询异期已结束，最终结果公布前有疑问的，请向{}提出。").format(whom)
    when = (
        Markup('请于<span class="nowrap">{}前</span>').format(chinese_date(deadline))
        if deadline and deadline >= issued
        else "请"
    )
    subject = "本事项" if matter.decision is None else "本事项或表决结果"
    return Markup("对{}有意见或异议的，{}向{}书面或当面提出。").format(subject, when, whom)


def render_matter_poster(project: Project, matter: Matter, size: PageSize) -> str:
    body = body_named(project, matter.proposed_by) or body_of_kind(project, "owners_committee")
    issuer = body.name if body else project.config.record.community.name
    decided = matter.decision is not None
    preliminary = matter.decision is not None and matter.decision.stage == "preliminary"
    withdrawn = withdrawal(matter)
    issued = issue_date(matter, project.today)
    printed = max(issued, project.today)  # a deadline passed by the printing day is not asked for
    rules = project.config.record.rules
    posting: Posting | None = None
    basis = basis_words(matter)
    if withdrawn:
        kind_label = "重大事项撤回公示"
        notice_title = f"关于撤回{matter.title}的公示"
        opening = f"“{matter.title}”已撤回，不再进行后续程序。现将有关情况公示如下："
    elif preliminary:
        kind_label = "重大事项表决初步结果公示"
        notice_title = f"关于{matter.title}表决初步结果的公示"
        opening = (
            f"根据{basis}，现将“{matter.title}”的业主表决初步结果公示如下，询异期满后公布最终结果："
        )
    elif decided:
        kind_label = "重大事项表决结果公示"
        notice_title = f"关于{matter.title}表决结果的公示"
        opening = f"根据{basis}，现将“{matter.title}”的业主表决结果公示如下："
        published = matter.decision.published if matter.decision else None
        if published:
            place = matter.publicity.place if matter.publicity else ""
            posting = notice_posting(project, published, place)
    else:
        kind_label = "重大事项公示"
        notice_title = f"关于{matter.title}的公示"
        opening = f"根据{basis}，现将“{matter.title}”有关情况公示如下："
        if matter.publicity:
            start, end = matter.publicity.start, matter.publicity.end
            posting = Posting(
                start, end, (end - start).days, rules.publicity_source, matter.publicity.place
            )
    phone = matter.feedback.phone if matter.feedback else None
    frame = make_frame(
        project,
        matter,
        size,
        kind_label=kind_label,
        title=matter.title,
        issuer=issuer,
        issued=issued,
        feedback=[]
        if withdrawn
        else [objection_line(project, matter, printed, posting.end if posting else None)],
        notice_title=notice_title,
        opening=opening,
        posting=posting,
        contact="" if withdrawn else contact_line(body, phone),
        asks_feedback=withdrawn is None,
    )
    verdict: Verdict | None = vote_verdict(matter.vote) if matter.vote else None
    return render_template(
        "matter.html.j2",
        frame=frame,
        matter=matter,
        withdrawn=withdrawn,
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
        publicity_source=rules.publicity_source,
    )
