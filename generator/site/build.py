"""`build_site`: records → Markdown → mkdocs-material → Pagefind → one finished site/.

The site is built in a marked staging folder beside `out_dir` and swapped in only
when every step has succeeded, so a failed build never leaves half a site; the
folder rules (never the project, only a folder Gongshi made) are in output_folder.py.
Nothing here reads the clock: dates come from the records, git, or `project.today`.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path

from generator.console import Meter, quiet_meter
from generator.failures import rendering
from generator.forked import started
from generator.i18n import _
from generator.log import LogRewritten, LogState, LogUncheckable, extend_log, log_origin, write_log
from generator.log.checkpoint import LOG_FOLDER
from generator.log.note import SignerKey
from generator.output_folder import (
    ensure_writable,
    recover_folder,
    removing,
    replace_folder,
    staging_folder,
    write_marker,
)
from generator.project import Project
from generator.site.context import SiteContext
from generator.site.finish import finish_pages, finish_written
from generator.site.history import record_histories
from generator.site.mkdocs_config import OVERRIDES, mkdocs_config, mkdocs_yaml
from generator.site.mkdocs_run import MkDocsFailed, run_mkdocs
from generator.site.pages import SECTIONS, Page, site_pages
from generator.site.recent import disclosures
from generator.site.render import markdown_environment, render, templates_dir
from generator.site.search import BUNDLE, SearchIndexFailed, run_pagefind
from generator.site.typography import project_typesetting


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    pages: int
    posters: int
    log_size: int = 0
    log_appended: int = 0
    in_git: bool = True


APART_SECTIONS = ("funds", "data")
"""Made in a second process while this one makes the others (matters, organizations, 核验, …):
the ledger pages, the open data, feeds and calendars, about as much work as the rest at
ten years with long free text (1.2–1.5 s against 1.1–1.2 s of CPU, while the rules run
beside both). No page of one half is made from a page of the other."""


def write_docs(site: SiteContext, project_dir: Path, search: bool) -> int:
    """The mkdocs project: docs/ (Markdown and assets), overrides/, mkdocs.yml; returns
    the number of pages."""
    apart = started(partial(_write_sections, site, project_dir / "docs", APART_SECTIONS))
    others = [name for name, _label in SECTIONS if name not in APART_SECTIONS]
    pages = _write_sections(site, project_dir / "docs", others)
    _write_theme(site, project_dir, search)
    return pages + apart()


def _write_sections(site: SiteContext, docs: Path, names: Collection[str]) -> int:
    section = site_pages(site, names)
    env = markdown_environment()
    for page in section.pages:
        with rendering("生成页面", page.path):
            text = render(env, page.template, **_page_context(site, page))
        _write(docs / page.path, text.encode("utf-8"))
    for asset in section.assets:
        _write(docs / asset.path, asset.content)
    return len(section.pages)


def _write_theme(site: SiteContext, project_dir: Path, search: bool) -> None:
    docs = project_dir / "docs"
    theme = templates_dir() / "theme"
    shutil.copytree(theme / "assets", docs / "assets", dirs_exist_ok=True)
    shutil.copytree(
        theme, project_dir / OVERRIDES, ignore=shutil.ignore_patterns("assets"), dirs_exist_ok=True
    )
    with rendering("写出 mkdocs 的设置（mkdocs.yml）"):
        config = mkdocs_yaml(mkdocs_config(site.project, site.title, search))
    (project_dir / "mkdocs.yml").write_text(config, encoding="utf-8")


def _page_context(site: SiteContext, page: Page) -> dict[str, object]:
    return {**page.context, "page": page, "site": site, "here": page.path}


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def latest_change(site: SiteContext) -> date | None:
    found = disclosures(site)
    return found[0].day if found else site.project.config.record.established


def build_site(
    project: Project,
    out_dir: Path,
    *,
    posters: bool = True,
    search: bool = True,
    docs_dir: Path | None = None,
    progress: Callable[[str], None] = lambda _note: None,
    meter: Meter = quiet_meter,
    previous_log: LogState | None = None,
    previous_log_dir: Path | None = None,
    log_key: SignerKey | None = None,
    checked: Callable[[], None] = lambda: None,
) -> BuildResult:
    """Build the whole site into `out_dir`, replacing it only when complete.

    Raises RenderingFailed when a library fails on the content, naming the step and,
    when known, the record; `out_dir` is then left as it was.
    Raises UnsafeOutputFolder, before writing anything, when `out_dir` is the
    project, holds it, lies in its records, or is a folder Gongshi did not make.
    `docs_dir`, when given, keeps the generated mkdocs project (Markdown, overrides,
    mkdocs.yml) there for inspection or for building with another tool.
    `previous_log` is the last deployed log (`log.read_log`, from `previous_log_dir`):
    the new log must extend it, or LogRewritten / LogUncheckable is raised before
    anything is built. `log_key` signs the log's checkpoint.
    `progress` gets a line for each step, `meter` shows how far the posters' PDFs are.
    `checked` is called before the posters and before mkdocs: `gongshi build` checks the
    content meanwhile, and its `checked` raises when the content has errors, so the
    pages made so far are thrown away with the staging folder.
    """
    out_dir = out_dir.absolute()
    ensure_writable(out_dir, project.root, instead="--out site")
    if docs_dir:
        docs_dir = docs_dir.absolute()
        ensure_writable(docs_dir, project.root, instead="另一个文件夹", own_files=("mkdocs.yml",))
    for note in recover_folder(out_dir):
        progress(note)
    work = staging_folder(out_dir)
    project_removed: Callable[[], None] | None = None
    try:
        with rendering("读取记录的修改历史（git）"):
            site = SiteContext(project, record_histories(project))
        history = project.history
        if history is None:
            progress(
                _(
                    "提示：这个文件夹不在 git 仓库里，网站不显示各记录的版本和修订记录，"
                    "也无法核对已公布的数字是否被改动。把记录放进 git 仓库后即可显示。"
                )
            )
        with rendering("整理公示日志", passing=(LogRewritten, LogUncheckable)):
            origin = log_origin(project.config.record.site.url)
            log = extend_log(origin, history, project.root, previous_log)
        project_dir = docs_dir if docs_dir else work / "project"
        if docs_dir and project_dir.exists():
            shutil.rmtree(project_dir)
        project_dir.mkdir(parents=True)
        write_marker(project_dir, "mkdocs")
        poster_count = 0
        if posters:
            checked()  # the posters take minutes: not for content that fails the check
            from generator.posters import write_posters  # WeasyPrint: 0.7 s to import

            progress(_("正在生成海报……"))
            written = write_posters(
                project, None, project_dir / "docs", "A4", reuse_from=out_dir, meter=meter
            )
            names = {path.relative_to(project_dir / "docs").as_posix() for path in written}
            site = replace(site, posters=frozenset(names))
            poster_count = sum(1 for name in names if name.endswith(".pdf"))
        progress(_("正在生成页面……"))
        page_count = write_docs(site, project_dir, search)
        checked()
        progress(_("正在用 mkdocs 生成网站……"))
        built = work / "site"
        copies = work / "search-pages" if search else None
        setting = project_typesetting(project)
        with rendering("用 mkdocs 生成网站", passing=(MkDocsFailed,)):
            finished = run_mkdocs(
                project_dir / "mkdocs.yml",
                built,
                latest_change(site),
                after_pages=partial(finish_written, built, setting, copies),
                link_statics=docs_dir is None,  # the staging folder's docs/ is written once
            )
        if docs_dir is None:
            project_removed = removing(project_dir)  # while the pages are indexed
        prune_theme_assets(built)
        with rendering("排版网页（日期、金额、姓名不折行）"):
            finish_pages(built, setting, copies, done=finished)
        if copies is not None:
            progress(_("正在建立搜索索引……"))
            with rendering("建立搜索索引", passing=(SearchIndexFailed,)):
                run_pagefind(copies, built / BUNDLE)
        with rendering("写出公示日志（log/）"):
            write_log(built / LOG_FOLDER, log.state, log_key, previous_log_dir)
        replace_folder(built, out_dir, "site")
        return BuildResult(
            out_dir,
            page_count,
            poster_count,
            log.state.size,
            log.appended,
            history is not None,
        )
    finally:
        if project_removed is not None:
            project_removed()
        shutil.rmtree(work, ignore_errors=True)


UNUSED_THEME_ASSETS = ("assets/javascripts/lunr", "assets/javascripts/workers")
"""Material's own search (2.2 MB with source maps): Pagefind replaces it."""


RESIZE_OBSERVER_POLYFILL = "assets/vendor/resize-observer-polyfill.js"
"""resize-observer-polyfill 1.5.1 from npm (MIT, licence in the file), in templates/site/theme/."""

BUNDLE_FETCHES = {
    '"https://unpkg.com/resize-observer-polyfill"': (
        f'new URL("{RESIZE_OBSERVER_POLYFILL}",new URL(JSON.parse(document.getElementById('
        '"__config").textContent).base.replace(/\\/*$/,"/"),location.href)).href'
    ),
    '"https://unpkg.com/mermaid@11/dist/mermaid.min.js"': '"data:text/javascript,"',
}
"""What the theme's bundle would fetch from another host, and what it gets instead.

Browsers without ResizeObserver (older Android WebViews inside WeChat) load the
polyfill from the site's own assets, found from the page's `__config` base like
the theme's other links. Mermaid is loaded only for `.mermaid` diagrams, which no
Gongshi page has: an empty script stands in, so nothing calls out even then.
tests/site/test_hosts.py fails on any other URL to another host in a built file.
"""


BUNDLE_SITEMAP = ('M("link[rel=alternate]")', 'M("link[rel=alternate][hreflang]")')
"""The theme fetches `sitemap.xml` beside every `<link rel="alternate">` on each page view,
to switch languages; the RSS link on every page is one, so each view fetched the whole
sitemap (117.8 KB at ten years). Only language alternates (`hreflang`) are followed now."""


def prune_theme_assets(site_dir: Path) -> None:
    """Material's unused search and source maps removed, its bundle fetching nothing elsewhere."""
    for folder in UNUSED_THEME_ASSETS:
        shutil.rmtree(site_dir / folder, ignore_errors=True)
    for source_map in (site_dir / "assets").rglob("*.map"):
        source_map.unlink()
    for bundle in (site_dir / "assets" / "javascripts").glob("bundle.*.js"):
        text = bundle.read_text(encoding="utf-8")
        for fetched, local in (*BUNDLE_FETCHES.items(), BUNDLE_SITEMAP):
            text = text.replace(fetched, local)
        bundle.write_text(text, encoding="utf-8")
