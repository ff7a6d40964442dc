"""Every rule's trigger wrapped in every magic IPython knows never crashes the linter.

Each cell a rule fixture marks ``expect=`` (tests/rules/fixtures) is wrapped in each cell
magic (``%%name`` on top) and each line magic (``%name`` before one of its lines) that
IPython itself registers, and the fixture notebook is linted with every rule. No rule may
crash, every span must lie inside its cell, and every quick fix must apply to the
notebook and leave a notebook nbprod reads.
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nbprod.lint.api import lint_report
from nbprod.lint.config import Config
from nbprod.lint.fixes import apply_fix
from nbprod.notebook import read_notebook

from tests.helpers import fixture_notebook

FIXTURES = Path(__file__).resolve().parents[1] / "rules" / "fixtures"

#: Arguments a magic's first line may carry (options, names, a language), whatever the
#: magic: IPython's parser decides what they mean, the analysis must cope either way.
ARGUMENTS = ["", " -n 5 -r 1", " -q", " out", " -s cumulative", " bash", " -n5 -o"]


@cache
def ipython_magics() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The line and cell magics of a fresh IPython shell (its magics manager)."""
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config as IPythonConfig

    config = IPythonConfig()
    config.HistoryManager.enabled = False  # no history database on disk
    shell = InteractiveShell(config=config)
    try:
        magics = shell.magics_manager.lsmagic()
        return tuple(sorted(magics["line"])), tuple(sorted(magics["cell"]))
    finally:
        InteractiveShell.clear_instance()


@cache
def triggers() -> tuple[tuple[str, int], ...]:
    """(fixture file name, cell index) of every cell a fixture expects to be flagged."""
    found = []
    for path in sorted(FIXTURES.glob("NBP*.py")):
        _, cells = fixture_notebook(path.read_text(encoding="utf-8"))
        found += [(path.name, i) for i, cell in enumerate(cells) if cell.expect]
    return tuple(found)


@cache
def _fixture(name: str) -> dict[str, Any]:
    return fixture_notebook((FIXTURES / name).read_text(encoding="utf-8"))[0]


def wrapped(trigger: tuple[str, int], source_of: Any) -> dict[str, Any]:
    """The trigger's fixture notebook, its trigger cell's source replaced."""
    name, index = trigger
    notebook = copy.deepcopy(_fixture(name))
    cell = notebook["cells"][index]
    cell["source"] = source_of("".join(cell["source"]))
    return notebook


def cell_magic(name: str, arguments: str = "") -> Any:
    return lambda source: f"%%{name}{arguments}\n{source}"


def line_magic(name: str, arguments: str = "", line: int = 0) -> Any:
    def wrap(source: str) -> str:
        lines = source.split("\n")
        target = line % len(lines)
        text = lines[target]
        indent = text[: len(text) - len(text.lstrip())]
        lines[target] = f"{indent}%{name}{arguments} {text.lstrip()}"
        return "\n".join(lines)

    return wrap


def check(notebook: dict[str, Any], what: str) -> None:
    """Lint with every rule: no crash, spans inside cells, every fix applies."""
    report = lint_report(notebook, path="fuzz.ipynb", config=Config())
    assert not report.crashes, f"{what}: {[c.message for c in report.crashes]}"
    cells = notebook["cells"]
    for finding in report.findings:
        where = f"{what}: {finding.code} {finding.message!r}"
        if finding.cell_index is not None:
            source = "".join(cells[finding.cell_index]["source"])
            lines = source.splitlines() or [""]
            line, column = finding.line, finding.column
            end_line, end_column = finding.end_line, finding.end_column
            assert line is not None and column is not None, where
            assert end_line is not None and end_column is not None, where
            assert 1 <= line <= end_line <= len(lines), where
            assert 1 <= column <= len(lines[line - 1]) + 1, where
            assert 1 <= end_column <= len(lines[end_line - 1]) + 1, where
            assert line < end_line or column <= end_column, where
        if finding.fix is not None:
            fixed = apply_fix(notebook, finding).notebook  # FixError fails the test
            assert read_notebook(fixed).repairs == (), where


def test_ipython_knows_the_magics_the_analysis_inlines() -> None:
    from nbprod.analysis.parse import PYTHON_ARG_LINE_MAGICS, PYTHON_BODY_CELL_MAGICS

    line, cell = ipython_magics()
    assert set(line) >= PYTHON_ARG_LINE_MAGICS
    assert set(cell) >= PYTHON_BODY_CELL_MAGICS
    assert len(line) > 50 and len(cell) > 20


@pytest.mark.parametrize("kind", ["cell", "line"])
def test_every_ipython_magic_around_some_trigger(kind: str) -> None:
    line, cell = ipython_magics()
    names = cell if kind == "cell" else line
    all_triggers = triggers()
    for number, name in enumerate(names):
        trigger = all_triggers[(number * 7) % len(all_triggers)]
        for arguments in ("", ARGUMENTS[number % len(ARGUMENTS)]):
            wrap = (
                cell_magic(name, arguments)
                if kind == "cell"
                else line_magic(name, arguments, number)
            )
            check(wrapped(trigger, wrap), f"{trigger} in {kind} magic {name!r}")


@pytest.mark.parametrize("trigger", triggers(), ids="{0[0]}:{0[1]}".format)
def test_every_trigger_inside_the_magics_that_run_python(
    trigger: tuple[str, int],
) -> None:
    for wrap, what in (
        (cell_magic("time"), "%%time"),
        (cell_magic("capture", " out"), "%%capture out"),
        (cell_magic("timeit", " -n 5 -r 1"), "%%timeit -n 5 -r 1"),
        (line_magic("time"), "%time"),
        (line_magic("timeit", " -n 5"), "%timeit -n 5"),
    ):
        check(wrapped(trigger, wrap), f"{trigger} in {what}")


@st.composite
def wrappings(draw: st.DrawFn) -> tuple[tuple[str, int], Any, str]:
    line_names, cell_names = ipython_magics()
    trigger = draw(st.sampled_from(triggers()))
    arguments = draw(st.sampled_from(ARGUMENTS))
    if draw(st.booleans()):
        name = draw(st.sampled_from(cell_names))
        return trigger, cell_magic(name, arguments), f"%%{name}{arguments}"
    name = draw(st.sampled_from(line_names))
    line = draw(st.integers(0, 20))
    wrap = line_magic(name, arguments, line)
    return trigger, wrap, f"%{name}{arguments} on line {line}"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(wrappings(), st.integers(1, 3))
def test_random_magic_wrappings_of_random_triggers(
    wrapping: tuple[tuple[str, int], Any, str], depth: int
) -> None:
    trigger, wrap, what = wrapping
    # Nested: a magic around a magic around the trigger (%%capture over %time ...).
    check(wrapped(trigger, lambda s: _repeat(wrap, s, depth)), f"{trigger} in {what}")


def _repeat(wrap: Any, source: str, depth: int) -> str:
    for _ in range(depth):
        source = wrap(source)
    return source
