"""`gongshi serve`: a preview that follows each save.

Only the files that changed are read again (`checking.FileCache`), the slow text rules
run again only on the records that changed (`checking.IncrementalCheck`), the pages of
the changed records are shown first and then every page whose Markdown changed
(`pages`), mkdocs rebuilds only those (its dirty build), and each open browser tab
reloads when its own page changed or when the content turned wrong or right again
(`server`). Content with errors never reaches the preview: the tabs show the Chinese
diagnostics instead, and the last good site stays served for when they are fixed.
"""

from __future__ import annotations

from generator.preview.run import serve_preview

__all__ = ["serve_preview"]
