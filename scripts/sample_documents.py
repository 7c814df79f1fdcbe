"""Make the sample community's document files (content/documents/*.pdf) with WeasyPrint.

The PDFs are committed; run this only to remake them after changing the text below:
`python scripts/sample_documents.py`. They stand for scans a secretary would add: the
lift contract's public summary and the fund centre's payment notice.
"""

from __future__ import annotations

from pathlib import Path

from weasyprint import HTML

FOLDER = Path(__file__).resolve().parent.parent / "content" / "documents"

STYLE = """
@page { size: A4; margin: 22mm 20mm; }
body { font-family: "Noto Sans CJK SC", sans-serif; font-size: 11pt; line-height: 1.7; }
h1 { font-weight: normal; font-size: 18pt; text-align: center; margin-bottom: 4mm; }
p.no { text-align: right; font-size: 9.5pt; }
table { border-collapse: collapse; width: 100%; margin: 3mm 0; }
b, th { font-weight: normal; }
td, th { border: 0.6pt solid #333; padding: 1.5mm 2.5mm; }
td.n { text-align: right; }
.seal { margin-top: 10mm; text-align: right; }
"""

CONTRACT = """
<h1>3 栋、6 栋电梯采购及安装合同（公示摘要）</h1>
<p class="no">合同编号：CH-WY-2026-018　签订日期：2026 年 10 月 28 日</p>
<p><b>发包方（甲方）</b>：翠湖花园小区业主委员会（代表 3 栋、6 栋全体业主）<br>
<b>承包方（乙方）</b>：xx市奥通电梯工程有限公司<br>
<b>依据</b>：业主表决通过《使用专项维修资金更换 3 栋、6 栋电梯（共 4 部）》（2026 年 9 月 22 日计票，
9 月 23 日公告）；2026 年 10 月 20 日公示的公开招标结果。</p>
<p><b>一、工程内容</b>：拆除 3 栋 1、2 单元，6 栋 1、2 单元原有电梯 4 部，供货并安装载重 1000 千克、
速度 1.75 米/秒的乘客电梯 4 部，含井道修整、五方对讲和电梯物联网监测装置，通过特种设备监督检验。</p>
<p><b>二、合同价</b>：955,400.00 元（大写：玖拾伍万伍仟肆佰元整），从 3 栋、6 栋住宅专项维修资金中列支，
按两栋楼的建筑面积分摊。</p>
<table>
<tr><th>付款节点</th><th>比例</th><th>金额（元）</th></tr>
<tr><td>合同签订、维修资金管理中心核准后（首期款）</td><td class="n">30%</td><td class="n">286,620.00</td></tr>
<tr><td>3 栋首批 2 部电梯设备到货验收后</td><td class="n">20%</td><td class="n">191,080.00</td></tr>
<tr><td>4 部电梯全部安装完毕、监督检验合格后</td><td class="n">45%</td><td class="n">429,930.00</td></tr>
<tr><td>质量保证金，竣工验收满两年后无质量问题支付</td><td class="n">5%</td><td class="n">47,770.00</td></tr>
<tr><td><b>合计</b></td><td class="n">100%</td><td class="n"><b>955,400.00</b></td></tr>
</table>
<p><b>三、工期</b>：每部电梯停运不超过 45 天，分楼栋施工，2027 年 3 月 31 日前全部完工。</p>
<p><b>四、安全与服务</b>：施工期间乙方设专人值守；物业公司为行动不便的住户安排上下楼帮助。
报修电话：0734-82653110（物业 24 小时值班座机）。</p>
<p>合同全文（含技术规格和图纸）存放在业委会办公室（6 栋一楼），业主可在工作日查阅。</p>
<p class="seal">甲方：翠湖花园小区业主委员会（盖章）<br>乙方：xx市奥通电梯工程有限公司（盖章）</p>
"""

PAYMENT = """
<h1>住宅专项维修资金使用拨款通知书</h1>
<p class="no">编号：WX-2026-1105-07　日期：2026 年 11 月 5 日</p>
<p>翠湖花园小区业主委员会：</p>
<p>你小区申请使用住宅专项维修资金更换 3 栋、6 栋电梯（共 4 部）一事，经审核，业主表决程序和票数
符合《民法典》第二百七十八条的规定（参与表决 968 户、95,870.25 平方米；同意 712 户、70,413.08 平方米），
申请材料齐全，同意按合同约定的节点拨付。</p>
<table>
<tr><th>项目</th><th>金额（元）</th></tr>
<tr><td>核准使用总额</td><td class="n">955,400.00</td></tr>
<tr><td>本次拨付（首期款，合同价的 30%）</td><td class="n">286,620.00</td></tr>
<tr><td>其中 3 栋分户账分摊</td><td class="n">145,916.23</td></tr>
<tr><td>其中 6 栋分户账分摊</td><td class="n">140,703.77</td></tr>
</table>
<p>款项将于 2026 年 11 月 10 日前直接划入施工单位 xx市奥通电梯工程有限公司的对公账户。
后续各节点的款项，凭监理签认的进度和验收资料另行申请。</p>
<p>咨询电话：0734-82651200（维修资金管理中心）</p>
<p class="seal">xx市住宅专项维修资金管理中心（盖章）</p>
"""


def write_pdf(name: str, body: str) -> Path:
    path = FOLDER / name
    html = f"<html lang='zh-CN'><head><style>{STYLE}</style></head><body>{body}</body></html>"
    HTML(string=html).write_pdf(path)
    return path


def main() -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for name, body in (
        ("lift-contract-2026.pdf", CONTRACT),
        ("lift-fund-payment-2026-11.pdf", PAYMENT),
    ):
        path = write_pdf(name, body)
        print(path, path.stat().st_size)


if __name__ == "__main__":
    main()
