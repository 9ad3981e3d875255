"""Helper processes for the bulletin's charts. `report` forks them before reading the reports:
they import matplotlib while this process reads and judges the reports, then draw the charts,
half each, while this one waits (and never loads matplotlib). The 50 charts of the 2023 plan
take about half the time on two cores. Elsewhere (one CPU, not Linux, no process to be had) and
whenever a helper fails, this process draws them itself; the SVG is the same either way.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from .charts import Chart

WORKERS = 2


class Helpers:
    """The helper processes, as `charts.burnup_svgs` uses them while `helper_processes()` is
    open."""

    def __init__(self, executor: ProcessPoolExecutor) -> None:
        import multiprocessing

        before = set(multiprocessing.active_children())
        self.executor = executor
        for _ in range(WORKERS):  # each fork happens now, before any thread of pyarrow's exists
            executor.submit(_warm)
        self.processes = set(multiprocessing.active_children()) - before

    def draw(self, charts: Sequence[Chart], as_of: dt.date, year: int, lang: str) -> list[str]:
        """Every chart's SVG, in order, drawn by the helpers (here if they cannot)."""
        from .charts import draw_charts

        size = -(-len(charts) // WORKERS)
        parts = [charts[i:i + size] for i in range(0, len(charts), size)]
        deadline = time.monotonic() + 60 + len(charts)  # about 15 ms a chart: never near
        try:
            futures = [self.executor.submit(draw_charts, part, as_of, year, lang)
                       for part in parts]
            return [svg for future in futures
                    for svg in future.result(max(deadline - time.monotonic(), 0))]
        except Exception:  # noqa: BLE001 — a broken pool, a helper killed or stuck, its error
            self.stop()
            return draw_charts(charts, as_of, year, lang)

    def stop(self) -> None:
        """Kill the helpers (one that is stuck would keep the command from ending)."""
        for process in self.processes:
            process.kill()


def _warm() -> None:
    """What a helper loads while it waits: matplotlib's figure, ticker and SVG backend."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.backends.backend_svg  # noqa: F401
    import matplotlib.figure  # noqa: F401
    import matplotlib.ticker  # noqa: F401


@contextlib.contextmanager
def helper_processes() -> Iterator[None]:
    """While open, `burnup_svgs` has the helpers draw its charts (Linux, two CPUs or more).
    Open it before the reports are read: a process forks safely only before it has threads."""
    from . import charts

    if sys.platform != "linux" or (os.cpu_count() or 1) < 2 or charts.helpers is not None:
        yield
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        executor = ProcessPoolExecutor(WORKERS, mp_context=multiprocessing.get_context("fork"))
        charts.helpers = Helpers(executor)
    except OSError:  # no process to be had (limits): draw here
        yield
        return
    try:
        yield
    finally:
        charts.helpers = None
        executor.shutdown(wait=True, cancel_futures=True)
