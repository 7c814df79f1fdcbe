"""A large synthetic community written as the YAML a secretary would write, for benchmarks.

`write_community(folder, years=10, seed=1)` writes a "ten-year community": site_config.yml,
the "1 + 3 + 5" organizations, three fund accounts with monthly or quarterly ledgers
(about 1,200 entries a year), about 50 major matters a year in every status, and about 300
volunteer shifts a year. The same seed always writes the same bytes.

Everything is built to pass `gongshi check` without errors, and the arithmetic is done here
independently of `generator/` so that the check verifies it rather than repeats it: ledgers
add up to the fen with `Decimal`-exact integer cents and follow each other without gaps,
bank balance checks hold, expenses citing a matter stay within its budget, every vote
declares the result Civil Code art. 278 gives, every publicity period runs its lawful length
(arts. 201 and 203, with `chinese_calendar`), and nobody is on two shifts on the same day.
Data ends in 2025 so that every date is in a year the holiday package knows.

`shape="long-text"` writes the same community as a secretary who writes a lot would:
matters whose summaries run to several paragraphs and whose timeline events are whole
sentences, ledger entries described in a long sentence, bodies with their own account of
themselves, and volunteer teams of forty. The figures are the same kind; only the free
text (what the privacy and text rules read and Pagefind indexes) grows, so a benchmark
that looked fast on short text cannot flatter itself.

    python bench/synthetic.py OUT_DIR [--years 10] [--seed 1] [--shape long-text]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import chinese_calendar

LAST_YEAR = 2025
"""The data ends on 31 December of this year; `years` counts back from it."""

OWNERS = 1286
AREA_CENTI_M2 = 12_865_040
"""128,650.40 m² of exclusive area, in hundredths of a square metre to keep votes exact."""

PUBLICITY_DAYS = 7
COMMUNITY = "枫林湾小区"
OFFICE_PHONE = "0731-8562 3300"
PLACES = ("各单元公示栏", "小区东门公示栏、业主微信群", "党群服务站公示栏")

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾"
)
GIVEN_NAMES = (  # noqa: SIM905 - fifty names read better as one text than as fifty lines
    "建国 秀英 桂兰 志强 海燕 丽华 明 伟 芳 娜 敏 静 磊 军 洋 勇 艳 杰 涛 超 霞 平 刚 桂英 玉兰 "
    "淑珍 德明 红梅 晓东 春燕 文华 国庆 卫东 建华 小红 子涵 雨轩 浩然 思远 佳怡 淑芬 永福 凤英 "
    "振华 美玲 金凤 立新 宏伟 秋菊 德胜"
).split()


# --- YAML as people write it ------------------------------------------------------------


class Flow(dict[str, Any]):
    """A mapping written on one line, `{start: 2026-01-01, end: 2026-03-31}`."""


class FlowList(list[Any]):
    """A list written on one line, `[1, 3, 5]`."""


_NEEDS_QUOTES = re.compile(r"[:#,\[\]{}&*!|>'\"%@`\\]|^[-?~ ]|\s$|^$")


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date | int):
        return str(value)
    text = str(value)
    return json.dumps(text, ensure_ascii=False) if _NEEDS_QUOTES.search(text) else text


class Raw(str):
    """Text already written as YAML (a quoted time), emitted as is."""


def _time(minutes: int) -> Raw:
    """A clock time, quoted as the format asks: `"16:30"`."""
    return Raw(f'"{minutes // 60:02d}:{minutes % 60:02d}"')


def _inline(value: Any) -> str:
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, Flow):
        return (
            "{" + ", ".join(f"{k}: {_inline(v)}" for k, v in value.items() if v is not None) + "}"
        )
    if isinstance(value, FlowList):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    return _scalar(value)


def _lines(mapping: dict[str, Any], indent: str = "") -> Iterator[str]:
    for key, value in mapping.items():
        if value is None:
            continue
        if isinstance(value, Flow | FlowList | Raw) or not isinstance(value, dict | list):
            if isinstance(value, str) and "\n" in value:
                yield f"{indent}{key}: |"
                yield from (f"{indent}  {line}" if line else "" for line in value.split("\n"))
            else:
                yield f"{indent}{key}: {_inline(value)}"
        elif isinstance(value, dict):
            yield f"{indent}{key}:"
            yield from _lines(value, indent + "  ")
        else:
            yield f"{indent}{key}:"
            for item in value:
                if isinstance(item, dict) and not isinstance(item, Flow):
                    inner = list(_lines(item, indent + "    "))
                    yield f"{indent}  - {inner[0].lstrip()}"
                    yield from inner[1:]
                else:
                    yield f"{indent}  - {_inline(item)}"


def _write(path: Path, comment: str, record: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = f"# {comment}\n\n" + "\n".join(_lines(record)) + "\n"
    path.write_text(text, encoding="utf-8")


# --- money, days, names -----------------------------------------------------------------


def _yuan(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"


def _cents(rng: random.Random, low_yuan: int, high_yuan: int, whole: bool = False) -> int:
    if whole:
        return rng.randint(low_yuan, high_yuan) * 100
    return rng.randint(low_yuan * 100, high_yuan * 100)


def _is_rest_day(day: date) -> bool:
    return bool(chinese_calendar.is_holiday(day))


def _lawful_publicity_end(start: date) -> date:
    """Arts. 201 and 203: the first day is not counted; a last day that is a rest day rolls on."""
    day = start + timedelta(days=PUBLICITY_DAYS)
    while _is_rest_day(day):
        day += timedelta(days=1)
    return day


def _next_working_day(day: date) -> date:
    while _is_rest_day(day):
        day += timedelta(days=1)
    return day


def _random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


class _Names:
    """Unique Chinese names, so that nobody is two people and no two people share a name."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def new(self) -> str:
        while True:
            name = self.rng.choice(SURNAMES) + self.rng.choice(GIVEN_NAMES)
            if name not in self.used:
                self.used.add(name)
                return name


# --- organizations ----------------------------------------------------------------------

TEAMS: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "mediation-team",
        "矛盾纠纷志愿调解队",
        ("邻里纠纷调解接待日", "停车纠纷现场调解", "楼道堆物劝导", "法律知识讲座"),
        ("党群服务站调解室", "地下车库入口", "党群服务站一楼"),
    ),
    (
        "culture-team",
        "文体活动志愿宣传队",
        ("广场舞排练", "垃圾分类宣传", "反诈宣传进楼栋", "文艺汇演排练", "书法进楼栋"),
        ("中心广场", "党群服务站二楼", "小区东门"),
    ),
    (
        "tutoring-team",
        "未成年人志愿辅导队",
        ("周末读书会", "安全教育课", "科学小实验", "书法兴趣课"),
        ("党群服务站二楼", "小区图书角"),
    ),
    (
        "aid-team",
        "扶贫帮困志愿服务队",
        ("走访独居老人", "爱心义剪", "为行动不便老人代购", "困难家庭慰问"),
        ("小区各楼栋", "党群服务站一楼", "中心广场"),
    ),
    (
        "environment-team",
        "环境保护志愿护卫队",
        ("楼道清理", "垃圾分类督导", "绿地认养补植", "车棚整理"),
        ("小区各楼栋", "垃圾分类投放点", "北侧绿地", "非机动车棚"),
    ),
)

DUTIES: dict[str, tuple[str, ...]] = {
    "party_organization": (
        "把方向、管大局、保落实，领导小区各类组织依法依规开展工作",
        "推动小区党员亮身份、作表率，组织党员参与志愿服务",
        "协调业委会、监委会和物业公司，化解小区矛盾纠纷",
    ),
    "owners_committee": (
        "召集业主大会会议，报告物业管理实施情况",
        "执行业主大会的决定，代表业主与物业服务企业签订合同",
        "每季度公布公共收益和专项维修资金收支",
    ),
    "supervisory_committee": (
        "监督业主委员会履职和公共资金收支",
        "审核每期账目并签署意见",
        "受理业主对物业服务的投诉，督促整改",
    ),
    "property_company": (
        "按合同提供秩序维护、保洁、绿化和公共设施维修服务",
        "每月公示停车费等公共收益的收取情况",
    ),
    "volunteer_team": ("按排班开展志愿服务", "活动前公示时间、地点和参与人员"),
}


@dataclass
class _People:
    party: list[str] = field(default_factory=list)
    owners_committee: list[str] = field(default_factory=list)
    supervisors: list[str] = field(default_factory=list)
    property_company: list[str] = field(default_factory=list)
    teams: dict[str, list[str]] = field(default_factory=dict)


def _organizations(
    rng: random.Random, names: _Names, first_year: int
) -> tuple[dict[str, dict[str, Any]], _People]:
    people = _People()
    secretary, deputy = names.new(), names.new()
    people.party = [secretary, deputy, names.new(), names.new(), names.new()]
    people.owners_committee = [secretary] + [names.new() for _ in range(6)]
    people.supervisors = [deputy] + [names.new() for _ in range(4)]
    people.property_company = [names.new() for _ in range(5)]
    established = date(first_year, 3, 18)
    contact = Flow(phone=OFFICE_PHONE, address="3 栋一楼党群服务站", hours="工作日 9:00–17:00")

    def body(
        org_id: str, kind: str, name: str, members: list[dict[str, Any]], **extra: Any
    ) -> dict[str, Any]:
        return {
            "id": org_id,
            "kind": kind,
            "name": name,
            "established": established,
            **extra,
            "duties": list(DUTIES[kind]),
            "contact": contact,
            "members": members,
        }

    def member(
        name: str,
        role: str,
        party: bool,
        owner: bool,
        also: tuple[str, ...] = (),
        since: date | None = None,
    ) -> Flow:
        return Flow(
            name=name,
            role=role,
            party_member=party,
            owner=owner,
            also=FlowList(also) if also else None,
            since=since,
        )

    term = Flow(start=date(2023, 6, 1), end=date(2028, 5, 31))
    committee_term = Flow(start=date(2024, 3, 16), end=date(2029, 3, 15))
    organizations = {
        "party-branch": body(
            "party-branch",
            "party_organization",
            f"{COMMUNITY}党支部",
            [
                member(secretary, "书记", True, True, ("owners-committee",), date(2023, 6, 1)),
                member(deputy, "副书记", True, True, ("supervisors",), date(2023, 6, 1)),
                member(people.party[2], "组织委员", True, True),
                member(people.party[3], "宣传委员", True, False),
                member(people.party[4], "纪检委员", True, True),
            ],
            term=term,
        ),
        "owners-committee": body(
            "owners-committee",
            "owners_committee",
            f"{COMMUNITY}业主委员会",
            [member(secretary, "主任", True, True, ("party-branch",))]
            + [
                member(n, "副主任" if i < 2 else "委员", rng.random() < 0.4, True)
                for i, n in enumerate(people.owners_committee[1:])
            ],
            term=committee_term,
        ),
        "supervisors": body(
            "supervisors",
            "supervisory_committee",
            f"{COMMUNITY}监督委员会",
            [member(deputy, "主任", True, True, ("party-branch",))]
            + [member(n, "委员", rng.random() < 0.3, True) for n in people.supervisors[1:]],
            term=committee_term,
        ),
        "property": body(
            "property",
            "property_company",
            "湘江恒安物业服务有限公司",
            [
                member(n, role, False, False)
                for n, role in zip(
                    people.property_company,
                    ("项目经理", "客服主管", "工程主管", "秩序维护队长", "保洁主管"),
                    strict=True,
                )
            ],
            contract={
                "start": date(2025, 1, 1),
                "end": date(2027, 12, 31),
                "services": FlowList(("秩序维护", "保洁", "绿化养护", "公共设施维修")),
                "fees": {
                    "住宅物业费（元/平方米·月）": "1.20",
                    "商铺物业费（元/平方米·月）": "2.50",
                },
            },
        ),
    }
    for team_id, team_name, _, _ in TEAMS:
        pool = [names.new() for _ in range(10)]
        people.teams[team_id] = pool
        organizations[team_id] = body(
            team_id,
            "volunteer_team",
            team_name,
            [member(pool[0], "队长", True, True)]
            + [member(n, "队员", rng.random() < 0.3, rng.random() < 0.8) for n in pool[1:]],
            summary=f"{team_name}由小区党员、退休教师和热心居民组成，按月排班开展志愿服务。",
        )
    return organizations, people


# --- matters ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Template:
    category: str
    item: int
    title: str
    summary: str
    budget: tuple[int, int] | None
    account: str | None
    done: str | None = None
    """How a matter without works is carried out; None: a contract, works and acceptance."""


TEMPLATES: tuple[_Template, ...] = (
    _Template(
        "maintenance_fund",
        5,
        "使用专项维修资金更换 {b} 栋 {u} 单元电梯",
        "{b} 栋 {u} 单元电梯已运行十五年以上，年检多次提出整改意见。拟使用专项维修资金更换为"
        "无机房乘客电梯，施工期间开放临时楼梯照明。",
        (280_000, 420_000),
        "maintenance-fund",
    ),
    _Template(
        "maintenance_fund",
        5,
        "使用专项维修资金维修 {b} 栋屋面防水",
        "{b} 栋顶层多户反映雨天渗水。经物业公司和第三方检测，屋面防水层老化开裂，拟整体翻新。",
        (60_000, 160_000),
        "maintenance-fund",
    ),
    _Template(
        "maintenance_fund",
        5,
        "使用专项维修资金维修 {b} 栋外墙空鼓",
        "{b} 栋外墙瓷砖空鼓脱落，存在高空坠物隐患。拟搭设脚手架，对空鼓部位铲除重贴。",
        (40_000, 140_000),
        "maintenance-fund",
    ),
    _Template(
        "maintenance_fund",
        5,
        "使用专项维修资金更换二次供水水泵",
        "小区二次供水泵房水泵运行噪声大、故障频繁。拟更换变频水泵两台，并清洗水箱。",
        (30_000, 80_000),
        "maintenance-fund",
    ),
    _Template(
        "maintenance_fund",
        5,
        "使用专项维修资金改造地下车库消防喷淋管道",
        "消防检查发现地下车库喷淋管道锈蚀，拟分区更换管道和喷头，施工期间分区停车。",
        (80_000, 220_000),
        "maintenance-fund",
    ),
    _Template(
        "maintenance_fund",
        6,
        "续筹专项维修资金方案",
        "小区专项维修资金余额低于首期交存额的百分之三十，拟按建筑面积续筹，每平方米 20 元。",
        None,
        None,
        "续筹方案报住房专项维修资金管理中心备案",
    ),
    _Template(
        "property_contract",
        4,
        "续聘物业服务企业",
        "现物业服务合同即将到期。监督委员会对物业服务进行了满意度测评，建议续聘三年，收费标准不变。",
        None,
        None,
        "签订物业服务合同并报街道备案",
    ),
    _Template(
        "property_contract",
        4,
        "公开选聘物业服务企业方案",
        "业主委员会拟通过公开招标选聘物业服务企业，招标文件和评分标准附后，请业主提出意见。",
        None,
        None,
        "公开招标，确定中标物业服务企业",
    ),
    _Template(
        "public_income",
        8,
        "利用东门空地设置智能快递柜",
        "拟在东门内侧空地设置智能快递柜两组，场地使用费归全体业主所有，纳入公共收益账户。",
        (8_000, 20_000),
        "public-income",
    ),
    _Template(
        "public_income",
        8,
        "利用北侧绿地划设临时停车位",
        "小区停车位紧张，拟将北侧部分绿地改为临时停车位 {n} 个，收取的停车费纳入公共收益。",
        (20_000, 60_000),
        "public-income",
    ),
    _Template(
        "public_income",
        8,
        "电梯轿厢广告位招租",
        "拟将全部电梯轿厢广告位公开招租三年，租金归全体业主所有，每季度公布收取情况。",
        None,
        None,
        "与广告公司签订三年租赁合同",
    ),
    _Template(
        "renovation",
        7,
        "改造小区主入口无障碍坡道",
        "主入口台阶无坡道，轮椅和婴儿车通行不便。拟改建为无障碍坡道并加装扶手。",
        (15_000, 45_000),
        "public-income",
    ),
    _Template(
        "renovation",
        7,
        "改建 {b} 栋架空层为居民活动室",
        "{b} 栋架空层长期闲置，拟改建为居民活动室，用于四点半课堂和老年人活动。",
        (30_000, 90_000),
        "public-income",
    ),
    _Template(
        "rules",
        2,
        "修订《管理规约》停车管理条款",
        "根据业主意见，拟修订管理规约中临时停车收费和消防通道停车的条款，修订对照表附后。",
        None,
        None,
        "修订后的管理规约公布施行",
    ),
    _Template(
        "rules",
        1,
        "修订《业主大会议事规则》",
        "拟增加线上表决方式，并明确书面征求意见的送达和计票办法。",
        None,
        None,
        "修订后的议事规则公布施行",
    ),
    _Template(
        "election",
        3,
        "增补业主委员会委员",
        "一名委员因搬离小区辞职，拟按议事规则增补委员一名，候选人名单附后。",
        None,
        None,
        "新任委员名单公示并报街道备案",
    ),
    _Template(
        "other",
        9,
        "垃圾分类投放点改造",
        "将小区六处垃圾桶点合并改造为四处带洗手池和雨棚的分类投放点。",
        (10_000, 40_000),
        "public-income",
    ),
    _Template(
        "other",
        9,
        "举办邻里节活动",
        "拟在国庆前后举办邻里节，包括百家宴、亲子运动会和文艺汇演，经费从公共收益列支。",
        (5_000, 15_000),
        "public-income",
    ),
)

STATUS_WEIGHTS = (
    ("completed", 48),
    ("implementing", 8),
    ("approved", 8),
    ("rejected", 12),
    ("withdrawn", 6),
)
IN_PROGRESS = ("proposed", "publicized", "voting")
PROPOSER_NAMES = {
    "owners-committee": "业主委员会",
    "party-branch": "小区党支部",
    "supervisors": "监督委员会",
    "property": "物业公司",
}
PROPOSERS = (
    "owners-committee",
    "owners-committee",
    "owners-committee",
    "party-branch",
    "supervisors",
    "property",
)


@dataclass(frozen=True)
class _Payment:
    """A payment to a contractor for an approved matter, booked in its account's ledger."""

    account: str
    day: date
    cents: int
    matter: str
    description: str
    counterparty: str


def _turnout_met(participated: int, eligible: int) -> bool:
    return participated * 3 >= eligible * 2


def _approval_met(agreed: int, participated: int, special: bool) -> bool:
    return agreed * 4 >= participated * 3 if special else agreed * 2 > participated


def _dimension(rng: random.Random, eligible: int, result: str, special: bool) -> tuple[int, int]:
    """(participated, agreed) on one dimension of a vote so that art. 278 gives `result`."""
    quorum = -(-eligible * 2 // 3)  # the least count that is at least two thirds
    if result == "quorum_not_met":
        participated = rng.randint(eligible // 2, quorum - 1)
        return participated, rng.randint(participated // 3, participated)
    participated = rng.randint(quorum, eligible * 95 // 100)
    least = (
        -(-participated * 3 // 4) if special else participated // 2 + 1
    )  # the least passing count
    if result == "approved":
        agreed = rng.randint(least, max(least, participated * 97 // 100))
    else:
        agreed = rng.randint(participated // 4, least - 1)
    assert _turnout_met(participated, eligible) == (result != "quorum_not_met")
    assert _approval_met(agreed, participated, special) == (result == "approved")
    return participated, agreed


def _tally(owners: int, area_centi: int) -> Flow:
    return Flow(owners=owners, area_m2=_yuan(area_centi))


def _vote(rng: random.Random, item: int, result: str) -> dict[str, Any]:
    special = item in (6, 7, 8)
    p_owners, a_owners = _dimension(rng, OWNERS, result, special)
    p_area, a_area = _dimension(rng, AREA_CENTI_M2, result, special)
    rest_owners, rest_area = p_owners - a_owners, p_area - a_area
    o_owners = rng.randint(0, rest_owners)
    o_area = rest_area * o_owners // rest_owners if rest_owners else 0
    return {
        "kind": "special" if special else "ordinary",
        "item": item,
        "method": rng.choice(
            ("书面征求意见", "业主大会现场表决与书面征求意见相结合", "线上表决与书面征求意见相结合")
        ),
        "eligible": _tally(OWNERS, AREA_CENTI_M2),
        "participated": _tally(p_owners, p_area),
        "agreed": _tally(a_owners, a_area),
        "opposed": _tally(o_owners, o_area),
        "abstained": _tally(rest_owners - o_owners, rest_area - o_area),
    }


def _matters(
    rng: random.Random, first_year: int, end: date, per_year: int
) -> tuple[dict[str, dict[str, Any]], list[_Payment]]:
    """Every matter's record, and the payments approved matters make from each account."""
    matters: dict[str, dict[str, Any]] = {}
    payments: list[_Payment] = []
    statuses, weights = zip(*STATUS_WEIGHTS, strict=True)
    for year in range(first_year, end.year + 1):
        year_end = min(date(year, 12, 31), end)
        days = sorted(
            _random_day(rng, date(year, 1, 1), year_end - timedelta(days=60))
            for _ in range(per_year)
        )
        for seq, proposed in enumerate(days, start=1):
            late = year == end.year and seq > per_year - len(IN_PROGRESS) * 2
            status = (
                IN_PROGRESS[seq % len(IN_PROGRESS)] if late else rng.choices(statuses, weights)[0]
            )
            if late:
                proposed = end - timedelta(days=rng.randint(25, 45))
            template = rng.choice(TEMPLATES)
            matter_id = f"{year}-{seq:03d}-{template.category.replace('_', '-')}"
            record, payment_plan = _matter(rng, matter_id, template, status, proposed, end)
            matters[matter_id] = record
            payments.extend(payment_plan)
    return matters, payments


def _matter(
    rng: random.Random, matter_id: str, template: _Template, status: str, proposed: date, end: date
) -> tuple[dict[str, Any], list[_Payment]]:
    """A matter that has got as far as `status` by `end`, and what it paid out on the way."""
    fill = {"b": rng.randint(1, 24), "u": rng.randint(1, 4), "n": rng.randint(12, 40)}
    title = template.title.format(**fill)
    summary = template.summary.format(**fill)
    budget = _cents(rng, *template.budget, whole=True) if template.budget else None
    proposer = rng.choice(PROPOSERS)
    timeline = [Flow(date=proposed, event=f"{PROPOSER_NAMES[proposer]}会议讨论，形成方案")]
    record: dict[str, Any] = {
        "id": matter_id,
        "title": title,
        "category": template.category,
        "status": status,
        "summary": f"## 事由\n\n{summary}\n\n## 意见反馈\n\n对方案有意见的业主，请在公示期内到党群服务站书面提出。",
        "proposed_by": proposer,
        "budget": _yuan(budget) if budget is not None else None,
        "timeline": timeline,
    }
    if status == "proposed":
        return record, []
    start = _next_working_day(proposed + timedelta(days=rng.randint(1, 5)))
    lawful_end = _lawful_publicity_end(start)
    publicity_end = lawful_end + timedelta(days=rng.choice((0, 0, 0, 1, 2, 3)))
    record["publicity"] = Flow(start=start, end=publicity_end, place=rng.choice(PLACES))
    record["feedback"] = Flow(
        contact=f"{COMMUNITY}业主委员会", phone=OFFICE_PHONE, deadline=publicity_end
    )
    timeline.append(Flow(date=start, event="张贴公示，征求业主意见"))
    if status == "publicized":
        return record, []
    if status == "withdrawn" and rng.random() < 0.5:
        timeline.append(
            Flow(date=publicity_end + timedelta(days=2), event="根据业主意见撤回方案，另行研究")
        )
        return record, []
    result = {
        "withdrawn": "quorum_not_met",
        "rejected": rng.choice(("rejected", "rejected", "quorum_not_met")),
    }.get(status, "approved")
    if status == "rejected" and result == "quorum_not_met":
        status = record["status"] = "withdrawn"  # a void vote is not a rejection (G311)
    record["vote"] = _vote(rng, template.item, result)
    timeline.append(Flow(date=publicity_end + timedelta(days=1), event="发放表决票，开始表决"))
    if status == "voting":
        return record, []
    decided = publicity_end + timedelta(days=rng.randint(8, 25))
    record["decision"] = Flow(
        date=decided, result=result, published=decided + timedelta(days=rng.randint(0, 3))
    )
    timeline.append(Flow(date=decided, event="公开计票，公布表决结果"))
    if status not in ("implementing", "completed"):
        return record, []
    contract_day = decided + timedelta(days=rng.randint(7, 20))
    if contract_day > end:
        record["status"] = "approved"
        return record, []
    if template.done is not None:
        record["status"] = "completed"
        timeline.append(Flow(date=contract_day, event=template.done))
        return record, []
    finished = contract_day + timedelta(days=rng.randint(20, 90))
    if status == "completed" and finished + timedelta(days=10) > end:
        status = record["status"] = "implementing"
    contractor = rng.choice(
        (
            "湘楚建设工程有限公司",
            "华晟机电设备安装有限公司",
            "绿源园林工程有限公司",
            "长安消防工程有限公司",
        )
    )
    timeline.append(Flow(date=contract_day, event=f"与{contractor}签订合同"))
    documents = [Flow(title=f"{title}合同", kind="contract", date=contract_day)]
    payments: list[_Payment] = []
    if budget is not None and template.account is not None:
        cost = budget * rng.randint(85, 100) // 100  # within budget, to the fen
        instalments = [(contract_day, cost * 3 // 10, "预付款（合同价 30%）")]
        if status == "completed":
            instalments.append((finished, cost * 6 // 10, "验收合格后付款"))
            paid = sum(cents for _, cents, _ in instalments)
            instalments.append((finished + timedelta(days=10), cost - paid, "尾款"))
        payments = [
            _Payment(template.account, day, cents, matter_id, f"{title}：{what}", contractor)
            for day, cents, what in instalments
        ]
    if status == "completed":
        timeline.append(Flow(date=finished, event="竣工验收，业主代表和监督委员会参加"))
        documents.append(Flow(title=f"{title}竣工验收记录", kind="acceptance", date=finished))
    record["documents"] = documents
    return record, payments


# --- ledgers ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    kind: str
    category: str
    low: int
    high: int
    descriptions: tuple[str, ...]
    counterparty: str | None
    weight: int


@dataclass(frozen=True)
class _Account:
    id: str
    name: str
    months: int
    entries: tuple[int, int]
    opening_cents: int
    lines: tuple[_Line, ...]
    checks_per_period: int


ACCOUNTS: tuple[_Account, ...] = (
    _Account(
        "party-funds",
        "小区党建工作经费",
        3,
        (13, 17),
        2_000_000,
        (
            _Line(
                "income",
                "上级党组织下拨",
                5_000,
                20_000,
                ("街道党工委下拨 {y} 年党建工作经费", "街道党工委下拨小区党组织启动经费"),
                None,
                2,
            ),
            _Line("income", "党费返还", 800, 3_000, ("{y} 年第 {q} 季度党费全额返还",), None, 3),
            _Line("income", "党费留存", 300, 1_200, ("{y} 年第 {q} 季度留存党费",), None, 2),
            _Line(
                "expense",
                "党员活动",
                300,
                2_500,
                (
                    "{m} 月主题党日活动用品",
                    "党员志愿服务日茶水和横幅",
                    "组织党员参观革命纪念馆车费",
                ),
                "惠民百货超市",
                3,
            ),
            _Line(
                "expense",
                "学习资料",
                100,
                900,
                ("党员学习资料和报刊订阅", "党群服务站图书角新书"),
                "新华书店",
                2,
            ),
            _Line(
                "expense",
                "帮扶慰问",
                500,
                3_000,
                (
                    "走访慰问困难家庭 {n} 户",
                    "慰问独居老人 {n} 户（米、油）",
                    "看望生病住院的老党员",
                ),
                None,
                2,
            ),
            _Line(
                "expense",
                "志愿服务",
                200,
                1_500,
                ("志愿服务队马甲和队旗", "志愿者意外伤害保险（{n} 人）", "四点半课堂文具和图书"),
                "平安保险营业部",
                2,
            ),
        ),
        3,
    ),
    _Account(
        "public-income",
        "小区公共收益",
        1,
        (70, 80),
        0,
        (
            _Line(
                "income",
                "停车费",
                800,
                4_000,
                ("{m} 月 {b} 栋片区地面停车费",),
                "湘江恒安物业服务有限公司",
                10,
            ),
            _Line(
                "income",
                "临时停车费",
                200,
                1_500,
                ("{m} 月 {d} 日临时停车费",),
                "湘江恒安物业服务有限公司",
                8,
            ),
            _Line(
                "income",
                "电梯广告费",
                3_000,
                9_000,
                ("电梯轿厢广告位租金（{b} 栋）",),
                "分众广告传媒有限公司",
                2,
            ),
            _Line(
                "income",
                "场地租金",
                1_000,
                5_000,
                ("东门快递柜场地使用费", "架空层便民超市场地租金"),
                "丰巢网络技术有限公司",
                2,
            ),
            _Line(
                "expense",
                "停车管理成本",
                300,
                2_000,
                ("{m} 月停车场道闸运行及管理人员费用",),
                "湘江恒安物业服务有限公司",
                5,
            ),
            _Line(
                "expense",
                "公共设施维修",
                100,
                3_000,
                (
                    "更换 {b} 栋楼道感应灯 {n} 盏",
                    "维修 {b} 栋单元门闭门器",
                    "修补中心广场破损地砖 {n} 平方米",
                    "疏通 {b} 栋雨污管道",
                ),
                "明亮电器维修部",
                6,
            ),
            _Line(
                "expense",
                "绿化养护",
                200,
                2_500,
                ("小区绿地补植和修剪", "行道树病虫害防治"),
                "绿源园林工程有限公司",
                3,
            ),
            _Line(
                "expense",
                "公示宣传",
                50,
                600,
                ("公示栏海报和宣传单印制", "业主大会表决票印制"),
                "金彩图文快印店",
                3,
            ),
            _Line(
                "expense",
                "社区活动",
                100,
                1_500,
                ("{m} 月社区文体活动物资", "邻里节百家宴食材"),
                "惠民百货超市",
                3,
            ),
        ),
        1,
    ),
    _Account(
        "maintenance-fund",
        "专项维修资金（小区账户）",
        1,
        (18, 22),
        386_000_000,
        (
            _Line(
                "income",
                "维修资金续交",
                4_000,
                16_000,
                ("{b} 栋 {u} 单元房屋转让，新业主续交维修资金",),
                None,
                10,
            ),
            _Line("income", "利息", 3_000, 9_000, ("{m} 月专户存款利息",), "建设银行营业部", 1),
            _Line(
                "expense",
                "应急维修",
                500,
                8_000,
                (
                    "应急维修：{b} 栋 {u} 单元供水管爆裂抢修",
                    "应急维修：{b} 栋电梯困人故障更换控制板",
                ),
                "华晟机电设备安装有限公司",
                3,
            ),
            _Line("expense", "银行手续费", 5, 60, ("{m} 月专户账户管理费",), "建设银行营业部", 1),
        ),
        1,
    ),
)


def _periods(first_year: int, end: date, months: int) -> Iterator[tuple[date, date]]:
    year, month = first_year, 1
    while date(year, month, 1) <= end:
        start = date(year, month, 1)
        month += months
        if month > 12:
            year, month = year + 1, month - 12
        yield start, date(year, month, 1) - timedelta(days=1)


def _period_label(start: date, months: int) -> tuple[str, str]:
    if months == 3:
        quarter = (start.month - 1) // 3 + 1
        return f"{start.year}-q{quarter}", f"{start.year} 年第 {quarter} 季度"
    return f"{start.year}-{start.month:02d}", f"{start.year} 年 {start.month} 月"


def _ledgers(
    rng: random.Random, first_year: int, end: date, payments: list[_Payment]
) -> Iterator[tuple[str, str, dict[str, Any], int]]:
    """(file stem, comment, record, entry count) for each account and period, in order."""
    for account in ACCOUNTS:
        due = sorted((p for p in payments if p.account == account.id), key=lambda p: p.day)
        balance = account.opening_cents
        voucher = 0
        for start, period_end in _periods(first_year, end, account.months):
            if start.month == 1:
                voucher = 0  # voucher numbers start again each year
            opening = balance
            entries: list[dict[str, Any]] = []
            end_of_day: dict[date, int] = {}
            for day, source in _ledger_rows(rng, account, start, period_end, due):
                voucher += 1
                change, entry = _entry(rng, account, day, source, balance, voucher)
                balance += change
                end_of_day[day] = balance
                entries.append(entry)
            stem, label = _period_label(start, account.months)
            preparer = "党支部" if account.id == "party-funds" else "业主委员会"
            record = {
                "account": account.id,
                "name": account.name,
                "period": Flow(start=start, end=period_end),
                "opening_balance": _yuan(opening),
                "entries": entries,
                "closing_balance": _yuan(balance),
                "prepared_by": f"{COMMUNITY}{preparer}",
                "reviewed_by": f"{COMMUNITY}监督委员会",
                "published": period_end + timedelta(days=rng.randint(5, 15)),
                "balance_checks": [
                    Flow(
                        date=day,
                        balance=_yuan(_balance_at(day, opening, end_of_day)),
                        source="银行对账单",
                    )
                    for day in _month_ends(start, period_end)[: account.checks_per_period]
                ],
            }
            yield f"{account.id}-{stem}", f"{account.name} {label}收支明细", record, len(entries)


def _ledger_rows(
    rng: random.Random, account: _Account, start: date, end: date, due: list[_Payment]
) -> list[tuple[date, _Line | _Payment]]:
    """The period's entries in date order: payments for matters first, then income, then spending."""
    cited = [payment for payment in due if start <= payment.day <= end]
    weights = [line.weight for line in account.lines]
    count = rng.randint(*account.entries) - len(cited)
    lines = [
        (_random_day(rng, start, end), rng.choices(account.lines, weights)[0]) for _ in range(count)
    ]
    rows: list[tuple[date, int, _Line | _Payment]] = [(p.day, 0, p) for p in cited]
    rows += [(day, 1 if line.kind == "income" else 2, line) for day, line in lines]
    rows.sort(key=lambda row: (row[0], row[1]))
    return [(day, source) for day, _, source in rows]


def _entry(
    rng: random.Random,
    account: _Account,
    day: date,
    source: _Line | _Payment,
    balance: int,
    voucher: int,
) -> tuple[int, dict[str, Any]]:
    """One ledger entry, and by how many cents it changes the balance."""

    def entry(
        kind: str, category: str, cents: int, description: str, **extra: Any
    ) -> dict[str, Any]:
        return {
            "date": day,
            "type": kind,
            "category": category,
            "amount": _yuan(cents),
            "description": description,
            "counterparty": extra.get("counterparty"),
            "voucher": f"记-{day.year}-{voucher:04d}",
            "matter": extra.get("matter"),
        }

    if isinstance(source, _Payment):
        category = "维修工程" if account.id == "maintenance-fund" else "工程款"
        return -source.cents, entry(
            "expense",
            category,
            source.cents,
            source.description,
            counterparty=source.counterparty,
            matter=source.matter,
        )
    cents = _cents(rng, source.low, source.high)
    if source.kind == "expense" and cents > balance // 2:
        cents = balance // 4  # never spend money the account does not have
    if cents <= 0:  # an empty account: sell the old newspapers instead
        cents = _cents(rng, 100, 500)
        return cents, entry("income", "其他收入", cents, "废旧报纸和纸箱回收收入")
    fill = {
        "y": day.year,
        "q": (day.month - 1) // 3 + 1,
        "m": day.month,
        "d": day.day,
        "b": rng.randint(1, 24),
        "u": rng.randint(1, 4),
        "n": rng.randint(2, 12),
    }
    description = rng.choice(source.descriptions).format(**fill)
    change = cents if source.kind == "income" else -cents
    return change, entry(
        source.kind, source.category, cents, description, counterparty=source.counterparty
    )


def _month_ends(start: date, end: date) -> list[date]:
    """The last day of each month from `start` to `end`."""
    ends = []
    day = start
    while day <= end:
        next_month = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
        ends.append(next_month - timedelta(days=1))
        day = next_month
    return ends


def _balance_at(day: date, opening: int, end_of_day: dict[date, int]) -> int:
    """What the bank shows at the end of `day`: every entry dated up to then is booked."""
    booked = opening
    for entry_day, balance in end_of_day.items():  # in date order
        if entry_day > day:
            break
        booked = balance
    return booked


# --- volunteer shifts -------------------------------------------------------------------


def _semester_days(first: date, last: date, weekdays: set[int]) -> tuple[list[date], list[date]]:
    """The days a weekly class meets, and the holidays it skips."""
    meets, skipped = [], []
    day = first
    while day <= last:
        if day.isoweekday() in weekdays:
            (skipped if _is_rest_day(day) else meets).append(day)
        day += timedelta(days=1)
    return meets, skipped


def _schedules(
    rng: random.Random, first_year: int, end: date, people: _People, per_year: int
) -> Iterator[tuple[str, str, dict[str, Any], int]]:
    booked: set[tuple[str, date]] = set()
    for year in range(first_year, end.year + 1):
        for team_id, team_name, activities, locations in TEAMS:
            pool = people.teams[team_id]
            shifts: list[dict[str, Any]] = []
            if team_id == "tutoring-team":
                for first, last in (
                    (date(year, 3, 1), date(year, 6, 30)),
                    (date(year, 9, 1), date(year, 12, 31)),
                ):
                    tutors = pool[1:3] if first.month == 3 else pool[3:5]
                    meets, skipped = _semester_days(first, last, {1, 3, 5})
                    booked.update((name, day) for name in tutors for day in meets)
                    shifts.append(
                        {
                            "weekdays": FlowList((1, 3, 5)),
                            "from": first,
                            "until": last,
                            "except": FlowList(skipped) if skipped else None,
                            "start": _time(16 * 60 + 30),
                            "end": _time(18 * 60),
                            "activity": "四点半课堂",
                            "location": "党群服务站二楼",
                            "volunteers": FlowList(tutors),
                        }
                    )
            one_off = []
            for _ in range(per_year // len(TEAMS) - len(shifts)):
                day = _random_day(rng, date(year, 1, 1), date(year, 12, 31))
                free = [name for name in pool if (name, day) not in booked]
                if not free:
                    continue
                chosen = rng.sample(free, min(len(free), rng.randint(1, 3)))
                booked.update((name, day) for name in chosen)
                begin = rng.randint(16, 38) * 30
                one_off.append(
                    (
                        day,
                        begin,
                        {
                            "date": day,
                            "start": _time(begin),
                            "end": _time(begin + rng.choice((60, 90, 120, 150))),
                            "activity": rng.choice(activities),
                            "location": rng.choice(locations),
                            "volunteers": FlowList(chosen),
                        },
                    )
                )
            shifts += [shift for _, _, shift in sorted(one_off, key=lambda row: (row[0], row[1]))]
            record = {"team": team_id, "shifts": shifts}
            yield f"{team_id}-{year}", f"{team_name} {year} 年排班", record, len(shifts)


# --- long free text (shape "long-text") -------------------------------------------------

SHAPES = ("standard", "long-text")
LONG_TEXT_TEAM_SIZE = 40

_OPENINGS = (
    "经业主委员会会议讨论",
    "根据物业公司的巡查记录",
    "在上一次业主座谈会上",
    "党支部组织楼栋长走访时",
    "监督委员会在季度检查中",
    "多位业主通过微信群和意见箱",
    "结合街道和社区居委会的要求",
    "参照相邻小区的做法",
    "经第三方检测机构现场勘查",
    "在征求楼栋长和单元代表意见后",
)
_FINDINGS = (
    "发现相关设施使用年限已久，部分部件锈蚀老化，维修次数逐年增加",
    "认为现有做法不能满足老年人和儿童的日常需要，安全隐患较为突出",
    "了解到不少住户对噪声、渗水和照明不足反映强烈，希望尽快解决",
    "注意到雨季积水、冬季结冰时通行困难，夜间照明也明显不够",
    "核对了近三年的维修台账和费用明细，同类故障反复出现",
    "听取了物业服务企业、施工单位和居民代表三方的说明",
    "比较了整体更换、分步维修和暂缓处理三种办法的费用和工期",
    "确认所需费用可以从相应账户列支，不需要另行向业主收取",
)
_PLANS = (
    "拟委托具备相应资质的单位施工，施工期间设置围挡和警示标识",
    "方案将在各单元公示栏和业主微信群同时公布，并在党群服务站放置纸质文本供查阅",
    "施工安排在工作日白天进行，尽量避开午休时间，不影响居民正常出行",
    "完工后由业主代表、监督委员会和物业公司共同验收，验收记录向全体业主公开",
    "费用按实际发生结算，超出预算的部分须另行提请业主大会表决",
    "施工单位须购买施工人员意外伤害保险，并对工程质量承担保修责任",
    "每周在公示栏更新施工进度，遇到停水停电提前三天通知",
    "对行动不便的老年住户，由志愿服务队上门说明并协助安排临时出行",
)
_CLOSINGS = (
    "欢迎业主在公示期内提出意见和建议，业主委员会将逐条书面答复",
    "如有疑问，可在工作日到党群服务站当面咨询，也可以向监督委员会反映",
    "表决结果和实施情况将按规定及时公布，接受全体业主监督",
    "相关合同、报价单和检测报告的复印件可在党群服务站查阅",
)
_BODY_STORIES = (
    "自成立以来，坚持每月召开例会，会议纪要在公示栏张贴，重大事项一律提交业主大会决定。",
    "成员中有退休教师、医生、工程师和法律工作者，分工负责宣传、调解、工程监督和账目审核。",
    "每逢节假日组织邻里活动，平日走访独居老人和困难家庭，及时把居民的诉求转给相关方面。",
    "工作中注重听取不同意见，遇到分歧先调查、再协商，尽量在小区内部把矛盾化解在萌芽状态。",
    "与社区居委会、街道和物业公司保持日常联系，重要情况当天通报，处理结果按时向居民反馈。",
)
_ENTRY_CLAUSES = (
    "经办人凭发票和验收单报销，监督委员会审核签字后入账",
    "款项通过银行转账支付，回单和合同复印件附在记账凭证后面",
    "按业主大会决定的标准执行，收支明细在公示栏同步公布",
    "物业公司出具收款确认，财务人员当日登记并核对银行余额",
    "由两名委员共同清点确认，原始单据在党群服务站存档备查",
)
_EVENT_CLAUSES = (
    "，会上逐项说明了理由和费用，参会人员签到表和会议纪要已存档",
    "，同时在业主微信群发布通知，请各楼栋长转告不使用手机的老年住户",
    "，监督委员会派员全程参加并签字确认",
    "，有关材料的复印件在党群服务站放置，供业主随时查阅",
)


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(_OPENINGS)}，{rng.choice(_FINDINGS)}。"


def _paragraph(rng: random.Random, pool: tuple[str, ...], sentences: int) -> str:
    return "".join(f"{text}。" for text in rng.sample(pool, sentences))


def _long_matter(rng: random.Random, record: dict[str, Any]) -> None:
    """A summary of several paragraphs and timeline events told in whole sentences."""
    reason = record["summary"].split("\n\n")[1]
    background = "".join(_sentence(rng) for _ in range(rng.randint(2, 4)))
    record["summary"] = (
        f"## 事由\n\n{reason}{background}\n\n"
        f"## 方案\n\n{_paragraph(rng, _PLANS, rng.randint(3, 5))}\n\n"
        f"{_paragraph(rng, _PLANS, 2)}\n\n"
        f"## 意见反馈\n\n{_paragraph(rng, _CLOSINGS, rng.randint(2, 3))}"
    )
    for event in record["timeline"]:
        event["event"] += rng.choice(_EVENT_CLAUSES)


def _long_entry(rng: random.Random, entry: dict[str, Any]) -> None:
    entry["description"] = f"{entry['description']}，{rng.choice(_ENTRY_CLAUSES)}"


def _long_body(
    rng: random.Random, names: _Names, record: dict[str, Any], extra_members: int
) -> None:
    """The body's own account of itself in paragraphs, and more members for a team."""
    paragraphs = ["".join(rng.sample(_BODY_STORIES, 3)) for _ in range(3)]
    opening = record.get("summary", "")
    record["summary"] = "\n\n".join([opening + paragraphs[0], *paragraphs[1:]]).strip()
    notes = ("退休教师", "社区医生", "法律工作者", "楼栋长", None, None, None)
    for _ in range(extra_members):
        note = rng.choice(notes)
        record["members"].append(
            Flow(
                name=names.new(),
                role="队员",
                party_member=rng.random() < 0.3,
                owner=True,
                note=note,
            )
        )


# --- the community ----------------------------------------------------------------------


def _site_config(first_year: int) -> str:
    return f"""# {COMMUNITY}信息公示：小区概况、网站设置和检查规则。

community:
  name: {COMMUNITY}
  address: xx市xx区枫林路 88 号
  owners: {OWNERS}
  total_area_m2: {_yuan(AREA_CENTI_M2)}
  buildings: 24
  street: xx街道
  neighborhood: 枫林社区居委会
site:
  url: https://fenglinwan.example.org/
  title: {COMMUNITY}信息公示
  contact:
    phone: {OFFICE_PHONE}
    address: 3 栋一楼党群服务站
rules:
  publicity_min_days: {PUBLICITY_DAYS}
established: {first_year}-03-18
"""


def write_community(
    folder: Path, years: int = 10, seed: int = 1, shape: str = "standard"
) -> dict[str, int]:
    """Write the community into `folder` and return how many of each thing it holds.

    The long text is drawn from its own random stream, so both shapes hold the same figures.
    """
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}: one of {', '.join(SHAPES)}")
    rng = random.Random(seed)
    prose = random.Random(seed * 7919 + 1) if shape == "long-text" else None
    first_year = LAST_YEAR - years + 1
    end = date(LAST_YEAR, 12, 31)
    content = folder / "content"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "site_config.yml").write_text(_site_config(first_year), encoding="utf-8")
    counts = dict.fromkeys(
        ("files", "organizations", "ledgers", "entries", "matters", "schedules", "shifts"), 0
    )
    counts["files"] = 1

    names = _Names(rng)
    organizations, people = _organizations(rng, names, first_year)
    more_names = _Names(prose or rng)
    more_names.used = set(names.used)
    for stem, record in organizations.items():
        if prose is not None:
            team = record["kind"] == "volunteer_team"
            _long_body(prose, more_names, record, LONG_TEXT_TEAM_SIZE - 10 if team else 0)
        _write(content / "organizations" / f"{stem}.yml", record["name"], record)
    counts["organizations"] = len(organizations)

    matters, payments = _matters(rng, first_year, end, per_year=50)
    for stem, record in matters.items():
        if prose is not None:
            _long_matter(prose, record)
        _write(content / "matters" / f"{stem}.yml", f"重大事项：{record['title']}", record)
    counts["matters"] = len(matters)

    for stem, comment, record, entries in _ledgers(rng, first_year, end, payments):
        if prose is not None:
            for entry in record["entries"]:
                _long_entry(prose, entry)
        _write(content / "funds" / f"{stem}.yml", comment, record)
        counts["ledgers"] += 1
        counts["entries"] += entries

    for stem, comment, record, shifts in _schedules(rng, first_year, end, people, per_year=300):
        _write(content / "volunteers" / f"{stem}.yml", comment, record)
        counts["schedules"] += 1
        counts["shifts"] += shifts

    counts["files"] += (
        counts["organizations"] + counts["ledgers"] + counts["matters"] + counts["schedules"]
    )
    counts["records"] = counts["files"] + counts["entries"] + counts["shifts"]
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description="写出一个用于性能测试的合成小区。")
    parser.add_argument(
        "out", type=Path, help="写到哪个文件夹（会新建 site_config.yml 和 content/）"
    )
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--shape", choices=SHAPES, default="standard")
    args = parser.parse_args()
    counts = write_community(args.out, args.years, args.seed, args.shape)
    print(", ".join(f"{name} {count}" for name, count in counts.items()))


if __name__ == "__main__":
    main()


def add_community_arguments(parser: argparse.ArgumentParser) -> None:
    """The options every benchmark takes to say which synthetic community to write, and where."""
    parser.add_argument(
        "--out", type=Path, help="write the community here (default: a temp folder)"
    )
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)


def add_shape_argument(parser: argparse.ArgumentParser) -> None:
    """`--shape`: which community shapes a benchmark reports (every figure for both by default)."""
    parser.add_argument(
        "--shape",
        choices=(*SHAPES, "both"),
        default="both",
        help="the community's shape: standard, long-text (several paragraphs of free text), both",
    )


def chosen_shapes(choice: str) -> tuple[str, ...]:
    return SHAPES if choice == "both" else (choice,)
