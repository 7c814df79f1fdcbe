"""The site's own address (`site.url`): a plain http(s) address, or nothing gets built.

Every page, feed, calendar and poster QR code starts from this one value, so a
quote or an angle bracket in it would put whatever follows into every page. The
build escapes it anyway; these rules make the secretary fix it at the source.
Each problem has its own code; a value is reported once, for its first problem.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from generator import codes
from generator.checksum import record_checksum
from generator.diagnostics import Diagnostic
from generator.document_files import document_references
from generator.models import Matter
from generator.project import Project, Sourced
from generator.urls import (
    CODE_QUERY_LENGTH,
    fits_poster_qr,
    poster_qr_capacity,
    poster_qr_url,
    record_url,
    site_base,
)

MAX_URL_LENGTH = 200
"""Long enough for any real address with a sub-folder; short enough for a poster's QR code."""

_FORBIDDEN = {
    '"': "双引号",
    "'": "单引号",
    "<": "尖括号",
    ">": "尖括号",
    "\\": "反斜杠",
    "`": "反引号",
    "{": "花括号",
    "}": "花括号",
    "|": "竖线",
    "^": "脱字符",
}
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def _describe_character(character: str) -> str:
    if character in _FORBIDDEN:
        return f"{_FORBIDDEN[character]}「{character}」"
    if character in " \u3000\u00a0" or character.isspace():
        return "空格或换行"
    if unicodedata.category(character).startswith("C"):
        return f"看不见的控制字符（U+{ord(character):04X}）"
    if unicodedata.normalize("NFKC", character) != character:
        plain = unicodedata.normalize("NFKC", character)
        return f"全角字符「{character}」（应为半角的「{plain}」，请切换到英文输入法重新输入）"
    return f"「{character}」（网址里不能直接写中文；中文域名请写服务商给的以 xn-- 开头的英文形式）"


def _bad_character(url: str) -> tuple[int, str] | None:
    for position, character in enumerate(url, start=1):
        if not (" " < character < "\x7f") or character in _FORBIDDEN:
            return position, character
    return None


def _valid_host(host: str) -> bool:
    if ":" in host:  # urlsplit has taken the brackets off an IPv6 address
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return False
        return True
    if re.fullmatch(r"[\d.]+", host):
        try:
            ipaddress.IPv4Address(host)
        except ValueError:
            return False
        return True
    labels = host.lower().rstrip(".").split(".")
    return len(host) <= 253 and all(_LABEL.match(label) for label in labels)


def site_url_problem(url: str) -> tuple[codes.Code, str] | None:
    """The first thing wrong with a site address, as (code, Chinese message); None if it is fine."""
    if len(url) > MAX_URL_LENGTH:
        return codes.G119, (
            f"网址有 {len(url)} 个字符，超过了 {MAX_URL_LENGTH} 个，海报的二维码放不下。"
            "请只写网站首页的地址，如 https://cuihu.example.org/。"
        )
    found = _bad_character(url)
    if found is not None:
        position, character = found
        return codes.G117, (
            f"网址的第 {position} 个字符是{_describe_character(character)}，网址里不能有它。"
            "请照着网站服务商给的地址重新输入，如 https://cuihu.example.org/。"
        )
    scheme = _SCHEME.match(url)
    named = scheme.group(1).lower() if scheme else ""
    if named and "." not in named and named not in ("http", "https"):
        return codes.G116, (
            f"网址只能以 https:// 或 http:// 开头，这里是「{scheme.group(1) if scheme else ''}:」。"
            "请写网站首页的地址，如 https://cuihu.example.org/。"
        )
    if named not in ("http", "https") or not url.lower().startswith(f"{named}://"):
        rest = (url[len(named) + 1 :] if named in ("http", "https") else url).lstrip(":/")
        rest += "" if "/" in rest else "/"
        return codes.G116, (
            f"网址「{url}」缺少开头的 https://（冒号后面是两个斜杠）。"
            f"请写成 https://{rest} 这样的完整地址。"
        )
    return _authority_problem(url)


def _authority_problem(url: str) -> tuple[codes.Code, str] | None:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return codes.G118, (
            "网址里域名后面的端口或方括号不对。请写成 https://cuihu.example.org/ 这样的地址。"
        )
    if parts.username is not None:
        return codes.G118, "网址里不能有用户名或密码（@ 前面的部分）。请删掉它们。"
    host = parts.hostname or ""
    if not host:
        return (
            codes.G118,
            "网址里 https:// 后面没有域名。请写成 https://cuihu.example.org/ 这样的地址。",
        )
    if not _valid_host(host):
        return codes.G118, (
            f"网址里的域名「{host}」不对：域名由英文字母、数字、连字符（-）和点组成，"
            "点不能连着写，如 cuihu.example.org。"
        )
    if port == 0:
        return codes.G118, "网址里冒号后面的端口不能是 0。请删掉它，或写网站服务商给的端口。"
    if "?" in url or "#" in url:
        return codes.G118, (
            "网址里不能有问号（?）或井号（#）及其后面的部分，它们会让每一页的链接出错。请删掉它们。"
        )
    page = _PAGE_FILE.search(parts.path)
    if page is not None:
        folder = url[: url.rindex(page.group(0))] + "/"
        return codes.G118, (
            f"网址最后的「{page.group(0).lstrip('/')}」是一个网页文件，而这里要写的是网站首页所在的"
            f"文件夹：每一页的地址都接在它后面。请删掉它，写成 {folder}。"
        )
    return None


_PAGE_FILE = re.compile(r"/[^/]*\.(?:html?|php|aspx?|jsp|shtml)/?$", re.IGNORECASE)
"""A page's file at the end of an address (`…/index.html`): the site is a folder, not a page."""


def _diagnostics(project: Project, code: codes.Code) -> Iterator[Diagnostic]:
    problem = site_url_problem(project.config.record.site.url)
    if problem is not None and problem[0] is code:
        yield code.at(project.config.span("site", "url"), f"site → url（网址）：{problem[1]}")


def scheme_diagnostics(project: Project) -> Iterator[Diagnostic]:
    yield from _diagnostics(project, codes.G116)


def character_diagnostics(project: Project) -> Iterator[Diagnostic]:
    yield from _diagnostics(project, codes.G117)


def host_diagnostics(project: Project) -> Iterator[Diagnostic]:
    yield from _diagnostics(project, codes.G118)


def length_diagnostics(project: Project) -> Iterator[Diagnostic]:
    yield from _diagnostics(project, codes.G119)


def qr_capacity_diagnostics(project: Project) -> Iterator[Diagnostic]:
    """The longest record URL (site.url plus the longest page path) fits the posters' QR code."""
    url = project.config.record.site.url
    if site_url_problem(url) is not None:
        return  # G116–G119 have said what is wrong with it
    records: list[Sourced[Any]] = [
        *project.organizations,
        *project.ledgers,
        *project.matters,
        *project.schedules,
    ]
    addresses = [(item, record_url(url, item.record)) for item in records]
    if not addresses:
        return
    item, longest = max(addresses, key=lambda pair: len(pair[1].encode("utf-8")))
    file = item.file
    if fits_poster_qr(poster_qr_url(url, item.record, record_checksum(item.record))):
        return  # every code has the same length, so the longest page makes the longest QR code
    capacity = poster_qr_capacity()
    room = capacity - CODE_QUERY_LENGTH
    over = sum(1 for _, address in addresses if len(address.encode("utf-8")) > room)
    shown = longest if len(longest) <= 80 else f"{longest[:48]}…{longest[-28:]}"
    yield codes.G123.at(
        project.config.span("site", "url"),
        f"site → url（网址）：{max(over, 1)} 条记录的网址放不进海报的二维码。最长的是 {file} 的"
        f"「{shown}」，有 {len(longest)} 个字符，加上校验码（?code=K7QD-3M9X，{CODE_QUERY_LENGTH} 个）"
        f"有 {len(longest) + CODE_QUERY_LENGTH} 个，二维码最多放 {capacity} 个，再多就密得扫不出来。"
        "请把网址缩短到只写网站首页，如 https://cuihu.example.org/；或把这条记录的编号改短。",
    )


def document_link_diagnostics(project: Project) -> Iterator[Diagnostic]:
    """G128: a document's `url` the site can link to: a full http(s) address.

    The site publishes the pages and posters made from the records, and the files named
    with `file:` (content/documents/), so a path in `url` (`files/report.pdf`) leads
    nowhere, and mkdocs refuses to build a page linking to a file it does not have.
    Another scheme (`mailto:`, `javascript:`) is no page to open: the site shows the
    title without a link (`safe_url`).
    """
    base = site_base(project.config.record.site.url)
    for reference in document_references(project):
        document = reference.document
        url = (document.url or "").strip()
        problem = _document_link_problem(url, base) if url else None
        if problem is not None:
            record = reference.item.record
            yield codes.G128.at(
                reference.item.span(*reference.path[:-1], "url"),
                f"相关文件「{document.title}」的链接「{url}」{problem}",
                record.id if isinstance(record, Matter) else None,
            )


_BARE_HOST = re.compile(r"^(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:[/:]|$)")


def _document_link_problem(url: str, base: str) -> str | None:
    scheme = _SCHEME.match(url)
    named = scheme.group(1).lower() if scheme else ""
    if named in ("http", "https"):
        if url.lower().startswith(f"{named}://"):
            return None
        rest = url[len(named) + 1 :].lstrip("/")
        return f"缺少冒号后面的两个斜杠。请写成 {named}://{rest}。"
    if named and not _BARE_HOST.match(url):
        return None
    if _BARE_HOST.match(url):
        return f"缺少开头的 https://。请写成 https://{url}。"
    return (
        "不是完整的网址，这样的链接在网站上打不开，生成网站时也会出错。文件在手边的，"
        f"请放进 content/documents/ 文件夹，把 url 改成 file: documents/{_file_name(url)}，"
        "网站会发布它；已在别处公布的，写它以 https:// 开头的完整网址；要链接本站的某一页，"
        f"也请写完整网址，如 {base}matters/{_example_matter(url)}/；都没有就删掉 url 这一行。"
    )


def _file_name(url: str) -> str:
    """The file a path such as `files/lift-contract.pdf` names, to suggest as documents/…."""
    name = url.rstrip("/").split("/")[-1]
    return name if "." in name.strip(".") else "lift-contract-2026.pdf"


def _example_matter(url: str) -> str:
    """The matter a path such as `../lawn-parking-2026/` or `/matters/lawn.md` names, if any."""
    name = url.rstrip("/").split("/")[-1].removesuffix(".md")
    return name if re.fullmatch(r"[a-z0-9][a-z0-9-]*", name) else "lawn-parking-2026"
