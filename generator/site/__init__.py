"""The public disclosure site: records → Markdown (Jinja2) → mkdocs-material → Pagefind.

One call joins the stages; `gongshi build` and `gongshi serve` use it::

    from generator.site import build_site
    build_site(project, Path("site"))
"""

from generator.site.build import BuildResult, build_site

__all__ = ["BuildResult", "build_site"]
