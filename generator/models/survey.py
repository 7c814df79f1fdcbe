"""A self-assessment or a questionnaire (自查评估、调查问卷): its questions and how many chose what.

The city plan's last step (总结推广) judges the pilot "通过自查评估、调查问卷等方式". Only
counts are kept: who answered what stays on the paper forms.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.models.common import Correction, Count, Model, Period, Prose, RecordId, Text

SurveyKind = Literal["questionnaire", "self_assessment"]
SURVEY_KIND_NAMES: dict[str, str] = {
    "questionnaire": "调查问卷",
    "self_assessment": "自查评估",
}

QuestionKind = Literal["single", "multiple"]
QUESTION_KIND_NAMES: dict[str, str] = {"single": "单选", "multiple": "多选"}


class Option(Model):
    label: Text = Field(title="选项", description="如 满意、基本满意、不满意。")
    count: Count = Field(title="人数", description="选这一项的份数。")


class Question(Model):
    text: Text = Field(title="题目", description="如 您对小区物业服务是否满意？")
    kind: QuestionKind = Field(
        "single",
        title="题型",
        description="single 单选（每份只选一项，各项人数之和不能多于回收份数）；"
        "multiple 多选（每项人数都不能多于回收份数）。",
    )
    options: tuple[Option, ...] = Field((), title="选项和人数", description="每个选项一行。")


class Survey(Model):
    """One survey or self-assessment with its results, one file each."""

    id: RecordId = Field(
        title="编号", description="网址里用的编号：小写字母、数字和连字符，如 satisfaction-2026。"
    )
    kind: SurveyKind = Field(
        title="类别", description="questionnaire 调查问卷；self_assessment 自查评估。"
    )
    title: Text = Field(title="标题", description="如 小区党建工作居民满意度调查。")
    conducted_by: RecordId = Field(
        title="组织单位", description="组织这次调查的组织的 id，如 party-branch。"
    )
    period: Period = Field(title="调查期间", description="发放到收回的起止日期。")
    distributed: Count = Field(title="发放份数", description="发出的问卷或评估表份数。")
    responses: Count = Field(title="回收份数", description="收回的有效份数，不能多于发放份数。")
    questions: tuple[Question, ...] = Field((), title="题目", description="每道题一项。")
    summary: Prose | None = Field(
        None, title="结论", description="调查发现了什么、下一步怎么改（可用 Markdown）。"
    )
    corrections: tuple[Correction, ...] = Field(
        (), title="更正记录", description="已公布的数字、日期等被改动时，每次改动写一条。"
    )
