"""What the preview shows after a save is what `gongshi build` makes of the same records.

The preview renders the saved record's page first, with mkdocs' state kept from the last
save (`KeptMkDocs`), then every other page whose Markdown changed; a new page makes it run
mkdocs over the whole site again. After each kind of save, the page shown first and then
every file of the site (but the search index, which only Pagefind reads) must be the
build's, byte for byte.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from bench.serve_latency import changed_amount, latest_ledger
from bench.synthetic import LAST_YEAR, write_community
from generator.output_folder import MARKER
from generator.preview.run import Preview
from generator.project import load_project
from generator.site.build import build_site
from generator.site.search import BUNDLE, LEDGER_PART, MAIN_PART, PARTS, part_bundle

TODAY = date(LAST_YEAR, 12, 1)


def site_files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file() and path.name != MARKER and path.relative_to(folder).parts[0] != BUNDLE
    }


def built(root: Path, out: Path) -> Path:
    project, _ = load_project(root, TODAY)
    assert project is not None
    build_site(project, out, posters=False)
    return out


def same_files(shown: dict[str, bytes], made: dict[str, bytes]) -> list[str]:
    """The files that differ, are missing or are extra (empty when the sites are the same)."""
    return sorted(name for name in shown.keys() | made.keys() if shown.get(name) != made.get(name))


def test_pages_shown_after_saves_are_the_pages_build_makes(tmp_path: Path) -> None:
    root = tmp_path / "community"
    write_community(root, years=2, seed=3)
    preview = Preview(root, tmp_path / "preview", TODAY, posters=False)
    preview.build()
    assert same_files(site_files(preview.site_dir), site_files(built(root, tmp_path / "b0"))) == []

    # a changed amount: its ledger's page first, then the account's totals, home, data…
    ledger, page = latest_ledger(root)
    amount = changed_amount(ledger, 1007)
    preview.update(say=False)
    assert preview.busy, "the rest of the site comes after the saved page"
    made = site_files(built(root, tmp_path / "b1"))
    first = f"{page}index.html"
    assert amount in made[first].decode("utf-8")
    assert (preview.site_dir / first).read_bytes() == made[first]
    while preview.busy:
        preview.step()
    assert same_files(site_files(preview.site_dir), made) == []

    # an earlier period's words, and a matter's title: each page shown first is the build's
    for name, old, new, seen in (
        ("funds/public-income-2024-04.yml", "百家宴食材", "百家宴的食材", "百家宴的食材"),
        ("matters/2024-002-renovation.yml", "title: ", "title: 修订：", "修订："),
    ):
        record = root / "content" / name
        record.write_text(record.read_text("utf-8").replace(old, new, 1), "utf-8")
        preview.update(say=False)
        made = site_files(built(root, tmp_path / f"b-{record.stem}"))
        first = next(key for key in made if key.endswith(f"/{record.stem}/index.html"))
        assert seen in made[first].decode("utf-8")
        assert (preview.site_dir / first).read_bytes() == made[first], name
        while preview.busy:
            preview.step()
        assert same_files(site_files(preview.site_dir), made) == [], name

    # a new matter: a page mkdocs has not listed, so the whole site goes through mkdocs again
    matters = root / "content" / "matters"
    original = sorted(matters.iterdir())[0]
    text = original.read_text("utf-8").replace(f"id: {original.stem}", "id: 2099-new-matter")
    (matters / "2099-new-matter.yml").write_text(text, "utf-8")
    preview.update(say=False)
    while preview.busy:
        preview.step()
    assert same_files(site_files(preview.site_dir), site_files(built(root, tmp_path / "b2"))) == []

    # a later publication day: the site's last change, which stamps sitemap.xml, moves
    late = root / "content" / "funds" / "public-income-2025-12.yml"
    late.write_text(
        late.read_text("utf-8").replace("published: 2026-01-14", "published: 2026-01-20"), "utf-8"
    )
    preview.update(say=False)
    while preview.busy:
        preview.step()
    assert same_files(site_files(preview.site_dir), site_files(built(root, tmp_path / "b3"))) == []

    # the site's settings: every page changes, and mkdocs builds the site from scratch
    config = root / "site_config.yml"
    config.write_text(
        config.read_text("utf-8").replace("3 栋一楼党群服务站", "5 栋一楼党群服务站"), "utf-8"
    )
    preview.update(say=False)
    while preview.busy:
        preview.step()
    assert same_files(site_files(preview.site_dir), site_files(built(root, tmp_path / "b4"))) == []


def _entries(site: Path) -> dict[str, bytes]:
    """Each part's pagefind-entry.json: it names the hash of every index file, so equal
    entries mean Pagefind indexed the same pages the same way."""
    return {
        part: (part_bundle(site / BUNDLE, part) / "pagefind-entry.json").read_bytes()
        for part in PARTS
    }


def _indexed(preview: Preview) -> set[str]:
    """Let the preview's search index catch up now; the parts it indexed."""
    preview.search_due = 0.0
    preview.index_when_due()
    while preview.search is not None and not preview.search.done():
        time.sleep(0.05)
    preview.index_when_due()
    return preview.indexing


def test_after_a_save_the_preview_indexes_again_only_the_parts_it_changed(tmp_path: Path) -> None:
    root = tmp_path / "community"
    write_community(root, years=2, seed=3)
    preview = Preview(root, tmp_path / "preview", TODAY, posters=False)
    preview.build()
    assert _entries(preview.site_dir) == _entries(built(root, tmp_path / "b0"))

    for name, old, new, parts in (
        # words of an earlier period's ledger: only that ledger's page changes
        ("funds/public-income-2024-04.yml", "百家宴食材", "百家宴的食材", {LEDGER_PART}),
        # a shift's activity: the team's schedule page and others, none of the ledgers'
        ("volunteers/aid-team-2024.yml", "走访独居老人", "看望独居老人", {MAIN_PART}),
    ):
        record = root / "content" / name
        record.write_text(record.read_text("utf-8").replace(old, new, 1), "utf-8")
        preview.update(say=False)
        while preview.busy:
            preview.step()
        assert _indexed(preview) == parts, name
        assert _entries(preview.site_dir) == _entries(built(root, tmp_path / record.stem)), name
