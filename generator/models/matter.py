"""A major matter (重大事项): proposal, publicity, the owners' vote and what became of it."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

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


class Decision(Model):
    date: IsoDate = Field(title="决定日期", description="计票完成、作出决定的日期。")
    result: DecisionResult = Field(
        title="结果", description="approved 通过；rejected 未通过；quorum_not_met 参与人数不足。"
    )
    published: IsoDate | None = Field(None, title="公布日期", description="张贴表决结果的日期。")


class Feedback(Model):
    contact: Text = Field(title="联系人", description="收集意见的组织或人。")
    phone: Text | None = Field(
        None, title="电话", description="收集意见的电话（办公电话或登记为可公开的号码）。"
    )
    deadline: IsoDate | None = Field(None, title="截止日期", description="意见反馈的截止日期。")


class Document(Model):
    title: Text = Field(title="文件名", description="如 电梯更换合同、竣工验收记录。")
    kind: Text | None = Field(
        None, title="类别", description="如 contract 合同、acceptance 验收、minutes 会议纪要。"
    )
    date: IsoDate | None = Field(None, title="日期", description="文件的日期。")
    url: Text | None = Field(None, title="链接", description="站内文件路径或链接。")


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
    feedback: Feedback | None = Field(
        None, title="意见反馈", description="对本事项有异议时找谁、到哪天。"
    )
    corrections: tuple[Correction, ...] = Field(
        (), title="更正记录", description="已公布的数字、日期、人员等被改动时，每次改动写一条。"
    )
