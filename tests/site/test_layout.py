"""The names the site writes are exactly the ones `site_layout` lists, folder by folder.

`check` keeps record ids away from `site_layout.GENERATED_NAMES` (G111). If the site
started writing a name the table does not list, a record could take its place again;
if the table listed a name the site no longer writes, an id would be refused for
nothing. Both directions are checked on the sample community's real build.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.project import load_project
from generator.site_layout import (
    ACCOUNT_FOLDER,
    GENERATED_NAMES,
    SURVEY_CHART_INFIX,
    VOTE_CHART_SUFFIX,
)
from generator.urls import ledger_id
from tests.conftest import TODAY
from tests.site.conftest import sample_copy


def _stem(name: str) -> str:
    """`index.html` → `index`, `sitemap.xml.gz` → `sitemap`; a hidden name stays whole."""
    return name if name.startswith(".") else name.split(".", 1)[0]


def _record_names(root: Path) -> dict[str, set[str]]:
    """Folder → the names its records give files there (ids, ledger ids, vote charts)."""
    project, _ = load_project(root, date.fromisoformat(TODAY))
    assert project is not None
    matters = {item.record.id for item in project.matters}
    names = {
        "": set(),
        "data": set(),
        "organizations": {item.record.id for item in project.organizations},
        "matters": matters | {f"{m}{VOTE_CHART_SUFFIX}" for m in matters},
        "volunteers": {item.record.team for item in project.schedules},
        "funds": {item.record.account for item in project.ledgers},
        "surveys": {item.record.id for item in project.surveys}
        | {
            f"{item.record.id}{SURVEY_CHART_INFIX}{q}"
            for item in project.surveys
            for q in range(1, len(item.record.questions) + 1)
        },
    }
    for item in project.ledgers:
        names.setdefault(f"funds/{item.record.account}", set()).add(ledger_id(item.record))
    return names


def _registered(folder: str) -> str:
    return ACCOUNT_FOLDER if folder.startswith("funds/") else folder


def test_every_name_the_site_writes_is_listed_and_every_listed_name_is_written(
    sample_site: Path, tmp_path: Path
) -> None:
    records = _record_names(sample_copy(tmp_path / "community"))
    unlisted: list[str] = []
    written: dict[str, set[str]] = {}
    for folder, derived in records.items():
        generated = GENERATED_NAMES[_registered(folder)]
        for entry in sorted((sample_site / folder).iterdir()):
            stem = _stem(entry.name)
            written.setdefault(_registered(folder), set()).add(stem)
            if stem not in derived and not any(name.matches(stem) for name in generated):
                unlisted.append(f"{folder}/{entry.name}".lstrip("/"))
    assert not unlisted, f"the site writes names site_layout does not list: {unlisted}"
    stale = [
        f"{folder}: {name.file}"
        for folder, names in GENERATED_NAMES.items()
        for name in names
        if not any(name.matches(stem) for stem in written.get(folder, ()))
    ]
    assert not stale, f"site_layout lists names the site no longer writes: {stale}"
