"""Organizations: the Party core, the three bodies and the volunteer teams ("1 + 3 + 5+")."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.models.common import (
    ContactField,
    Correction,
    FeeTable,
    Flag,
    IsoDate,
    Model,
    Period,
    Prose,
    RecordId,
    Text,
)
from generator.models.pilot import MediationCases, PartyMembers, Pilot, SixElder

OrganizationKind = Literal[
    "party_organization",
    "owners_committee",
    "supervisory_committee",
    "property_company",
    "volunteer_team",
    "other",
]

KIND_NAMES: dict[str, str] = {
    "party_organization": "小区党组织",
    "owners_committee": "业主委员会",
    "supervisory_committee": "监督委员会",
    "property_company": "物业公司",
    "volunteer_team": "志愿服务队",
    "other": "其他组织",
}


class Member(Model):
    name: Text = Field(
        title="姓名", description="成员姓名。只公开姓名和职务，不写身份证号、手机号。"
    )
    role: Text = Field(title="职务", description="如 书记、主任、委员、队长、队员、项目经理。")
    party_member: Flag = Field(False, title="是否党员", description="true 表示中共党员。")
    owner: Flag = Field(
        False,
        title="是否业主",
        description="true 表示本小区业主，用于核算党组织班子中业主党员的比例。",
    )
    also: tuple[RecordId, ...] = Field(
        (), title="交叉任职", description="此人同时任职的其他组织的 id，如 [owners-committee]。"
    )
    since: IsoDate | None = Field(None, title="任职起始", description="开始担任此职务的日期。")
    note: Text | None = Field(None, title="备注", description="如 退休教师、法律工作者。")
    six_elders: tuple[SixElder, ...] = Field(
        (),
        title="六老",
        description="此人属于“六老”中的哪几类（可写多个），如 [old_party_member, old_cadre]："
        "old_party_member 老党员；old_cadre 老干部；old_soldier 老战士；old_professor 老教授；"
        "old_expert 老专家；old_model 老模范。网站只公布各类人数。",
    )


class Contract(Model):
    """A property company's service contract, the basis of its fees and renewal."""

    start: IsoDate = Field(title="合同开始", description="物业服务合同的开始日期。")
    end: IsoDate = Field(title="合同结束", description="物业服务合同的结束日期。")
    services: tuple[Text, ...] = Field(
        (), title="服务内容", description="如 保安、保洁、保修、绿化。"
    )
    fees: FeeTable = Field(
        default_factory=dict,
        title="收费标准",
        description="收费项目及单价（元），一项一行，如 住宅物业费（元/平方米·月）: 1.20；"
        "也可以写成一句话，如 fees: 住宅 1.20 元/平方米·月，商铺 2.00 元/平方米·月。",
    )


class Organization(Model):
    """One body of the community's governance, with who serves in it and what it answers for."""

    id: RecordId = Field(
        title="编号", description="网址里用的编号：小写字母、数字和连字符，如 owners-committee。"
    )
    kind: OrganizationKind = Field(
        title="类别",
        description="party_organization 小区党组织；owners_committee 业主委员会；"
        "supervisory_committee 监督委员会；property_company 物业公司；"
        "volunteer_team 志愿服务队；other 其他。",
    )
    name: Text = Field(title="名称", description="组织的全称，如 翠湖花园小区业主委员会。")
    established: IsoDate | None = Field(
        None, title="成立日期", description="组织成立或选举产生的日期。"
    )
    term: Period | None = Field(None, title="任期", description="本届任期的起止日期。")
    duties: tuple[Text, ...] = Field((), title="责任清单", description="本组织的职责，一条一行。")
    contact: ContactField | None = Field(
        None,
        title="联系方式",
        description="居民找这个组织的办法：分项写 phone、address、hours、email，"
        "或写成一句话，如 contact: 物业服务中心一楼 0734-1234567。",
    )
    members: tuple[Member, ...] = Field((), title="成员", description="成员名单。")
    contract: Contract | None = Field(
        None, title="物业服务合同", description="物业公司专用：合同期、服务内容和收费。"
    )
    summary: Prose | None = Field(
        None, title="简介", description="一两句话介绍本组织（可用 Markdown）。"
    )
    notice_number: Text | None = Field(
        None,
        title="文号",
        description="公示的发文字号（可不写），如 翠湖业委〔2026〕5号，印在海报标题下。",
    )
    party_members: PartyMembers | None = Field(
        None,
        title="党员情况",
        description="小区党组织专用：在册、非在册、已报到党员的人数和志愿服务时长。只写人数，不写名单。",
    )
    cases: tuple[MediationCases, ...] = Field(
        (),
        title="调解情况",
        description="矛盾纠纷志愿调解队专用：每个统计期间一项，写受理件数及按事务层级、按结果的件数，"
        "不写当事人姓名。",
    )
    pilot: Pilot | None = Field(
        None,
        title="试点进度",
        description="小区党组织专用：小区党建试点的七个步骤、完成期限和完成日期。",
    )
    corrections: tuple[Correction, ...] = Field(
        (), title="更正记录", description="已公布的数字、日期、人员等被改动时，每次改动写一条。"
    )
