"""Wall and CPU seconds for the benchmarks: on a shared machine the CPU figure is the steadier one."""

from __future__ import annotations

import resource
import time
from collections.abc import Callable


def cpu_seconds() -> float:
    """CPU time of this process and of the children it waited for (mkdocs, Pagefind, git)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run."""
    wall, cpu = time.perf_counter(), cpu_seconds()
    run()
    return time.perf_counter() - wall, cpu_seconds() - cpu


def best_of(repeat: int, run: Callable[[], object]) -> tuple[float, float]:
    """The best wall and the best CPU time over `repeat` runs."""
    runs = [timed(run) for _ in range(repeat)]
    return min(w for w, _ in runs), min(c for _, c in runs)


def alternated(
    runs: dict[str, Callable[[], object]], rounds: int, what: str
) -> dict[str, tuple[float, float]]:
    """Best wall and CPU of each run, the runs alternated so both feel the same machine load."""
    best: dict[str, tuple[float, float]] = {}
    for round_number in range(rounds):
        for label, run in runs.items():
            wall, cpu = timed(run)
            earlier = best.get(label, (wall, cpu))
            best[label] = (min(earlier[0], wall), min(earlier[1], cpu))
            print(f"{what} {label}, round {round_number + 1}: {wall:.1f} s ({cpu:.1f} s CPU)")
    return best


def seconds(figure: tuple[float, float]) -> str:
    """`1.23 s wall, 1.10 s CPU`, one way in every benchmark."""
    wall, cpu = figure
    return f"{wall:6.2f} s wall {cpu:6.2f} s CPU"


def ratio(ours: tuple[float, float], theirs: tuple[float, float]) -> str:
    return f"{ours[0] / theirs[0]:.2f}× wall, {ours[1] / theirs[1]:.2f}× CPU"
