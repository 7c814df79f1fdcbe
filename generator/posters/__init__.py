"""Notice-board posters (公示栏): A4/A3 HTML print pages and PDFs made from them.

For `gongshi build` (publishing under the site) and `gongshi print`, one call::

    from generator.posters import write_posters
    paths = write_posters(project, None, site_dir)            # every record, A4
    paths = write_posters(project, [matter], Path("."), "A3")  # one record, A3

Each record's poster lands at `out_dir / urls.poster_path(record, ".pdf")` with
the `.html` beside it, the same path the record's page links to. Content is
assumed checked: run `check_project` first and print nothing when it failed.
"""

from generator.posters.amounts import rmb_uppercase
from generator.posters.frame import PAGE_SIZES, Record
from generator.posters.roster import RosterPeriod, month_period, week_period
from generator.posters.select import Unknown, matters_in_publicity, resolve_records
from generator.posters.write import all_records, page_size, render_poster_html, write_posters

__all__ = [
    "PAGE_SIZES",
    "Record",
    "RosterPeriod",
    "Unknown",
    "all_records",
    "matters_in_publicity",
    "month_period",
    "page_size",
    "render_poster_html",
    "resolve_records",
    "rmb_uppercase",
    "week_period",
    "write_posters",
]
