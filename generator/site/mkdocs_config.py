"""The mkdocs.yml Gongshi writes: plain mkdocs-material settings, easy to move to Zensical.

Choices that matter to residents, each measured on the issue:
- `theme.font: false` and `extra.generator: false`: otherwise material loads Google
  Fonts and links its own home page, and the site calls out of China's networks.
- `nav` lists sections only: with every record in the navigation each page carries
  the whole list (185 KB per page at 600 pages instead of 14 KB).
- `plugins: []` turns material's search plugin off (its index is one 5.5 MB file and
  misses 业主 inside 业主委员会); Pagefind indexes the built site instead.
- `strict: true` and link validation: a broken internal link fails the build.
- Nothing a page view fetches grows with the site: the theme's language switcher no
  longer fetches `sitemap.xml` for the RSS link (build.py, BUNDLE_SITEMAP), and the
  matters index and account pages list one year, not every record.
- `assets/gongshi-log.js` on every page: each visit is a resident's browser checking the
  public log against the checkpoint it saw last (see generator/log/).
"""

from __future__ import annotations

from typing import Any

import yaml

from generator.project import Project
from generator.site.escaping import html_text
from generator.site_layout import REPORT_FOLDER, SECTION_INDEX, VERIFY_FOLDER, section_index
from generator.urls import site_base

NAV: tuple[tuple[str, str], ...] = (
    ("首页", f"{SECTION_INDEX}.md"),
    ("组织机构", section_index("organizations")),
    ("收支账目", section_index("funds")),
    ("重大事项", section_index("matters")),
    ("志愿服务", section_index("volunteers")),
    ("公开情况", section_index(REPORT_FOLDER)),
    ("调查与评估", section_index("surveys")),
    ("核验海报", section_index(VERIFY_FOLDER)),
    ("公开数据与核对", section_index("data")),
)
EXTRA_CSS = "assets/gongshi.css"
EXTRA_JS = "assets/gongshi-search.js"
VERIFY_CSS = "assets/gongshi-verify.css"
VERIFY_JS = "assets/gongshi-verify.js"
"""The 核验 page's script, on every page: a record page opened from a poster's QR code
(`?code=…`) says at once whether that poster is the current version."""
ELDER_JS = "assets/gongshi-elder.js"
"""The 大字 / 长辈模式 switch in the header (applied before first paint by partials/elder-head.html)."""
LOG_JS = "assets/gongshi-log.js"
"""Checks the public log (log/) against the checkpoint this browser saw last, on every page."""
STATUS_JS = "assets/gongshi-status.js"
"""Says 公示中 / 还有 N 天 / 已结束 from the reader's date, on every page (see pages/matters.py)."""
OVERRIDES = "overrides"


def mkdocs_config(project: Project, title: str, search: bool = True) -> dict[str, Any]:
    config = project.config.record
    contact = config.site.contact
    footer = [title]
    if isinstance(contact, str):  # written as one line: shown as written
        footer.append(contact)
    elif contact is not None:
        footer += [f"联系电话 {contact.phone}"] if contact.phone else []
        footer += [contact.address] if contact.address else []
    return {
        "site_name": html_text(title),
        "site_url": site_base(config.site.url),
        "site_description": html_text(f"{config.community.name}的信息公示"),
        "copyright": html_text("｜".join(footer)),
        "docs_dir": "docs",
        "site_dir": "site",
        "use_directory_urls": True,
        "strict": True,
        "theme": {
            "name": "material",
            "custom_dir": OVERRIDES,
            "language": "custom",
            "font": False,
            "palette": {"scheme": "default", "primary": "indigo", "accent": "indigo"},
            "features": ["navigation.top"],
        },
        "plugins": [],
        "extra": {"generator": False, "pagefind": search},
        "extra_css": [EXTRA_CSS, VERIFY_CSS],
        "extra_javascript": [
            *([EXTRA_JS] if search else []),
            ELDER_JS,
            LOG_JS,
            VERIFY_JS,
            STATUS_JS,
        ],
        "markdown_extensions": ["tables", "attr_list", "sane_lists", {"toc": {"permalink": False}}],
        "nav": [{name: path} for name, path in NAV],
        "validation": {
            "omitted_files": "info",
            "absolute_links": "warn",
            "unrecognized_links": "warn",
            "anchors": "warn",
            "not_found": "warn",
        },
    }


def mkdocs_yaml(config: dict[str, Any]) -> str:
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000)
