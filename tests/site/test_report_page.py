"""The 公开情况 page: the report's table on the site, the overdue first, linked from every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.report import EXPECTATIONS
from tests.site.conftest import build, sample_copy

TAG = re.compile(r"<[^>]+>")


def text_of(html: str) -> str:
    return " ".join(TAG.sub(" ", html).split())


def headings(html: str) -> list[str]:
    return [text_of(h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.S)]


def section_after(html: str, heading: str) -> str:
    """The HTML between the h2 `heading` and the next h2."""
    start = html.index(f">{heading}<")
    end = html.find("<h2", start)
    return html[start : end if end != -1 else len(html)]


def test_every_page_links_to_the_report(sample_site: Path) -> None:
    for page in ("index.html", "matters/index.html", "verify/index.html"):
        html = (sample_site / page).read_text("utf-8")
        links = re.findall(r'<a href="([./]*report/)"[^>]*>(.*?)</a>', html, re.S)
        assert any(text_of(words) == "公开情况" for _href, words in links), page


def test_the_sample_page_lists_every_expectation_and_nothing_overdue(sample_site: Path) -> None:
    html = (sample_site / "report/index.html").read_text("utf-8")
    assert headings(html) == ["缺少或逾期", *(e.title for e in EXPECTATIONS)]
    assert "没有缺少或逾期的项目。" in text_of(section_after(html, "缺少或逾期"))
    fees = text_of(section_after(html, "物业收费项目和收费标准"))
    assert "依据：《民法典》第九百四十三条（收费项目、收费标准）" in fees
    assert "已公开" in fees
    decisions = section_after(html, "每个表决事项的决定")
    assert 'href="../matters/lift-replacement-2026/"' in decisions
    assert "作出决定后 3 日内公布" in text_of(decisions)


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with its last public-income quarter and the lift's decision date gone."""
    root = sample_copy(tmp_path_factory.mktemp("broken") / "community")
    (root / "content/funds/public-income-2026-q3.yml").unlink()
    matter = root / "content/matters/lift-replacement-2026.yml"
    lines = matter.read_text("utf-8").splitlines(keepends=True)
    matter.write_text(
        "".join(line for line in lines if line.strip() != "published: 2026-09-23"), "utf-8"
    )
    return build(root, root / "site", posters=False)


def test_the_overdue_come_first_and_are_named(broken_site: Path) -> None:
    html = (broken_site / "report/index.html").read_text("utf-8")
    assert headings(html)[0] == "缺少或逾期"
    failing = section_after(html, "缺少或逾期")
    words = text_of(failing)
    # Built on 2026-11-25 (TODAY): the lift's decision of 2026-09-22 was due 09-25; the
    # third quarter's ledger, 2026-09-30 + 15 days = 10-15.
    assert words.count("逾期未公开") == 2
    assert words.index("lift-replacement-2026") < words.index("2026 年第三季度")
    assert "时限 2026年9月25日" in words and "时限 2026年10月15日" in words
    assert "<strong>逾期未公开</strong>" in failing
    assert 'href="../matters/lift-replacement-2026/"' in failing
