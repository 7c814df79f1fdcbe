"""Render posters and write them where the site publishes them.

The same layout serves `gongshi print` and `gongshi build`: a poster for a record
goes to `out_dir / urls.poster_path(record, ".pdf")` (and `.html` beside it), so
a build that passes the site folder publishes `site/posters/matters/lawn.pdf`,
and a print into the project folder leaves `posters/matters/lawn.pdf`.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from generator.console import Advance, Meter, quiet_meter
from generator.failures import rendering
from generator.i18n import _
from generator.models import Ledger, Matter, Organization, Schedule, Survey
from generator.output_folder import write_file
from generator.posters.frame import PAGE_SIZES, PageSize, Record
from generator.posters.ledger import render_ledger_poster
from generator.posters.matter import render_matter_poster
from generator.posters.organization import render_organization_poster
from generator.posters.pdf import pdf_bytes, published_html, reusable_pdf
from generator.posters.roster import RosterPeriod, render_roster_poster
from generator.posters.survey import render_survey_poster
from generator.project import Project
from generator.urls import poster_path


def page_size(name: str) -> PageSize:
    """`A4` or `a3` → its PageSize; ValueError names the sizes there are."""
    try:
        return PAGE_SIZES[name.strip().upper()]
    except KeyError:
        raise ValueError(f"unknown paper size {name!r}; sizes: {', '.join(PAGE_SIZES)}") from None


def render_poster_html(
    project: Project, record: Record, size: str = "A4", roster_period: RosterPeriod | None = None
) -> str:
    """One record's poster as a self-contained HTML page (print CSS, inline QR, no URLs to fetch)."""
    paper = page_size(size)
    if isinstance(record, Matter):
        return render_matter_poster(project, record, paper)
    if isinstance(record, Ledger):
        return render_ledger_poster(project, record, paper)
    if isinstance(record, Organization):
        return render_organization_poster(project, record, paper)
    if isinstance(record, Schedule):
        return render_roster_poster(project, record, paper, roster_period)
    if isinstance(record, Survey):
        return render_survey_poster(project, record, paper)
    raise TypeError(f"no poster for {type(record).__name__}")


def all_records(project: Project) -> list[Record]:
    """Every record that has a page on the site, so every one gets a poster."""
    records: list[Record] = [item.record for item in project.organizations]
    records += [item.record for item in project.ledgers]
    records += [item.record for item in project.matters]
    records += [item.record for item in project.schedules]
    records += [item.record for item in project.surveys]
    return records


def write_posters(
    project: Project,
    records: Iterable[Record] | None,
    out_dir: Path,
    size: str = "A4",
    *,
    roster_period: RosterPeriod | None = None,
    reuse_from: Path | None = None,
    meter: Meter = quiet_meter,
) -> list[Path]:
    """Write each record's poster as HTML and PDF below `out_dir`; return the paths, PDF first.

    `records=None` means every record. A PDF is the slow part (about 0.2 s a page), so
    when `reuse_from` (an earlier output folder, such as the published site) holds the
    same poster HTML and a PDF made by this WeasyPrint, that PDF is copied instead of
    made again. Every poster is rendered before the first file is written, so a failure
    (`RenderingFailed`, naming the record) leaves the posters already in `out_dir` as
    they were. Raises ValueError for an unknown size and OSError when `out_dir` cannot
    be written; content is assumed checked already. `meter` shows the PDFs being made.
    """
    chosen = all_records(project) if records is None else list(records)
    files = {id(item.record): item.file for item in project.all_sources()}
    planned: list[tuple[Path, Path, str, Path | None, str | None]] = []
    for record in chosen:
        where = files.get(id(record))
        with rendering("生成海报", where):
            html = render_poster_html(project, record, size, roster_period)
        earlier = reuse_from / poster_path(record, ".html") if reuse_from else None
        reused = reusable_pdf(earlier, html) if earlier else None
        pdf_path = out_dir / poster_path(record, ".pdf")
        planned.append((pdf_path, out_dir / poster_path(record, ".html"), html, reused, where))
    to_make = [(html, where) for _pdf, _page, html, reused, where in planned if reused is None]
    with meter(_("正在把海报排成 PDF"), len(to_make)) as advance:
        made = iter(
            make_pdfs([html for html, _w in to_make], [where for _h, where in to_make], advance)
        )
    written: list[Path] = []
    for pdf_path, html_path, html, reused, _where in planned:
        write_file(pdf_path, reused.read_bytes() if reused is not None else next(made))
        write_file(html_path, published_html(html).encode("utf-8"))
        written += [pdf_path, html_path]
    return written


PARALLEL_FROM = 8
"""Below this many PDFs, starting worker processes costs more than it saves."""


def make_pdfs(
    pages: list[str], labels: Sequence[str | None] = (), advance: Advance = lambda: None
) -> list[bytes]:
    """PDFs for many posters, on every core: WeasyPrint is single-threaded and CPU-bound.

    Workers are spawned, not forked, so a caller's threads (the preview server's
    watcher) cannot deadlock them; each page is the same bytes whichever core makes it.
    `labels` name each page's record for a `RenderingFailed` (one core only);
    `advance` is called once for each PDF made.
    """
    workers = min(os.cpu_count() or 1, MAX_WORKERS, len(pages) // PARALLEL_FROM)
    if workers < 2:
        made = []
        for index, html in enumerate(pages):
            with rendering("把海报排成 PDF", labels[index] if index < len(labels) else None):
                made.append(pdf_bytes(html))
            advance()
        return made
    with (
        rendering("把海报排成 PDF"),
        ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool,
    ):
        made = []
        for pdf in pool.map(pdf_bytes, pages, chunksize=max(1, len(pages) // (workers * 4))):
            made.append(pdf)
            advance()
        return made


MAX_WORKERS = 4
