"""Formatting the generated Python on several cores gives the same files, and errors."""

from __future__ import annotations

import os

import pytest
from nbprod.errors import ExportError
from nbprod.export import formatting

SOURCES = {
    f"src/pkg/steps/step_{i}.py": (
        f"def run( *, a{i}, b ) -> dict:\n"
        + "".join(f"    x_{j} = {{ 'k': a{i}, 'v': [1,2,3],  }}\n" for j in range(60))
        + "    return { 'x': x_0 }\n"
    )
    for i in range(10)
}


@pytest.mark.skipif(os.name != "posix", reason="workers are forked")
def test_workers_give_the_same_files_as_one_process() -> None:
    assert formatting._workers(SOURCES, None) >= 1
    assert formatting._workers(SOURCES, 2) == min(2, len(os.sched_getaffinity(0)))
    serial = formatting.format_all(SOURCES, jobs=1)
    parallel = formatting.format_all(SOURCES, jobs=2)
    assert parallel == serial and list(parallel) == list(SOURCES)
    assert serial["src/pkg/steps/step_0.py"].startswith("def run(*, a0, b) -> dict:\n")


def test_small_packages_are_formatted_in_process() -> None:
    small = {"a.py": "x = 1\n", "b.py": "y = 2\n"}
    assert formatting._workers(small, None) == 1
    assert formatting.format_all(small, jobs=None) == small


@pytest.mark.skipif(os.name != "posix", reason="workers are forked")
def test_a_file_black_rejects_is_reported_from_a_worker() -> None:
    broken = {**SOURCES, "src/pkg/bad.py": "def f(:\n"}
    with pytest.raises(ExportError, match=r"generated src/pkg/bad\.py is not valid"):
        formatting.format_all(broken, jobs=2)
