"""Helpers shared by the `interactive` rules."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ....analysis import CallSite, CellAnalysis
from ...context import LintContext


def calls_to(ctx: LintContext, names: frozenset[str]) -> Iterator[CallSite]:
    """Calls whose resolved name is one of ``names``, skipping builtins that a cell at or
    above redefines (after ``def input(...)``, ``input()`` is not the builtin)."""
    defined = ctx.analysis.definitions
    for site in ctx.analysis.calls:
        q = site.qualname
        if q is None or q not in names:
            continue
        if q.startswith("builtins."):
            cells = defined.get(q.split(".", 1)[1], ())
            if any(ca.index <= site.cell.index for ca in cells):
                continue
        yield site


def statement_of(ca: CellAnalysis, call: ast.Call) -> ast.Expr | None:
    """The expression statement that is exactly ``call`` (``breakpoint()`` on its own)."""
    for node in ca.walk():
        if isinstance(node, ast.Expr) and node.value is call:
            return node
    return None
