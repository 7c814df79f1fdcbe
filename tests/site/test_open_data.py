"""Open data that validates: the real `frictionless` on datapackage.json, every JSON file
against the schema published beside it, amounts checked against the YAML as typed, and the
feeds' links and items read from their XML.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.project import load_project
from generator.site.opendata import open_data_files
from tests.conftest import REPO, TODAY
from tests.site.conftest import sample_copy

HOME = "https://cuihu.example.org/"
ATOM_NS = "{http://www.w3.org/2005/Atom}"
FRICTIONLESS = Path(sys.executable).with_name("frictionless")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _validator(schema: dict[str, Any]) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )


def _errors(schema: dict[str, Any], data: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in _validator(schema).iter_errors(data)
    ]


def test_frictionless_validates_the_datapackage(sample_site: Path) -> None:
    ran = subprocess.run(
        [str(FRICTIONLESS), "validate", "--json", "datapackage.json"],
        cwd=sample_site / "data",
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(ran.stdout)
    assert ran.returncode == 0 and report["valid"], json.dumps(report, ensure_ascii=False)[:3000]
    package = json.loads((sample_site / "data" / "datapackage.json").read_text("utf-8"))
    tasks = {task["name"]: task for task in report["tasks"]}
    assert set(tasks) == {resource["name"] for resource in package["resources"]}
    # every CSV was read as a table, each row typed and each reference (foreign key) found
    rows = {name: task["stats"]["rows"] for name, task in tasks.items() if task["type"] == "table"}
    assert rows == {
        "organizations": 9,
        "members": 47,
        "ledgers": 10,
        "entries": 102,
        "matters": 11,
        "shifts": 25,
    }


def test_frictionless_finds_a_broken_reference_and_a_cell_of_the_wrong_type(
    sample_site: Path, tmp_path: Path
) -> None:
    """The package's keys and types are checked, not only its shape."""
    data = tmp_path / "data"
    data.mkdir()
    for path in (sample_site / "data").glob("*.*"):
        (data / path.name).write_bytes(path.read_bytes())
    entries = (data / "entries.csv").read_bytes()
    assert b",lift-replacement-2026\r\n" in entries
    (data / "entries.csv").write_bytes(
        entries.replace(b",lift-replacement-2026\r\n", b",lift-renewal-2099\r\n", 1)
    )
    ledgers = (data / "ledgers.csv").read_bytes().split(b"\r\n")
    assert b",0.00," in ledgers[1]
    ledgers[1] = ledgers[1].replace(b",0.00,", ",零,".encode(), 1)
    (data / "ledgers.csv").write_bytes(b"\r\n".join(ledgers))
    ran = subprocess.run(
        [str(FRICTIONLESS), "validate", "--json", "datapackage.json"],
        cwd=data,
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(ran.stdout)
    found = {(task["name"], error["type"]) for task in report["tasks"] for error in task["errors"]}
    assert ran.returncode != 0
    assert found == {("entries", "foreign-key"), ("ledgers", "type-error")}


def test_every_json_file_in_the_data_folder_validates_against_its_schema(
    sample_site: Path,
) -> None:
    folder = sample_site / "data"
    package = json.loads((folder / "datapackage.json").read_text("utf-8"))
    published = {r["path"]: r["jsonSchema"] for r in package["resources"] if "jsonSchema" in r}
    checked = {"datapackage.json"}  # by frictionless, above
    for path in sorted(folder.glob("schemas/*.json")):
        jsonschema.Draft7Validator.check_schema(json.loads(path.read_text("utf-8")))
        checked.add(path.relative_to(folder).as_posix())
    for data_file, schema_file in published.items():
        assert schema_file == f"schemas/{Path(data_file).stem}.schema.json"
        schema = json.loads((folder / schema_file).read_text("utf-8"))
        records = json.loads((folder / data_file).read_text("utf-8"))
        assert records and _errors(schema, records) == [], data_file
        checked.add(data_file)
    every = {p.relative_to(folder).as_posix() for p in folder.rglob("*.json")}
    assert every == checked
    assert set(published) == {
        "organizations.json",
        "ledgers.json",
        "matters.json",
        "schedules.json",
    }


def test_the_schemas_hold_one_form_of_each_value(sample_site: Path) -> None:
    """An amount as a JSON number, one decimal, a time with seconds or an added key fails."""
    folder = sample_site / "data"
    ledgers = json.loads((folder / "ledgers.json").read_text("utf-8"))
    ledger_schema = json.loads((folder / "schemas/ledgers.schema.json").read_text("utf-8"))
    for slip in (1526.4, 1526.40, "1526.4", "1,526.40", "1526.400"):
        changed = copy.deepcopy(ledgers)
        changed[0]["entries"][0]["amount"] = slip
        assert _errors(ledger_schema, changed), slip
    changed = copy.deepcopy(ledgers)
    changed[0]["entries"][0]["amout"] = "1.00"
    assert _errors(ledger_schema, changed)
    schedules = json.loads((folder / "schedules.json").read_text("utf-8"))
    schedule_schema = json.loads((folder / "schemas/schedules.schema.json").read_text("utf-8"))
    environment = next(s for s in schedules if s["team"] == "environment-team")
    assert environment["shifts"][0]["start"] == "08:00"  # typed "08:00" in its YAML
    for slip in ("08:00:00", "8:00", "08：00"):
        changed = copy.deepcopy(schedules)
        changed[schedules.index(environment)]["shifts"][0]["start"] = slip
        assert _errors(schedule_schema, changed), slip


def test_amounts_are_the_typed_decimals_exact_to_the_fen(sample_site: Path) -> None:
    """Read against the YAML files as text, not through the models that wrote the JSON."""
    ledgers = json.loads((sample_site / "data" / "ledgers.json").read_text("utf-8"))
    by_period = {(x["account"], x["period"]["start"]): x for x in ledgers}
    typed_amount = re.compile(r"^\s+amount:\s*\"?([0-9.]+)\"?\s*(?:#.*)?$", re.M)
    files = sorted((REPO / "content" / "funds").glob("*.yml"))
    assert len(files) == len(ledgers) == 10
    for path in files:
        text = path.read_text("utf-8")
        account = re.search(r"^account:\s*(\S+)", text, re.M)
        start = re.search(r"^\s+start:\s*(\S+)", text, re.M)
        assert account and start
        written = [entry["amount"] for entry in by_period[(account[1], start[1])]["entries"]]
        typed = typed_amount.findall(text)
        assert [Decimal(a) for a in written] == [Decimal(a) for a in typed], path.name
        assert all(re.fullmatch(r"\d+\.\d{2}", amount) for amount in written)
    first = by_period[("party-funds", "2025-10-01")]
    assert first["opening_balance"] == "0.00" and first["entries"][4]["amount"] == "1526.40"


def test_the_datapackage_names_the_licence_set_in_site_config(sample_site: Path) -> None:
    package = json.loads((sample_site / "data" / "datapackage.json").read_text("utf-8"))
    assert package["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "title": "知识共享署名 4.0 国际许可协议（CC BY 4.0）",
            "path": "https://creativecommons.org/licenses/by/4.0/",
        }
    ]
    assert package["contributors"] == [
        {"title": "翠湖花园小区信息公示", "path": HOME, "role": "publisher"}
    ]
    page = (sample_site / "data" / "index.html").read_text("utf-8")
    assert "本站公开数据按<strong>知识共享署名 4.0 国际许可协议（CC BY 4.0）</strong>发布" in page
    assert '金额：精确到分的十进制字符串，单位元，如 <code>"1526.40"</code>' in page
    assert "不带秒" in page


def _licence(tmp_path: Path, site_lines: str) -> list[dict[str, str]]:
    root = sample_copy(tmp_path / "community")
    config = root / "site_config.yml"
    text = config.read_text("utf-8")
    start = text.index("  # 公开数据（网站 data/ 文件夹）的许可协议")
    end = text.index("    name: CC-BY-4.0\n") + len("    name: CC-BY-4.0\n")
    config.write_text(text[:start] + site_lines + text[end:], "utf-8")
    project, diagnostics = load_project(root, date.fromisoformat(TODAY))
    assert project is not None, diagnostics
    package = json.loads(open_data_files(project, "某小区信息公示")["data/datapackage.json"])
    return package["licenses"]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            "",
            {
                "name": "CC-BY-4.0",
                "title": "知识共享署名 4.0 国际许可协议（CC BY 4.0）",
                "path": "https://creativecommons.org/licenses/by/4.0/",
            },
        ),
        (
            "  license:\n    name: ODbL-1.0\n",
            {
                "name": "ODbL-1.0",
                "title": "开放数据库许可协议（ODbL 1.0）",
                "path": "https://opendatacommons.org/licenses/odbl/1-0/",
            },
        ),
        (
            "  license:\n    name: GSPL-1.0\n    title: 翠湖公示数据使用约定\n"
            "    path: https://cuihu.example.org/licence/\n",
            {
                "name": "GSPL-1.0",
                "title": "翠湖公示数据使用约定",
                "path": "https://cuihu.example.org/licence/",
            },
        ),
        ("  license:\n    name: GSPL-1.0\n", {"name": "GSPL-1.0", "title": "GSPL-1.0"}),
    ],
    ids=["unwritten", "known-id", "own-licence", "unknown-id-alone"],
)
def test_the_licence_is_the_default_a_known_id_or_written_out(
    tmp_path: Path, lines: str, expected: dict[str, str]
) -> None:
    assert _licence(tmp_path, lines) == [expected]


def _feed(sample_site: Path, name: str) -> ET.Element:
    return ET.fromstring((sample_site / name).read_bytes())


def test_rss_links_home_and_to_itself(sample_site: Path) -> None:
    channel = _feed(sample_site, "feed.xml").find("channel")
    assert channel is not None
    assert channel.findtext("link") == HOME
    selves = [
        link.attrib for link in channel.findall(f"{ATOM_NS}link") if link.get("rel") == "self"
    ]
    assert selves == [{"href": HOME + "feed.xml", "rel": "self", "type": "application/rss+xml"}]


def test_atom_links_home_and_to_itself(sample_site: Path) -> None:
    feed = _feed(sample_site, "atom.xml")
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM_NS}link")}
    assert links == {"self": HOME + "atom.xml", "alternate": HOME}
    assert feed.findtext(f"{ATOM_NS}id") == HOME


def _page_exists(sample_site: Path, url: str) -> bool:
    assert url.startswith(HOME), url
    path = url.removeprefix(HOME)
    return (sample_site / path / "index.html").is_file() or (sample_site / path).is_file()


def _record_ids() -> set[str]:
    ids = {path.stem for path in (REPO / "content").rglob("*.yml")}
    for path in (REPO / "content").rglob("*.yml"):
        for key in ("id", "account", "team"):
            ids |= set(re.findall(rf"^{key}:\s*(\S+)", path.read_text("utf-8"), re.M))
    return ids


def _first_paragraph(description: str) -> str:
    match = re.match(r"<p>(.*?)</p>", description, re.S)
    assert match, description[:80]
    return match[1]


def test_feed_items_carry_chinese_dates_and_no_internal_ids(sample_site: Path) -> None:
    ids = _record_ids()
    assert {"lift-replacement-2026", "party-funds", "youth-tutoring"} <= ids
    items = _feed(sample_site, "feed.xml").findall("channel/item")
    entries = _feed(sample_site, "atom.xml").findall(f"{ATOM_NS}entry")
    assert len(items) == len(entries) == 37  # one per record: 9 + 10 + 11 + 5 + 2 surveys
    titles = []
    for item in items:
        title, link = item.findtext("title", ""), item.findtext("link", "")
        day = parsedate_to_datetime(item.findtext("pubDate", "")).date()
        text = _first_paragraph(item.findtext("description", ""))
        assert text.startswith(f"{day.year}年{day.month}月{day.day}日："), text
        assert not ISO_DATE.search(title) and not ISO_DATE.search(text), (title, text)
        words = set(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+|[a-z]+", title))
        assert not words & ids, title
        assert _page_exists(sample_site, link), link
        titles.append(title)
    assert "小区公共收益（2026年7月1日至9月30日）" in titles
    assert "小区党建工作经费（2025年10月1日至12月31日）" in titles
    for entry in entries:
        title = entry.findtext(f"{ATOM_NS}title", "")
        assert not ISO_DATE.search(title) and not {title} & ids
        assert _page_exists(sample_site, entry.find(f"{ATOM_NS}link").get("href", ""))  # type: ignore[union-attr]
