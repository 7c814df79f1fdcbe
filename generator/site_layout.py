"""Every name the site writes, folder by folder: the one list the site and `check` share.

Record pages sit beside names the site makes itself: `matters/index.html` (the
overview) beside `matters/lawn/`, `volunteers/all.ics` (every team's calendar) beside
`volunteers/tutors.ics`. A record whose id is one of those names would replace the
generated file, or be replaced by it, and its poster's QR code would open the wrong page.
The site builds those paths from the constants below, and `check` refuses an id that
`generated_name` finds here (G111), so the two cannot drift apart; a test builds the
sample site and fails if any folder holds a name this table does not list.

`index` is taken in every folder: it is each folder's own page, and hosts serve
`…/index/` and `…/` as the same page often enough that a record called `index` is lost.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from generator.models.document import DOCUMENTS_FOLDER

SECTION_INDEX = "index"
"""Each folder's overview page: `matters/index.md`, published as `matters/index.html`."""
ALL_TEAMS_CALENDAR = "all"
"""`volunteers/all.ics`: one calendar with the shifts of every team."""
BALANCE_CHART = "balance"
"""`funds/<account>/balance.svg`: the account's balance over time."""
CATEGORY_CHARTS = ("income", "expense")
"""`funds/<account>/income-2026.svg`, `expense-2026.svg`: a year's totals by category."""
VOTE_CHART_SUFFIX = "-vote"
SURVEY_CHART_INFIX = "-q"
"""`surveys/<id>-q1.svg`: a question's chart, beside the survey's page."""
"""`matters/<id>-vote.svg`: the vote's chart, beside the matter's page."""

VERIFY_FOLDER = "verify"
"""`verify/`: the 核验 page, where a resident types a poster's 校验码."""
VERIFY_CODES = f"{VERIFY_FOLDER}/codes"
"""`verify/codes/K7.json`: the answers for every code starting with those two symbols."""

REPORT_FOLDER = "report"
"""`report/`: the 公开情况 page, what `gongshi report` says."""

ACCOUNT_FOLDER = "funds/*"
"""The key below for an account's own folder, `funds/<account>/`, whose records are ledgers."""


@dataclass(frozen=True)
class GeneratedName:
    """A name the site writes in one folder, whatever the records are."""

    pattern: str
    """The name without its extension, as a regular expression (`income-\\d{4}`)."""
    file: str
    """What is published, for the message: `matters/index.html`."""
    what: str
    """What that file is, in Chinese."""

    def matches(self, name: str) -> bool:
        return re.fullmatch(self.pattern, name) is not None


def _index(folder: str, what: str) -> GeneratedName:
    return GeneratedName(SECTION_INDEX, f"{folder}/{SECTION_INDEX}.html", what)


GENERATED_NAMES: Mapping[str, tuple[GeneratedName, ...]] = MappingProxyType(
    {
        "": (
            GeneratedName(SECTION_INDEX, "index.html", "网站首页"),
            GeneratedName("404", "404.html", "“找不到页面”页"),
            GeneratedName("feed", "feed.xml", "RSS 订阅"),
            GeneratedName("atom", "atom.xml", "Atom 订阅"),
            GeneratedName("sitemap", "sitemap.xml", "给搜索引擎的网站地图"),
            GeneratedName("assets", "assets/", "网页的样式、脚本和图标"),
            GeneratedName("pagefind", "pagefind/", "站内搜索的索引"),
            GeneratedName("data", "data/", "公开数据"),
            GeneratedName("posters", "posters/", "海报"),
            GeneratedName(
                DOCUMENTS_FOLDER,
                f"{DOCUMENTS_FOLDER}/",
                "记录里写的相关文件（合同、验收记录、凭证）",
            ),
            GeneratedName("log", "log/", "公示日志（只增不改的版本记录）"),
            GeneratedName("organizations", "organizations/", "组织机构"),
            GeneratedName("funds", "funds/", "收支账目"),
            GeneratedName("matters", "matters/", "重大事项"),
            GeneratedName("volunteers", "volunteers/", "志愿服务"),
            GeneratedName("surveys", "surveys/", "调查与评估"),
            GeneratedName(VERIFY_FOLDER, f"{VERIFY_FOLDER}/", "核验页和校验码数据"),
            GeneratedName(REPORT_FOLDER, f"{REPORT_FOLDER}/", "公开情况页"),
            GeneratedName(r"\.gongshi-output", ".gongshi-output", "网站文件夹的标记"),
        ),
        "organizations": (_index("organizations", "组织机构总览页"),),
        "matters": (
            _index("matters", "重大事项总览页"),
            GeneratedName(r"\d{4}", "matters/<年份>/", "某一年开始的重大事项"),
        ),
        "surveys": (_index("surveys", "调查与评估总览页"),),
        "funds": (_index("funds", "收支账目总览页"),),
        ACCOUNT_FOLDER: (
            GeneratedName(SECTION_INDEX, f"funds/<账户>/{SECTION_INDEX}.html", "账户总览页"),
            GeneratedName(BALANCE_CHART, f"funds/<账户>/{BALANCE_CHART}.svg", "余额走势图"),
            GeneratedName(r"\d{4}", "funds/<账户>/<年份>/", "账户某一年的各期账目"),
            *(
                GeneratedName(rf"{chart}-\d{{4}}", f"funds/<账户>/{chart}-<年份>.svg", what)
                for chart, what in zip(CATEGORY_CHARTS, ("收入分类图", "支出分类图"), strict=True)
            ),
        ),
        "volunteers": (
            _index("volunteers", "志愿服务总览页"),
            GeneratedName(
                ALL_TEAMS_CALENDAR,
                f"volunteers/{ALL_TEAMS_CALENDAR}.ics",
                "所有队伍合在一起、供居民订阅的排班日历",
            ),
        ),
        "data": tuple(
            GeneratedName(name, f"data/{name}{suffix}", what)
            for name, suffix, what in (
                (SECTION_INDEX, ".html", "公开数据与核对页"),
                ("datapackage", ".json", "公开数据的说明"),
                ("organizations", ".json", "组织数据"),
                ("ledgers", ".json", "账目数据"),
                ("matters", ".json", "重大事项数据"),
                ("schedules", ".json", "排班数据"),
                ("organizations", ".csv", "组织表"),
                ("members", ".csv", "成员表"),
                ("ledgers", ".csv", "账目表"),
                ("entries", ".csv", "收支明细表"),
                ("matters", ".csv", "重大事项表"),
                ("shifts", ".csv", "排班表"),
                ("schemas", "/", "数据格式说明"),
            )
        ),
    }
)
"""Folder below the site root (`""` is the root) → the names the site writes there."""


def generated_name(folder: str, name: str) -> GeneratedName | None:
    """The generated file a record called `name` in `folder` would collide with, if any."""
    return next((g for g in GENERATED_NAMES.get(folder, ()) if g.matches(name)), None)


def section_index(folder: str) -> str:
    """The overview page's Markdown file, `matters/index.md`."""
    return f"{folder}/{SECTION_INDEX}.md"


def matters_year(year: int) -> str:
    """`matters/2026.md`: the matters that began that year (the index lists the current ones)."""
    return f"matters/{year}.md"


def account_year(account: str, year: int) -> str:
    """`funds/<account>/2025.md`: that year's periods (the account's page lists the latest year's)."""
    return f"funds/{account}/{year}.md"


def account_index(account: str) -> str:
    return f"funds/{account}/{SECTION_INDEX}.md"


def account_chart(account: str, chart: str) -> str:
    """`funds/<account>/balance.svg` or, with a year, `funds/<account>/income-2026.svg`."""
    return f"funds/{account}/{chart}.svg"


def team_calendar(team: str) -> str:
    return f"volunteers/{team}.ics"


ALL_CALENDAR = team_calendar(ALL_TEAMS_CALENDAR)


def survey_chart(survey_id: str, question: int) -> str:
    """`surveys/<id>-q1.svg`: the chart of the survey's first question."""
    return f"surveys/{survey_id}{SURVEY_CHART_INFIX}{question}.svg"


def vote_chart(matter_id: str) -> str:
    return f"matters/{matter_id}{VOTE_CHART_SUFFIX}.svg"
