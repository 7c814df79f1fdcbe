"""`gongshi serve`: a preview that follows each save.

The system says when a file is saved (`watching`); only the files that changed are read
again (`checking.FileCache`), the slow text rules run again only on the records that
changed and a whole-project rule only when a part of the project it reads changed
(`checking.IncrementalCheck`); the changed records' own pages are rendered first, with
mkdocs' state kept from the last save (`mkdocs_pages`), and their open tabs reload at once;
then every page whose Markdown changed follows, in steps a new save interrupts (`run`).
Each open browser tab reloads when its own page changed or when the content turned wrong
or right again (`server`). Content with errors never reaches the preview: the tabs show
the Chinese diagnostics instead, and the last good site stays served for when they are fixed.
"""

from __future__ import annotations

from generator.preview.run import serve_preview

__all__ = ["serve_preview"]
