"""A survey's answers never outnumber its answer sheets."""

from __future__ import annotations

from collections.abc import Iterator

from generator import codes
from generator.diagnostics import Diagnostic
from generator.project import Project


def responses_diagnostics(project: Project) -> Iterator[Diagnostic]:
    """G515: more sheets back than were handed out."""
    for item in project.surveys:
        survey = item.record
        if survey.responses <= survey.distributed:
            continue
        yield codes.G515.at(
            item.span("responses"),
            f"回收 {survey.responses} 份，多于发放的 {survey.distributed} 份。"
            "请核对发放登记和收回的答卷，改正其中一个数。",
            survey.id,
        )


def answers_diagnostics(project: Project) -> Iterator[Diagnostic]:
    """G516: a single-choice question's answers, or any one option's, exceed the responses."""
    for item in project.surveys:
        survey = item.record
        for q, question in enumerate(survey.questions):
            if question.kind == "single":
                total = sum(option.count for option in question.options)
                if total > survey.responses:
                    yield codes.G516.at(
                        item.source.key_span("questions", q, "options"),
                        f"第 {q + 1} 题是单选题，各选项人数合计 {total}，多于回收的 "
                        f"{survey.responses} 份。每份答卷只选一项，合计最多等于回收份数"
                        "（没答这题的不计）。请核对统计表；如果这题可以多选，写 kind: multiple。",
                        survey.id,
                    )
                continue
            for o, option in enumerate(question.options):
                if option.count > survey.responses:
                    yield codes.G516.at(
                        item.span("questions", q, "options", o, "count"),
                        f"第 {q + 1} 题的选项「{option.label}」有 {option.count} 人选，"
                        f"多于回收的 {survey.responses} 份。请核对统计表。",
                        survey.id,
                    )
