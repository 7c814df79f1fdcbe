"""mkdocs' view of the preview's docs/, kept between saves, to render one page in milliseconds.

`mkdocs build --dirty` renders only the pages whose Markdown changed, but it still reads
the configuration, lists every file, builds the navigation and writes 404.html and the
sitemap on every run: half a second at ten years, for the one ledger page a secretary
saved. `KeptMkDocs` takes those steps once, as `mkdocs.commands.build.build` takes them,
and afterwards renders the named files with mkdocs' own page steps (`_populate_page`,
`_build_page`): the same HTML as a build, byte for byte (tests/preview/test_same_as_build.py).
What would change the navigation or the file list (a page added or removed, mkdocs.yml
rewritten) goes through `run_mkdocs` again, and a new `KeptMkDocs` follows it. The steps
are those `mkdocs_shared.build_shared` takes for a build (mkdocs 1.6; mkdocs is bounded
below 2 in pyproject.toml).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from mkdocs.commands.build import _build_page, _populate_page, get_context
from mkdocs.config import load_config
from mkdocs.structure.files import File, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from generator.site.mkdocs_run import MkDocsFailed, mkdocs_strictly


class KeptMkDocs:
    def __init__(self, config_file: Path, site_dir: Path, source_date: date | None) -> None:
        self.source_date = source_date
        with mkdocs_strictly(source_date):
            config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)
            config = config.plugins.on_config(config)
            files = get_files(config)
            env = config.theme.get_env()
            files.add_files_from_theme(env, config)
            files = config.plugins.on_files(files, config=config)
            set_exclusions(files, config)
            nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
            for page in nav.pages:  # the navigation shows what their Markdown says of them
                _populate_page(page, config, files)
            self.env = config.plugins.on_env(env, config=config, files=files)
            doc_files = files.documentation_pages()
            if nav.pages:  # the theme's templates compiled now, not on the first save
                warm = nav.pages[0]
                context = get_context(nav, doc_files, config, warm)
                self.env.get_template(warm.meta.get("template", "main.html")).render(context)
        self.config = config
        self.files = files
        self.nav = nav
        self.doc_files = doc_files
        self.names = {file.src_uri for file in files if file.src_dir == config.docs_dir}
        """The files of docs/ as mkdocs listed them: another page needs `run_mkdocs` again."""

    def follow(self, added: Iterable[str], removed: Iterable[str]) -> bool:
        """Files of docs/ that are no pages (a chart, a poster code's JSON), added or removed:
        listed or unlisted as `get_files` lists them, a removed one's copy deleted from the
        site. Returns False, changing nothing, when a page is among them: a page added or
        removed changes the sitemap, and mkdocs lists the files again (`run_mkdocs`)."""
        config = self.config
        new = [
            File(name, config.docs_dir, config.site_dir, config.use_directory_urls)
            for name in added
        ]
        old = [self.files.get_file_from_path(name) for name in removed]
        if any(file.is_documentation_page() for file in new) or any(
            file is None or file.is_documentation_page() for file in old
        ):
            return False
        set_exclusions(new, config)
        for file in new:
            self.files.append(file)
            self.names.add(file.src_uri)
        for gone in old:
            assert gone is not None
            self.files.remove(gone)
            self.names.discard(gone.src_uri)
            Path(gone.abs_dest_path).unlink(missing_ok=True)
        return True

    def render(self, names: Iterable[str]) -> list[str]:
        """Render (or copy) the named files of docs/ into the site; returns what it wrote.

        Raises MkDocsFailed, before the page is written, for anything mkdocs warns about."""
        written = []
        with mkdocs_strictly(self.source_date) as problems:
            for name in names:
                file = self.files.get_file_from_path(name)
                assert file is not None, f"{name} is not in the site mkdocs listed"
                if file.is_documentation_page():
                    self._page(file, problems)
                elif file.inclusion.is_included():  # type: ignore[no-untyped-call]  # as mkdocs does
                    file.copy_file()
                written.append(file.dest_uri)
        return written

    def _page(self, file: File, problems: list[str]) -> None:
        page = file.page if file.page is not None else Page(None, file, self.config)
        _populate_page(page, self.config, self.files)
        page.validate_anchor_links(files=self.files, log_level=self.config.validation.links.anchors)
        if problems:  # strict: the page the last good site holds stays
            raise MkDocsFailed(list(problems))
        _build_page(page, self.config, self.doc_files, self.nav, self.env)
