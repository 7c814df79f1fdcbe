"""The wheel holds every package and the templates, so `pip install .` (not -e) works."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

from tests.conftest import REPO


def test_every_package_is_listed_in_pyproject() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    listed = set(pyproject["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in (REPO / "generator").rglob("__init__.py")
    }
    assert found | {"generator.templates"} == listed


def test_wheel_ships_the_templates_inside_the_package(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("gongshi-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "generator/templates/site/pages/home.md.j2" in names or any(
        n.startswith("generator/templates/site/") for n in names
    )
    assert "generator/templates/posters/base.html.j2" in names
    assert "generator/templates/scaffold/init/github-workflow.yml.j2" in names
    for language in ("en", "zh"):
        assert f"generator/locale/{language}/LC_MESSAGES/gongshi.mo" in names
    assert not any(n.startswith("templates/") for n in names), "no top-level templates package"
