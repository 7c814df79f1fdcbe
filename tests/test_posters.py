"""`gongshi print` end to end: real PDFs checked with poppler and zbar, as a resident would check.

Each poster kind is rendered once per session (module fixture); the PNG of its
first page is kept in tests/artifacts/posters/ to be looked at.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.checksum import record_checksum
from generator.cli import cli
from generator.project import load_project
from generator.urls import poster_path, record_url
from tests.conftest import BASE, TESTS, TODAY

ARTIFACTS = TESTS / "artifacts" / "posters"
TOOLS = ("pdftotext", "pdffonts", "pdftoppm", "pdfinfo", "zbarimg")


def test_the_pdf_tools_are_installed() -> None:
    """The README's test command installs them; without them every check below is void."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    assert not missing, f"install poppler-utils and zbar-tools (README): missing {missing}"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def flat(text: str) -> str:
    """pdftotext breaks lines where the page does; compare without whitespace."""
    return re.sub(r"\s+", "", text)


def pdf_text(pdf: Path, page: int | None = None, layout: bool = False) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    options = ["-layout"] if layout else []
    return subprocess.run(
        ["pdftotext", *options, *pages, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))  # type: ignore[union-attr]


def first_page_png(pdf: Path, name: str) -> Path:
    """Page 1 at 150 dpi, kept as an artifact."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    stem = ARTIFACTS / name
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    return stem.with_suffix(".png")


@dataclass(frozen=True)
class Printed:
    root: Path
    out: Path
    result: Result

    def pdf(self, record_kind: str, record_id: str) -> Path:
        project, _ = load_project(self.root, date.fromisoformat(TODAY))
        assert project is not None
        record = self.record(record_kind, record_id)
        return self.out / poster_path(record, ".pdf")

    def record(self, record_kind: str, record_id: str):  # type: ignore[no-untyped-def]
        project, _ = load_project(self.root, date.fromisoformat(TODAY))
        assert project is not None
        items = {
            "matter": project.matters,
            "ledger": project.ledgers,
            "organization": project.organizations,
            "roster": project.schedules,
        }[record_kind]
        for item in items:
            key = getattr(item.record, "id", None) or getattr(item.record, "team", None)
            if record_kind == "ledger":
                key = item.record.account
            if key == record_id:
                return item.record
        raise KeyError(record_id)

    def url(self, record_kind: str, record_id: str) -> str:
        return record_url("https://test.example.org/", self.record(record_kind, record_id))


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    """Every poster kind of the base community, printed once through the real command."""
    root = tmp_path_factory.mktemp("print") / "community"
    shutil.copytree(BASE, root)
    out = root.parent / "out"
    result = invoke(
        "print", "lawn", "public-income-2026q1", "owners-committee", "volunteers/tutors",
        "-C", str(root), "--out", str(out), "--today", TODAY,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return Printed(root, out, result)


KINDS = [
    ("matter", "lawn", ["重大事项表决结果公示", "草坪改建停车位", "2026年3月2日至3月9日",
                        "公示地点：公示栏", "表决结果：通过", "人民币伍万元整", "2026年4月11日"]),
    ("ledger", "public-income", ["收支公示", "小区公共收益", "2026年1月1日至3月31日",
                                 "人民币伍佰元壹角", "人民币贰佰元整", "人民币壹仟元整",
                                 "¥1,300.10", "人民币壹仟叁佰元壹角", "2026年4月5日"]),
    ("organization", "owners-committee", ["业主委员会成员公示", "测试小区业主委员会", "赵书记",
                                          "2025年1月1日至2029年12月31日", "2026年11月25日"]),
    ("roster", "tutors", ["志愿服务值班表", "未成年人志愿辅导队", "2026年11月", "每周一、三、五",
                          "四点半课堂", "蒋老师", "2026年11月25日"]),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "record_id", "phrases"), KINDS)
def test_poster_text_has_title_dates_and_amounts(
    printed: Printed, kind: str, record_id: str, phrases: list[str]
) -> None:
    text = flat(pdf_text(printed.pdf(kind, record_id)))
    for phrase in phrases:
        assert flat(phrase) in text, phrase
    for furniture in ("盖章处", "意见反馈", "校验码", "第1页共"):
        assert furniture in text
    assert record_checksum(printed.record(kind, record_id)) in text


@pytest.mark.parametrize(("kind", "record_id"), [(k, r) for k, r, _ in KINDS])
def test_poster_embeds_the_cjk_font(printed: Printed, kind: str, record_id: str) -> None:
    fonts = subprocess.run(
        ["pdffonts", str(printed.pdf(kind, record_id))], capture_output=True, text=True, check=True
    ).stdout
    cjk = [line for line in fonts.splitlines() if "Noto-Sans-CJK" in line or "NotoSansCJK" in line]
    assert cjk, fonts
    assert all(line.split()[-5] == "yes" for line in cjk), fonts  # the "emb" column


@pytest.mark.parametrize(("kind", "record_id"), [(k, r) for k, r, _ in KINDS])
def test_qr_code_on_page_one_opens_the_record_page_carrying_the_code(
    printed: Printed, kind: str, record_id: str
) -> None:
    png = first_page_png(printed.pdf(kind, record_id), kind)
    decoded = subprocess.run(
        ["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True, check=False
    )
    code = record_checksum(printed.record(kind, record_id))
    assert decoded.stdout.strip() == f"{printed.url(kind, record_id)}?code={code}"


def test_html_beside_each_pdf_fetches_nothing(printed: Printed) -> None:
    html = printed.pdf("matter", "lawn").with_suffix(".html").read_text("utf-8")
    assert "<svg" in html and '"Noto Sans CJK SC"' in html
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:|url\(|@import""", html)


def test_command_lists_what_it_wrote(printed: Printed) -> None:
    assert printed.result.output.count("已生成") == 4
    assert "值班表按2026年11月排" in printed.result.output


def test_a_long_ledger_continues_on_numbered_pages_with_the_header_repeated(
    tmp_path: Path,
) -> None:
    root = tmp_path / "community"
    shutil.copytree(BASE, root)
    entries, balance = [], Decimal("1000.00")
    for n in range(80):
        amount = Decimal(100 + n) + Decimal("0.25")
        kind = "income" if n % 3 else "expense"
        balance += amount if kind == "income" else -amount
        day = date(2026, 1 + n // 28, 1 + n % 28)
        entries.append(
            f"  - {{date: {day}, type: {kind}, category: 停车费, amount: {amount}, "
            f"description: 第 {n + 1} 笔地面停车费收入或维修支出, counterparty: 测试物业服务有限公司, "
            f"voucher: 记-2026-{n + 1:03d}}}"
        )
    ledger = root / "content/funds/public-2026-q1.yml"
    ledger.write_text(
        "account: public-income\nname: 小区公共收益\nperiod: {start: 2026-01-01, end: 2026-03-31}\n"
        "opening_balance: 1000.00\nentries:\n" + "\n".join(entries) + "\n"
        f"closing_balance: {balance}\nprepared_by: 业委会\nreviewed_by: 监督委员会\n"
        "published: 2026-04-05\n",
        "utf-8",
    )
    (root / "content/matters/lawn.yml").unlink()  # the long ledger cites no matter
    out = tmp_path / "out"
    result = invoke(
        "print", "public-income-2026q1", "-C", str(root), "--out", str(out), "--today", TODAY
    )
    assert result.exit_code == 0, result.output
    pdf = out / "posters/funds/public-income/public-income-2026q1.pdf"
    pages = pdf_pages(pdf)
    assert pages >= 2
    for page in range(1, pages + 1):
        text = pdf_text(pdf, page, layout=True)
        assert f"第{page}页共{pages}页" in flat(text)
        if page < pages:  # the last page may hold only the totals
            assert re.search(r"日期\s+类别\s+摘要\s+收入\s+支出", text), page
    assert "第80笔" in flat(pdf_text(pdf))
    assert "人民币" in flat(pdf_text(pdf, pages))


def test_a3_makes_an_a3_page(base_project: Path, tmp_path: Path) -> None:
    result = invoke(
        "print", "lawn", "--size", "a3", "-C", str(base_project), "--out", str(tmp_path)
    )
    assert result.exit_code == 0, result.output
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "posters/matters/lawn.pdf")], capture_output=True, text=True
    ).stdout
    assert "(A3)" in info


def test_no_records_named_prints_the_matters_in_publicity(
    base_project: Path, tmp_path: Path
) -> None:
    result = invoke(
        "print", "-C", str(base_project), "--out", str(tmp_path), "--today", "2026-03-05"
    )
    assert result.exit_code == 0, result.output
    assert "在公示期内的 1 个事项" in result.output
    assert (tmp_path / "posters/matters/lawn.pdf").is_file()


def test_nothing_in_publicity_says_so_and_succeeds(base_project: Path, tmp_path: Path) -> None:
    result = invoke("print", "-C", str(base_project), "--out", str(tmp_path), "--today", TODAY)
    assert result.exit_code == 0
    assert "没有在公示期内的事项" in result.output
    assert not (tmp_path / "posters").exists()


def test_unknown_record_is_misuse_with_the_closest_ids(base_project: Path, tmp_path: Path) -> None:
    result = invoke(
        "print", "lwan", "owners-comittee", "-C", str(base_project), "--out", str(tmp_path)
    )
    assert result.exit_code == 2
    assert "找不到记录「lwan」。是不是想写：lawn？" in result.output
    assert "找不到记录「owners-comittee」。是不是想写：owners-committee？" in result.output


def test_unknown_size_is_misuse_in_chinese(base_project: Path, tmp_path: Path) -> None:
    result = invoke(
        "print", "lawn", "--size", "A5", "-C", str(base_project), "--out", str(tmp_path)
    )
    assert result.exit_code == 2
    assert "没有「A5」这种纸张尺寸。可选：A4、A3" in result.output


def test_unwritable_output_folder_is_misuse_in_chinese(base_project: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    result = invoke("print", "lawn", "-C", str(base_project), "--out", str(blocker / "posters"))
    assert result.exit_code == 2
    assert "无法写入输出文件夹" in result.output and "请用 --out 换一个" in result.output


def test_bad_month_is_misuse_in_chinese(base_project: Path, tmp_path: Path) -> None:
    result = invoke(
        "print", "tutors", "--month", "2026-13", "-C", str(base_project), "--out", str(tmp_path)
    )
    assert result.exit_code == 2
    assert "不是月份" in result.output


def test_content_errors_stop_printing(
    base_project: Path, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    ledger = base_project / "content/funds/public-2026-q1.yml"
    ledger.write_text(ledger.read_text("utf-8").replace("1300.10", "1300.11"), "utf-8")
    result = invoke(
        "print", "public-income-2026q1", "-C", str(base_project), "--out", str(tmp_path)
    )
    assert result.exit_code == 1
    assert "G201" in result.output and "没有生成海报" in result.output
    assert not (tmp_path / "posters").exists()
