"""Money in two taps: home → period, category totals, spent / budget across accounts, documents.

Figures are worked by hand from the sample's entries (content/funds/), not by the code's sums.
"""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from weasyprint import HTML

from generator.models import Entry, Ledger
from generator.site.pages.funds import category_totals
from tests.conftest import REPO, Gongshi
from tests.site.conftest import sample_copy

PERIOD_PAGE = re.compile(r"^funds/[a-z0-9-]+/[a-z0-9-]+-\d{4}(q[1-4]|-\d{2})/$")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _page(site: Path, url: str) -> _Links:
    """The links of the page at site-relative `url` (a folder URL, as mkdocs writes them)."""
    path = site / unquote(url) / "index.html" if url.endswith("/") or not url else site / url
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _main_links(site: Path, url: str) -> set[str]:
    """Site-relative targets of the links in a page's article (not the navigation)."""
    html = (site / unquote(url) / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    parser = _Links()
    parser.feed(article)
    base = "http://x/" + url
    found = set()
    for href in parser.hrefs:
        target = urljoin(base, href)
        if target.startswith("http://x/"):
            found.add(urlsplit(target).path.removeprefix("/"))
    return found


def _text(site: Path, url: str) -> str:
    return re.sub(r"\s+", " ", "".join(_page(site, url).text))


def test_every_period_of_every_account_is_two_taps_from_home(sample_site: Path) -> None:
    home = _main_links(sample_site, "")
    periods = {
        str(path.parent.relative_to(sample_site)) + "/"
        for path in (sample_site / "funds").glob("*/*/index.html")
        if not path.parent.name.isdigit()  # an account's page for an earlier year
    }
    assert len(periods) == 10  # 4 party-funds + 4 public-income + 2 maintenance-fund
    one_tap = home & periods
    assert one_tap == {
        "funds/party-funds/party-funds-2026q3/",
        "funds/public-income/public-income-2026q3/",
        "funds/maintenance-fund/maintenance-fund-2026q4/",
    }
    two_taps = set(one_tap)
    for page in home:
        if page.startswith("funds/") and page.endswith("/"):
            two_taps |= _main_links(sample_site, page) & periods
    assert two_taps == periods
    assert "funds/" in home


def test_home_shows_each_accounts_balance_and_latest_period(sample_site: Path) -> None:
    text = _text(sample_site, "")
    # party-funds 2026 Q3: income 402.60 + 1665.00 + 3000.00; spending 1480 + 750 + 600 + 1620
    # + 480 + 900 + 560 + 288
    assert (
        "截至2026年9月30日余额 9,638.50 元。2026年第三季度：收入 5,067.60 元，支出 6,678.00 元"
        in text
    )
    # the fund's Q4 is open: its balance holds on its publication day, 2026-11-20
    assert (
        "截至2026年11月20日余额 10,100,405.94 元。2026年第四季度（未结束）：收入 0.00 元，"
        "支出 286,620.00 元" in text
    )


def test_a_period_page_totals_by_category_from_its_entries(sample_site: Path) -> None:
    text = _text(sample_site, "funds/public-income/public-income-2026q3/")
    # public-income 2026 Q3 by hand: 停车费 33690.00 + 32870.00 + 33240.00 = 99800.00 (3);
    # 绿地改建停车位 63440.00 + 47580.00 = 111020.00 (2); 停车管理成本 3 × 5600.00 = 16800.00
    for row in (
        "收入：停车费 3 99,800.00",
        "收入：电梯广告费 1 18,720.00",
        "收入：快递柜场地租金 1 2,400.00",
        "收入：利息 1 498.52",
        "支出：绿地改建停车位 2 111,020.00",
        "支出：停车管理成本 3 16,800.00",
        "支出：电梯更换 1 12,600.00",
        "支出：业主大会会务 1 2,080.00",
        "支出：公共设施维修 1 1,380.00",
        "收入合计 121,418.52",
        "支出合计 143,880.00",
    ):
        assert row in text, row
    assert text.index("按类别合计") < text.index("收支明细")


def test_category_totals_put_income_first_and_the_largest_first() -> None:
    def entry(kind: str, category: str, amount: str) -> Entry:
        return Entry.model_validate(
            {
                "date": "2026-01-05",
                "type": kind,
                "category": category,
                "amount": amount,
                "description": "测试",
            }
        )

    ledger = Ledger.model_validate(
        {
            "account": "a",
            "name": "测试",
            "period": {"start": "2026-01-01", "end": "2026-03-31"},
            "opening_balance": "0",
            "closing_balance": "0",
            "prepared_by": "x",
            "reviewed_by": "y",
            "published": "2026-04-01",
            "entries": [
                entry("expense", "维修", "0.10").model_dump(),
                entry("income", "利息", "0.05").model_dump(),
                entry("expense", "保洁", "0.25").model_dump(),
                entry("expense", "维修", "0.20").model_dump(),
                entry("income", "停车费", "10.00").model_dump(),
            ],
        }
    )
    rows = [(r["type"], r["category"], r["total"], r["count"]) for r in category_totals(ledger)]
    assert rows == [
        ("income", "停车费", Decimal("10.00"), 1),
        ("income", "利息", Decimal("0.05"), 1),
        ("expense", "维修", Decimal("0.30"), 2),  # 0.10 + 0.20, exactly
        ("expense", "保洁", Decimal("0.25"), 1),
    ]


def test_the_lift_page_counts_every_account_that_paid(sample_site: Path) -> None:
    url = "matters/lift-replacement-2026/"
    text = _text(sample_site, url)
    # by hand: 12600.00 (public income, 2026-09-24) + 286620.00 (fund, 2026-11-10) = 299220.00
    # of the 968000.00 budget: 299220 / 968000 = 30.91…% → 30.9%
    assert "预算 968,000.00 元，已支出 299,220.00 元（占预算 30.9%）" in text
    assert "小区住宅专项维修资金 286,620.00" in text
    assert "小区公共收益 12,600.00" in text
    assert "合计 299,220.00" in text
    links = _main_links(sample_site, url)
    assert {"funds/maintenance-fund/", "funds/public-income/"} <= links
    assert "funds/maintenance-fund/maintenance-fund-2026q4/" in links


def test_the_roof_page_counts_its_emergency_repair(sample_site: Path) -> None:
    text = _text(sample_site, "matters/roof-waterproofing-2026/")
    # 8650.00 of 386500.00 = 2.238…% → 2.2%
    assert "预算 386,500.00 元，已支出 8,650.00 元（占预算 2.2%）" in text
    assert "应急使用" in text


def test_documents_are_published_and_linked(sample_site: Path) -> None:
    for name in ("lift-contract-2026.pdf", "lift-fund-payment-2026-11.pdf"):
        published = sample_site / "documents" / name
        assert published.read_bytes() == (REPO / "content" / "documents" / name).read_bytes()
    assert "documents/lift-contract-2026.pdf" in _main_links(
        sample_site, "matters/lift-replacement-2026/"
    )
    assert "documents/lift-fund-payment-2026-11.pdf" in _main_links(
        sample_site, "funds/maintenance-fund/maintenance-fund-2026q4/"
    )
    size = (sample_site / "documents" / "lift-contract-2026.pdf").stat().st_size
    assert f"PDF，{round(size / 1024)} KB" in _text(sample_site, "matters/lift-replacement-2026/")


def _file_line(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


@pytest.fixture
def community(tmp_path: Path) -> Path:
    return sample_copy(tmp_path / "community")


def test_a_missing_document_file_is_g129_at_its_line(community: Path, gongshi: Gongshi) -> None:
    (community / "content" / "documents" / "lift-contract-2026.pdf").unlink()
    result = gongshi("check", "--today", "2026-11-25", cwd=community)
    matter = community / "content" / "matters" / "lift-replacement-2026.yml"
    line = _file_line(matter, "file: documents/lift-contract-2026.pdf")
    assert result.returncode == 1
    assert f"content/matters/lift-replacement-2026.yml:{line}:" in result.stdout
    assert "G129" in result.stdout
    assert "content/documents/lift-contract-2026.pdf 不存在" in result.stdout


def test_a_document_file_named_in_another_case_is_named(community: Path, gongshi: Gongshi) -> None:
    folder = community / "content" / "documents"
    shutil.move(folder / "lift-contract-2026.pdf", folder / "Lift-Contract-2026.PDF")
    result = gongshi("check", "--today", "2026-11-25", cwd=community)
    assert "G129" in result.stdout and "文件夹里有 Lift-Contract-2026.PDF" in result.stdout


def test_privacy_scan_finds_a_mobile_number_inside_a_pdf(community: Path, gongshi: Gongshi) -> None:
    pdf = community / "content" / "documents" / "lift-contract-2026.pdf"
    HTML(
        string="<html><body style='font-family: \"Noto Sans CJK SC\"'>"
        "<p>电梯采购及安装合同</p><p style='page-break-before: always'>"
        "乙方项目经理：赵工，手机 139 1234 5678</p></body></html>"
    ).write_pdf(pdf)
    result = gongshi("check", "--today", "2026-11-25", cwd=community)
    matter = community / "content" / "matters" / "lift-replacement-2026.yml"
    line = _file_line(matter, "file: documents/lift-contract-2026.pdf")
    found = [row for row in result.stdout.splitlines() if "错误 G702" in row]
    assert len(found) == 1, result.stdout
    assert f"content/matters/lift-replacement-2026.yml:{line}:" in found[0]
    assert "文件 content/documents/lift-contract-2026.pdf 第 2 页" in found[0]
    assert "12345678" not in result.stdout  # masked, as every finding is
    assert result.returncode == 1
