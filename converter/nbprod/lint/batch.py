"""Lint many files: in parallel across cores for large batches, in order for small ones."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from ..errors import NbprodError
from .results import FileResult

#: Below this many files, a process pool costs more than it saves.
PARALLEL_THRESHOLD = 16


def lint_file(
    path: str, select: Sequence[str] | None = None, ignore: Sequence[str] = ()
) -> FileResult:
    """Lint one file; a notebook that cannot be read becomes a result with an error, and
    a rule that crashes a result with the other rules' findings and the crash."""
    from .api import lint_report

    try:
        report = lint_report(path, select=select, ignore=ignore)
    except NbprodError as exc:
        return FileResult(path, (), str(exc))
    return FileResult(path, tuple(report.findings), crashes=report.crashes)


def fix_file(
    path: str, select: Sequence[str] | None = None, ignore: Sequence[str] = ()
) -> int:
    """Apply every safe quick fix to one notebook file and write it; returns how many
    fixes were applied (0: the file is left as it was). Raises
    :class:`~nbprod.errors.NbprodError` when the file cannot be read or a rule crashed.
    """
    from ..notebook import read_notebook_json
    from .api import lint_report
    from .fixes import fix_notebook, write_notebook

    def lint_once(notebook: Mapping[str, Any]) -> Any:
        return lint_report(notebook, path=path, select=select, ignore=ignore)

    run = fix_notebook(read_notebook_json(path), lint_once)
    if run.notebook is not None:
        write_notebook(path, run.notebook)
    return run.applied


def _lint_file_args(
    args: tuple[str, Sequence[str] | None, Sequence[str]],
) -> FileResult:
    return lint_file(*args)


def lint_files(
    paths: Sequence[str],
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    jobs: int | None = None,
    on_done: Callable[[FileResult], None] | None = None,
) -> Iterator[FileResult]:
    """Yield results in the order of ``paths``; ``on_done`` sees each as it finishes."""
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(paths) < PARALLEL_THRESHOLD:
        for path in paths:
            result = lint_file(path, select, ignore)
            if on_done:
                on_done(result)
            yield result
        return
    from concurrent.futures import ProcessPoolExecutor

    work = [(path, select, ignore) for path in paths]
    chunk = max(1, min(32, len(paths) // (jobs * 8)))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for result in pool.map(_lint_file_args, work, chunksize=chunk):
            if on_done:
                on_done(result)
            yield result
