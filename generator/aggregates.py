"""The pilot plans' counts as the site and the posters show them, so nobody can be singled out.

A count below `rules.min_group_size` is shown as "少于 3", never as its number: three
mediation cases "in 单元事务" or two "不满意" answers in one small survey point at the
households involved. When a group has a shown total and exactly one hidden cell, the
hidden number would follow by subtraction, so the next smallest cell is hidden too
("不少于 3"), as statistics offices do (secondary suppression). Both the site and the
posters read these values; neither decides on its own what may be shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from generator.models import Member, Organization, Pilot, Survey
from generator.models.pilot import (
    AFFAIR_LEVEL_NAMES,
    MEDIATION_OUTCOME_NAMES,
    PILOT_STEP_NAMES,
    SIX_ELDER_NAMES,
    MediationCases,
)


@dataclass(frozen=True)
class Shown:
    """One count as published: `text` is what a reader sees; `value` is None when hidden."""

    label: str
    text: str
    value: int | None


def fewer_than(min_size: int) -> str:
    return f"少于 {min_size}"


def shown_count(label: str, count: int, min_size: int) -> Shown:
    """A count on its own: hidden below the threshold (zero is shown: it names nobody)."""
    if 0 < count < min_size:
        return Shown(label, fewer_than(min_size), None)
    return Shown(label, str(count), count)


def shown_group(counts: Sequence[tuple[str, int]], min_size: int) -> list[Shown]:
    """Counts that add up to a total shown beside them: small cells hidden, and one more
    when a single hidden cell could be worked out from the total."""
    small = [i for i, (_, count) in enumerate(counts) if 0 < count < min_size]
    hidden = set(small)
    if len(small) == 1:
        others = [(count, i) for i, (_, count) in enumerate(counts) if count and i not in hidden]
        if others:
            hidden.add(min(others)[1])
    shown = []
    for i, (label, count) in enumerate(counts):
        if i not in hidden:
            shown.append(Shown(label, str(count), count))
        elif count < min_size:
            shown.append(Shown(label, fewer_than(min_size), None))
        else:
            shown.append(Shown(label, f"不少于 {min_size}", None))
    return shown


# ----------------------------------------------------------------------------- the 六老


def six_elder_counts(members: Iterable[Member], min_size: int) -> list[Shown]:
    """How many of `members` (each person once, by name) belong to each of the 六老."""
    people: dict[str, set[str]] = {key: set() for key in SIX_ELDER_NAMES}
    for member in members:
        for tag in member.six_elders:
            people[tag].add(member.name)
    return [
        shown_count(SIX_ELDER_NAMES[key], len(names), min_size)
        for key, names in people.items()
        if names
    ]


def six_elder_people(members: Iterable[Member]) -> int:
    return len({member.name for member in members if member.six_elders})


def community_six_elders(
    organizations: Iterable[Organization], min_size: int
) -> tuple[Shown, list[Shown]]:
    """Across every body, each person once: how many 六老 serve, and of each kind."""
    members = [member for org in organizations for member in org.members]
    total = shown_count("六老", six_elder_people(members), min_size)
    return total, six_elder_counts(members, min_size)


# ----------------------------------------------------------------------------- mediation


@dataclass(frozen=True)
class CasesRow:
    cases: MediationCases
    received: Shown
    levels: list[Shown]
    outcomes: list[Shown]


def mediation_rows(org: Organization, min_size: int) -> list[CasesRow]:
    rows = []
    for cases in sorted(org.cases, key=lambda c: c.period.start, reverse=True):
        levels = cases.by_level.model_dump()
        outcomes = cases.by_outcome.model_dump()
        rows.append(
            CasesRow(
                cases,
                shown_count("受理", cases.received, min_size),
                shown_group([(AFFAIR_LEVEL_NAMES[k], v) for k, v in levels.items()], min_size),
                shown_group(
                    [(MEDIATION_OUTCOME_NAMES[k], v) for k, v in outcomes.items()], min_size
                ),
            )
        )
    return rows


# ----------------------------------------------------------------------------- pilot steps


@dataclass(frozen=True)
class StepRow:
    number: int
    name: str
    deadline: date
    completed: date | None
    note: str | None
    state: str
    """`on_time`, `late` (completed after the deadline), `overdue` (not done, deadline past),
    `open` (not done, deadline ahead)."""
    words: str
    """The state in words: 按期完成 / 逾期 209 天完成 / 已逾期 12 天 / 还有 30 天。"""

    @property
    def is_late(self) -> bool:
        return self.state in ("late", "overdue")


def step_rows(pilot: Pilot, today: date) -> list[StepRow]:
    """The steps in the plan's order (the order of `PILOT_STEP_NAMES`), each with its state."""
    order = list(PILOT_STEP_NAMES)
    rows = []
    for step in sorted(pilot.steps, key=lambda s: (order.index(s.step), s.deadline)):
        if step.completed is not None:
            late = (step.completed - step.deadline).days
            state, words = ("late", f"逾期 {late} 天完成") if late > 0 else ("on_time", "按期完成")
        elif step.deadline < today:
            state, words = "overdue", f"已逾期 {(today - step.deadline).days} 天，尚未完成"
        else:
            left = (step.deadline - today).days
            state, words = "open", "今天到期" if left == 0 else f"进行中，还有 {left} 天"
        rows.append(
            StepRow(
                order.index(step.step) + 1,
                PILOT_STEP_NAMES[step.step],
                step.deadline,
                step.completed,
                step.note,
                state,
                words,
            )
        )
    return rows


# ----------------------------------------------------------------------------- surveys


@dataclass(frozen=True)
class OptionResult:
    shown: Shown
    share: Fraction | None
    """The option's share of the responses (0–1), for the chart's bar; None when hidden."""

    @property
    def percent(self) -> str:
        return percent(self.share) or "—"

    @property
    def width(self) -> str:
        """The bar's length in percent of its track, to a tenth, for a stylesheet."""
        if self.share is None:
            return "0"
        exact = Decimal(self.share.numerator * 100) / Decimal(self.share.denominator)
        return str(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class QuestionResult:
    number: int
    text: str
    kind_words: str
    options: list[OptionResult]
    answered: Shown
    """Single choice: how many answered it (the responses minus those who skipped)."""


def survey_results(survey: Survey, min_size: int) -> list[QuestionResult]:
    results = []
    for q, question in enumerate(survey.questions):
        pairs = [(option.label, option.count) for option in question.options]
        total = sum(count for _, count in pairs)
        shown = (
            shown_group(pairs, min_size)
            if question.kind == "single"
            else [shown_count(label, count, min_size) for label, count in pairs]
        )
        options = [
            OptionResult(
                item,
                None
                if item.value is None or not survey.responses
                else Fraction(item.value, survey.responses),
            )
            for item in shown
        ]
        results.append(
            QuestionResult(
                q + 1,
                question.text,
                "单选" if question.kind == "single" else "多选",
                options,
                shown_count("作答", total, min_size),
            )
        )
    return results


def percent(share: Fraction | None) -> str:
    """`61%`, whole percents rounded half up: a chart's label, never a figure to add up."""
    if share is None:
        return ""
    exact = Decimal(share.numerator * 100) / Decimal(share.denominator)
    return f"{exact.quantize(Decimal('1'), rounding=ROUND_HALF_UP)}%"


def party_member_counts(org: Organization, min_size: int) -> list[Shown]:
    members = org.party_members
    if members is None:
        return []
    counts: Mapping[str, int] = {
        "在册党员": members.registered,
        "非在册党员": members.unregistered,
    }
    shown = shown_group(list(counts.items()), min_size)
    shown.append(shown_count("其中已到小区报到", members.reported, min_size))
    if members.volunteers is not None:
        shown.append(shown_count("参加志愿服务的党员", members.volunteers, min_size))
    return shown
