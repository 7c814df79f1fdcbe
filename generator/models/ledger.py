"""A ledger: one account's income and expenses over one period, as published."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.models.common import (
    Correction,
    Flag,
    IsoDate,
    Model,
    Period,
    Prose,
    RecordId,
    Text,
    Yuan,
)
from generator.models.document import Document

EntryType = Literal["income", "expense"]
AccountKind = Literal["party_funds", "public_income", "maintenance_fund", "other"]

ACCOUNT_KIND_NAMES: dict[str, str] = {
    "party_funds": "党建工作经费",
    "public_income": "公共收益",
    "maintenance_fund": "专项维修资金",
    "other": "其他资金",
}


class Entry(Model):
    date: IsoDate = Field(title="日期", description="收支发生的日期。")
    type: EntryType = Field(title="收支", description="income 收入；expense 支出。")
    category: Text = Field(
        title="类别", description="如 上级党组织下拨、党费返还、停车费、广告费、维修、慰问。"
    )
    amount: Yuan = Field(
        title="金额", description="金额（元），正数，最多两位小数，如 1234.50。", ge=0
    )
    description: Text = Field(title="摘要", description="这笔钱的来龙去脉，居民看得懂的一句话。")
    counterparty: Text | None = Field(
        None, title="对方", description="付款或收款的单位。帮扶类支出不写个人姓名。"
    )
    voucher: Text | None = Field(None, title="凭证号", description="记账凭证或发票号，便于查账。")
    matter: RecordId | None = Field(
        None, title="依据事项", description="批准这笔支出的重大事项的 id。"
    )
    emergency: Flag = Field(
        False,
        title="应急使用",
        description="true 表示按专项维修资金应急使用程序支出（如屋面渗漏、电梯故障危及人身安全，"
        "见住房城乡建设部办公厅、财政部办公厅建办房〔2015〕52号），可以先维修、后公示，"
        "不必等业主表决；写明经哪个部门审核。",
    )
    documents: tuple[Document, ...] = Field(
        (),
        title="凭证和文件",
        description="这笔收支的合同、验收记录、发票或凭证扫描件，每份写 title 和 file（或 url）。",
    )


class BalanceCheck(Model):
    """An outside balance (bank statement, cash count) the books must agree with."""

    date: IsoDate = Field(
        title="对账日期", description="对账单或盘点的日期；核对当天结束时的余额。"
    )
    balance: Yuan = Field(title="余额", description="对账单或盘点得到的余额（元）。")
    source: Text = Field(title="依据", description="如 银行对账单、现金盘点表。")


class Ledger(Model):
    account: RecordId = Field(
        title="账户", description="账户编号，同一账户的各期账目用同一个编号，如 party-funds。"
    )
    name: Text = Field(title="账户名称", description="如 小区党建工作经费、小区公共收益。")
    kind: AccountKind = Field(
        "other",
        title="账户类别",
        description="party_funds 党建工作经费；public_income 公共收益；"
        "maintenance_fund 专项维修资金（每笔支出都要引用经业主表决同意使用维修资金的事项）；"
        "other 其他资金（不写即为 other）。",
    )
    period: Period = Field(title="会计期间", description="本期账目的起止日期，通常为一个季度。")
    opening_balance: Yuan = Field(
        title="期初余额", description="本期开始时的余额（元），等于上期期末余额。"
    )
    entries: tuple[Entry, ...] = Field((), title="收支明细", description="本期每一笔收入和支出。")
    closing_balance: Yuan = Field(title="期末余额", description="期初余额 + 收入 − 支出（元）。")
    prepared_by: Text = Field(title="制表人", description="编制本期账目的人或组织。")
    reviewed_by: Text = Field(title="审核人", description="审核本期账目的人或组织，如 监督委员会。")
    published: IsoDate = Field(title="公布日期", description="本期账目公示的日期。")
    balance_checks: tuple[BalanceCheck, ...] = Field(
        (), title="对账", description="银行对账单或现金盘点余额，账面余额必须与之相符。"
    )
    note: Prose | None = Field(None, title="说明", description="对本期账目的补充说明。")
    notice_number: Text | None = Field(
        None,
        title="文号",
        description="公示的发文字号（可不写），如 翠湖业委〔2026〕5号，印在海报标题下。",
    )
    corrections: tuple[Correction, ...] = Field(
        (), title="更正记录", description="已公布的数字、日期、人员等被改动时，每次改动写一条。"
    )
