"""A document a record names (contract, acceptance record, voucher): a title, and a file or link.

`file` is a PDF or picture kept in the repository under `content/documents/`: the site
publishes it beside the pages and links it, so residents read the contract itself, not
only its title. `url` stays for a document published elsewhere. Records written before
`file` existed (a title alone) stay valid.
"""

from __future__ import annotations

from pydantic import Field

from generator.models.common import IsoDate, Model, Text

DOCUMENTS_FOLDER = "documents"
"""The folder of content/ whose files the site publishes, as `documents/…` below the site root."""

DOCUMENT_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".webp")
"""What a browser on an old phone opens by itself: PDF and the common picture formats."""


class Document(Model):
    title: Text = Field(title="文件名", description="如 电梯更换合同、竣工验收记录。")
    kind: Text | None = Field(
        None,
        title="类别",
        description="如 contract 合同、acceptance 验收、minutes 会议纪要、voucher 凭证、invoice 发票。",
    )
    date: IsoDate | None = Field(None, title="日期", description="文件的日期。")
    file: Text | None = Field(
        None,
        title="文件",
        description="放在 content/documents/ 文件夹里的文件（PDF 或 PNG、JPG 图片），"
        "从 documents/ 写起，如 documents/lift-contract-2026.pdf。网站会发布这个文件并给出链接；"
        "发布前会检查文件里能读出的文字有没有身份证号、手机号、银行卡号。",
    )
    url: Text | None = Field(
        None,
        title="链接",
        description="在别的网站上公布的文件的完整网址（https:// 开头）。文件在本仓库里的，写 file。",
    )
