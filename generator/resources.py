"""Where the Jinja2 templates are: installed beside the package, or in a checkout's templates/."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_TEMPLATE_ROOTS = (_PACKAGE / "templates", _PACKAGE.parent / "templates")
"""A wheel installs templates/ as generator/templates; a checkout or editable install keeps it
at the top of the repository."""


class TemplatesMissing(Exception):
    """This installation has no templates: it was built without its package data."""


def templates_dir(kind: str) -> Path:
    """The folder of one family of templates, `site` or `posters`."""
    for root in _TEMPLATE_ROOTS:
        folder = root / kind
        if folder.is_dir():
            return folder
    raise TemplatesMissing(f"找不到模板文件夹 templates/{kind}：安装不完整，请重新安装 gongshi。")
