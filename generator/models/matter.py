"""A major matter (重大事项): proposal, publicity, the owners' vote and what became of it."""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from generator.models.common import (
    Area,
    Correction,
    Count,
    IsoDate,
    Model,
    Prose,
    RecordId,
    Text,
    Yuan,
)
from generator.models.document import Document
from generator.models.pilot import AffairLevel

MatterCategory = Literal[
    "maintenance_fund",
    "property_contract",
    "public_income",
    "renovation",
    "rules",
    "election",
    "other",
]
MatterStatus = Literal[
    "proposed",
    "publicized",
    "voting",
    "approved",
    "rejected",
    "implementing",
    "completed",
    "withdrawn",
]
VoteKind = Literal["special", "ordinary"]
DecisionResult = Literal["approved", "rejected", "quorum_not_met"]
DecisionStage = Literal["preliminary", "final"]

STATUS_NAMES: dict[str, str] = {
    "proposed": "提议中",
    "publicized": "公示中",
    "voting": "表决中",
    "approved": "已通过",
    "rejected": "未通过",
    "implementing": "实施中",
    "completed": "已完成",
    "withdrawn": "已撤回",
}
RESULT_NAMES: dict[str, str] = {
    "approved": "通过",
    "rejected": "未通过",
    "quorum_not_met": "参与表决人数不足，表决无效",
}
STAGE_NAMES: dict[str, str] = {"preliminary": "初步结果", "final": "最终结果"}


class TimelineEvent(Model):
    date: IsoDate = Field(title="日期", description="发生的日期。")
    event: Text = Field(title="事件", description="发生了什么，如 业委会会议提出方案。")


class Publicity(Model):
    start: IsoDate = Field(title="公示开始", description="张贴公示的日期（首日不计入公示期）。")
    end: IsoDate = Field(title="公示结束", description="公示期的最后一天。")
    place: Text = Field(title="公示地点", description="如 各单元公示栏、小区微信群。")


class Tally(Model):
    owners: Count = Field(title="户数", description="业主人数（户）。")
    area_m2: Area = Field(title="面积", description="专有部分面积（平方米）。")


class Vote(Model):
    kind: VoteKind = Field(
        title="表决类型",
        description="special：第二百七十八条第一款第六至八项，需双四分之三；ordinary：其余各项，需双过半。",
    )
    item: int = Field(
        title="法条项", description="《民法典》第二百七十八条第一款的第几项（1–9）。", ge=1, le=9
    )
    eligible: Tally = Field(title="有表决权", description="有表决权的业主户数和专有部分面积。")
    participated: Tally = Field(title="参与表决", description="参与表决的户数和面积。")
    agreed: Tally = Field(title="同意", description="同意的户数和面积。")
    opposed: Tally = Field(title="反对", description="反对的户数和面积。")
    abstained: Tally = Field(title="弃权", description="弃权的户数和面积。")
    method: Text | None = Field(
        None, title="表决方式", description="如 书面征求意见、业主大会现场表决。"
    )


class PreliminaryResult(Model):
    """The preliminary result as it was posted, kept on the final decision that followed it.

    The final result may differ (votes rechecked after objections); keeping the
    preliminary figures lets a resident, and `gongshi check`, see what changed.
    """

    date: IsoDate = Field(title="初步结果日期", description="初步计票完成的日期。")
    published: IsoDate | None = Field(
        None,
        title="初步结果公布日期",
        description="张贴初步结果的日期，不写则为计票当天；询异期从这天的第二天起算。",
    )
    result: DecisionResult = Field(
        title="初步结果",
        description="approved 通过；rejected 未通过；quorum_not_met 参与人数不足。",
    )
    participated: Tally | None = Field(
        None, title="初步参与表决", description="初步结果公布的参与表决户数和面积。"
    )
    agreed: Tally | None = Field(None, title="初步同意", description="初步结果公布的同意票。")
    opposed: Tally | None = Field(None, title="初步反对", description="初步结果公布的反对票。")
    abstained: Tally | None = Field(None, title="初步弃权", description="初步结果公布的弃权票。")

    @property
    def posted(self) -> datetime.date:
        """The day residents could first see it: the objection window counts from the next day."""
        return self.published or self.date


class Decision(Model):
    """The owners' result, staged as the e-decision platforms publish it: preliminary, 询异期, final.

    `stage` defaults to `final`: before stages existed a decision was posted as the
    outcome (the site printed it as 结果, the poster as 表决结果公示), so every record
    written then keeps meaning exactly that. A result still open to objection must
    say `preliminary`; its final successor keeps it under `preliminary`.
    """

    date: IsoDate = Field(title="决定日期", description="计票完成、作出决定的日期。")
    result: DecisionResult = Field(
        title="结果", description="approved 通过；rejected 未通过；quorum_not_met 参与人数不足。"
    )
    published: IsoDate | None = Field(None, title="公布日期", description="张贴表决结果的日期。")
    stage: DecisionStage = Field(
        "final",
        title="结果阶段",
        description="preliminary 初步结果（询异期内，业主可以提出异议，结果还可能变）；"
        "final 最终结果。不写即为 final：分阶段公布以前写下的结果，都是作为定论公布的。",
    )
    preliminary: PreliminaryResult | None = Field(
        None,
        title="初步结果",
        description="最终结果之前公布过的初步结果（日期、结论和票数），照当时公布的写，不要再改。",
    )
    explanation: Text | None = Field(
        None,
        title="差异说明",
        description="最终结果的结论或票数与初步结果不同时，写明原因，如 询异期内复核，剔除重复投票 2 张。",
    )

    @property
    def objection_opened(self) -> datetime.date | None:
        """The day the preliminary result was posted, from which the 询异期 counts; None if never staged."""
        if self.stage == "preliminary":
            return self.published or self.date
        return self.preliminary.posted if self.preliminary else None

    @field_validator("preliminary")
    @classmethod
    def _preliminary_only_on_a_final_result(
        cls, value: PreliminaryResult | None, info: ValidationInfo
    ) -> PreliminaryResult | None:
        if value is not None and info.data.get("stage") == "preliminary":
            raise PydanticCustomError(
                "gongshi_stage",
                "stage 是 preliminary（初步结果）时，decision 里写的就是初步结果，不要再写 preliminary。"
                "询异期结束、公布最终结果时，把初步结果移到 preliminary 下，并把 stage 改为 final。",
            )
        return value


class Feedback(Model):
    contact: Text = Field(title="联系人", description="收集意见的组织或人。")
    phone: Text | None = Field(
        None, title="电话", description="收集意见的电话（办公电话或登记为可公开的号码）。"
    )
    deadline: IsoDate | None = Field(None, title="截止日期", description="意见反馈的截止日期。")


def _feedback_in_words(value: Any) -> Any:
    """`feedback: 业委会办公室` says whom to ask, the one field it needs: kept as its contact."""
    if isinstance(value, str):
        return {"contact": value.strip()} if value.strip() else None
    return value


class Matter(Model):
    id: RecordId = Field(title="编号", description="网址里用的编号，如 lift-renewal-2026。")
    title: Text = Field(title="标题", description="事项标题，如 使用专项维修资金更换 5 栋电梯。")
    category: MatterCategory = Field(
        title="类别",
        description="maintenance_fund 维修资金；property_contract 物业合同；public_income 公共收益；"
        "renovation 改造；rules 规约；election 选举；other 其他。",
    )
    status: MatterStatus = Field(
        title="状态",
        description="proposed 提议中；publicized 公示中；voting 表决中；approved 已通过；"
        "rejected 未通过；implementing 实施中；completed 已完成；withdrawn 已撤回。",
    )
    level: AffairLevel | None = Field(
        None,
        title="事务层级",
        description="按“五个事务”分：neighbors 邻里事务；unit 单元事务；building 楼宇事务；"
        "estate 小区事务；community 社区事务（要社区或街道出面的）。",
    )
    summary: Prose = Field(title="内容", description="事项的说明（可用 Markdown）。")
    proposed_by: RecordId | None = Field(
        None, title="提出组织", description="提出或发布此事项的组织 id。"
    )
    budget: Yuan | None = Field(None, title="预算", description="预算金额（元）。")
    timeline: tuple[TimelineEvent, ...] = Field((), title="进程", description="事项的每一步。")
    publicity: Publicity | None = Field(None, title="公示期", description="公示的起止日期和地点。")
    vote: Vote | None = Field(None, title="表决", description="业主表决的票数。")
    decision: Decision | None = Field(None, title="决定", description="表决结果。")
    documents: tuple[Document, ...] = Field(
        (), title="相关文件", description="合同、验收记录、会议纪要等。"
    )
    feedback: Annotated[
        Feedback | None,
        BeforeValidator(_feedback_in_words, json_schema_input_type=str | Feedback | None),
    ] = Field(
        None,
        title="意见反馈",
        description="对本事项有异议时找谁、到哪天：分项写 contact、phone、deadline，"
        "或只写找谁，如 feedback: 业委会办公室（6 栋一楼）。",
    )
    notice_number: Text | None = Field(
        None,
        title="文号",
        description="公示的发文字号（可不写），如 翠湖业委〔2026〕5号，印在海报标题下。",
    )
    corrections: tuple[Correction, ...] = Field(
        (), title="更正记录", description="已公布的数字、日期、人员等被改动时，每次改动写一条。"
    )
