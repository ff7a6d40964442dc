"""Pass: remove statements that only display from the cells the pipeline runs.

A kept cell that mixes work and display (``df = load(); display(df); df.head()``) keeps
its work; the display statements go, since a pipeline has no screen and ``display`` is
not even defined outside IPython. Only whole top-level expression statements are removed
(never part of a line shared with another statement); cells moved to the report step keep
everything, since displaying is what the report is for.
"""

from __future__ import annotations

import ast
from dataclasses import replace

from ...analysis import qualified_name
from ..resources import Resources, WorkCell
from .split_steps import is_display_expr

#: Calls that only put a chart on screen.
SHOW_CALLS = frozenset({"matplotlib.pyplot.show", "IPython.display.display"})

#: Methods that draw on a figure: the cell may save that figure later, so they stay.
DRAWING_METHODS = frozenset({"plot", "hist", "boxplot", "scatter", "imshow", "bar"})


def run(res: Resources) -> Resources:
    analysis = res.extra["analysis"]
    aliases = analysis.aliases
    user_display = "display" in analysis.definitions
    cells: list[WorkCell] = []
    notes = list(res.notes)
    for cell in res.cells:
        if cell.kind != "code" or cell.report:
            cells.append(cell)
            continue
        stripped = _strip(cell, aliases, user_display)
        if stripped is not cell:
            notes.append(
                f"cell {cell.number}: statements that only display were left out "
                "of the pipeline"
            )
        cells.append(stripped)
    return replace(res, cells=tuple(cells), notes=tuple(notes))


def _strip(cell: WorkCell, aliases: dict[str, str], user_display: bool) -> WorkCell:
    try:
        tree = ast.parse(cell.source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return cell
    body = tree.body
    drop: set[int] = set()
    for position, stmt in enumerate(body):
        if not (
            isinstance(stmt, ast.Expr) and _only_displays(stmt, aliases, user_display)
        ):
            continue
        first, last = stmt.lineno, stmt.end_lineno or stmt.lineno
        shares_a_line = any(
            other is not stmt
            and (other.lineno <= last and (other.end_lineno or other.lineno) >= first)
            for other in body[max(0, position - 1) : position + 2]
        )
        if not shares_a_line:
            drop.update(range(first, last + 1))
    if not drop:
        return cell
    lines = cell.source.splitlines()
    origin = list(cell.origin) or list(range(1, len(lines) + 1))
    kept = [(text, origin[i]) for i, text in enumerate(lines) if i + 1 not in drop]
    source = "\n".join(text for text, _ in kept)
    return replace(cell, source=source, origin=tuple(o for _, o in kept))


def _only_displays(stmt: ast.Expr, aliases: dict[str, str], user_display: bool) -> bool:
    value = stmt.value
    if isinstance(value, ast.Call):
        if isinstance(value.func, ast.Name) and value.func.id == "display":
            return not user_display
        if qualified_name(value.func, aliases) in SHOW_CALLS:
            return True
    if isinstance(value, ast.Constant):
        return False  # docstrings and bare strings are notes, not display
    if any(
        isinstance(node, ast.Attribute) and node.attr in DRAWING_METHODS
        for node in ast.walk(value)
    ):
        return False
    return is_display_expr(value, aliases)
