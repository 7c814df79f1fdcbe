"""The parts of the pilot plans kept as figures: the community's type, its 党群服务站,
Party members as counts, the five levels of affairs, mediation cases, the seven pilot
steps and the 六老.

Everything about people here is a count, never a list of names: the pilot plans ask for
a roster of Party members and a register of disputes, but those stay with the branch and
the mediation team; the site and the board only ever show how many.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.models.common import Count, IsoDate, Model, Period, Text

CommunityType = Literal[
    "managed_estate",
    "employer_housing",
    "transferred_enterprise",
    "abandoned_estate",
    "old_estate",
    "resettlement",
]
COMMUNITY_TYPE_NAMES: dict[str, str] = {
    "managed_estate": "物管小区",
    "employer_housing": "机关企事业单位附属家属区",
    "transferred_enterprise": "改制企业整建制移交小区",
    "abandoned_estate": "弃管小区",
    "old_estate": "老旧小区",
    "resettlement": "村改社区后的安置小区",
}
"""The six kinds of community of the sub-district plan (三、(一)), in its order."""

AffairLevel = Literal["neighbors", "unit", "building", "estate", "community"]
AFFAIR_LEVEL_NAMES: dict[str, str] = {
    "neighbors": "邻里事务",
    "unit": "单元事务",
    "building": "楼宇事务",
    "estate": "小区事务",
    "community": "社区事务",
}
"""The "五个事务" of the city plan, from the smallest to the largest."""

SixElder = Literal[
    "old_party_member", "old_cadre", "old_soldier", "old_professor", "old_expert", "old_model"
]
SIX_ELDER_NAMES: dict[str, str] = {
    "old_party_member": "老党员",
    "old_cadre": "老干部",
    "old_soldier": "老战士",
    "old_professor": "老教授",
    "old_expert": "老专家",
    "old_model": "老模范",
}
"""The 六老 the city plan asks every body to draw in."""

PilotStepName = Literal[
    "publicize",
    "survey",
    "found_party_organization",
    "strengthen_bodies",
    "found_volunteer_teams",
    "regular_operation",
    "review",
]
PILOT_STEP_NAMES: dict[str, str] = {
    "publicize": "宣传发动",
    "survey": "情况摸排",
    "found_party_organization": "成立党组织",
    "strengthen_bodies": "建强“三个主体”",
    "found_volunteer_teams": "成立志愿服务队伍",
    "regular_operation": "规范运行",
    "review": "总结推广",
}
"""The seven steps of the city plan's 四、实施步骤, in their order."""

MEDIATION_OUTCOME_NAMES: dict[str, str] = {
    "resolved": "调解成功",
    "referred": "转交社区或有关部门",
    "pending": "正在调解",
    "failed": "调解不成",
}


class ServiceStation(Model):
    """The 党群服务站 the sub-district plan asks every community to set up."""

    name: Text = Field("党群服务站", title="名称", description="如 翠湖花园小区党群服务站。")
    place: Text = Field(title="地点", description="如 6 栋一楼（物业服务用房改造）。")
    hours: Text = Field(title="开放时间", description="如 工作日 8:30–12:00，14:30–17:30。")
    services: tuple[Text, ...] = Field(
        (), title="服务项目", description="站里能办的事，一项一行，如 党员报到、矛盾调解。"
    )
    phone: Text | None = Field(None, title="电话", description="办公座机，如 0734-82653100。")


class PartyMembers(Model):
    """The branch's Party members as counts only: never a roster of names."""

    as_of: IsoDate = Field(title="统计日期", description="这些人数是哪一天的，如 2026-11-30。")
    registered: Count = Field(title="在册党员", description="组织关系在本小区党组织的党员人数。")
    unregistered: Count = Field(
        title="非在册党员",
        description="组织关系不在本小区、但住在本小区的党员人数（如机关、学校、企事业单位的党员）。",
    )
    reported: Count = Field(
        0,
        title="已报到",
        description="非在册党员中已到本小区党组织报到的人数，不能多于非在册党员。",
    )
    volunteer_hours: Count = Field(
        0, title="志愿服务时长", description="党员参加小区志愿服务的总小时数（取整）。"
    )
    volunteers: Count | None = Field(
        None, title="参加志愿服务的党员", description="参加过小区志愿服务的党员人数。"
    )


class LevelCounts(Model):
    neighbors: Count = Field(0, title="邻里事务", description="邻里之间的事，如 楼上漏水。")
    unit: Count = Field(0, title="单元事务", description="一个单元的事，如 单元门禁。")
    building: Count = Field(0, title="楼宇事务", description="一栋楼的事，如 电梯、外墙。")
    estate: Count = Field(0, title="小区事务", description="全小区的事，如 停车、物业服务。")
    community: Count = Field(0, title="社区事务", description="要社区或街道出面的事，如 市政管网。")


class OutcomeCounts(Model):
    resolved: Count = Field(0, title="调解成功", description="达成和解的件数。")
    referred: Count = Field(0, title="转交", description="转交社区人民调解委员会或有关部门的件数。")
    pending: Count = Field(0, title="正在调解", description="期末尚未办结的件数。")
    failed: Count = Field(0, title="调解不成", description="调解不成、引导走法律途径的件数。")


class MediationCases(Model):
    """One period's cases of the mediation team, as counts by level and by outcome."""

    period: Period = Field(title="统计期间", description="如 start: 2026-07-01, end: 2026-09-30。")
    received: Count = Field(title="受理件数", description="这一期间受理的纠纷件数。")
    by_level: LevelCounts = Field(
        default_factory=LevelCounts,
        title="按事务层级",
        description="受理件数按“五个事务”分：neighbors 邻里、unit 单元、building 楼宇、"
        "estate 小区、community 社区事务；各项之和应等于受理件数。",
    )
    by_outcome: OutcomeCounts = Field(
        default_factory=OutcomeCounts,
        title="按结果",
        description="受理件数按结果分：resolved 调解成功、referred 转交、pending 正在调解、"
        "failed 调解不成；各项之和应等于受理件数。",
    )


class PilotStep(Model):
    step: PilotStepName = Field(
        title="步骤",
        description="publicize 宣传发动；survey 情况摸排；found_party_organization 成立党组织；"
        "strengthen_bodies 建强“三个主体”；found_volunteer_teams 成立志愿服务队伍；"
        "regular_operation 规范运行；review 总结推广。",
    )
    deadline: IsoDate = Field(title="完成期限", description="试点方案要求的完成日期。")
    completed: IsoDate | None = Field(
        None, title="完成日期", description="实际完成的日期；尚未完成的不写。"
    )
    note: Text | None = Field(
        None, title="说明", description="做了什么，或为什么推迟，如 监委会经业主大会选举产生。"
    )


class Pilot(Model):
    """The seven steps of the community's party-building pilot, with deadlines and dates."""

    plan: Text = Field(
        title="试点方案", description="所依据的方案名称，如 xx市小区党建模式试点工作方案。"
    )
    steps: tuple[PilotStep, ...] = Field(
        (), title="实施步骤", description="七个步骤，按方案的顺序一步一项。"
    )


__all__ = [
    "AFFAIR_LEVEL_NAMES",
    "COMMUNITY_TYPE_NAMES",
    "MEDIATION_OUTCOME_NAMES",
    "PILOT_STEP_NAMES",
    "SIX_ELDER_NAMES",
    "AffairLevel",
    "CommunityType",
    "LevelCounts",
    "MediationCases",
    "OutcomeCounts",
    "PartyMembers",
    "Pilot",
    "PilotStep",
    "ServiceStation",
    "SixElder",
]
