"""YAML slips named as what they are, and the plain-text shapes accepted where they are natural.

The cascade corpus (`test_cascade.py`) shows each slip through the CLI on the sample;
these pin what the loader makes of it (the item split back, the exact fix offered) and
that a contact or fees written as one line is shown as written on the site and poster.
"""

from __future__ import annotations

import re
import textwrap
from datetime import date
from pathlib import Path

import lxml.html

from generator.loader import load_yaml_file
from generator.posters.write import render_poster_html
from generator.project import load_project
from generator.site.mkdocs_config import mkdocs_config
from tests.conftest import TODAY
from tests.site.conftest import build


def load(tmp_path: Path, text: str) -> tuple[object, list[tuple[str, int, str]]]:
    path = tmp_path / "record.yml"
    path.write_text(textwrap.dedent(text), "utf-8")
    loaded = load_yaml_file(path, "record.yml")
    return loaded.data, [(d.code, d.span.line, d.message) for d in loaded.diagnostics]


def test_an_item_missing_its_dash_is_split_back_and_named_once(tmp_path: Path) -> None:
    data, problems = load(
        tmp_path,
        """\
        members:
          - name: 刘志坚
            role: 主任
            owner: true
            name: 许美玲
            role: 副主任
            owner: true
          - name: 王立新
            role: 委员
        """,
    )
    assert data == {
        "members": [
            {"name": "刘志坚", "role": "主任", "owner": "true"},
            {"name": "许美玲", "role": "副主任", "owner": "true"},
            {"name": "王立新", "role": "委员"},
        ]
    }
    assert [(code, line) for code, line, _ in problems] == [("G125", 5)]
    assert "写成「- name: 许美玲」" in problems[0][2] and "第 2 行" in problems[0][2]


def test_a_field_typed_twice_in_one_item_is_still_a_duplicate(tmp_path: Path) -> None:
    data, problems = load(
        tmp_path,
        """\
        entries:
          - date: 2026-01-05
            amount: 50.00
            description: 业主捐赠
            amount: 80.00
        """,
    )
    assert data == {
        "entries": [{"date": "2026-01-05", "amount": "50.00", "description": "业主捐赠"}]
    }
    assert [(code, line) for code, line, _ in problems] == [("G002", 5)]


def test_a_list_written_without_any_dash_becomes_the_list(tmp_path: Path) -> None:
    data, problems = load(
        tmp_path,
        """\
        timeline:
          date: 2026-03-01
          event: 提出
          date: 2026-03-10
          event: 公示
        """,
    )
    assert data == {
        "timeline": [
            {"date": "2026-03-01", "event": "提出"},
            {"date": "2026-03-10", "event": "公示"},
        ]
    }
    assert [(code, line) for code, line, _ in problems] == [("G125", 4)]


def test_two_phone_lines_in_a_contact_are_a_duplicate_not_a_list(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "contact:\n  phone: 1\n  address: x\n  phone: 2\n")
    assert [(code, line) for code, line, _ in problems] == [("G002", 4)]


def test_a_full_width_colon_is_named_with_the_line_to_type(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "id: x\nmembers:\n  - name：许美玲\n    role: 主任\n")
    assert [(code, line) for code, line, _ in problems] == [("G001", 3)]
    assert "全角" in problems[0][2] and "改成「- name: 许美玲」" in problems[0][2]


def test_a_full_width_space_after_the_colon_is_named(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "id: x\nname:\u3000翠湖\nkind: other\n")
    assert [(code, line) for code, line, _ in problems] == [("G001", 2)]
    assert "全角空格" in problems[0][2] and "改成「name: 翠湖」" in problems[0][2]


def test_contact_and_fees_in_words_are_shown_as_written(base_project: Path) -> None:
    property_file = base_project / "content" / "organizations" / "property.yml"
    property_file.write_text(
        "id: property\nkind: property_company\nname: 测试物业服务有限公司\n"
        "contact: 物业服务中心一楼 0734-1234567\n"
        "contract: {start: 2025-01-01, end: 2029-12-31, fees: 住宅 1.20 元/平方米·月}\n"
        "members:\n  - {name: 卫经理, role: 项目经理}\n",
        "utf-8",
    )
    config = base_project / "site_config.yml"
    config.write_text(
        re.sub(
            r"  contact:\n    phone: .*\n",
            "  contact: 6 栋一楼 0734-8000 0000\n",
            config.read_text("utf-8"),
        ),
        "utf-8",
    )
    project, problems = load_project(base_project, date.fromisoformat(TODAY))
    assert project is not None and not [p for p in problems if p.is_error], problems
    company = project.organization_by_id["property"].record
    poster = str(lxml.html.fromstring(render_poster_html(project, company)).text_content())
    assert "物业服务中心一楼 0734-1234567" in poster
    assert "收费标准：住宅 1.20 元/平方米·月" in poster
    assert "6 栋一楼 0734-8000 0000" in mkdocs_config(project, "测试")["copyright"]
    site = build(base_project, base_project / "site", posters=False)
    page = _visible_text(site / "organizations" / "property" / "index.html")
    assert "物业服务中心一楼 0734-1234567" in page and "收费标准：住宅 1.20 元/平方米·月" in page
    assert "6 栋一楼 0734-8000 0000" in _visible_text(site / "index.html")


def _visible_text(page: Path) -> str:
    """What a reader sees: the phone number is a tel: link and kept on one line, as markup."""
    return str(lxml.html.fromstring(page.read_bytes()).text_content())
