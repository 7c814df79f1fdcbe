"""`gongshi init`: the files of a new community, dated around today so they pass at once.

The examples describe one plausible quarter of a "1 + 3 + 5+" community: its bodies,
last quarter's public-income ledger, the matter that ledger's largest expense was
approved by (publicity counted with the holiday calendar, the vote meeting art. 278),
and a volunteer team's schedule that skips statutory holidays. Every date is worked
out from `today`, so terms have years to run and no date lies in the future.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from typing import Any

from generator.holidays import HolidayCalendar
from generator.models.config import Rules
from generator.project import CONFIG_FILE
from generator.publicity import earliest_publicity_end
from generator.scaffold.dates import (
    add_years,
    holidays_between,
    month_start,
    quarter_start,
    working_day_from,
)
from generator.scaffold.files import NewFile
from generator.scaffold.records import ledger_file_name
from generator.scaffold.render import render
from generator.schemas import SCHEMA_FILES, record_schema

DEFAULT_NAME = "示例小区"
DEFAULT_URL = "https://example.org/"
SCHEMA_FOLDER = ".vscode/schemas"
"""Where init puts the JSON Schemas; `gongshi schema --out .vscode/schemas` refreshes them."""

EXAMPLE_OWNERS = 860
EXAMPLE_AREA = Decimal("78650.40")


def gongshi_version() -> str:
    """The running Gongshi's version: what CI installs, so the site is built as it was checked."""
    try:
        return metadata.version("gongshi")
    except metadata.PackageNotFoundError:  # a checkout run with PYTHONPATH, never installed
        pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
        return str(tomllib.loads(pyproject.read_text("utf-8"))["project"]["version"])


def default_name(directory: Path) -> str:
    """The folder's own name when it is a Chinese name (`gongshi init 翠湖花园小区`)."""
    name = directory.absolute().name
    return name if re.search(r"[\u4e00-\u9fff]", name) else DEFAULT_NAME


@dataclass(frozen=True)
class Tally:
    owners: int
    area: Decimal


VOTE = {
    "eligible": Tally(EXAMPLE_OWNERS, EXAMPLE_AREA),
    "participated": Tally(612, Decimal("56233.15")),
    "agreed": Tally(489, Decimal("45012.30")),
    "opposed": Tally(87, Decimal("7843.55")),
    "abstained": Tally(36, Decimal("3377.30")),
}
"""Turnout 612/860 and 56233.15/78650.40 m², both above 2/3; 489/612 and 45012.30/56233.15
agreed, both above half: item 9 of art. 278 is met."""


def _matter(period_start: date, calendar: HolidayCalendar) -> dict[str, Any]:
    days = Rules().publicity_min_days
    publicity_start = working_day_from(period_start + timedelta(days=9), calendar)
    lawful = earliest_publicity_end(publicity_start, days, calendar)
    publicity_end = lawful.end or lawful.nominal
    note = ""
    if lawful.end is not None and lawful.end != lawful.nominal:
        note = f"：{days} 日期满的 {lawful.nominal} 是休息日，顺延到其后第一个工作日"
    decision = publicity_end + timedelta(days=16)
    return {
        "id": f"door-access-{period_start.year}",
        "title": "使用公共收益更换单元门禁系统",
        "budget": Decimal("48000.00"),
        "spent": Decimal("46800.00"),
        "proposed": period_start + timedelta(days=3),
        "publicity_start": publicity_start,
        "publicity_end": publicity_end,
        "publicity_note": note,
        "vote_start": publicity_end + timedelta(days=1),
        "decision": decision,
        "decision_published": decision + timedelta(days=1),
        "contract": decision + timedelta(days=7),
        "accepted": decision + timedelta(days=28),
        "paid": decision + timedelta(days=30),
        **VOTE,
    }


def _ledger(start: date, end: date, today: date, matter: dict[str, Any]) -> dict[str, Any]:
    entries = [
        _entry(
            start + timedelta(days=4),
            "income",
            "停车费",
            "9800.00",
            "物业代收地面停车费（第 1 个月）",
            "xx物业服务有限公司",
        ),
        _entry(
            start + timedelta(days=10),
            "income",
            "广告费",
            "4500.00",
            "电梯轿厢广告位租金（本季度）",
            "xx传媒有限公司",
        ),
        _entry(
            start + timedelta(days=34),
            "income",
            "停车费",
            "9600.00",
            "物业代收地面停车费（第 2 个月）",
            "xx物业服务有限公司",
        ),
        _entry(
            start + timedelta(days=64),
            "income",
            "停车费",
            "9760.00",
            "物业代收地面停车费（第 3 个月）",
            "xx物业服务有限公司",
        ),
        _entry(
            matter["paid"],
            "expense",
            "门禁更换",
            str(matter["spent"]),
            "更换 12 个单元门禁系统，验收合格后付款",
            "xx安防工程有限公司",
            matter["id"],
        ),
        _entry(
            end - timedelta(days=5),
            "expense",
            "公示费用",
            "320.00",
            "公示栏海报打印、公示材料复印",
            "xx图文制作部",
        ),
    ]
    entries.sort(key=lambda e: e["date"])
    for number, entry in enumerate(entries, 1):
        entry["voucher"] = f"公益-{start.year}-{number:03d}"
    opening = Decimal("38615.20")
    closing = opening + sum(
        (e["amount"] if e["type"] == "income" else -e["amount"] for e in entries), Decimal(0)
    )
    return {
        "account": "public-income",
        "name": "小区公共收益",
        "start": start,
        "end": end,
        "period_words": f"{start.year} 年第 {(start.month - 1) // 3 + 1} 季度",
        "file_example": "public-income-2026-q1.yml",
        "opening": opening,
        "closing": closing,
        "entries": entries,
        "prepared_by": "业主委员会 周文斌",
        "reviewed_by": "监督委员会",
        "published": min(end + timedelta(days=10), today),
        "bank": "xx银行公共收益专户对账单（日终余额）",
    }


def _entry(
    day: date,
    kind: str,
    category: str,
    amount: str,
    description: str,
    counterparty: str,
    matter: str | None = None,
) -> dict[str, Any]:
    return {
        "date": day,
        "type": kind,
        "category": category,
        "amount": Decimal(amount),
        "description": description,
        "counterparty": counterparty,
        "matter": matter,
    }


def _dates(today: date) -> dict[str, date]:
    committee_start = date(today.year - 1, 7, 1)
    party_start = date(today.year - 1, 3, 1)
    contract_start = date(today.year - 1, 1, 1)
    return {
        "party_start": party_start,
        "party_end": add_years(party_start, 5) - timedelta(days=1),
        "committee_elected": committee_start - timedelta(days=9),
        "committee_start": committee_start,
        "committee_end": add_years(committee_start, 5) - timedelta(days=1),
        "contract_start": contract_start,
        "contract_end": date(today.year + 2, 12, 31),
        "team_start": date(today.year - 1, 3, 15),
    }


def _shifts(today: date) -> dict[str, Any]:
    start = month_start(today)
    until = month_start(today, 3) - timedelta(days=1)
    one_off = month_start(today, 1)
    while one_off.isoweekday() != 7:  # the first Sunday of next month
        one_off += timedelta(days=1)
    return {
        "team": "environment-team",
        "team_name": "环境保护志愿护卫队",
        "recurring_from": start,
        "recurring_until": until,
        "except": [d.isoformat() for d in holidays_between(start, until, 6, HolidayCalendar())],
        "one_off": one_off,
    }


def init_files(name: str, url: str, today: date) -> dict[str, NewFile]:
    """Every file of a new community, by its posix path below the community's folder."""
    calendar = HolidayCalendar()
    previous_start = month_start(quarter_start(today), -3)
    previous_end = quarter_start(today) - timedelta(days=1)
    matter = _matter(previous_start, calendar)
    ledger = _ledger(previous_start, previous_end, today, matter)
    common = {"name": name, "today": today, "d": _dates(today), "version": gongshi_version()}
    ledger_file = ledger_file_name(ledger["account"], ledger["start"], ledger["end"])
    files: dict[str, NewFile] = {
        CONFIG_FILE: NewFile(
            render(
                "init/site_config.yml.j2",
                url=url,
                owners=EXAMPLE_OWNERS,
                area=EXAMPLE_AREA,
                **common,
            )
        ),
    }
    for organization in (
        "party-branch",
        "owners-committee",
        "supervisory-committee",
        "property-company",
        "environment-team",
    ):
        files[f"content/organizations/{organization}.yml"] = NewFile(
            render(f"init/{organization}.yml.j2", **common)
        )
    files[f"content/funds/{ledger_file}"] = NewFile(
        render("init/ledger.yml.j2", ledger=ledger, **common)
    )
    files[f"content/matters/{matter['id']}.yml"] = NewFile(
        render("init/matter.yml.j2", m=matter, **common)
    )
    files["content/volunteers/environment-team.yml"] = NewFile(
        render("init/shifts.yml.j2", s=_shifts(today), **common)
    )
    files.update(_editor_files())
    files[".gitignore"] = NewFile(render("init/gitignore.j2", **common))
    files[".github/workflows/gongshi.yml"] = NewFile(
        render("init/github-workflow.yml.j2", **common)
    )
    files[".gitlab-ci.yml"] = NewFile(render("init/gitlab-ci.yml.j2", **common))
    files["scripts/publish.sh"] = NewFile(render("init/publish.sh.j2", **common), executable=True)
    return files


def _editor_files() -> dict[str, NewFile]:
    """The JSON Schemas `gongshi schema` writes, and VS Code settings that attach them."""
    files: dict[str, NewFile] = {}
    associations: dict[str, str] = {}
    for name, model, pattern in SCHEMA_FILES:
        files[f"{SCHEMA_FOLDER}/{name}"] = NewFile(_json(record_schema(model)))
        associations[f"./{SCHEMA_FOLDER}/{name}"] = pattern
    settings = {
        "yaml.schemas": associations,
        "files.encoding": "utf8",
        "files.eol": "\n",
        "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2},
    }
    files[".vscode/settings.json"] = NewFile(_json(settings))
    files[".vscode/extensions.json"] = NewFile(_json({"recommendations": ["redhat.vscode-yaml"]}))
    return files


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
