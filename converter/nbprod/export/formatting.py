"""Format the generated Python with black, on several cores when asked.

black is most of a cold export's time (about 0.35 ms per generated line, formatted twice
when its first pass changes anything). The files are independent, so the command line
formats them in worker processes forked after black is imported (one per core). The
output is the same either way: every file is formatted by the same black in the same
mode, and the results are put back by path.

Forking is only for a single-threaded caller: the command line asks for it; the library
default (and the Jupyter server, whose threads make ``fork`` unsafe) formats in process.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from ..errors import ExportError

#: Below this many lines of Python in all, workers cost more than they save.
PARALLEL_MIN_LINES = 400


def format_python(text: str, path: str = "<generated>") -> str:
    """Format with black (as a library); a generated file black rejects is a bug."""
    import black

    try:
        compile(text, path, "exec", dont_inherit=True)
        return black.format_str(
            text, mode=black.Mode(target_versions={black.TargetVersion.PY311})
        )
    except Exception as exc:
        raise ExportError(
            f"generated {path} is not valid Python ({type(exc).__name__}: "
            f"{str(exc)[:300]}); this is a bug in nbprod or the notebook's code "
            "cannot run inside a function"
        ) from None


def format_all(sources: Mapping[str, str], jobs: int | None = 1) -> dict[str, str]:
    """Every source formatted, by path. ``jobs``: worker processes (None: one per
    core; 1: in this process)."""
    workers = _workers(sources, jobs)
    if workers <= 1:
        return {path: format_python(text, path) for path, text in sources.items()}
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    import black  # noqa: F401  (imported once, before the workers are forked)

    # Largest first, so that no worker is left with one big file at the end.
    order = sorted(sources, key=lambda p: -len(sources[p]))
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = {p: pool.submit(format_python, sources[p], p) for p in order}
        return {path: futures[path].result() for path in sources}


def _workers(sources: Mapping[str, str], jobs: int | None) -> int:
    if jobs == 1 or os.name != "posix":
        return 1
    lines = sum(text.count("\n") for text in sources.values())
    if lines < PARALLEL_MIN_LINES or len(sources) < 2:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    return max(1, min(jobs or cores, cores, len(sources)))
