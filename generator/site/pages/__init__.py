"""Every page of the site as a template name and its context, before any rendering.

Each module here builds one section; `site_pages` joins them in navigation order.
Charts and downloads that a page links to come back as `Asset`s to be written
beside the Markdown, so mkdocs' strict link check covers them too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from generator.failures import rendering
from generator.site.context import SiteContext


@dataclass(frozen=True)
class Page:
    """One Markdown file below docs/: `path` is also what links point to."""

    path: str
    template: str
    title: str
    description: str
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Asset:
    """A file written into docs/ as is (chart, CSV, JSON, feed)."""

    path: str
    content: bytes


@dataclass
class Section:
    pages: list[Page] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)

    def extend(self, other: Section) -> None:
        self.pages.extend(other.pages)
        self.assets.extend(other.assets)


def site_pages(site: SiteContext) -> Section:
    result = Section()
    for section in site_sections(site):
        result.extend(section)
    return result


def site_sections(site: SiteContext) -> Iterator[Section]:
    """The sections of `site_pages` one by one: the preview does other work between them."""
    from generator.site.pages import (
        data,
        documents,
        funds,
        home,
        matters,
        organizations,
        report,
        surveys,
        verify,
        volunteers,
    )

    for module, label in (
        (home, "整理首页"),
        (organizations, "整理组织页面"),
        (funds, "整理账目页面"),
        (matters, "整理重大事项页面"),
        (volunteers, "整理志愿服务页面"),
        (report, "整理公开情况页"),
        (surveys, "整理调查与评估页面"),
        (documents, "整理相关文件（合同、验收记录、凭证）"),
        (data, "整理公开数据、订阅和日历"),
        (verify, "整理核验页（各版本的校验码）"),
    ):
        with rendering(label):
            section = module.section(site)
        yield section
