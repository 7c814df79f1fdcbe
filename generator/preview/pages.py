"""The preview's mkdocs project, rewritten file by file: only what changed is written, and
only those files are rendered again (`mkdocs_pages.KeptMkDocs`).

After a save the changed records' own pages are made first (`own_pages`: each from its
section with only that record, in milliseconds), then every page and file of the site
(`whole_site`, a section or a few pages at a time) — which rewrites anything the first
pass could not know, such as an account's totals or the home page's latest disclosures.
"""

from __future__ import annotations

import shutil
from collections.abc import Generator, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from pydantic import BaseModel

from generator.failures import rendering
from generator.models import Ledger, Matter, Organization, Schedule
from generator.posters import write_posters
from generator.preview.checking import shared_history
from generator.project import Project
from generator.site.build import _page_context, latest_change, prune_theme_assets
from generator.site.context import SiteContext, page_file
from generator.site.history import record_histories
from generator.site.mkdocs_config import OVERRIDES, mkdocs_config, mkdocs_yaml
from generator.site.mkdocs_run import MkDocsFailed, run_mkdocs
from generator.site.mkdocs_shared import AfterPages
from generator.site.pages import (
    SECTIONS,
    Page,
    Section,
    funds,
    matters,
    organizations,
    site_pages,
    volunteers,
)
from generator.site.render import markdown_environment, render, templates_dir

PAGES_PER_STEP = 50
"""Pages rendered between two looks for a new save (about 50 ms of work at ten years)."""


def rendered(site: SiteContext, pages: Iterable[Page]) -> dict[str, bytes]:
    env = markdown_environment()
    found = {}
    for page in pages:
        with rendering("生成页面", page.path):
            found[page.path] = render(env, page.template, **_page_context(site, page)).encode()
    return found


def own_pages(project: Project, changed: set[str]) -> dict[str, bytes]:
    """The Markdown of each changed record's own page, as the whole build would write it."""
    site = SiteContext(project, record_histories(project))
    ledgers = tuple(i for i in project.ledgers if i.file in changed)
    matters_changed = tuple(i for i in project.matters if i.file in changed)
    wanted: set[str] = set()
    pages: list[Page] = []
    for part, module, items in (
        (replace(project, ledgers=ledgers), funds, ledgers),
        (replace(project, matters=matters_changed), matters, matters_changed),
        (project, organizations, tuple(i for i in project.organizations if i.file in changed)),
        (project, volunteers, tuple(i for i in project.schedules if i.file in changed)),
    ):
        if not items:
            continue
        wanted.update(page_file(_record(item.record)) for item in items)
        with rendering("整理页面"):
            section = module.section(replace(site, project=shared_history(part, project)))
        pages.extend(page for page in section.pages if page.path in wanted)
    return rendered(site, pages)


def _record(record: BaseModel) -> Organization | Ledger | Matter | Schedule:
    assert isinstance(record, Organization | Ledger | Matter | Schedule)
    return record


@dataclass
class DocsFolder:
    """docs/ of the preview's mkdocs project, with what each file holds now."""

    project_dir: Path
    held: dict[str, bytes] = field(default_factory=dict)
    posters: frozenset[str] = frozenset()
    last_change: date | None = None
    """The day sitemap.xml is stamped with, as the whole build stamps it."""
    config_written: bool = False
    """Whether the last `whole_site` rewrote mkdocs.yml (every page may look different)."""

    @property
    def docs(self) -> Path:
        return self.project_dir / "docs"

    def prepare(self) -> None:
        """The theme's files, once: they do not change while the preview runs."""
        theme = templates_dir() / "theme"
        self.docs.mkdir(parents=True, exist_ok=True)
        shutil.copytree(theme / "assets", self.docs / "assets", dirs_exist_ok=True)
        shutil.copytree(
            theme,
            self.project_dir / OVERRIDES,
            ignore=shutil.ignore_patterns("assets"),
            dirs_exist_ok=True,
        )

    def update(self, files: dict[str, bytes], complete: bool) -> list[str]:
        """Write the files whose content changed; with `complete`, remove the ones not given."""
        written = []
        for name, content in files.items():
            if self.held.get(name) != content:
                path = self.docs / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)
                self.held[name] = content
                written.append(name)
        if complete:
            for name in set(self.held) - set(files):
                (self.docs / name).unlink(missing_ok=True)
                del self.held[name]
                written.append(name)
        return written

    def whole_site(
        self, project: Project, with_posters: bool, site_dir: Path
    ) -> Generator[None, None, list[str]]:
        """Every page and file of the site, a section or a few pages at a time: the preview
        yields between them to follow a new save at once. Returns the files that changed."""
        site = SiteContext(project, record_histories(project))
        if with_posters:
            made = write_posters(project, None, self.docs, "A4", reuse_from=site_dir)
            self.posters = frozenset(p.relative_to(self.docs).as_posix() for p in made)
            site = replace(site, posters=self.posters)
        yield
        section = Section()
        for name, _label in SECTIONS:
            section.extend(site_pages(site, (name,)))
            yield
        files: dict[str, bytes] = {}
        for start in range(0, len(section.pages), PAGES_PER_STEP):
            files.update(rendered(site, section.pages[start : start + PAGES_PER_STEP]))
            yield
        files.update((asset.path, asset.content) for asset in section.assets)
        with rendering("写出 mkdocs 的设置（mkdocs.yml）"):
            config = mkdocs_yaml(mkdocs_config(project, site.title, search=True))
        config_path = self.project_dir / "mkdocs.yml"
        self.config_written = not config_path.is_file() or config_path.read_text("utf-8") != config
        if self.config_written:
            config_path.write_text(config, encoding="utf-8")
        self.last_change = latest_change(site)
        return self.update(files, complete=True)

    def mkdocs(
        self, site_dir: Path, dirty: bool, after_pages: AfterPages | None = None
    ) -> list[str]:
        """mkdocs into `site_dir`; `dirty`: only the pages whose Markdown was rewritten.
        Otherwise with `after_pages`, as `build` runs it: the pages shared among the cores,
        each finished by the process that wrote it; returns the pages so finished."""
        with rendering("用 mkdocs 生成网站", passing=(MkDocsFailed,)):
            finished = run_mkdocs(
                self.project_dir / "mkdocs.yml",
                site_dir,
                self.last_change,
                dirty=dirty,
                after_pages=after_pages,
            )
        prune_theme_assets(site_dir)
        return finished
