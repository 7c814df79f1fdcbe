"""The built pages finished in one read each, on every core: typeset, then copied for search.

Every page mkdocs writes is read once: typeset in place (typography.py) and, when the
site is searchable, written with its character pairs into the folder Pagefind indexes
(search.py). A build does it in the processes that share mkdocs' pages, each right after
its pages are written (`finish_written`, called by mkdocs_shared.py); what is left (the
404 page) and the preview's rewritten pages go through `finish_pages`, which shares them
among worker processes, one per core. Each page's bytes are what one process would write.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from generator.site.search import BUNDLE, copy_path, page_for_index, record_kind
from generator.site.typography import SKIPPED_FOLDERS, Typesetting, typeset_html

_BATCH = 40
"""Pages per task: enough to make handing them over cheap, few enough to share evenly."""

_setting: Typesetting | None = None


def _start_worker(setting: Typesetting) -> None:
    global _setting
    _setting = setting


def finish_written(
    site_dir: Path, setting: Typesetting, search_copies: Path | None, pages: list[str]
) -> None:
    """Finish `pages` (paths relative to `site_dir`) in this process."""
    _start_worker(setting)
    _finish(site_dir, pages, search_copies)


def finish_pages(
    site_dir: Path,
    setting: Typesetting,
    search_copies: Path | None,
    only: Iterable[str] | None = None,
    done: Iterable[str] = (),
) -> None:
    """Typeset every page of `site_dir` in place (or the pages `only` names, as the preview
    does with the pages mkdocs has just rewritten; never those in `done`: a page is typeset
    once); with `search_copies`, write each page there as Pagefind is to read it."""
    finished = set(done)
    if only is None:
        found = (path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*.html"))
    else:  # without walking the whole site: the preview names one page after a save
        found = (name for name in set(only) if (site_dir / name).is_file())
    pages = sorted(
        name
        for name in found
        if name.endswith(".html") and name.split("/")[0] != BUNDLE and name not in finished
    )
    batches = [pages[start : start + _BATCH] for start in range(0, len(pages), _BATCH)]
    workers = min(os.cpu_count() or 1, len(batches))
    if workers <= 1:
        _start_worker(setting)
        for batch in batches:
            _finish(site_dir, batch, search_copies)
        return
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(setting,)) as pool:
        for task in [pool.submit(_finish, site_dir, batch, search_copies) for batch in batches]:
            task.result()  # a worker's exception is raised here, in the build


def _finish(site_dir: Path, batch: list[str], search_copies: Path | None) -> None:
    assert _setting is not None, "the worker was started with the typesetting"
    for name in batch:
        path = site_dir / name
        relative = Path(name)
        html = path.read_text(encoding="utf-8")
        if relative.parts[0] not in SKIPPED_FOLDERS:
            page_dir = None if name == "404.html" else relative.parent.as_posix()
            typeset = typeset_html(html, _setting, "" if page_dir == "." else page_dir)
            if typeset != html:
                path.write_text(typeset, encoding="utf-8")
                html = typeset
        if search_copies is not None:
            _write_copy(search_copies, relative, html)


def _write_copy(copies: Path, relative: Path, html: str) -> None:
    copy = copy_path(copies, relative.as_posix())
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text(page_for_index(html, record_kind(relative)), encoding="utf-8")
