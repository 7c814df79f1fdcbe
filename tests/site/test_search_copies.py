"""The pages handed to Pagefind hold only what it reads, and it indexes them as it would the whole page."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from generator.site.search import (
    BODY_TAG,
    BUNDLE,
    LEDGER_PART,
    MAIN_PART,
    PARTS,
    copy_path,
    index_part,
    page_for_index,
    part_bundle,
    record_kind,
    run_pagefind,
)


def _hidden_fields(copy: str) -> str:
    """The hidden `data-pagefind-ignore` block page_for_index put right after the body tag."""
    start = copy.index(BODY_TAG) + len(BODY_TAG)
    return copy[start : copy.index("</div>", start) + len("</div>")]


def _bundle(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_pagefind_writes_the_same_bundle_from_the_slim_copies_as_from_whole_pages(
    sample_site: Path, tmp_path: Path
) -> None:
    slim, whole = tmp_path / "slim", tmp_path / "whole"
    pages = [
        p for p in sample_site.rglob("*.html") if p.relative_to(sample_site).parts[0] != BUNDLE
    ]
    for path in pages:
        relative = path.relative_to(sample_site)
        html = path.read_text(encoding="utf-8")
        copy = page_for_index(html, record_kind(relative))
        for folder, text in (
            (slim, copy),
            (
                whole,
                html.replace(BODY_TAG, BODY_TAG + _hidden_fields(copy), 1)
                if BODY_TAG in html
                else html,
            ),
        ):
            target = copy_path(folder, relative.as_posix())
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    run_pagefind(slim, tmp_path / "slim-bundle")
    run_pagefind(whole, tmp_path / "whole-bundle")
    slim_bundle, whole_bundle = (
        _bundle(tmp_path / "slim-bundle"),
        _bundle(tmp_path / "whole-bundle"),
    )
    assert len(whole_bundle) > 20
    assert slim_bundle.keys() == whole_bundle.keys()
    differing = [name for name in whole_bundle if slim_bundle[name] != whole_bundle[name]]
    assert differing == [], f"Pagefind indexed the slim copies differently: {differing[:5]}"


def test_a_slim_copy_keeps_the_language_title_and_searchable_part_and_drops_the_rest(
    sample_site: Path,
) -> None:
    html = (sample_site / "matters" / "index.html").read_text(encoding="utf-8")
    copy = page_for_index(html, None)
    assert copy.startswith('<!doctype html><html lang="zh-CN"')
    assert "<title>" in copy and BODY_TAG in copy and copy.endswith("</body></html>")
    assert "<script" not in copy and "md-header" not in copy and "md-nav" not in copy
    assert len(copy) < len(html) / 2


def _indexed_urls(bundle: Path) -> set[str]:
    """The address of every page in a part's fragments (gzip: Pagefind's signature, then JSON)."""
    urls = set()
    for fragment in (bundle / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes())
        urls.add(json.loads(data[data.index(b"{") :])["url"])
    return urls


def test_the_ledgers_pages_are_indexed_apart_from_the_others_and_every_page_once(
    sample_site: Path,
) -> None:
    pages = {
        "/" + p.relative_to(sample_site).as_posix().removesuffix("index.html")
        for p in sample_site.rglob("index.html")
        if p.relative_to(sample_site).parts[0] != BUNDLE and BODY_TAG in p.read_text("utf-8")
    }
    found = {part: _indexed_urls(part_bundle(sample_site / BUNDLE, part)) for part in PARTS}
    ledgers = {url for url in pages if url.startswith("/funds/")}
    assert len(ledgers) > 10 and "/funds/" in ledgers
    assert found[LEDGER_PART] == ledgers
    assert found[MAIN_PART] == pages - ledgers


def test_the_ledgers_part_holds_only_what_the_browser_reads_of_a_merged_index(
    sample_site: Path,
) -> None:
    names = {path.name for path in part_bundle(sample_site / BUNDLE, LEDGER_PART).iterdir()}
    assert {"pagefind-entry.json", "index", "fragment"} <= names
    assert [name for name in names if name.endswith((".js", ".css")) or "wasm" in name] == []
    assert (sample_site / BUNDLE / "pagefind.js").is_file()


def test_a_page_goes_in_the_ledgers_part_by_its_address_alone() -> None:
    assert index_part("funds/index.html") == LEDGER_PART
    assert index_part("funds/public-income/public-income-2025-10/index.html") == LEDGER_PART
    assert index_part("funds.html") == MAIN_PART
    assert index_part("matters/2025-001/index.html") == MAIN_PART
    assert index_part("index.html") == MAIN_PART
    assert index_part("404.html") == MAIN_PART
