"""Civil Code art. 278 in exact arithmetic: did enough owners take part, and did enough agree?

Art. 278 ¶2: a vote needs owners holding at least 2/3 of the exclusive area AND
at least 2/3 of the owners to take part (以上 includes the boundary). Items 6–8
of ¶1 need at least 3/4 of the participating area AND owners; every other item
needs more than half (过半数, boundary excluded) of each. No floats: every
comparison is cross-multiplied.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from generator.models import Decision, Tally, Vote

SPECIAL_ITEMS = frozenset({6, 7, 8})
"""Art. 278 ¶1 items that need three quarters: raising the fund, rebuilding, changing shared parts' use."""

TURNOUT = Fraction(2, 3)

ITEM_NAMES: dict[int, str] = {
    1: "制定和修改业主大会议事规则",
    2: "制定和修改管理规约",
    3: "选举业主委员会或者更换业主委员会成员",
    4: "选聘和解聘物业服务企业或者其他管理人",
    5: "使用建筑物及其附属设施的维修资金",
    6: "筹集建筑物及其附属设施的维修资金",
    7: "改建、重建建筑物及其附属设施",
    8: "改变共有部分的用途或者利用共有部分从事经营活动",
    9: "有关共有和共同管理权利的其他重大事项",
}


@dataclass(frozen=True)
class Measure:
    """One dimension of a vote (headcount or area) against its two thresholds."""

    eligible: Fraction
    participated: Fraction
    agreed: Fraction

    @property
    def turnout_met(self) -> bool:
        return self.participated * 3 >= self.eligible * 2

    def approval_met(self, special: bool) -> bool:
        if special:
            return self.agreed * 4 >= self.participated * 3
        return self.agreed * 2 > self.participated


@dataclass(frozen=True)
class Verdict:
    """What the numbers decide, with each of the four tests kept for display."""

    special: bool
    owners: Measure
    area: Measure

    @property
    def turnout_met(self) -> bool:
        return self.owners.turnout_met and self.area.turnout_met

    @property
    def approval_met(self) -> bool:
        return self.owners.approval_met(self.special) and self.area.approval_met(self.special)

    @property
    def result(self) -> str:
        if not self.turnout_met:
            return "quorum_not_met"
        return "approved" if self.approval_met else "rejected"

    @property
    def approval_threshold(self) -> Fraction:
        return Fraction(3, 4) if self.special else Fraction(1, 2)

    @property
    def approval_words(self) -> str:
        return "四分之三以上" if self.special else "过半数"


def _exact(value: int | Decimal) -> Fraction:
    return Fraction(value)


def _measure(vote: Vote, pick: str) -> Measure:
    def of(tally: Tally) -> Fraction:
        return _exact(getattr(tally, pick))

    return Measure(of(vote.eligible), of(vote.participated), of(vote.agreed))


def vote_verdict(vote: Vote) -> Verdict:
    """Recompute the result from the tallies; `vote.item` fixes which threshold applies."""
    return Verdict(
        special=vote.item in SPECIAL_ITEMS,
        owners=_measure(vote, "owners"),
        area=_measure(vote, "area_m2"),
    )


def percent(part: Fraction, whole: Fraction) -> str:
    """A share for people to read, rounded half up for display only (decisions never use
    it), exactly as the site's table, chart and poster all print it: `75.27%`."""
    if whole == 0:
        return "—"
    share = part / whole
    exact = Decimal(share.numerator) / Decimal(share.denominator) * 100
    return f"{exact.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}%"


TALLY_LABELS = (
    ("participated", "参与表决"),
    ("agreed", "同意"),
    ("opposed", "反对"),
    ("abstained", "弃权"),
)


@dataclass(frozen=True)
class TallyChange:
    """One tally whose final figures differ from the preliminary result as it was posted."""

    key: str
    label: str
    before: Tally
    after: Tally


def changed_tallies(decision: Decision | None, vote: Vote | None) -> list[TallyChange]:
    """Each tally the preliminary result gave and the final vote no longer matches."""
    if decision is None or decision.preliminary is None or vote is None:
        return []
    changes = []
    for key, label in TALLY_LABELS:
        before, after = getattr(decision.preliminary, key), getattr(vote, key)
        if before is not None and before != after:
            changes.append(TallyChange(key, label, before, after))
    return changes
