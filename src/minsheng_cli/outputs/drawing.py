"""Helper processes for the bulletin's charts. `report` forks them before reading the reports:
they import matplotlib while this process reads and judges the reports, then draw the charts,
half each, while this one waits (and never loads matplotlib). The 50 charts of the 2023 plan
take about half the time on two cores. Elsewhere (one CPU, not Linux, a process that already
runs threads, no process to be had) and whenever a helper fails, this process draws them
itself; the SVG is the same either way.
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
    from multiprocessing.process import BaseProcess

    from .charts import Chart

WORKERS = 2
PR_SET_PDEATHSIG = 1  # linux/prctl.h


class Helpers:
    """The helper processes, as `charts.burnup_svgs` uses them while `helper_processes()` is
    open."""

    def __init__(self, executor: ProcessPoolExecutor, before: set[BaseProcess]) -> None:
        import multiprocessing

        self.executor = executor
        for _ in range(WORKERS):  # the forks happen at the first submit, before any thread
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


def _start(parent: int) -> None:
    """A helper's first act: die with `report` (left behind, it would wait for work forever),
    and leave Ctrl-C to `report`, which stops it (no traceback of its own)."""
    import ctypes
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # `report` ended before the line above
        os._exit(1)


def _warm() -> None:
    """What a helper loads while it waits: matplotlib's figure, ticker and SVG backend."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.backends.backend_svg  # noqa: F401
    import matplotlib.figure  # noqa: F401
    import matplotlib.ticker  # noqa: F401


def can_fork() -> bool:
    """Linux, two CPUs or more for this process, and no thread yet: a process forks safely only
    before it has threads (numpy's and pyarrow's start when they are imported)."""
    if sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2:
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


@contextlib.contextmanager
def helper_processes() -> Iterator[None]:
    """While open, `burnup_svgs` has the helpers draw its charts (see `can_fork`). Open it
    before the reports are read; on leaving it the helpers are stopped, within seconds."""
    from . import charts

    if charts.helpers is not None or not can_fork():
        yield
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    before = set(multiprocessing.active_children())
    executor = None
    try:
        executor = ProcessPoolExecutor(WORKERS, mp_context=multiprocessing.get_context("fork"),
                                       initializer=_start, initargs=(os.getpid(),))
        charts.helpers = Helpers(executor, before)
    except Exception:  # noqa: BLE001 — no process or thread to be had (limits): draw here
        charts.helpers = None
        _stop(executor, before)
        yield
        return
    try:
        yield
    finally:
        charts.helpers = None
        _stop(executor, before)


def _stop(executor: ProcessPoolExecutor | None, before: set[BaseProcess]) -> None:
    """Stop the helpers: a few seconds to finish what they are doing, then killed. Their exit is
    awaited on their sentinels, not by joining them: the pool's own thread reaps them."""
    import multiprocessing
    from multiprocessing.connection import wait

    if executor is not None:
        executor.shutdown(wait=False, cancel_futures=True)
    running = {p.sentinel: p for p in set(multiprocessing.active_children()) - before}
    deadline = time.monotonic() + 5
    while running and (left := deadline - time.monotonic()) > 0:
        for sentinel in wait(list(running), left):
            del running[sentinel]  # type: ignore[arg-type]  # (wait is typed for objects)
    for process in running.values():
        process.kill()
    if executor is not None:
        executor.shutdown(wait=True)  # every helper has ended: this returns at once
