"""Staged vote results as a resident reads them: 初步结果 / 最终结果 and 异议截止, on the page and the poster.

One community (the test base plus three staged matters) is built and printed once
through the real CLI; the page is read from the built HTML, the poster from the
PDF with pdftotext, as a resident would read them.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from tests.conftest import BASE
from tests.test_posters import flat, pdf_text

BUILT_ON = "2026-11-14"
"""Inside the open window (11-12 … 11-18), after the closed one (10-04 … 10-10)."""

VOTE = """\
vote:
  kind: ordinary
  item: 9
  eligible: {owners: 300, area_m2: 30000.00}
  participated: {owners: 200, area_m2: 20000.00}
  agreed: {owners: 148, area_m2: 14800.00}
  opposed: {owners: 30, area_m2: 3000.00}
  abstained: {owners: 22, area_m2: 2200.00}
"""
MATTERS = {
    "open-window": f"""\
id: open-window
title: 更换东门门禁
category: other
status: approved
summary: 东门门禁老化，更换为刷卡和人脸识别两用门禁。
proposed_by: owners-committee
{VOTE}decision:
  stage: preliminary
  date: 2026-11-10
  result: approved
  published: 2026-11-11
feedback:
  contact: 业委会办公室
  phone: 0734-8000 0001
""",
    "closed-window": f"""\
id: closed-window
title: 增设快递柜
category: other
status: approved
summary: 在 3 栋旁增设快递柜。
proposed_by: owners-committee
{VOTE}decision:
  stage: preliminary
  date: 2026-10-03
  result: approved
feedback:
  contact: 业委会办公室
""",
    "final-result": f"""\
id: final-result
title: 更换西门道闸
category: other
status: approved
summary: 西门道闸改为车牌识别。
proposed_by: owners-committee
{VOTE}decision:
  stage: final
  date: 2026-10-09
  result: approved
  published: 2026-10-09
  explanation: 询异期内 2 户业主反映表决票系他人代签，经监督委员会复核，这 2 票改计为弃权。
  preliminary:
    date: 2026-09-28
    result: approved
    agreed: {{owners: 150, area_m2: 15000.00}}
    abstained: {{owners: 20, area_m2: 2000.00}}
""",
}


def page_text(page: Path) -> str:
    """The words of a built page's article, tags removed, whitespace collapsed."""
    text = page.read_text("utf-8")
    article = text[text.index("<article") : text.index("</article>")]
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", "", article)))


@pytest.fixture(scope="module")
def staged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The base community with the three staged matters, built and printed as of BUILT_ON."""
    root = tmp_path_factory.mktemp("staged") / "community"
    shutil.copytree(BASE, root)
    for name, text in MATTERS.items():
        (root / "content" / "matters" / f"{name}.yml").write_text(text, "utf-8")
    runner = CliRunner()
    check = runner.invoke(cli, ["check", str(root), "--today", BUILT_ON])
    assert check.exit_code == 0, check.output
    build = runner.invoke(cli, ["build", str(root), "--today", BUILT_ON, "--no-posters"])
    assert build.exit_code == 0, build.output
    printed = runner.invoke(
        cli, ["print", *MATTERS, "-C", str(root), "--out", str(root / "out"), "--today", BUILT_ON]
    )
    assert printed.exit_code == 0, printed.output
    return root


def poster(root: Path, name: str) -> str:
    return flat(pdf_text(root / "out" / "posters" / "matters" / f"{name}.pdf"))


def test_page_of_an_open_window_gives_the_deadline_days_left_and_whom_to_tell(
    staged: Path,
) -> None:
    text = page_text(staged / "site" / "matters" / "open-window" / "index.html")
    assert "结果：通过（初步结果）" in text
    assert "这是初步结果，2026年11月11日公布" in text
    assert "异议截止：2026年11月18日：询异期中，还有5天" in text
    assert "依据：本小区议事规则" in text
    assert "请在2026年11月18日前，向业委会办公室（电话0734-80000001）书面或当面提出" in text


def test_page_of_a_closed_window_says_so_and_no_longer_asks_for_objections(
    staged: Path,
) -> None:
    # Posted 10-03 (a holiday): the 7th day is Sat 10-10, a make-up working day.
    text = page_text(staged / "site" / "matters" / "closed-window" / "index.html")
    assert "异议截止：2026年10月10日：询异期已结束，等待公布最终结果" in text
    assert "如何提出异议" not in text


def test_page_of_a_final_result_shows_the_window_the_reason_and_the_changed_figures(
    staged: Path,
) -> None:
    # Posted Mon 09-28: the 7th day falls in the National Day holiday, so the window ran to 10-08.
    text = page_text(staged / "site" / "matters" / "final-result" / "index.html")
    assert "这是最终结果，2026年10月9日作出。初步结果（通过）于2026年9月28日公布" in text
    assert "异议截止：2026年10月8日：询异期已结束" in text
    assert "与初步结果的差异：询异期内2户业主反映表决票系他人代签" in text
    assert "同意150户，15,000.00平方米148户，14,800.00平方米" in text
    assert "弃权20户，2,000.00平方米22户，2,200.00平方米" in text
    assert "如何提出异议" not in text


def test_poster_of_a_preliminary_result_is_headed_as_one_and_prints_the_deadline(
    staged: Path,
) -> None:
    text = poster(staged, "open-window")
    assert "重大事项表决初步结果公示" in text
    assert "表决结果：通过（初步结果；2026年11月10日计票，2026年11月11日公布）" in text
    assert "询异期：2026年11月12日至11月18日，共7日（依据：本小区议事规则" in text
    assert "异议截止：2026年11月18日" in text
    assert "对初步结果（票数、计票）有异议的，请于2026年11月18日前向业委会办公室" in text


def test_poster_after_the_window_stops_asking_for_objections_by_a_date(staged: Path) -> None:
    text = poster(staged, "closed-window")
    assert "异议截止：2026年10月10日" in text
    assert "询异期已结束" in text
    assert "请于2026年10月10日前" not in text


def test_poster_of_a_final_result_prints_its_stage_deadline_and_changed_figures(
    staged: Path,
) -> None:
    text = poster(staged, "final-result")
    assert "重大事项表决结果公示" in text and "初步结果公示" not in text
    assert "结果阶段：最终结果（初步结果为“通过”，2026年9月28日公布，询异期满后定案）" in text
    assert "异议截止：2026年10月8日" in text
    assert "与初步结果的差异：询异期内2户业主反映" in text
    table = pdf_text(staged / "out" / "posters" / "matters" / "final-result.pdf", layout=True)
    rows = [re.sub(r"\s+", "", line) for line in table.splitlines()]
    assert "同意150户，15,000.00平方米148户，14,800.00平方米" in rows
    assert "弃权20户，2,000.00平方米22户，2,200.00平方米" in rows


def test_sample_vote_staged_on_the_sample_site(sample_site: Path) -> None:
    # Counted and posted Tue 11-17: the window runs 11-18 … Tue 11-24; the final result 11-25.
    text = page_text(sample_site / "matters" / "cctv-upgrade-2026" / "index.html")
    assert "结果：通过（最终结果）" in text
    assert "这是最终结果，2026年11月25日作出。初步结果（通过）于2026年11月17日公布" in text
    assert "异议截止：2026年11月24日：询异期已结束" in text
    assert "与初步结果的差异：询异期内有业主反映6栋一户业主的表决票计了两次" in text
    assert "同意716户，71,233.65平方米715户，71,145.56平方米" in text
