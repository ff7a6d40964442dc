"""
## What it does
Flags a read of a global name whose saved value came from a cell **below**. A cell above
defines the name, but the saved execution counts show that a cell further down redefined
it after that and before this cell last ran: cell 2 `[3]` sets `threshold = 0.5`, cell 6
`[7]` sets `threshold = 0.9`, cell 4 `[8]` uses `threshold` and saw `0.9`. In-place
changes count too: cell 6 `[7]` ran `df["amount"] = np.log1p(df["amount"])`, so cell 4
`[8]` described the log-transformed frame. A cell below that re-runs an import the cell
above also made (`import numpy as np` in both) gives the same value, and is not flagged.

## Why is this bad?
The saved outputs of this cell (metrics, plots, printed values) were computed with a value
that a top-to-bottom run does not give it. The notebook reads as one result and re-runs
as another; nothing in the saved file says so.

## Example
```python
# cell 2, ran as [3]
df = load()
# cell 4, ran as [8]
df.describe()          # shows the filtered frame of cell 6
# cell 6, ran as [7]
df = df[df.price > 0]
```

## Use instead
Give each version its own name (`clean_df = df[df.price > 0]`), then restart the kernel
and run all cells from the top before saving.

## What export does
Export follows top-to-bottom order, so the exported step gets the value a fresh run
gives; golden values come from a fresh reference run, not from the stale saved outputs.
The finding does not block export and is listed in the package README.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._scope import CellScope, NotebookScope, is_known_name

SPEC = RuleSpec(
    code="NBP013",
    name="stale-value-from-out-of-order-run",
    category=Category.HIDDEN_STATE,
    severity=Severity.WARNING,
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    scope = NotebookScope.of(ctx.analysis)
    cells = scope.cells
    opaque_counts = [
        cs.analysis.cell.execution_count
        for cs in cells
        if cs.opaque and cs.analysis.cell.execution_count is not None
    ]
    writers = ctx.analysis.memo(_writers, lambda: _writers(cells))
    for cs in cells:
        ca = cs.analysis
        count = ca.cell.execution_count
        if count is None:
            continue
        for ref in ca.events.uses:
            name = ref.name
            if is_known_name(name):
                continue
            binders = scope.binders(name)
            above = [b for b in binders if b.index < ca.index]
            source = _last_run_before(writers.get(name, ()), count)
            if not above or source is None or source.index <= ca.index:
                continue
            source_count = source.analysis.cell.execution_count
            assert source_count is not None
            if any(source_count < c < count for c in opaque_counts):
                continue  # something unknowable ran in between
            expected = above[-1]
            if name in source.binds and name not in source.mutates:
                imported = _imported_as(source, name)
                if imported is not None and imported == _imported_as(expected, name):
                    continue  # the same module or object, imported again
            expected_count = expected.analysis.cell.execution_count
            ran = f" (ran as [{expected_count}])" if expected_count is not None else ""
            if name in source.binds:
                message = (
                    f"`{name}` here came from cell {source.index + 1} below (ran as "
                    f"[{source_count}], before this cell's [{count}]), not from cell "
                    f"{expected.index + 1} above{ran}"
                )
            else:
                message = (
                    f"`{name}` here had been changed in place by cell {source.index + 1} "
                    f"below (ran as [{source_count}], before this cell's [{count}]), "
                    "which a top-to-bottom run does not do before this cell"
                )
            yield ctx.at_node(
                SPEC,
                ca,
                ref.node,
                f"{message}; the saved output does not match a top-to-bottom run",
            )


def _writers(cells: tuple[CellScope, ...]) -> dict[str, list[CellScope]]:
    """For each name, the cells that bind it or change it in place (built once, so
    checking every read stays linear in the notebook's size)."""
    table: dict[str, list[CellScope]] = {}
    for cs in cells:
        for name in cs.binds | cs.mutates:
            table.setdefault(name, []).append(cs)
    return table


def _last_run_before(binders: Iterable[CellScope], count: int) -> CellScope | None:
    """The cell (of ``binders``) that ran last before execution ``count``."""
    best = None
    for binder in binders:
        ran = binder.analysis.cell.execution_count
        best_ran = best.analysis.cell.execution_count if best is not None else None
        if ran is not None and ran < count and (best_ran is None or ran > best_ran):
            best = binder
    return best


def _imported_as(cs: CellScope, name: str) -> str | None:
    """What ``name`` is imported as when imports are the cell's only bindings of it
    (``numpy`` for ``import numpy as np``), else None."""
    targets = set()
    for rec in cs.analysis.imports:
        if rec.bound_as == name:
            if rec.is_star:
                return None
            plain = rec.name is None and rec.bound_as == rec.top_level
            targets.add(rec.top_level if plain else rec.qualified)
    if len(targets) != 1 or name in cs.mutates:
        return None
    for node in cs.analysis.walk():
        if (
            isinstance(node, ast.Name)
            and node.id == name
            and not isinstance(node.ctx, ast.Load)
        ) or (
            isinstance(
                node,
                ast.FunctionDef
                | ast.AsyncFunctionDef
                | ast.ClassDef
                | ast.ExceptHandler
                | ast.MatchAs
                | ast.MatchStar,
            )
            and node.name == name
        ):
            return None  # also bound by an assignment, a loop, a def...
    return targets.pop()
