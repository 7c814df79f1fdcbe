"""Run mkdocs in this process, strict, and turn its warnings into one clear failure.

In-process is what `mkdocs serve` does too; it saves starting Python and
importing the theme for every rebuild. A whole build shares its pages among
processes, one per core (mkdocs_shared.py).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from generator.site.mkdocs_shared import AfterPages, MessageCollector, build_shared


class MkDocsFailed(Exception):
    """mkdocs stopped; `problems` are its warnings and errors, one per line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@contextmanager
def _source_date(day: date | None) -> Iterator[None]:
    """mkdocs stamps sitemap.xml(.gz) with the build time unless SOURCE_DATE_EPOCH is set."""
    moment = datetime.combine(day or date(2000, 1, 1), time(0, 0), tzinfo=UTC)
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


class _NoDirtyNotice(logging.Filter):
    """mkdocs warns that a dirty build may leave stale links; the preview rewrites every page
    whose Markdown changed, so the notice is not a problem to fail on."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def run_mkdocs(
    config_file: Path,
    site_dir: Path,
    source_date: date | None,
    dirty: bool = False,
    after_pages: AfterPages | None = None,
    link_statics: bool = False,
) -> list[str]:
    """`dirty`: rebuild only the pages whose Markdown is newer than their HTML (`gongshi serve`).

    With `after_pages` (and not `dirty`) the pages are shared among processes and each
    process hands `after_pages` the pages it wrote; the pages so handed are returned.
    `link_statics`: see `mkdocs_shared.build_shared`.
    """
    logger = logging.getLogger("mkdocs")
    collect = MessageCollector()
    logger.addHandler(collect)
    propagate, logger.propagate = logger.propagate, False
    notice = _NoDirtyNotice()
    build_logger = logging.getLogger("mkdocs.commands.build")
    build_logger.addFilter(notice)
    try:
        with _source_date(source_date):
            config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)
            if after_pages is None or dirty:
                build(config, dirty=dirty)
                return []
            problems, finished = build_shared(
                config, lambda: list(collect.messages), after_pages, link_statics=link_statics
            )
    except (Abort, ConfigurationError) as error:
        raise MkDocsFailed(collect.messages or [str(error)]) from None
    finally:
        logger.removeHandler(collect)
        build_logger.removeFilter(notice)
        logger.propagate = propagate
    if problems:
        raise MkDocsFailed(problems)
    return finished


@contextmanager
def mkdocs_strictly(source_date: date | None) -> Iterator[list[str]]:
    """mkdocs' own steps run by hand (the preview's `KeptMkDocs`) as `run_mkdocs` runs them:
    the build's date set, its warnings kept from the console and yielded as they come, and
    any warning a `MkDocsFailed` at the end."""
    logger = logging.getLogger("mkdocs")
    collect = MessageCollector()
    logger.addHandler(collect)
    propagate, logger.propagate = logger.propagate, False
    try:
        with _source_date(source_date):
            try:
                yield collect.messages
            except (Abort, ConfigurationError) as error:
                raise MkDocsFailed(collect.messages or [str(error)]) from None
        if collect.messages:
            raise MkDocsFailed(collect.messages)
    finally:
        logger.removeHandler(collect)
        logger.propagate = propagate
