"""Today's log as the project's git history gives it, for posters and `gongshi verify`.

A poster prints the log's size and root prefix at printing time; `verify` checks a
printed pair against today's log. Both compute the log from git the way a build
does without `--previous-log` (every version, in commit order), so a poster printed
from a commit and the site built from it agree on the log.
"""

from __future__ import annotations

from generator.log.checkpoint import log_origin
from generator.log.extend import extend_log
from generator.log.state import LogState
from generator.log.witness import log_witness
from generator.project import Project

_last: tuple[Project, LogState] | None = None


def current_log(project: Project) -> LogState:
    """The log of every committed version, computed once per project."""
    global _last
    if _last is None or _last[0] is not project:
        origin = log_origin(project.config.record.site.url)
        _last = (project, extend_log(origin, project.history, project.root).state)
    return _last[1]


def printed_witness(project: Project) -> tuple[int, str] | None:
    """(size, root prefix) for a poster to print; None outside git, where the log is empty."""
    if project.history is None:
        return None
    state = current_log(project)
    return log_witness(state) if state.size else None
