"""Open data: every record as JSON and CSV, described by a Frictionless `datapackage.json`.

Anyone can recheck the sums or build their own view without scraping pages.
CSV files start with a UTF-8 byte order mark because residents open them in
Excel or WPS, which read Chinese text wrongly without it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from generator.checksum import record_checksum
from generator.models import Ledger, Matter, Organization, Schedule
from generator.models.config import License
from generator.money import ledger_totals, spending_by_matter
from generator.project import Project
from generator.schemas import open_data_schema
from generator.urls import site_base

DATA_DIR = "data"
DATA_CONVENTIONS = (
    '金额是精确到分的十进制字符串（如 "1234.50"，单位元），面积也是十进制字符串（平方米），'
    '日期写成 2026-03-01，时间写成 "16:30"（不带秒，北京时间）；没有填写的项不出现。'
)
"""How values are written in the JSON files: said in the package, each schema and the data page."""


@dataclass(frozen=True)
class Column:
    name: str
    title: str
    type: str
    value: Callable[[Any], object]
    format: str = ""
    """A Table Schema format, when the type's default is not how the cell is written."""


def csv_bytes(columns: Sequence[Column], rows: Iterable[Any]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column.name for column in columns])
    for row in rows:
        writer.writerow([_cell(column.value(row)) for column in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _cell(value: object) -> str:
    if type(value) is str:  # most cells: 150,000 at ten years
        return spreadsheet_safe(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return spreadsheet_safe(";".join(str(item) for item in value))
    return spreadsheet_safe(str(value))


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""OWASP's list for CSV injection: Excel, WPS and LibreOffice start a formula at these."""
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_SKIPPED_BEFORE_FORMULA = " \n\u3000\u00a0\ufeff"
_MAYBE_FORMULA = frozenset("".join(FORMULA_STARTS) + _SKIPPED_BEFORE_FORMULA)
"""A cell that starts with none of these is no formula, whatever follows."""


def spreadsheet_safe(text: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs: `'` before a formula start.

    The rule is OWASP's, applied also after leading spaces and line breaks (a spreadsheet
    may skip them) and to every column, since a secretary can type anything into any
    text field. One deliberate exception: a cell that is wholly a decimal number such as
    `-12.50` (the amounts and balances this module formats itself) stays a number. It
    cannot be a formula: the only formula it could be read as is the number itself, it
    names no cell, function or program, and prefixing it would turn every negative
    balance into text that no sum in the spreadsheet adds up. JSON keeps the true value.
    """
    if not text or text[0] not in _MAYBE_FORMULA:  # nearly every cell: nothing to look at
        return text
    if _PLAIN_NUMBER.fullmatch(text):
        return text
    if text.startswith(FORMULA_STARTS) or text.lstrip(_SKIPPED_BEFORE_FORMULA).startswith(
        FORMULA_STARTS
    ):
        return "'" + text
    return text


def _money(value: Any) -> str:
    return f"{value:.2f}"


ORGANIZATION_COLUMNS = (
    Column("id", "编号", "string", lambda o: o.id),
    Column("kind", "类别", "string", lambda o: o.kind),
    Column("name", "名称", "string", lambda o: o.name),
    Column("established", "成立日期", "date", lambda o: o.established),
    Column("term_start", "任期开始", "date", lambda o: o.term and o.term.start),
    Column("term_end", "任期结束", "date", lambda o: o.term and o.term.end),
    Column("members", "成员人数", "integer", lambda o: len(o.members)),
    Column("checksum", "校验码", "string", record_checksum),
)
MEMBER_COLUMNS = (
    Column("organization", "组织编号", "string", lambda pair: pair[0].id),
    Column("name", "姓名", "string", lambda pair: pair[1].name),
    Column("role", "职务", "string", lambda pair: pair[1].role),
    Column("party_member", "是否党员", "boolean", lambda pair: pair[1].party_member),
    Column("owner", "是否业主", "boolean", lambda pair: pair[1].owner),
    Column("also", "交叉任职", "string", lambda pair: pair[1].also),
    Column("since", "任职起始", "date", lambda pair: pair[1].since),
)
LEDGER_COLUMNS = (
    Column("account", "账户", "string", lambda ledger: ledger.account),
    Column("name", "账户名称", "string", lambda ledger: ledger.name),
    Column("period_start", "期间开始", "date", lambda ledger: ledger.period.start),
    Column("period_end", "期间结束", "date", lambda ledger: ledger.period.end),
    Column("opening_balance", "期初余额", "number", lambda ledger: _money(ledger.opening_balance)),
    Column("income", "本期收入", "number", lambda ledger: _money(ledger_totals(ledger).income)),
    Column("expense", "本期支出", "number", lambda ledger: _money(ledger_totals(ledger).expense)),
    Column("closing_balance", "期末余额", "number", lambda ledger: _money(ledger.closing_balance)),
    Column("prepared_by", "制表人", "string", lambda ledger: ledger.prepared_by),
    Column("reviewed_by", "审核人", "string", lambda ledger: ledger.reviewed_by),
    Column("published", "公布日期", "date", lambda ledger: ledger.published),
    Column("checksum", "校验码", "string", record_checksum),
)
ENTRY_COLUMNS = (
    Column("account", "账户", "string", lambda pair: pair[0].account),
    Column("period_start", "期间开始", "date", lambda pair: pair[0].period.start),
    Column("date", "日期", "date", lambda pair: pair[1].date),
    Column("type", "收支", "string", lambda pair: pair[1].type),
    Column("category", "类别", "string", lambda pair: pair[1].category),
    Column("amount", "金额（元）", "number", lambda pair: _money(pair[1].amount)),
    Column("description", "摘要", "string", lambda pair: pair[1].description),
    Column("counterparty", "对方", "string", lambda pair: pair[1].counterparty),
    Column("voucher", "凭证号", "string", lambda pair: pair[1].voucher),
    Column("matter", "依据事项", "string", lambda pair: pair[1].matter),
)
SHIFT_COLUMNS = (
    Column("team", "队伍", "string", lambda pair: pair[0].team),
    Column("date", "日期", "date", lambda pair: pair[1].date),
    Column("weekdays", "每周几", "string", lambda pair: pair[1].weekdays),
    Column("from", "起始日期", "date", lambda pair: pair[1].from_),
    Column("until", "截止日期", "date", lambda pair: pair[1].until),
    Column("except", "除外日期", "string", lambda pair: pair[1].except_),
    Column("start", "开始时间", "time", lambda pair: f"{pair[1].start:%H:%M}", "%H:%M"),
    Column("end", "结束时间", "time", lambda pair: f"{pair[1].end:%H:%M}", "%H:%M"),
    Column("activity", "活动", "string", lambda pair: pair[1].activity),
    Column("location", "地点", "string", lambda pair: pair[1].location),
    Column("volunteers", "志愿者", "string", lambda pair: pair[1].volunteers),
)


def _matter_columns(spent: dict[str, Any]) -> tuple[Column, ...]:
    def tally(part: str, field: str) -> Callable[[Matter], object]:
        return lambda m: getattr(getattr(m.vote, part), field) if m.vote else None

    columns = [
        Column("id", "编号", "string", lambda m: m.id),
        Column("title", "标题", "string", lambda m: m.title),
        Column("category", "类别", "string", lambda m: m.category),
        Column("status", "状态", "string", lambda m: m.status),
        Column("budget", "预算（元）", "number", lambda m: m.budget and _money(m.budget)),
        Column(
            "spent",
            "已支出（元）",
            "number",
            lambda m: _money(spent[m.id]) if m.id in spent else None,
        ),
        Column("publicity_start", "公示开始", "date", lambda m: m.publicity and m.publicity.start),
        Column("publicity_end", "公示结束", "date", lambda m: m.publicity and m.publicity.end),
        Column("vote_item", "法条项", "integer", lambda m: m.vote and m.vote.item),
    ]
    for part, title in (
        ("eligible", "有表决权"),
        ("participated", "参与"),
        ("agreed", "同意"),
        ("opposed", "反对"),
        ("abstained", "弃权"),
    ):
        columns.append(Column(f"{part}_owners", f"{title}户数", "integer", tally(part, "owners")))
        columns.append(Column(f"{part}_area_m2", f"{title}面积", "number", tally(part, "area_m2")))
    columns += [
        Column("decision_date", "决定日期", "date", lambda m: m.decision and m.decision.date),
        Column("decision_result", "表决结果", "string", lambda m: m.decision and m.decision.result),
        Column("checksum", "校验码", "string", record_checksum),
    ]
    return tuple(columns)


@dataclass(frozen=True)
class Table:
    """One CSV file and its Table Schema, with the keys that tie it to the other tables
    (a reader's tool, and `frictionless validate`, can check every reference)."""

    name: str
    title: str
    columns: Sequence[Column]
    rows: Sequence[Any]
    primary_key: tuple[str, ...] = ()
    references: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()

    def schema(self) -> dict[str, Any]:
        fields = []
        for column in self.columns:
            field = {"name": column.name, "title": column.title, "type": column.type}
            fields.append({**field, "format": column.format} if column.format else field)
        schema: dict[str, Any] = {"fields": fields}
        if self.primary_key:
            schema["primaryKey"] = list(self.primary_key)
        if self.references:
            schema["foreignKeys"] = [
                {"fields": list(own), "reference": {"resource": other, "fields": list(theirs)}}
                for own, other, theirs in self.references
            ]
        return schema


def ledger_csv(ledgers: Iterable[Ledger]) -> bytes:
    return csv_bytes(
        ENTRY_COLUMNS, [(ledger, entry) for ledger in ledgers for entry in ledger.entries]
    )


def _records_json(records: Iterable[BaseModel]) -> bytes:
    """A JSON array with one record a line: readable in a diff, and made by json's C encoder
    (an indented dump goes through the pure-Python one, several times slower)."""
    lines = [
        json.dumps(
            record.model_dump(mode="json", by_alias=True, exclude_none=True),
            ensure_ascii=False,
            separators=(",", ":"),
        )
        for record in records
    ]
    return ("[\n" + ",\n".join(lines) + "\n]\n").encode("utf-8")


def package_license(chosen: License) -> dict[str, str]:
    """The Data Package `licenses` entry: its id, title and, when known, the text's address."""
    entry = {"name": chosen.name, "title": chosen.full_title()}
    path = chosen.full_path()
    return {**entry, "path": path} if path else entry


def open_data_files(project: Project, publisher: str) -> dict[str, bytes]:
    """`data/…` path → bytes: JSON per record type, CSV tables, schemas, datapackage.json.

    `publisher` (the site's title) is who the licence asks a reuser to credit."""
    organizations = sorted((i.record for i in project.organizations), key=lambda o: o.id)
    ledgers = [i.record for items in project.ledgers_by_account().values() for i in items]
    matters = sorted((i.record for i in project.matters), key=lambda m: m.id)
    schedules = sorted((i.record for i in project.schedules), key=lambda s: s.team)
    spent = spending_by_matter(ledgers)
    tables = (
        Table("organizations", "组织", ORGANIZATION_COLUMNS, organizations, ("id",)),
        Table(
            "members",
            "组织成员",
            MEMBER_COLUMNS,
            [(o, m) for o in organizations for m in o.members],
            references=((("organization",), "organizations", ("id",)),),
        ),
        Table("ledgers", "各期账目", LEDGER_COLUMNS, ledgers, ("account", "period_start")),
        Table(
            "entries",
            "收支明细",
            ENTRY_COLUMNS,
            [(ledger, e) for ledger in ledgers for e in ledger.entries],
            references=(
                (("account", "period_start"), "ledgers", ("account", "period_start")),
                (("matter",), "matters", ("id",)),
            ),
        ),
        Table("matters", "重大事项", _matter_columns(spent), matters, ("id",)),
        Table(
            "shifts",
            "志愿服务班次",
            SHIFT_COLUMNS,
            [(s, shift) for s in schedules for shift in s.shifts],
            references=((("team",), "organizations", ("id",)),),
        ),
    )
    files: dict[str, bytes] = {}
    resources: list[dict[str, Any]] = []
    for table in tables:
        path = f"{table.name}.csv"
        files[f"{DATA_DIR}/{path}"] = csv_bytes(table.columns, table.rows)
        resources.append(
            {
                "name": table.name,
                "title": table.title,
                "path": path,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": table.schema(),
            }
        )
    for name, title, records, model in (
        ("organizations", "组织（完整记录）", organizations, Organization),
        ("ledgers", "账目（完整记录）", ledgers, Ledger),
        ("matters", "重大事项（完整记录）", matters, Matter),
        ("schedules", "志愿服务排班（完整记录）", schedules, Schedule),
    ):
        path, schema_path = f"{name}.json", f"schemas/{name}.schema.json"
        files[f"{DATA_DIR}/{path}"] = _records_json(records)
        description = (
            f"{path}：{title}，一条记录一个对象。" + DATA_CONVENTIONS + f"格式见 {schema_path}。"
        )
        files[f"{DATA_DIR}/{schema_path}"] = (
            json.dumps(open_data_schema(model, title, description), ensure_ascii=False, indent=1)
            + "\n"
        ).encode("utf-8")
        resources.append(
            {
                "name": f"{name}-json",
                "title": title,
                "description": description,
                "path": path,
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
                "jsonSchema": schema_path,
            }
        )
    config = project.config.record
    homepage = site_base(config.site.url)
    package = {
        "name": "gongshi-disclosures",
        "title": f"{config.community.name}公示数据",
        "description": "小区组织、收支账目、重大事项和志愿服务排班的公开数据，由 Gongshi 从公示记录生成。"
        + DATA_CONVENTIONS,
        "homepage": homepage,
        "licenses": [package_license(config.site.license)],
        "contributors": [{"title": publisher, "path": homepage, "role": "publisher"}],
        "resources": resources,
    }
    files[f"{DATA_DIR}/datapackage.json"] = (
        json.dumps(package, ensure_ascii=False, indent=1) + "\n"
    ).encode("utf-8")
    return files
