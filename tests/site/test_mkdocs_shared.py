"""mkdocs' pages shared among processes write what `mkdocs build` writes, and fail as it fails."""

from __future__ import annotations

import filecmp
import os
import time
from pathlib import Path

import pytest
import yaml

from generator.site import mkdocs_shared
from generator.site.mkdocs_run import MkDocsFailed, run_mkdocs

PAGES = {
    "index.md": "---\ntitle: 首页\n---\n\n# 首页\n\n见[第二节](b/index.md#part-two)和[清单](c.md)。\n",
    "b/index.md": "---\ntitle: 乙\n---\n\n# 乙\n\n## Part two\n\n| 项目 | 金额 |\n|---|---|\n| 电梯 | 1,200.00 |\n",
    "c.md": "# 清单\n\n" + "".join(f"- 第 {n} 项，[回首页](index.md)\n" for n in range(300)),
    "d.md": "# 丁\n\n<table><tr><td>原始 HTML</td></tr></table>\n\n![图](chart.svg)\n",
}
CONFIG = {
    "site_name": "测试小区",
    "site_url": "https://example.org/",
    "docs_dir": "docs",
    "strict": True,
    "theme": {"name": "material", "language": "zh", "font": False},
    "plugins": [],
    "nav": [{"首页": "index.md"}, {"乙": "b/index.md"}],
    "validation": {"anchors": "warn", "not_found": "warn", "unrecognized_links": "warn"},
}


def _project(folder: Path, pages: dict[str, str]) -> Path:
    for name, text in pages.items():
        path = folder / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (folder / "docs" / "chart.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    config = folder / "mkdocs.yml"
    config.write_text(yaml.safe_dump(CONFIG, allow_unicode=True), encoding="utf-8")
    return config


def _differences(one: Path, other: Path) -> list[str]:
    names = sorted({p.relative_to(one) for p in one.rglob("*") if p.is_file()})
    names_other = sorted({p.relative_to(other) for p in other.rglob("*") if p.is_file()})
    assert names == names_other, "both builds wrote the same files"
    return [str(n) for n in names if not filecmp.cmp(one / n, other / n, shallow=False)]


@pytest.mark.parametrize("cores", [2, 1], ids=["forked workers", "no fork (Windows, macOS)"])
def test_shared_pages_are_byte_identical_to_one_mkdocs_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cores: int
) -> None:
    monkeypatch.setattr(mkdocs_shared, "_cores", lambda: cores)
    config = _project(tmp_path, PAGES)
    run_mkdocs(config, tmp_path / "alone", None)
    handed: list[str] = []
    finished = run_mkdocs(config, tmp_path / "shared", None, after_pages=handed.extend)
    assert _differences(tmp_path / "alone", tmp_path / "shared") == []
    expected = {"index.html", "b/index.html", "c/index.html", "d/index.html"}
    assert set(finished) == expected, "every page was handed to after_pages once"
    assert len(finished) == len(expected)


def test_linked_statics_are_the_docs_files_themselves_and_the_theme_is_still_copied(
    tmp_path: Path,
) -> None:
    config = _project(tmp_path, PAGES)
    run_mkdocs(config, tmp_path / "alone", None)
    run_mkdocs(
        config, tmp_path / "linked", None, after_pages=lambda _pages: None, link_statics=True
    )
    assert _differences(tmp_path / "alone", tmp_path / "linked") == []
    assert (tmp_path / "linked" / "chart.svg").samefile(tmp_path / "docs" / "chart.svg")
    theme = next((tmp_path / "linked" / "assets" / "javascripts").glob("bundle.*.js"))
    assert theme.stat().st_nlink == 1, "the installed theme's files are never linked"
    assert not (tmp_path / "alone" / "chart.svg").samefile(tmp_path / "docs" / "chart.svg")


@pytest.mark.parametrize(
    ("broken", "said"),
    [
        ({"c.md": "# 清单\n\n[没有的页](nowhere.md)\n"}, "nowhere.md"),
        ({"index.md": "# 首页\n\n[乙的一节](b/index.md#没有这一节)\n"}, "没有这一节"),
        ({"d.md": "# 丁\n\n![图](missing.svg)\n"}, "missing.svg"),
    ],
    ids=["missing page", "missing anchor on another page", "missing image"],
)
def test_a_shared_build_fails_where_mkdocs_strict_fails(
    tmp_path: Path, broken: dict[str, str], said: str
) -> None:
    config = _project(tmp_path, {**PAGES, **broken})
    with pytest.raises(MkDocsFailed) as alone:
        run_mkdocs(config, tmp_path / "alone", None)
    with pytest.raises(MkDocsFailed) as shared:
        run_mkdocs(config, tmp_path / "shared", None, after_pages=lambda pages: None)
    assert any(said in problem for problem in alone.value.problems)
    assert sorted(shared.value.problems) == sorted(alone.value.problems)


def test_warnings_from_pages_built_in_different_workers_come_in_mkdocs_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mkdocs_shared, "_BATCH", 1)  # each page taken on its own
    populate = mkdocs_shared.mkdocs_build._populate_page
    builders = tmp_path / "builders"

    def slowly(*args: object, **kwargs: object) -> None:
        time.sleep(0.3)  # long enough that the second worker is up before the first is done
        with builders.open("a", encoding="utf-8") as noted:
            noted.write(f"{os.getpid()}\n")
        populate(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(mkdocs_shared.mkdocs_build, "_populate_page", slowly)
    broken = {
        "index.md": "# 首页\n\n[乙的一节](b/index.md#没有这一节)\n\n[没有的页](gone.md)\n",
        "c.md": "# 清单\n\n[没有的页](nowhere.md)\n",
        "d.md": "# 丁\n\n![图](missing.svg)\n",
    }
    config = _project(tmp_path, {**PAGES, **broken})
    with pytest.raises(MkDocsFailed) as alone:
        run_mkdocs(config, tmp_path / "alone", None)
    builders.unlink()
    with pytest.raises(MkDocsFailed) as shared:
        run_mkdocs(config, tmp_path / "shared", None, after_pages=lambda pages: None)
    assert len(alone.value.problems) >= 3
    assert shared.value.problems == alone.value.problems
    assert len(set(builders.read_text("utf-8").split())) == 2, "both workers built pages"
