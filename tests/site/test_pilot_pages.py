"""The pilot plans' records on the built sample site and its posters: counts as published."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path


def page_text(site: Path, path: str) -> str:
    """The page's words without tags, whitespace collapsed."""
    raw = (site / path / "index.html").read_text("utf-8")
    body = raw.split("<article", 1)[1].split("</article>", 1)[0]
    body = re.sub(r"</?(?:span|gs-nw|a|strong|em|small|code|abbr)\b[^>]*>", "", body)  # inline
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def pdf_words(pdf: Path) -> str:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", "", text.stdout)


def test_the_party_branch_page_shows_counts_the_station_and_the_late_step(
    sample_site: Path,
) -> None:
    text = page_text(sample_site, "organizations/party-branch")
    for words in (
        "在册党员 46",
        "非在册党员 38",
        "其中已到小区报到 31",
        "党员志愿服务时长 1862 小时",
        "翠湖花园小区党群服务站",
        "周六 9:00–12:00",
        "七个步骤中，6 个按期完成，1 个逾期完成，0 个已过期限尚未完成",
        "建强“三个主体” 【逾期】",
        "逾期 209 天完成",
    ):
        assert words in text, words


def test_the_mediation_page_hides_small_counts_and_one_more_beside_a_total(
    sample_site: Path,
) -> None:
    text = page_text(sample_site, "organizations/mediation-team")
    # 2026 Q1: 9 received = 邻里 5 + 单元 2 + 楼宇 1 + 小区 1; three small cells hidden
    q1 = text.split("2026年1月1日至2026年3月31日", 1)[1]
    assert "受理 9 件" in q1
    assert "邻里事务 5 单元事务 少于 3 楼宇事务 少于 3 小区事务 少于 3 社区事务 0" in q1
    assert "调解成功 7 转交社区或有关部门 少于 3 正在调解 0 调解不成 少于 3" in q1
    # the body's 六老: 何玉珍 (老干部、老党员) and 李长顺 (老战士): two people
    assert "本组织有“六老” 少于 3 人" in text


def test_the_organizations_page_counts_the_six_elders_of_every_body_once(
    sample_site: Path,
) -> None:
    text = page_text(sample_site, "organizations")
    # 黄德明 and 何玉珍 serve in two bodies each, counted once: six people. 黄德明, 方德胜,
    # 何玉珍 are 老党员 (3); 何玉珍 is the one 老干部, 李长顺 the one 老战士; 谢永康 and
    # 郭明华 are the two 老专家
    assert "本小区属于物管小区（" in text
    assert "各组织里共有“六老” 6 人" in text
    assert "老党员 3 人，老干部 少于 3 人，老战士 少于 3 人，老专家 少于 3 人" in text


def test_a_survey_page_draws_each_question_and_hides_the_small_option(sample_site: Path) -> None:
    text = page_text(sample_site, "surveys/satisfaction-2026")
    assert "发放 400 份，回收 326 份（回收率 81%）" in text
    chart = (sample_site / "surveys" / "satisfaction-2026-q3.svg").read_text("utf-8")
    assert "187 份 · 57%" in chart  # 187 / 326 = 57.36 %
    assert "少于 3 份" in chart and 'stroke-dasharray="4 3"' in chart
    assert "其他 2" not in text


def test_the_posters_print_the_timeline_and_the_survey(sample_site: Path) -> None:
    party = pdf_words(sample_site / "posters" / "organizations" / "party-branch.pdf")
    assert "2026年6月22日完成，【逾期】逾期209天完成" in party
    pdf = sample_site / "posters" / "organizations" / "party-branch.pdf"
    rows = subprocess.run(  # the counts are a table: read it row by row
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "在册党员46人" in re.sub(r"\s+", "", rows)
    pdf = sample_site / "posters" / "surveys" / "satisfaction-2026.pdf"
    assert "调查问卷结果公示" in pdf_words(pdf)
    layout = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    rows = [re.sub(r"\s+", " ", line.strip()) for line in layout.splitlines()]
    assert "其他 少于 3 —" in rows
    assert "法律咨询 71 22%" in rows
