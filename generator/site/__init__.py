"""The public disclosure site: records → Markdown (Jinja2) → mkdocs-material → Pagefind.

One call joins the stages; `gongshi build` and `gongshi serve` use it::

    from generator.site import build_site
    build_site(project, Path("site"))

The build and its heavy libraries load only when asked for, so that `gongshi check` can use
the site's own Markdown sanitizer (to read what a page will show) without them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.site.build import BuildResult, build_site

__all__ = ["BuildResult", "build_site"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from generator.site import build

        return getattr(build, name)
    raise AttributeError(name)
