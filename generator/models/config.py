"""`site_config.yml`: the community, the site, and the thresholds rules enforce.

Like MkDocs' config schema, every setting is declared once here with its
description and default; `gongshi schema` and the secretaries' guide read them.
Thresholds name their legal source because cities differ.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from fractions import Fraction
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from generator.models.common import (
    FIRST_YEAR,
    LAST_YEAR,
    Area,
    ContactField,
    Count,
    Flag,
    IsoDate,
    Model,
    Text,
    WrittenAs,
    check_number_size,
)
from generator.models.pilot import CommunityType, ServiceStation

_RATIO = re.compile(r"^\d{1,6}(\.\d{1,6})?%?$|^\d{1,6}/\d{1,6}$")
_YEAR = re.compile(r"^\d{4}$")


def _parse_ratio(value: Any) -> Any:
    written = str(value).strip()
    check_number_size(written, "比例", 6)
    if not _RATIO.match(written):
        raise PydanticCustomError(
            "gongshi_ratio",
            "「{text}」不是比例。请写成 1/2 或 50% 这样的形式。",
            {"text": written},
        )
    text = written.rstrip("%")
    try:
        ratio = Fraction(text) / (100 if str(value).strip().endswith("%") else 1)
    except (ValueError, ZeroDivisionError):
        raise PydanticCustomError(
            "gongshi_ratio",
            "「{text}」不是比例。请写成 1/2 或 50% 这样的形式。",
            {"text": str(value)},
        ) from None
    if not 0 <= ratio <= 1:
        raise PydanticCustomError("gongshi_ratio", "比例应在 0 到 1（0% 到 100%）之间。", {})
    return ratio


Ratio = Annotated[Fraction, BeforeValidator(_parse_ratio), WrittenAs("ratio")]
RATIO_PATTERN = _RATIO.pattern


def _parse_year(value: Any) -> Any:
    text = str(value).strip()
    if not _YEAR.match(text) or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise PydanticCustomError(
            "gongshi_year",
            "「{text}」不是年份。请写四位数的公历年份，如 2027。",
            {"text": text},
        )
    return int(text)


Year = Annotated[int, BeforeValidator(_parse_year)]


class Community(Model):
    name: Text = Field(title="小区名称", description="如 翠湖花园小区。")
    address: Text = Field(title="地址", description="小区所在地址。")
    owners: Count = Field(title="业主户数", description="有表决权的业主总数（户），表决的分母。")
    total_area_m2: Area = Field(
        title="专有部分总面积", description="全体业主专有部分面积之和（平方米），表决的分母。"
    )
    buildings: Count | None = Field(None, title="楼栋数", description="楼栋数量。")
    street: Text | None = Field(None, title="所属街道", description="如 xx 街道。")
    neighborhood: Text | None = Field(None, title="所属社区", description="如 xx 社区居委会。")
    type: CommunityType | None = Field(
        None,
        title="小区类型",
        description="按街道小区党建方案的分类：managed_estate 物管小区；employer_housing "
        "机关企事业单位附属家属区；transferred_enterprise 改制企业整建制移交小区；"
        "abandoned_estate 弃管小区；old_estate 老旧小区；resettlement 村改社区后的安置小区。",
    )
    service_station: ServiceStation | None = Field(
        None, title="党群服务站", description="小区党群服务站的地点、开放时间和服务项目。"
    )


KNOWN_LICENSES: dict[str, tuple[str, str]] = {
    "CC-BY-4.0": (
        "知识共享署名 4.0 国际许可协议（CC BY 4.0）",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    "CC-BY-SA-4.0": (
        "知识共享署名-相同方式共享 4.0 国际许可协议（CC BY-SA 4.0）",
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    "CC0-1.0": (
        "知识共享 CC0 1.0 公共领域贡献（CC0 1.0）",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
    "ODC-BY-1.0": (
        "开放数据共享署名许可协议（ODC-By 1.0）",
        "https://opendatacommons.org/licenses/by/1-0/",
    ),
    "ODbL-1.0": (
        "开放数据库许可协议（ODbL 1.0）",
        "https://opendatacommons.org/licenses/odbl/1-0/",
    ),
    "PDDL-1.0": (
        "开放数据共享公共领域贡献和许可协议（PDDL 1.0）",
        "https://opendatacommons.org/licenses/pddl/1-0/",
    ),
}
"""The open licences a secretary can name by their id alone: title and address filled in."""

DEFAULT_LICENSE = "CC-BY-4.0"


class License(Model):
    """The licence of the open data, as a Frictionless Data Package names it."""

    name: Text = Field(
        DEFAULT_LICENSE,
        title="许可协议编号",
        description="许可协议的 SPDX 编号，默认 CC-BY-4.0（知识共享署名 4.0：任何人都可以使用、"
        "转载和加工，注明出自本小区公示网站即可）。写 " + "、".join(KNOWN_LICENSES) + " 之一时，"
        "名称和网址会自动填上；写其他协议时请同时写 title 和 path。",
    )
    title: Text | None = Field(
        None, title="许可协议名称", description="协议的全称，如 知识共享署名 4.0 国际许可协议。"
    )
    path: Text | None = Field(
        None,
        title="许可协议网址",
        description="协议全文的网址，如 https://creativecommons.org/licenses/by/4.0/。",
    )

    def full_title(self) -> str:
        known = KNOWN_LICENSES.get(self.name)
        return self.title or (known[0] if known else self.name)

    def full_path(self) -> str | None:
        known = KNOWN_LICENSES.get(self.name)
        return self.path or (known[1] if known else None)


class Site(Model):
    url: Text = Field(
        title="网址", description="公示网站的地址，以 / 结尾，海报上的二维码指向这里。"
    )
    language: Text = Field("zh", title="语言", description="网站语言，默认 zh（简体中文）。")
    title: Text | None = Field(None, title="网站标题", description="默认为“小区名称 + 信息公示”。")
    contact: ContactField | None = Field(
        None,
        title="联系方式",
        description="网站页脚显示的联系方式：分项写 phone、address、hours、email，或写成一句话。",
    )
    license: License = Field(
        default_factory=License,
        title="公开数据许可协议",
        description="公开数据（网站 data/ 文件夹里的 JSON、CSV）按什么协议发布，写进 "
        "datapackage.json，并显示在“公开数据与核对”页。不写则为 CC-BY-4.0。",
    )


class SizeRange(Model):
    min: Count = Field(title="最少", description="最少人数。")
    max: Count = Field(title="最多", description="最多人数。")
    odd: Flag = Field(
        False, title="须为单数", description="true 表示人数必须是单数（便于表决不出现平票）。"
    )
    source: Text = Field("", title="依据", description="规定的出处。")


def _size(low: int, high: int, source: str, odd: bool = False) -> Any:
    return Field(
        default_factory=lambda: SizeRange(min=low, max=high, odd=odd, source=source),
        title="人数范围",
        description=f"成员人数的范围，默认 {low}–{high} 人（{source}）。",
    )


class Rules(Model):
    """Thresholds of the checks. Defaults follow the pilot plans and common city rules."""

    publicity_min_days: Count = Field(
        7, le=365, title="公示期最少天数", description="重大事项公示期的最少天数，默认 7 日。"
    )
    publicity_source: Text = Field(
        "《民法典》第二百零一条、第二百零三条计算期间；天数依所在城市物业管理条例，常见为 7 日",
        title="公示期依据",
        description="公示期天数的出处，显示在公示和检查信息里。",
    )
    decision_publish_days: Count = Field(
        3, le=365, title="决定公布时限", description="作出决定后多少日内公布，默认 3 日。"
    )
    decision_publish_source: Text = Field(
        "《业主大会和业主委员会指导规则》第三十九条第二款（业主委员会的决定自作出之日起 3 日内公告）、"
        "第三十六条第（二）项（业主大会和业主委员会的决定应当向业主公布）",
        title="决定公布时限依据",
        description="决定公布时限的出处，显示在公开情况报告（gongshi report）和网站的公开情况页上。"
        "所在城市的物业管理条例另有规定的，请改为该规定的天数，并写明文件名和条款。",
    )
    ledger_due_days: Count = Field(
        15,
        ge=1,
        le=365,
        title="账目公布时限",
        description="每个季度结束后多少日内公布该季度的收支账目，默认 15 日。"
        "过了时限还没有公布的季度账目，公开情况报告（gongshi report）列为逾期。",
    )
    ledger_due_source: Text = Field(
        "本小区议事规则",
        title="账目公布时限依据",
        description="账目公布时限的出处，显示在公开情况报告和网站的公开情况页上。"
        "《民法典》第二百八十一条第一款、第九百四十三条和《业主大会和业主委员会指导规则》"
        "第三十六条只要求定期公布维修资金、共有部分收益和工作经费的收支，没有规定天数；"
        "默认 15 日是本小区议事规则的约定，不是法规。所在城市另有规定的，"
        "请改为该规定的天数，并写明文件名和条款。",
    )
    objection_days: Count = Field(
        7,
        ge=1,
        le=365,
        title="询异期天数",
        description="表决初步结果公布后，业主可以提出异议的天数（询异期），期满才能公布最终结果，默认 7 日。",
    )
    objection_source: Text = Field(
        "本小区议事规则",
        title="询异期依据",
        description="询异期天数的出处，显示在网站和海报上。没有查到可以引用的国家或地方规定，"
        "默认 7 日是本小区议事规则的约定，不是法规；所在城市的电子投票规则另有规定的，"
        "请改为该规定的天数，并写明文件名和条款。期间按《民法典》第二百零一条、第二百零三条计算。",
    )
    term_warning_days: Count = Field(
        90,
        le=3650,
        title="到期提醒天数",
        description="任期、合同到期前多少天开始提醒，默认 90 天。",
    )
    party_organization_size: SizeRange = _size(3, 7, "试点方案：党组织委员 3 至 7 名")
    owners_committee_size: SizeRange = _size(
        5, 11, "业主大会和业主委员会指导规则：5 至 11 人单数", odd=True
    )
    supervisory_committee_size: SizeRange = _size(3, 5, "试点方案：监督委员会设委员 3 至 5 名")
    party_owner_ratio: Ratio = Field(
        Fraction(1, 2),
        title="班子中业主党员比例",
        description="小区党组织班子成员中业主或业委会委员中的党员所占比例下限，默认 1/2（试点方案：50% 以上）。",
    )
    min_group_size: Count = Field(
        3,
        ge=1,
        le=100,
        title="最少公布人数",
        description="人数、件数少于这个数时，网站和海报只写“少于 N”，以免从统计数字认出具体的人"
        "（党员人数、调解件数、问卷选项、六老人数），默认 3。",
    )
    aid_categories: tuple[Text, ...] = Field(
        ("帮扶慰问", "困难帮扶", "慰问", "救助"),
        title="帮扶类别",
        description="这些类别的收支不得写出受助人姓名（counterparty）。",
    )
    aid_keywords: tuple[Text, ...] = Field(
        (
            "帮扶",
            "慰问",
            "救助",
            "扶贫",
            "帮困",
            "助困",
            "困难户",
            "困难家庭",
            "低保",
            "特困",
            "贫困",
            "残疾",
            "孤寡",
            "结对",
        ),
        title="帮扶关键词",
        description="类别或队名含这些词的收支和志愿服务队、以及含这些词的句子，不得写出受助人姓名。",
    )


class YearCalendar(Model):
    rest_days: tuple[IsoDate, ...] = Field(
        (), title="放假日", description="国务院公布的该年法定节假日放假日期（含调休放假的日子）。"
    )
    working_days: tuple[IsoDate, ...] = Field(
        (), title="调休上班日", description="该年周末调休上班的日期。"
    )


class Privacy(Model):
    public_numbers: tuple[Text, ...] = Field(
        (),
        title="可公开号码",
        description="经本人同意公开的手机号码（如物业值班手机），其他手机号一律不得公开。",
    )


_VERIFIER_KEY = re.compile(r"^([^\s+]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$")


def _parse_verifier_key(value: Any) -> Any:
    """A C2SP signed-note verifier key for Ed25519 (see generator/log/note.py), checked whole."""
    text = str(value).strip()
    match = _VERIFIER_KEY.match(text)
    problem = None
    if match is None:
        problem = "格式不对：应是「名称+8 位十六进制编号+base64」三段，用 + 号连接"
    else:
        name, key_id, encoded = match.groups()
        try:
            material = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            material = b""
        if len(material) != 33 or material[0] != 1:
            problem = "最后一段不是 Ed25519 公钥（base64 解码后应是类型字节 0x01 加 32 字节）"
        elif hashlib.sha256(name.encode() + b"\n" + material).hexdigest()[:8] != key_id:
            problem = "第二段（密钥编号）与公钥不符，可能抄错或漏抄了一部分"
    if problem:
        raise PydanticCustomError(
            "gongshi_log_key",
            "公钥{problem}。请把 python -m generator.log.keys 打印的 public_key 一行原样复制过来。",
            {"problem": problem},
        )
    return text


VerifierKey = Annotated[str, BeforeValidator(_parse_verifier_key)]


class LogSettings(Model):
    public_key: VerifierKey | None = Field(
        None,
        title="公示日志公钥",
        description="给公示日志检查点签名的 Ed25519 公钥（C2SP signed-note 的 vkey 格式，如 "
        "cuihu.example.org/log+1a2b3c4d+AQ…）。私钥只放在 CI 的机密变量 GONGSHI_LOG_KEY 里，"
        "不写进仓库。用 python -m generator.log.keys 生成一对。",
    )


CommandLanguage = Literal["zh", "en"]


class CommandLine(Model):
    """Settings of the `gongshi` command itself: what the secretary sees, never the site."""

    language: CommandLanguage = Field(
        "zh",
        title="提示语言",
        description="gongshi 命令的帮助、检查结果的框架文字（文件、合计、提示）和问题标题用哪种语言："
        "zh 简体中文（默认），en 英文。运行时写 --lang 可以临时改用另一种。网站和海报始终是中文。",
    )


class SiteConfig(Model):
    community: Community = Field(title="小区", description="小区的基本情况。")
    site: Site = Field(title="网站", description="公示网站的设置。")
    rules: Rules = Field(
        default_factory=Rules, title="检查规则", description="各项检查的门槛，不写则用默认值。"
    )
    holiday_calendar: dict[Year, YearCalendar] = Field(
        default_factory=dict,
        title="节假日补充",
        description="节假日数据包还不知道的年份：按国务院通知填写放假日和调休上班日，键为年份。",
    )
    privacy: Privacy = Field(default_factory=Privacy, title="隐私", description="隐私检查的设置。")
    log: LogSettings = Field(
        default_factory=LogSettings,
        title="公示日志",
        description="公开的只增日志（网站的 log/ 文件夹）的设置：签名用的公钥。",
    )
    established: IsoDate | None = Field(None, title="建站日期", description="开始公示的日期。")
    command_line: CommandLine = Field(
        default_factory=CommandLine,
        title="命令行",
        description="gongshi 命令本身的设置，只影响在电脑上运行命令时看到的提示，不影响网站。",
    )
