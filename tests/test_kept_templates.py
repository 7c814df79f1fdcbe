"""Compiled templates kept between runs are used only where Jinja would compile the same code."""

from __future__ import annotations

import traceback
from pathlib import Path

import jinja2
import pytest

from generator.kept_templates import keep_compiled


def _environment(templates: Path, kept: Path, **settings: object) -> jinja2.Environment:
    return keep_compiled(
        jinja2.Environment(loader=jinja2.FileSystemLoader(templates), **settings), str(kept)
    )


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates Jinja compiles from source."""
    names: list[str] = []
    compile_source = jinja2.Environment.compile

    def counting(
        self: jinja2.Environment,
        source: str,
        name: str | None = None,
        *args: object,
        **kwargs: object,
    ) -> object:
        names.append(name or "")
        return compile_source(self, source, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


def test_a_template_compiled_once_is_loaded_by_the_next_run_from_another_folder(
    tmp_path: Path, compiled: list[str]
) -> None:
    first, second, kept = tmp_path / "build-1", tmp_path / "build-2", tmp_path / "kept"
    for folder in (first, second):
        folder.mkdir()
        (folder / "page.md").write_text("{% for n in items %}- {{ n }}\n{% endfor %}", "utf-8")
    kept.mkdir()
    before = _environment(first, kept).get_template("page.md").render(items=[1, 2])
    after = _environment(second, kept).get_template("page.md").render(items=[1, 2])
    assert compiled == ["page.md"]
    assert after == before == "- 1\n- 2\n"


def test_other_settings_or_another_source_are_compiled_again(
    tmp_path: Path, compiled: list[str]
) -> None:
    templates, kept = tmp_path / "templates", tmp_path / "kept"
    templates.mkdir()
    kept.mkdir()
    (templates / "page.md").write_text("{% if x %}\n  yes\n{% endif %}\n", "utf-8")
    plain = _environment(templates, kept).get_template("page.md").render(x=True)
    trimmed = (
        _environment(templates, kept, trim_blocks=True, lstrip_blocks=True)
        .get_template("page.md")
        .render(x=True)
    )
    assert (plain, trimmed) == ("\n  yes\n", "  yes\n")
    (templates / "page.md").write_text("{% if x %}no{% endif %}", "utf-8")
    assert _environment(templates, kept).get_template("page.md").render(x=True) == "no"
    assert compiled == ["page.md", "page.md", "page.md"]


def test_a_damaged_kept_template_is_compiled_again(tmp_path: Path, compiled: list[str]) -> None:
    templates, kept = tmp_path / "templates", tmp_path / "kept"
    templates.mkdir()
    kept.mkdir()
    (templates / "page.md").write_text("{{ 1 + 1 }}", "utf-8")
    _environment(templates, kept).get_template("page.md")
    for path in kept.iterdir():
        path.write_bytes(path.read_bytes()[:40])
    assert _environment(templates, kept).get_template("page.md").render() == "2"
    assert compiled == ["page.md", "page.md"]


def test_a_kept_template_failing_in_another_folder_names_the_file_there(
    tmp_path: Path, compiled: list[str]
) -> None:
    (tmp_path / "kept").mkdir()
    for folder in ("first", "second"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "page.html").write_text(
            "一\n{% for n in [1] %}{{ n // zero }}{% endfor %}"
        )
    named = []
    for folder in ("first", "second"):
        template = _environment(tmp_path / folder, tmp_path / "kept").get_template("page.html")
        with pytest.raises(ZeroDivisionError) as failure:
            template.render(zero=0)
        named.append(traceback.extract_tb(failure.value.__traceback__)[-1])
    assert [frame.filename for frame in named] == [
        str(tmp_path / "first" / "page.html"),
        str(tmp_path / "second" / "page.html"),
    ]
    assert named[1].lineno == 2
    assert compiled == ["page.html"], "the second folder's template was the kept one"
