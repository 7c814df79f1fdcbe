"""Every page of the site as a template name and its context, before any rendering.

Each module here builds one section; `site_pages` joins them in navigation order.
Charts and downloads that a page links to come back as `Asset`s to be written
beside the Markdown, so mkdocs' strict link check covers them too.
"""

from __future__ import annotations

import importlib
from collections.abc import Collection
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


SECTIONS: tuple[tuple[str, str], ...] = (
    ("home", "整理首页"),
    ("organizations", "整理组织页面"),
    ("funds", "整理账目页面"),
    ("matters", "整理重大事项页面"),
    ("volunteers", "整理志愿服务页面"),
    ("report", "整理公开情况页"),
    ("surveys", "整理调查与评估页面"),
    ("documents", "整理相关文件（合同、验收记录、凭证）"),
    ("data", "整理公开数据、订阅和日历"),
    ("verify", "整理核验页（各版本的校验码）"),
)
"""Each section's module below generator/site/pages/, in navigation order, and its step's name."""


def site_pages(site: SiteContext, only: Collection[str] | None = None) -> Section:
    """Every section's pages and files (or the sections `only` names), in navigation order."""
    result = Section()
    for name, label in SECTIONS:
        if only is None or name in only:
            module = importlib.import_module(f"generator.site.pages.{name}")
            with rendering(label):
                result.extend(module.section(site))
    return result
