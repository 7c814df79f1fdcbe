"""Every rule, registered once: a code from the catalogue and the function that checks it.

A rule is a plain function `(project) -> Iterable[Diagnostic]`. They never render,
never raise for bad content, and never see each other. A rule that crashes is a
Gongshi bug: it becomes a G901 diagnostic and the other rules still run.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator import codes
from generator.diagnostics import Diagnostic, Span
from generator.project import Project, collector_paused
from generator.rules import (
    amounts,
    corrections,
    documents,
    identity,
    ledgers,
    organizations,
    pilot,
    privacy,
    publicity,
    schedules,
    site,
    surveys,
    text,
    votes,
)

Check = Callable[[Project], Iterable[Diagnostic]]


@dataclass(frozen=True)
class Rule:
    code: codes.Code
    check: Check


RULES: tuple[Rule, ...] = (
    Rule(codes.G107, identity.duplicate_id_diagnostics),
    Rule(codes.G108, identity.reference_diagnostics),
    Rule(codes.G110, identity.reversed_range_diagnostics),
    Rule(codes.G111, identity.reserved_id_diagnostics),
    Rule(codes.G116, site.scheme_diagnostics),
    Rule(codes.G117, site.character_diagnostics),
    Rule(codes.G118, site.host_diagnostics),
    Rule(codes.G119, site.length_diagnostics),
    Rule(codes.G120, text.new_line_diagnostics),
    Rule(codes.G121, text.control_character_diagnostics),
    Rule(codes.G122, text.blank_name_diagnostics),
    Rule(codes.G123, site.qr_capacity_diagnostics),
    Rule(codes.G124, identity.failed_reference_diagnostics),
    Rule(codes.G126, ledgers.duplicate_ledger_diagnostics),
    Rule(codes.G127, identity.misspelt_id_diagnostics),
    Rule(codes.G128, site.document_link_diagnostics),
    Rule(codes.G129, documents.missing_file_diagnostics),
    Rule(codes.G130, documents.refused_file_diagnostics),
    Rule(codes.G201, ledgers.ledger_balance_diagnostics),
    Rule(codes.G202, ledgers.continuity_diagnostics),
    Rule(codes.G203, ledgers.balance_check_diagnostics),
    Rule(codes.G204, ledgers.budget_diagnostics),
    Rule(codes.G205, ledgers.entry_date_diagnostics),
    Rule(codes.G206, ledgers.period_gap_diagnostics),
    Rule(codes.G207, ledgers.unapproved_matter_diagnostics),
    Rule(codes.G208, amounts.amount_magnitude_diagnostics),
    Rule(codes.G209, ledgers.fund_payout_matter_diagnostics),
    Rule(codes.G210, ledgers.fund_payout_vote_diagnostics),
    Rule(codes.G301, votes.verdict_diagnostics),
    Rule(codes.G302, votes.participation_diagnostics),
    Rule(codes.G303, votes.tally_sum_diagnostics),
    Rule(codes.G304, votes.kind_item_diagnostics),
    Rule(codes.G305, votes.eligible_diagnostics),
    Rule(codes.G306, votes.status_diagnostics),
    Rule(codes.G307, votes.missing_step_diagnostics),
    Rule(codes.G308, votes.objection_window_diagnostics),
    Rule(codes.G309, votes.final_difference_diagnostics),
    Rule(codes.G310, votes.objection_calendar_diagnostics),
    Rule(codes.G311, votes.void_vote_status_diagnostics),
    Rule(codes.G401, publicity.publicity_length_diagnostics),
    Rule(codes.G402, publicity.unknown_calendar_diagnostics),
    Rule(codes.G403, publicity.decision_publication_diagnostics),
    Rule(codes.G404, publicity.holiday_calendar_diagnostics),
    Rule(codes.G501, organizations.size_diagnostics),
    Rule(codes.G502, organizations.independence_diagnostics),
    Rule(codes.G503, organizations.party_owner_ratio_diagnostics),
    Rule(codes.G504, organizations.ending_soon_diagnostics),
    Rule(codes.G505, organizations.ended_diagnostics),
    Rule(codes.G510, pilot.reported_members_diagnostics),
    Rule(codes.G511, pilot.mediation_total_diagnostics),
    Rule(codes.G512, pilot.duplicate_step_diagnostics),
    Rule(codes.G513, pilot.late_step_diagnostics),
    Rule(codes.G514, pilot.overdue_step_diagnostics),
    Rule(codes.G515, surveys.responses_diagnostics),
    Rule(codes.G516, surveys.answers_diagnostics),
    Rule(codes.G517, pilot.old_party_member_diagnostics),
    Rule(codes.G601, schedules.double_booking_diagnostics),
    Rule(codes.G602, schedules.shift_time_diagnostics),
    Rule(codes.G603, schedules.team_kind_diagnostics),
    Rule(codes.G701, privacy.resident_id_diagnostics),
    Rule(codes.G702, privacy.mobile_number_diagnostics),
    Rule(codes.G703, privacy.bank_card_diagnostics),
    Rule(codes.G704, privacy.aid_recipient_diagnostics),
    Rule(codes.G705, privacy.commit_subject_diagnostics),
    Rule(codes.G801, corrections.uncorrected_change_diagnostics),
    Rule(codes.G802, corrections.correction_value_diagnostics),
    Rule(codes.G803, corrections.unmatched_correction_diagnostics),
)


@collector_paused()
def run_rules(project: Project, rules: Iterable[Rule] = RULES) -> list[Diagnostic]:
    """Every rule over the project; a rule's own diagnostics must carry its own code."""
    found: list[Diagnostic] = []
    for rule in rules:
        try:
            found.extend(rule.check(project))
        except Exception as error:  # a crashing rule is a bug report, not a crash
            where = traceback.extract_tb(error.__traceback__)[-1]
            found.append(
                codes.G901.at(
                    Span(project.config.file),
                    f"检查 {rule.code.code}（{rule.code.title}）运行出错，已跳过："
                    f"{type(error).__name__} 于 {where.name}:{where.lineno}。"
                    "这不是你的错，请把这条信息报告给维护者。",
                )
            )
    return found
