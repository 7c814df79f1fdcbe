"""mkdocs' own build, with its pages shared among processes, one per core.

`mkdocs build` turns the Markdown of every page into HTML one page after another:
on the ten-year community that is 7 s of one core while the other waits. A page's
HTML depends on its own Markdown, the file list (for links) and the navigation, not
on other pages' HTML, so after mkdocs has gathered the files and the navigation
(once, here) the pages are built by forked worker processes, one per core, each taking
the next handful of pages whenever it is free (`_batches`) and running mkdocs' own page
steps (`_populate_page`, `_build_page`) on them, then `after_pages` on what it wrote
(the finishing pass: typesetting, search copies).

What crosses pages comes back to this process: the warnings (strict: any warning
fails the build, as in `mkdocs build`; put back in the order it logs them) and each
page's anchors and links to anchors, checked here over the whole site as mkdocs checks
them. The 404 page and sitemap are
written here before the workers start; the files copied as they are (assets, open
data, charts) are shared among the workers too, each copying its part (a build links
them, `_copied`) before its pages, unless a page would overwrite one (then they are
copied here first, as mkdocs does). The result is byte for byte what `mkdocs build`
writes (tests/site/test_build.py).

This follows mkdocs 1.6's `mkdocs.commands.build.build` step by step and calls its
page functions, which are not public API: `pyproject.toml` bounds mkdocs below 2.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path

from mkdocs import utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page

from generator.kept_templates import keep_compiled

AfterPages = Callable[[list[str]], None]
"""Called in a worker with the site-relative paths of the HTML files it has just written."""


Logged = tuple[int, int, int, str]
"""A warning as a worker logged it: (step, page position, order, text). Step 0 is reading
a page's Markdown, 1 writing its HTML; sorted, the warnings of every worker read as
`mkdocs build` logs them, all pages read before any is written, in page order."""


@dataclass(frozen=True)
class _Share:
    """What a worker sends back: its warnings and its pages' anchors, by source path."""

    messages: list[Logged]
    failed: str | None
    anchors: dict[str, set[str]]
    links: dict[str, dict[str, dict[str, str]]]
    written: list[str]


@dataclass
class _Gathered:
    config: MkDocsConfig
    files: Files
    nav: Navigation
    pages: list[File]
    statics: list[File]
    """Files copied as they are (assets, open data, charts), shared among the workers too."""
    batches: list[list[int]]
    """Page positions in handfuls, the largest pages first (`_batches`)."""
    taken: Synchronized[int]
    """How many batches the workers have taken: each takes the next when it is free."""
    workers: int
    after_pages: AfterPages
    link_statics: bool


_gathered: _Gathered | None = None
"""Set in this process before forking, so each worker inherits it without pickling."""


def build_shared(
    config: MkDocsConfig,
    collected: Callable[[], list[str]],
    after_pages: AfterPages,
    workers: int | None = None,
    link_statics: bool = False,
) -> tuple[list[str], list[str]]:
    """Build the site of `config` as `mkdocs build` would.

    Returns (the warnings, none if it passed; the pages `after_pages` was given).
    `collected` returns the warnings logged so far in this process (the caller's
    handler on the `mkdocs` logger); a worker's come back with its share.
    `link_statics`: the files of docs/ copied as they are are hard-linked into the site
    instead (`_copied`), for docs/ that nothing writes to again (a build's staging folder).
    """
    global _gathered
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    utils.clean_directory(config.site_dir)
    files = get_files(config)
    env = keep_compiled(config.theme.get_env())
    files.add_files_from_theme(env, config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = get_navigation(files, config)
    nav = config.plugins.on_nav(nav, config=config, files=files)
    pages = list(files.documentation_pages(inclusion=InclusionLevel.is_included))
    for file in pages:
        if file.page is None:  # not in the navigation
            Page(None, file, config)
        if file.page in nav.pages:  # read for the navigation every page shows
            file.page.read_source(config)
    env = config.plugins.on_env(env, config=config, files=files)
    statics = [
        file
        for file in files
        if not file.is_documentation_page() and file.inclusion.is_included()  # type: ignore[no-untyped-call]
    ]
    if {file.dest_uri for file in statics} & {file.dest_uri for file in pages}:
        for file in statics:  # a page overwrites a file of the same name, as in mkdocs
            file.copy_file()
        statics = []
    for template in config.theme.static_templates:
        mkdocs_build._build_theme_template(template, env, files, config, nav)
    for template in config.extra_templates:
        mkdocs_build._build_extra_template(template, files, config, nav)
    if messages := collected():
        return messages, []
    count = max(1, min(workers or _cores(), len(pages)))
    taken = multiprocessing.Value("i", 0)
    _gathered = _Gathered(
        config, files, nav, pages, statics, _batches(pages), taken, count, after_pages, link_statics
    )
    try:
        shares = _shared_out(count)
    finally:
        _gathered = None
    written = [name for share in shares for name in share.written]
    failed = [share.failed for share in shares if share.failed]
    if len(shares) > 1:  # a forked worker's warnings reached only its own handler
        messages = [text for *_at, text in sorted(m for share in shares for m in share.messages)]
    if failed:
        return (messages + collected()) or failed, written
    _check_anchors(files, shares, config)
    config.plugins.on_post_build(config=config)
    return messages + collected(), written


def _cores() -> int:
    """One worker per core where processes can be forked (Linux, where CI and most
    secretaries' servers run); elsewhere the pages are built here, one after another."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return os.cpu_count() or 1


_BATCH = 8
"""Pages a worker takes at a time: few enough that the workers end together, enough that
taking them costs nothing (about a hundred handfuls at ten years)."""


def _batches(pages: list[File]) -> list[list[int]]:
    """Page positions in handfuls, the most Markdown first, so the last ones taken are small.

    Taken as the workers come free rather than split beforehand: a share fixed by its
    Markdown's size ended up to half a second after the other, on a shared machine more,
    while the other core waited."""
    sizes = [os.path.getsize(file.abs_src_path or "") for file in pages]
    order = sorted(range(len(pages)), key=lambda p: (-sizes[p], p))
    return [order[start : start + _BATCH] for start in range(0, len(order), _BATCH)]


def _shared_out(workers: int) -> list[_Share]:
    """The pages built by `workers` forked workers (or here, when there is one).

    The garbage collector is told to leave the objects that exist now alone (`gc.freeze`):
    otherwise its first pass in a worker touches every object the build holds (the records,
    their history), and the kernel copies each memory page it touches into that worker.
    """
    if workers == 1:
        return [_build_share(0)]
    context = multiprocessing.get_context("fork")
    gc.freeze()
    try:
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            return list(pool.map(_build_share, range(workers)))
    finally:
        gc.unfreeze()


def _build_share(number: int) -> _Share:
    """In a worker: mkdocs' page steps on batch after batch, `after_pages` on each."""
    assert _gathered is not None, "the worker was forked after gathering"
    gathered = _gathered
    collect = MessageCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        return _pages_built(gathered, number, collect)
    finally:
        logger.removeHandler(collect)


def _next_batch(gathered: _Gathered) -> list[int] | None:
    with gathered.taken.get_lock():
        index = gathered.taken.value
        if index >= len(gathered.batches):
            return None
        gathered.taken.value = index + 1
    return gathered.batches[index]


def _pages_built(gathered: _Gathered, number: int, collect: MessageCollector) -> _Share:
    config, files, nav = gathered.config, gathered.files, gathered.nav
    mine: list[File] = []
    written: list[str] = []
    steps: dict[int, tuple[int, int]] = {}  # a message's index → (step, page position)

    def logged() -> list[Logged]:
        return [
            (*steps.get(index, (2, number)), index, text)
            for index, text in enumerate(collect.messages)
        ]

    def step(kind: int, position: int, run: Callable[[], object]) -> None:
        before = len(collect.messages)
        try:
            run()
        finally:
            steps.update(dict.fromkeys(range(before, len(collect.messages)), (kind, position)))

    try:
        for file in gathered.statics[number :: gathered.workers]:
            _copied(file, config.docs_dir, gathered.link_statics)
        env = None
        doc_files = gathered.pages
        while (batch := _next_batch(gathered)) is not None:
            pages = {position: _built_page(gathered.pages[position]) for position in batch}
            for position, page in pages.items():
                step(0, position, partial(mkdocs_build._populate_page, page, config, files))
            if env is None:
                env = keep_compiled(config.theme.get_env())
                env = config.plugins.on_env(env, config=config, files=files)
            done: list[str] = []
            for position, page in pages.items():
                step(
                    1,
                    position,
                    partial(mkdocs_build._build_page, page, config, doc_files, nav, env),
                )
                done.append(page.file.dest_uri)
            mine += (page.file for page in pages.values())
            written += done
            if not collect.messages:
                gathered.after_pages(done)
    except Exception as error:  # mkdocs has logged what failed; the build stops with it
        return _Share(logged(), str(error) or type(error).__name__, {}, {}, written)
    anchors: dict[str, set[str]] = {}
    links: dict[str, dict[str, dict[str, str]]] = {}
    for file in mine:
        assert file.page is not None
        if file.page.present_anchor_ids is not None:
            anchors[file.src_uri] = file.page.present_anchor_ids
        if file.page.links_to_anchors:
            links[file.src_uri] = {
                target.src_uri: dict(found) for target, found in file.page.links_to_anchors.items()
            }
    return _Share(logged(), None, anchors, links, written)


def _copied(file: File, docs_dir: str, link: bool) -> None:
    """A file copied as it is, as mkdocs copies it; with `link`, one of docs/ is hard-linked.

    A link is the same bytes without reading or writing them: at ten years the 1,290
    charts, 核验 answers and open data files took 0.6–1.0 s to copy and 0.03 s to link.
    The theme's own files are always copied: the build rewrites one of them in the site
    (build.py `prune_theme_assets`), which must not reach the installed theme.
    """
    source = file.abs_src_path
    if not link or source is None or file.generated_by or not _inside(docs_dir, source):
        file.copy_file()
        return
    target = file.abs_dest_path
    os.makedirs(os.path.dirname(target), exist_ok=True)
    try:
        os.link(source, target)
    except OSError:  # another file system, or one without links: copied after all
        file.copy_file()


def _inside(folder: str, path: str) -> bool:
    return Path(os.path.abspath(path)).is_relative_to(os.path.abspath(folder))


class MessageCollector(logging.Handler):
    """The warnings and errors mkdocs logs, kept as lines (strict: any one fails the build)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _check_anchors(files: Files, shares: list[_Share], config: MkDocsConfig) -> None:
    """mkdocs' check of links to anchors on other pages, with every page's anchors known here."""
    for share in shares:
        for source, found in share.anchors.items():
            page = _page(files, source)
            page.present_anchor_ids = found
        for source, targets in share.links.items():
            page = _page(files, source)
            page.links_to_anchors = {
                _file(files, target): dict(links) for target, links in targets.items()
            }
    for file in files.documentation_pages(inclusion=InclusionLevel.is_included):
        assert file.page is not None
        file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)


def _built_page(file: File) -> Page:
    assert file.page is not None, f"{file.src_uri} was made a page before the workers started"
    return file.page


def _file(files: Files, source: str) -> File:
    found = files.get_file_from_path(source)
    assert found is not None, f"{source} is one of the site's files"
    return found


def _page(files: Files, source: str) -> Page:
    page = _file(files, source).page
    assert page is not None, f"{source} is a page"
    return page
