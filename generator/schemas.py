"""JSON Schemas of the record formats, for the editor's completion, hover help and checks.

Made for the Red Hat YAML extension of VS Code (redhat.vscode-yaml), which reads
JSON Schema draft-07 (its documented draft; newer ones only in its latest releases)
plus VS Code's own `enumDescriptions` and `patternErrorMessage`. The schemas must agree
with `gongshi check` on what is allowed, so they are shaped from the models:

- A value may be typed as the editor's YAML parser sees it: `1.20` is a number and
  `"1.20"` a string, and `check` takes both (the loader keeps every scalar as text);
  each form's string choice uses the parser's own pattern (`models.common.WrittenAs`).
- Added fields are the secretary's (PRODUCT.md): no object forbids other keys. The
  typos `check` warns of (G103) are not guessed here.
- Every object has a Chinese title, every choice value a Chinese description.

`check` stays the authority: what a schema cannot say (a period's closing balance,
a vote's thresholds, a date's year range) only `check` reports.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.models import Ledger, Matter, Organization, Schedule, SiteConfig, Survey
from generator.models.common import FLAG_WORDS, WRITTEN_AS, WRITTEN_PATTERNS
from generator.models.config import RATIO_PATTERN, CommandLanguage
from generator.models.ledger import AccountKind, EntryType
from generator.models.matter import (
    DecisionResult,
    DecisionStage,
    MatterCategory,
    MatterStatus,
    VoteKind,
)
from generator.models.organization import OrganizationKind
from generator.models.pilot import (
    AFFAIR_LEVEL_NAMES,
    COMMUNITY_TYPE_NAMES,
    PILOT_STEP_NAMES,
    SIX_ELDER_NAMES,
    AffairLevel,
    CommunityType,
    PilotStepName,
    SixElder,
)
from generator.models.survey import QUESTION_KIND_NAMES, QuestionKind, SurveyKind

DRAFT = "http://json-schema.org/draft-07/schema#"

SCHEMA_FILES: tuple[tuple[str, type[BaseModel], str], ...] = (
    ("site_config.schema.json", SiteConfig, "site_config.yml"),
    ("organization.schema.json", Organization, "content/organizations/*.yml"),
    ("ledger.schema.json", Ledger, "content/funds/*.yml"),
    ("matter.schema.json", Matter, "content/matters/*.yml"),
    ("schedule.schema.json", Schedule, "content/volunteers/*.yml"),
    ("survey.schema.json", Survey, "content/surveys/*.yml"),
)

OBJECT_HELP: Mapping[str, tuple[str, str]] = {
    "SiteConfig": ("小区与网站设置", "site_config.yml：小区的基本情况、公示网站和各项检查的门槛。"),
    "Community": ("小区", "小区的名称、地址、业主户数和专有部分总面积。"),
    "Site": ("网站", "公示网站的网址、语言、页脚的联系方式和公开数据的许可协议。"),
    "License": ("许可协议", "公开数据按什么协议发布：SPDX 编号，其他协议再写名称和网址。"),
    "Rules": ("检查规则", "各项检查的门槛，不写则用默认值；天数和比例请写明出处。"),
    "SizeRange": ("人数范围", "成员人数的下限和上限。"),
    "YearCalendar": ("一年的节假日", "国务院公布的该年放假日和调休上班日。"),
    "Privacy": ("隐私", "隐私检查的设置。"),
    "CommandLine": ("命令行", "gongshi 命令本身的设置，只影响运行命令时看到的提示，不影响网站。"),
    "LogSettings": ("公示日志", "公示日志检查点的签名公钥；私钥只放在 CI 的密钥里，不进仓库。"),
    "Contact": ("联系方式", "电话、地址、办公时间、邮箱。"),
    "Period": ("期间", "起止日期，两头都算在内。"),
    "Correction": ("一条更正", "已公布的数字被改动时写明：哪一项、原值、新值、日期和原因。"),
    "Organization": (
        "组织",
        "小区党组织、业委会、监委会、物业公司或志愿服务队，一个文件一个组织。",
    ),
    "Member": ("成员", "一位成员的姓名和职务；不写身份证号、手机号。"),
    "Contract": ("物业服务合同", "物业公司的合同期、服务内容和收费标准。"),
    "Ledger": ("账目", "一个账户一期的收支，一个文件一期。"),
    "Entry": ("一笔收支", "日期、收入或支出、类别、金额和摘要。"),
    "BalanceCheck": ("对账", "银行对账单或现金盘点的余额，账面余额必须与之相符。"),
    "Matter": ("重大事项", "提议、公示、业主表决和结果，一个文件一件事项。"),
    "TimelineEvent": ("进程中的一步", "哪天发生了什么。"),
    "Publicity": ("公示期", "张贴公示的起止日期和地点。"),
    "Vote": (
        "表决",
        "《民法典》第二百七十八条的表决：有表决权、参与、同意、反对、弃权的户数和面积。",
    ),
    "Tally": ("户数和面积", "业主户数和专有部分面积（平方米）。"),
    "Decision": ("表决结果", "计票日期、结论和公布日期；分初步结果和最终结果。"),
    "PreliminaryResult": ("初步结果", "最终结果之前公布过的初步结果，照当时公布的写。"),
    "Feedback": ("意见反馈", "对事项有异议时找谁、打什么电话、到哪天为止。"),
    "Document": (
        "相关文件",
        "合同、验收记录、会议纪要、凭证等文件：写 title，文件放在 content/documents/ 里的写 file，"
        "在别处公布的写 url。",
    ),
    "Schedule": ("排班表", "一支志愿服务队的班次，一个文件一支队伍。"),
    "Shift": ("班次", "一次性的活动（date），或每周重复的班次（weekdays、from、until）。"),
    "ServiceStation": ("党群服务站", "小区党群服务站的名称、地点、开放时间、服务项目和电话。"),
    "PartyMembers": (
        "党员情况",
        "在册、非在册、已报到党员的人数和志愿服务时长；只写人数，不写名单。",
    ),
    "MediationCases": (
        "一期调解情况",
        "一个统计期间受理的纠纷件数，按“五个事务”层级和调解结果分；不写当事人。",
    ),
    "LevelCounts": (
        "按事务层级的件数",
        "邻里、单元、楼宇、小区、社区事务各有几件，合计应等于受理件数。",
    ),
    "OutcomeCounts": ("按结果的件数", "调解成功、转交、正在调解、调解不成各有几件。"),
    "Pilot": ("试点进度", "小区党建试点的方案名称和七个实施步骤。"),
    "PilotStep": ("试点的一个步骤", "步骤、方案要求的完成期限、实际完成日期和说明。"),
    "Survey": (
        "调查或自查评估",
        "一次调查问卷或自查评估：发放和回收份数、每道题的选项和人数，一个文件一次。",
    ),
    "Question": ("一道题", "题目、单选或多选，和每个选项的人数。"),
    "Option": ("一个选项", "选项的文字和选它的份数。"),
}
"""The Chinese title and description of every object, shown by the editor's hover help."""

SURVEY_KIND_HELP: Mapping[str, str] = {
    "questionnaire": "调查问卷：向居民发放，了解满意度和意见",
    "self_assessment": "自查评估：对照试点方案逐项自查打分",
}

CHOICE_HELP: tuple[tuple[Any, Mapping[str, str]], ...] = (
    (
        OrganizationKind,
        {
            "party_organization": "小区党组织：书记、副书记、委员（“1+3+5”中的“1”）",
            "owners_committee": "业主委员会：业主大会选举产生，执行业主大会的决定",
            "supervisory_committee": "监督委员会：监督业委会、公共收支和物业服务，3–5 名委员",
            "property_company": "物业公司：按合同提供保安、保洁、保修等服务",
            "volunteer_team": "志愿服务队：调解、文体、未成年人辅导、扶贫帮困、环保等",
            "other": "其他组织",
        },
    ),
    (EntryType, {"income": "收入", "expense": "支出"}),
    (
        CommunityType,
        {
            **COMMUNITY_TYPE_NAMES,
            "managed_estate": "物管小区：既有业主委员会又有物业公司",
            "abandoned_estate": "弃管小区：商业开发后无人管理的小区",
        },
    ),
    (AffairLevel, AFFAIR_LEVEL_NAMES),
    (SixElder, SIX_ELDER_NAMES),
    (PilotStepName, PILOT_STEP_NAMES),
    (SurveyKind, SURVEY_KIND_HELP),
    (QuestionKind, {k: f"{v}题" for k, v in QUESTION_KIND_NAMES.items()}),
    (
        AccountKind,
        {
            "party_funds": "党建工作经费：上级下拨、党费返还、社会捐助等",
            "public_income": "公共收益：停车费、广告费、场地租金等共有部分的收入，归全体业主",
            "maintenance_fund": "专项维修资金：每笔支出要引用经业主表决同意使用维修资金的事项，"
            "应急使用的写 emergency: true",
            "other": "其他资金（不写即为 other）",
        },
    ),
    (CommandLanguage, {"zh": "简体中文（默认）", "en": "英文（English）"}),
    (
        MatterCategory,
        {
            "maintenance_fund": "专项维修资金：筹集或使用",
            "property_contract": "物业服务合同：选聘、续聘或解聘物业公司",
            "public_income": "公共收益：停车、广告、租金等共有部分的收入",
            "renovation": "改造和维修工程",
            "rules": "管理规约、议事规则",
            "election": "选举：业委会、监委会的选举和换届",
            "other": "其他事项",
        },
    ),
    (
        MatterStatus,
        {
            "proposed": "提议中：方案已提出，还没有公示",
            "publicized": "公示中：在公示期内，业主可以提意见",
            "voting": "表决中：业主正在投票",
            "approved": "已通过：表决通过",
            "rejected": "未通过：表决没有通过",
            "implementing": "实施中：通过后正在施工或执行",
            "completed": "已完成：已验收或办结",
            "withdrawn": "已撤回：提议方撤回了方案",
        },
    ),
    (
        VoteKind,
        {
            "special": "特别表决：第二百七十八条第一款第六至八项（筹集维修资金、改建重建、"
            "改变共有部分用途或利用其经营），同意的面积和人数都要达到参与表决的四分之三以上",
            "ordinary": "一般表决：其余各项，同意的面积和人数都要超过参与表决的一半",
        },
    ),
    (
        DecisionResult,
        {
            "approved": "通过",
            "rejected": "未通过：参与表决的人数够了，同意票不够",
            "quorum_not_met": "表决无效：参与表决的面积或人数不到三分之二（不是“未通过”）",
        },
    ),
    (
        DecisionStage,
        {
            "preliminary": "初步结果：询异期内，业主可以提出异议，结果还可能变",
            "final": "最终结果：询异期已过，或不分阶段公布的结果",
        },
    ),
)
"""The Chinese description of every choice value, shown on completion and hover."""

_PATTERN_MESSAGES: Mapping[str, str] = {
    "date": "日期请写成 2026-03-01 这样的格式（年-月-日）。",
    "amount": "金额请写成 1234.50 这样的数字：不带“元”、“¥”、逗号或空格，最多两位小数。",
    "area": "面积请写成 12865.40 这样的平方米数，不带单位，最多四位小数。",
    "time": '时间请写成 "16:30" 这样的 24 小时制时间（加引号）。',
    "id": "编号只能用小写英文字母、数字和连字符（-），如 lift-renewal-2026。",
    "count": "请只写数字，如 312。",
    "ratio": "比例请写成 1/2 或 50% 这样的形式。",
    "flag": "请写 true（是）或 false（否）。",
}
_NUMBER_LIMITS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")
_ANNOTATIONS = ("title", "description", "default", "examples")


def record_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The editor's schema of one record type (draft-07)."""
    generated = model.model_json_schema(
        mode="validation", by_alias=True, ref_template="#/definitions/{model}"
    )
    definitions = generated.pop("$defs", {})
    schema = {"$schema": DRAFT, **_help_first(_object_help(_for_editor(generated), model.__name__))}
    if definitions:
        schema["definitions"] = {
            name: _help_first(_object_help(_for_editor(definition), name))
            for name, definition in definitions.items()
        }
    return schema


def _object_help(schema: dict[str, Any], name: str) -> dict[str, Any]:
    if name not in OBJECT_HELP:
        raise KeyError(f"OBJECT_HELP has no Chinese title for {name}")
    title, description = OBJECT_HELP[name]
    return {**schema, "title": title, "description": description}


def _for_editor(node: Any) -> Any:
    if isinstance(node, list):
        return [_for_editor(item) for item in node]
    if not isinstance(node, dict):
        return node
    if WRITTEN_AS in node:
        return _written_form(node)
    shaped = {key: _for_editor(value) for key, value in node.items()}
    if shaped.get("additionalProperties") is False:
        del shaped["additionalProperties"]  # added fields are the secretary's
    if "enum" in shaped and "enumDescriptions" not in shaped:
        shaped["enumDescriptions"] = _choice_descriptions(shaped["enum"])
    if "anyOf" in shaped:  # `Yuan | None`: one list of choices, not a choice of lists
        shaped["anyOf"] = [
            choice
            for branch in shaped["anyOf"]
            for choice in (branch["anyOf"] if set(branch) == {"anyOf"} else [branch])
        ]
    return _help_first(shaped)


def _help_first(node: dict[str, Any]) -> dict[str, Any]:
    """Title and description first, as a person reading the file looks for them."""
    first: dict[str, Any] = {key: node[key] for key in ("title", "description") if key in node}
    return {**first, **{key: value for key, value in node.items() if key not in first}}


def _written_form(node: dict[str, Any]) -> dict[str, Any]:
    """The choices of one typed value, with the annotations and limits pydantic gave it."""
    shaped = {key: node[key] for key in _ANNOTATIONS if key in node}
    return {**shaped, **_form_schema(node[WRITTEN_AS], _number_limits(node))}


def _number_limits(node: dict[str, Any]) -> dict[str, Any]:
    """The limits pydantic gave a typed value, on it or on its number choice."""
    limits = {key: node[key] for key in _NUMBER_LIMITS if key in node}
    for branch in node.get("anyOf", ()):
        if branch.get("type") in ("number", "integer"):
            limits.update({key: branch[key] for key in _NUMBER_LIMITS if key in branch})
    return limits


def _text(form: str, pattern: str) -> dict[str, Any]:
    return {"type": "string", "pattern": pattern, "patternErrorMessage": _PATTERN_MESSAGES[form]}


def _form_schema(form: str, limits: dict[str, Any]) -> dict[str, Any]:
    if form == "text":
        return {"type": ["string", "number", "boolean"]}
    if form in ("date", "time", "id"):
        schema = _text(form, WRITTEN_PATTERNS[form])
        return {**schema, "format": "date"} if form == "date" else schema
    if form == "amount":
        pattern = WRITTEN_PATTERNS["amount"]
        if limits.get("minimum", -1) >= 0:
            pattern = pattern.replace("^-?", "^", 1)
        number = {"type": "number", **limits, "multipleOf": 0.01}
        return {"anyOf": [number, _text(form, pattern)]}
    if form == "area":
        number = {"type": "number", "minimum": 0, **limits}
        return {"anyOf": [number, _text(form, WRITTEN_PATTERNS["area"])]}
    if form == "count":
        integer = {"type": "integer", "minimum": 0, **limits}
        return {"anyOf": [integer, _text(form, WRITTEN_PATTERNS["count"])]}
    if form == "ratio":
        number = {"type": "number", "minimum": 0, "maximum": 1}
        return {"anyOf": [number, _text(form, RATIO_PATTERN)]}
    if form == "flag":  # completion offers true/false; the other words are still read
        words = sorted(FLAG_WORDS[0] | FLAG_WORDS[1], key=lambda word: (-len(word), word))
        pattern = "^(?:" + "|".join(_any_case(word) for word in words) + ")$"
        return {"anyOf": [{"type": "boolean"}, _text(form, pattern)]}
    raise ValueError(f"no schema for values written as {form!r}")


def _any_case(word: str) -> str:
    """A pattern for `word` in any letter case, as `check` reads it (ECMA regexes have no
    inline flag for that)."""
    return "".join(f"[{c.upper()}{c.lower()}]" if c.upper() != c.lower() else c for c in word)


def _choice_descriptions(values: list[Any]) -> list[str]:
    for choice, help_by_value in CHOICE_HELP:
        if set(typing.get_args(choice)) == set(values):
            return [help_by_value[value] for value in values]
    raise KeyError(f"CHOICE_HELP has no Chinese descriptions for the choices {values}")


DATA_AMOUNT_PATTERN = r"^-?\d+\.\d{2}$"
"""An amount in the open data: a decimal string exact to the fen, always two decimals."""

_DATA_FORMS: Mapping[str, dict[str, Any]] = {
    "text": {"type": "string"},
    "date": {"type": "string", "format": "date", "pattern": WRITTEN_PATTERNS["date"]},
    "time": {"type": "string", "pattern": r"^(?:[01]\d|2[0-3]):[0-5]\d$"},
    "id": {"type": "string", "pattern": WRITTEN_PATTERNS["id"]},
    "amount": {"type": "string", "pattern": DATA_AMOUNT_PATTERN},
    "area": {"type": "string", "pattern": WRITTEN_PATTERNS["area"]},
    "count": {"type": "integer", "minimum": 0},
    "flag": {"type": "boolean"},
}
"""Each typed value as the open data writes it: one form, not the editor's choice of forms.

Amounts and areas are decimal strings, as the records hold them (`Decimal` from the
typed text): a JSON number is a binary float to most readers, and 0.10 is not one.
Times are `"16:30"`, without seconds, as a notice writes them (JSON Schema's `time`
format would ask for seconds and a time zone, so it is a pattern here)."""


def open_data_schema(model: type[BaseModel], title: str, description: str) -> dict[str, Any]:
    """The schema of one open-data JSON file: an array of records as `model_dump(mode="json")`
    writes them, None left out. Stricter than the editor's: one form per value, no added
    fields, so a reader can rely on it."""
    generated = model.model_json_schema(
        mode="validation", by_alias=True, ref_template="#/definitions/{model}"
    )
    definitions = generated.pop("$defs", {})
    definitions[model.__name__] = generated
    return {
        "$schema": DRAFT,
        "title": title,
        "description": description,
        "type": "array",
        "items": {"$ref": f"#/definitions/{model.__name__}"},
        "definitions": {
            name: _help_first(_object_help(_for_data(definition), name))
            for name, definition in sorted(definitions.items())
        },
    }


def _for_data(node: Any) -> Any:
    if isinstance(node, list):
        return [_for_data(item) for item in node]
    if not isinstance(node, dict):
        return node
    if WRITTEN_AS in node:
        return _data_form(node)
    shaped: dict[str, Any] = {
        key: {name: _for_data(field) for name, field in value.items()}
        if key == "properties"  # field names, in the model's order, not schema keywords
        else _for_data(value)
        for key, value in node.items()
        if key != "default"
    }
    if "enum" in shaped and "enumDescriptions" not in shaped:
        shaped["enumDescriptions"] = _choice_descriptions(shaped["enum"])
    if "anyOf" in shaped:  # None is left out of the data, so null is never a choice
        choices = [branch for branch in shaped.pop("anyOf") if branch != {"type": "null"}]
        if len(choices) == 1:
            shaped = {**choices[0], **shaped}
        else:
            shaped["anyOf"] = choices
    return _help_first(shaped)


def _data_form(node: dict[str, Any]) -> dict[str, Any]:
    form, limits = node[WRITTEN_AS], _number_limits(node)
    shaped: dict[str, Any] = {key: node[key] for key in ("title", "description") if key in node}
    if form not in _DATA_FORMS:
        raise ValueError(f"no open-data schema for values written as {form!r}")
    data = dict(_DATA_FORMS[form])
    if form == "amount" and limits.get("minimum", -1) >= 0:
        data["pattern"] = data["pattern"].replace("^-?", "^", 1)
    elif form == "count":
        data.update(limits)
    return {**shaped, **data}


def write_schemas(folder: Path) -> list[Path]:
    """Write one schema per record type plus `vscode-settings.json` mapping them to files."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    associations: dict[str, str] = {}
    for name, model, pattern in SCHEMA_FILES:
        path = folder / name
        path.write_text(
            json.dumps(record_schema(model), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        written.append(path)
        shown = folder.as_posix() if folder.is_absolute() else f"./{folder.as_posix()}"
        associations[f"{shown}/{name}"] = pattern
    settings = folder / "vscode-settings.json"
    settings.write_text(
        json.dumps({"yaml.schemas": associations}, ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )
    written.append(settings)
    return written
