"""mkdocs' own refusals, said in Chinese as G902 at the record whose page it refused.

`check` refuses what mkdocs is known to refuse (a document link to a file the site does
not have, G128; a site address it cannot use, G116–G119), so this is the last lock: a
refusal that still happens is a check Gongshi lacks. The secretary reads what happened
in Chinese, at the record's file, and the maintainers keep mkdocs' words in brackets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator import codes
from generator.diagnostics import Diagnostic, Span
from generator.project import Project
from generator.urls import record_path

_DETAIL_LENGTH = 160

_LINK = re.compile(
    r"^Doc file '(?P<page>[^']+)' contains (?:an? )?(?P<kind>absolute |unrecognized relative )?"
    r"link '(?P<link>[^']*)'"
)
_CONFIG = re.compile(r"^Config value '(?P<key>[^']+)'")
_PAGE = re.compile(r"^Doc file '(?P<page>[^']+)'")

_SETTINGS = {
    "site_url": "网址（site_config.yml 里 site → url）",
    "site_name": "网站标题（site → title）",
    "copyright": "页脚的联系方式（site → contact）",
    "nav": "网站的栏目",
}


def _record_of_page(project: Project, page: str) -> str | None:
    """The record file whose page mkdocs named (`matters/lawn.md` → content/matters/lawn.yml)."""
    for item in project.all_sources():
        if item is project.config:
            continue
        path = record_path(item.record)  # type: ignore[arg-type]
        if page in (path.rstrip("/") + ".md", path + "index.md"):
            return item.file
    return None


def _shortened(words: str) -> str:
    words = " ".join(words.split())
    return words if len(words) <= _DETAIL_LENGTH else words[: _DETAIL_LENGTH - 1] + "…"


def mkdocs_failure_diagnostics(
    project: Project, problems: list[str], outcome: str
) -> Iterator[Diagnostic]:
    """One G902 per distinct problem mkdocs reported; `outcome` says what became of the site."""
    for problem in dict.fromkeys(problems):
        file = project.config.file
        link, setting, page = _LINK.match(problem), _CONFIG.match(problem), _PAGE.match(problem)
        if link is not None:
            file = _record_of_page(project, link.group("page")) or file
            what = f"网页 {link.group('page')} 里的链接「{link.group('link')}」指向网站里没有的页面或文件"
            hint = "可以先把这条记录里的这个链接改成以 https:// 开头的完整网址，或删掉它再试"
        elif setting is not None:
            key = setting.group("key")
            what = f"mkdocs 不接受{_SETTINGS.get(key, f'设置 {key}')}"
            hint = "可以先把这项设置改得简单些再试"
        else:
            if page is not None:
                file = _record_of_page(project, page.group("page")) or file
            what = "mkdocs 报告了一个问题"
            hint = (
                "可以先把最近改动的记录里不常见的写法（特殊符号、链接、很长的文字）改得简单些再试"
            )
        yield codes.G902.at(
            Span(file),
            f"用 mkdocs 生成网站时，{what}（mkdocs 的原话：{_shortened(problem)}）。{outcome}。"
            "检查通过的内容本应都能生成，这是 Gongshi 漏掉了一项检查，请把这条信息报告给维护者；"
            f"修好之前，{hint}。",
        )
