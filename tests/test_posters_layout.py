"""Posters as they come out of the printer, measured on the page itself.

Layout is read back from WeasyPrint's own boxes (`document.pages[i]._page_box`) or
from the PDF with `pdftotext -bbox-layout`, and every figure a test expects is
worked out here by hand from the records, never taken from the code under test.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.checksum import record_checksum
from generator.cli import cli
from generator.models import Matter, Organization
from generator.posters import render_poster_html
from generator.posters.pages import boxes, laid_out
from generator.posters.pdf import _fonts
from generator.project import Project, load_project
from generator.urls import ledger_id
from tests.conftest import BASE, REPO, TODAY

SAMPLE_TODAY = date(2026, 12, 3)


@pytest.fixture(scope="module")
def sample() -> Project:
    project, _ = load_project(REPO, SAMPLE_TODAY)
    assert project is not None
    return project


def _classes(box: Any) -> set[str]:
    element = getattr(box, "element", None)
    return set((element.get("class") or "").split()) if element is not None else set()


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    def corners(self) -> list[tuple[float, float]]:
        return [
            (self.x, self.y),
            (self.x + self.width, self.y),
            (self.x, self.y + self.height),
            (self.x + self.width, self.y + self.height),
        ]


def _text_rects(box: Any, inside: bool = False) -> list[tuple[Rect, bool]]:
    """Every piece of text on a page, and whether it belongs to the seal."""
    found = []
    inside = inside or "seal" in _classes(box)
    if type(box).__name__ == "TextBox" and box.text.strip():
        found.append((Rect(box.position_x, box.position_y, box.width, box.height), inside))
    for child in getattr(box, "children", ()):
        found += _text_rects(child, inside)
    return found


SEALED = [
    ("matter", "lift-replacement-2026", "A4"),
    ("matter", "ebike-rules-2026", "A3"),
    ("organization", "party-branch", "A4"),
    ("organization", "property-company", "A3"),
]


@pytest.mark.parametrize(("kind", "record_id", "size"), SEALED)
def test_the_seal_ring_is_42_mm_and_overlaps_no_text(
    sample: Project, kind: str, record_id: str, size: str
) -> None:
    record = (
        sample.matter_by_id[record_id].record
        if kind == "matter"
        else sample.organization_by_id[record_id].record
    )
    document = laid_out(render_poster_html(sample, record, size), _fonts())
    seals = [
        (page, box)
        for page in document.pages
        for box in boxes(page._page_box)
        if "seal" in _classes(box) and type(box).__name__ == "BlockBox"
    ]
    assert len(seals) == 1
    page, seal = seals[0]
    assert seal.border_width() / 96 * 25.4 == pytest.approx(42, abs=0.05)
    assert seal.border_height() / 96 * 25.4 == pytest.approx(42, abs=0.05)
    radius = seal.border_width() / 2
    centre = (seal.border_box_x() + radius, seal.border_box_y() + radius)
    ring_inner = radius - seal.border_left_width
    for rect, in_seal in _text_rects(page._page_box):
        if in_seal:  # the issuer's name: wholly inside the ring
            for x, y in rect.corners():
                assert math.dist((x, y), centre) < ring_inner, rect
        else:  # everything else: clear of the ring (its nearest point outside the circle)
            nearest = (
                min(max(centre[0], rect.x), rect.x + rect.width),
                min(max(centre[1], rect.y), rect.y + rect.height),
            )
            assert math.dist(nearest, centre) > radius, rect


def test_the_issuer_name_is_set_in_whole_words_inside_the_ring(sample: Project) -> None:
    branch = sample.organization_by_id["party-branch"].record
    document = laid_out(render_poster_html(sample, branch), _fonts())
    lines = [
        "".join(b.text for b in boxes(box) if type(b).__name__ == "TextBox")
        for page in document.pages
        for box in boxes(page._page_box)
        if "issuer-name" in _classes(box) and type(box).__name__ == "BlockBox"
    ]
    assert lines == ["中共翠湖花园小区", "支部委员会"]
    property_company = sample.organization_by_id["property-company"].record
    html = render_poster_html(sample, property_company)
    assert re.findall(r'<span class="issuer-name">([^<]*)</span>', html) == [
        "xx市恒安",
        "物业服务有限公司",
        "翠湖花园项目部",
    ]


# -- what pdftotext sees ------------------------------------------------------------


def pdf_lines(pdf: Path) -> list[list[str]]:
    """Each page's lines of text, as poppler groups them, words joined without spaces."""
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml).replace('xmlns="http://www.w3.org/1999/xhtml"', "")
    root = ET.fromstring(xml)
    pages = []
    for page in root.iter("page"):
        pages.append(
            ["".join(w.text or "" for w in line.iter("word")) for line in page.iter("line")]
        )
    return pages


def invoke(*args: str) -> None:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output


def test_no_date_time_or_amount_is_split_across_lines(tmp_path: Path) -> None:
    """Figures at every offset of a line, so that some must fall on a line end."""
    root = tmp_path / "community"
    shutil.copytree(BASE, root)
    lines = []
    for n in range(24):
        filler = "居民" * (n % 12) + "甲" * (n // 12)
        lines.append(
            f"  {filler}请于2026年12月18日前、每周三9:00–11:30到服务站，"
            f"预算 968,000.00 元、面积 12,634.56 平方米。"
        )
    matter = root / "content/matters/lawn.yml"
    text = matter.read_text("utf-8")
    text = re.sub(r"summary: .*", "summary: |\n" + "\n\n".join(lines), text, count=1)
    matter.write_text(text, "utf-8")
    out = tmp_path / "out"
    invoke("print", "lawn", "-C", str(root), "--out", str(out), "--today", TODAY)
    lines = [line for page in pdf_lines(out / "posters/matters/lawn.pdf") for line in page]
    for figure in ("2026年12月18日前", "9:00–11:30", "968,000.00元", "12,634.56平方米"):
        whole = sum(line.count(figure) for line in lines)
        assert whole == 24, (figure, [ln for ln in lines if figure[:4] in ln and figure not in ln])


# -- ledgers ------------------------------------------------------------------------


def _yuan(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def test_a_200_entry_ledger_carries_over_on_every_page_and_the_figures_add_up(
    tmp_path: Path,
) -> None:
    root = tmp_path / "community"
    shutil.copytree(BASE, root)
    opening = Decimal("5000.00")
    entries = []  # (n, type, amount), worked out here, in date order
    lines = []
    balance = opening
    for n in range(1, 201):
        kind = "expense" if n % 4 == 0 else "income"
        amount = Decimal(37 * n % 900 + 10) + Decimal(n % 100) / 100
        balance += amount if kind == "income" else -amount
        day = date(2026, 1 + (n - 1) // 67, 1 + (n - 1) % 67 // 3)
        category = ("停车费", "广告费", "维修")[n % 3]
        description = f"第{n}笔" + (" " + "地面停车位临时停放收费" * (n % 3) if n >= 10 else "")
        lines.append(
            f"  - {{date: {day}, type: {kind}, category: {category}, amount: {amount}, "
            f"description: {description}, voucher: 记-{n:03d}}}"
        )
        entries.append((n, kind, amount))
    (root / "content/funds/public-2026-q1.yml").write_text(
        "account: public-income\nname: 小区公共收益\nperiod: {start: 2026-01-01, end: 2026-03-31}\n"
        f"opening_balance: {opening}\nentries:\n" + "\n".join(lines) + "\n"
        f"closing_balance: {balance}\nprepared_by: 业委会\nreviewed_by: 监督委员会\n"
        "published: 2026-04-05\n",
        "utf-8",
    )
    (root / "content/matters/lawn.yml").unlink()
    out = tmp_path / "out"
    invoke("print", "public-income-2026q1", "-C", str(root), "--out", str(out), "--today", TODAY)
    pdf = out / "posters/funds/public-income/public-income-2026q1.pdf"
    pages = pdf_lines(pdf)
    assert len(pages) >= 4

    def carried(upto: int) -> tuple[str, str, str]:
        income = sum((a for n, k, a in entries if n <= upto and k == "income"), Decimal(0))
        expense = sum((a for n, k, a in entries if n <= upto and k == "expense"), Decimal(0))
        return _yuan(income), _yuan(expense), _yuan(opening + income - expense)

    def row_figures(number: int, label: str) -> tuple[str, ...]:
        """The amounts on the physical line of the page that holds `label` (pdftotext -layout)."""
        text = subprocess.run(
            ["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(pdf), "-"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        line = next(ln for ln in text.splitlines() if label in ln)
        return tuple(re.findall(r"\d[\d,]*\.\d{2}", line))

    seen_last = 0
    for number, page in enumerate(pages, 1):
        on_page = [int(m) for line in page for m in re.findall(r"第(\d+)笔", line)]
        if not on_page:
            continue
        first, last = min(on_page), max(on_page)
        assert first == seen_last + 1, f"page {number} starts at entry {first}"
        text = "\n".join(page)
        if number > 1:
            assert row_figures(number, "承前页") == carried(first - 1), number
        if last < 200:
            assert row_figures(number, "过次页") == carried(last), number
            # and it adds up: what came in, plus this page's entries, is what goes out
            page_in = sum((a for n, k, a in entries if first <= n <= last and k == "income"))
            page_out = sum((a for n, k, a in entries if first <= n <= last and k == "expense"))
            before = opening + sum(
                (a if k == "income" else -a for n, k, a in entries if n < first), Decimal(0)
            )
            assert _yuan(before + page_in - page_out) == carried(last)[2]
        else:
            assert "过次页" not in text
        seen_last = last
    assert seen_last == 200


def test_every_page_of_a_long_ledger_has_the_qr_code_and_the_check_code(tmp_path: Path) -> None:
    root = tmp_path / "community"
    shutil.copytree(BASE, root)
    lines = [
        f"  - {{date: 2026-02-{1 + n % 27:02d}, type: income, category: 停车费, amount: 100.00, "
        f"description: 第{n}笔停车费}}"
        for n in range(60)
    ]
    (root / "content/funds/public-2026-q1.yml").write_text(
        "account: public-income\nname: 小区公共收益\nperiod: {start: 2026-01-01, end: 2026-03-31}\n"
        "opening_balance: 0.00\nentries:\n" + "\n".join(lines) + "\n"
        "closing_balance: 6000.00\nprepared_by: 业委会\nreviewed_by: 监督委员会\n"
        "published: 2026-04-05\n",
        "utf-8",
    )
    (root / "content/matters/lawn.yml").unlink()
    out = tmp_path / "out"
    invoke("print", "public-income-2026q1", "-C", str(root), "--out", str(out), "--today", TODAY)
    pdf = out / "posters/funds/public-income/public-income-2026q1.pdf"
    project, _ = load_project(root, date.fromisoformat(TODAY))
    assert project is not None
    code = record_checksum(project.ledgers[0].record)
    pages = pdf_lines(pdf)
    assert len(pages) >= 2
    for number in range(1, len(pages) + 1):
        stem = tmp_path / f"page{number}"
        subprocess.run(
            ["pdftoppm", "-r", "200", "-png", "-f", str(number), "-l", str(number),
             "-singlefile", str(pdf), str(stem)],
            check=True,
        )  # fmt: skip
        decoded = subprocess.run(
            ["zbarimg", "--raw", "-q", str(stem) + ".png"], capture_output=True, text=True
        ).stdout
        assert f"?code={code}" in decoded, number
        assert code in "".join(pages[number - 1]), number
        assert f"第{number}页共{len(pages)}页" in "".join(pages[number - 1])


# -- organizations ------------------------------------------------------------------


def placed(box: Any) -> Any:
    """Boxes of the page's text, leaving out the 骑缝章 mark, which sits in the margin on purpose."""
    if "cross-seal" in _classes(box):
        return
    yield box
    for child in getattr(box, "children", ()):
        yield from placed(child)


def overflowing(document: Any) -> list[Any]:
    """Boxes that reach past the right edge of the page's content area."""
    found = []
    for page in document.pages:
        right = page._page_box.content_box_x() + page._page_box.width
        for box in placed(page._page_box):
            if "pagehead-title" in _classes(box) and type(box).__name__ == "BlockBox":
                continue  # nowrap with an ellipsis: its lines are clipped to the cell
            kinds = ("TableCellBox", "TextBox", "LineBox", "BlockBox", "InlineReplacedBox")
            if type(box).__name__ in kinds and box.position_x + box.margin_width() > right + 0.5:
                found.append(box)
    return found


@pytest.mark.parametrize("size", ["A4", "A3"])
def test_a_long_title_wraps_between_words_and_keeps_the_qr_on_the_page(
    sample: Project, size: str
) -> None:
    cctv = sample.matter_by_id["cctv-upgrade-2026"].record
    document = laid_out(render_poster_html(sample, cctv, size), _fonts())
    assert overflowing(document) == []


def test_thirty_members_and_a_40_character_role_fit_the_columns(sample: Project) -> None:
    committee = sample.organization_by_id["owners-committee"].record
    long_role = "委员兼财务监督小组召集人、楼栋长联络员、维修资金使用监督员及物业服务评议代表组长"
    assert len(long_role) == 40
    members = [
        {"name": f"成员{n:02d}", "role": long_role if n == 7 else "委员", "also": ["party-branch"]}
        for n in range(30)
    ]
    crowded = Organization.model_validate(
        {**committee.model_dump(by_alias=True), "members": members}
    )
    document = laid_out(render_poster_html(sample, crowded), _fonts())
    assert len(document.pages) <= 3

    assert overflowing(document) == []
    html = render_poster_html(sample, crowded)
    assert "成员29" in html


# -- what the poster says -----------------------------------------------------------


def test_a_poster_is_dated_by_the_latest_thing_it_shows(sample: Project) -> None:
    lift = sample.matter_by_id["lift-replacement-2026"].record
    html = render_poster_html(sample, lift)
    assert '<p class="issued"><span class="nowrap">2026年11月16日</span></p>' in html


def test_a_result_poster_shows_the_results_publicity_not_the_drafts(sample: Project) -> None:
    lift = sample.matter_by_id["lift-replacement-2026"].record
    assert lift.decision is not None and lift.decision.published == date(2026, 9, 23)
    html = render_poster_html(sample, lift)
    posting = re.search(r'<div class="period posting">(.*?)</div>', html, re.S)
    assert posting is not None
    text = re.sub(r"<[^>]+>", "", posting.group(1))
    # posted 9月23日; seven days from the next day: 9月24日 … 9月30日 (no holiday in it)
    assert "公示期：2026年9月23日至9月30日，共 7 日" in text
    assert "8月10日" not in text
    assert "关于使用专项维修资金更换 3 栋、6 栋电梯（共 4 部）表决结果的公示" in html


def test_a_withdrawn_matter_says_so_and_asks_for_nothing(sample: Project) -> None:
    withdrawn = next(i.record for i in sample.matters if i.record.status == "withdrawn")
    html = render_poster_html(sample, withdrawn)
    assert f"关于撤回{withdrawn.title}的公示" in html
    assert "撤回" in re.search(r'<p class="withdrawn">(.*?)</p>', html, re.S).group(1)  # type: ignore[union-attr]
    assert "意见反馈" not in html and "有异议的" not in html and "请于" not in html


def test_the_void_vote_poster_agrees_with_its_verdict(sample: Project) -> None:
    ebike = sample.matter_by_id["ebike-rules-2026"].record
    html = render_poster_html(sample, ebike)
    assert "未通过" not in re.sub(
        r'<section class="corrections">.*?</section>', "", html, flags=re.S
    )
    assert "表决结果：<strong>参与表决人数不足，表决无效</strong>" in html


def test_a_markdown_table_in_a_summary_is_a_table_on_the_poster(sample: Project) -> None:
    roof = sample.matter_by_id["roof-waterproofing-2026"].record
    summary = (
        roof.summary
        + "\n\n| 项目 | 范围 |\n|---|---|\n| 屋面防水 | 1–16 栋 |\n| 预算 | 12,600.00 元 |\n"
    )
    html = render_poster_html(
        sample, Matter.model_validate({**roof.model_dump(by_alias=True), "summary": summary})
    )
    assert "| 项目 |" not in html
    assert '<table class="summary-table">' in html and "<th>项目</th><th>范围</th>" in html


def test_the_official_notice_form_is_on_every_kind(sample: Project) -> None:
    for record, title in (
        (sample.matter_by_id["lift-replacement-2026"].record, "关于使用专项维修资金"),
        (
            next(i.record for i in sample.ledgers if ledger_id(i.record) == "party-funds-2025q4"),
            "关于小区党建工作经费2025年第四季度收支情况的公示",
        ),
        (
            sample.organization_by_id["owners-committee"].record,
            "关于翠湖花园小区业主委员会成员的公示",
        ),
    ):
        html = render_poster_html(sample, record)
        assert title in html
        assert '<p class="opening">根据' in html and "公示如下：" in html
        assert "特此公示。" in html and "公示期：" in html and "依据：" in html
        assert re.search(
            r"联系人：[^，<]+（[^）]+），电话 <span class=\"nowrap\">0734-\d{8}</span>", html
        )


def test_the_closing_block_never_has_a_sheet_to_itself(tmp_path: Path) -> None:
    out = tmp_path / "out"
    invoke(
        "print", "lift-replacement-2026", "ebike-rules-2026", "public-income-2026q2",
        "party-funds-2026q3", "owners-committee", "-C", str(REPO), "--out", str(out),
        "--today", SAMPLE_TODAY.isoformat(),
    )  # fmt: skip
    for pdf in sorted(out.rglob("*.pdf")):
        last = pdf_lines(pdf)[-1]
        closing = next(
            n for n, line in enumerate(last) if line.startswith(("意见反馈", "特此公示"))
        )
        # the running header (title, 校验码) is line 0 on a continuation sheet
        assert closing >= 2, (pdf.name, last[:3])
