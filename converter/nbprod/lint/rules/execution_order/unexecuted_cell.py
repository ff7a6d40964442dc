"""
## What it does
Flags a code cell that was never executed (no execution count) while cells below it were.

## Why is this bad?
The outputs below were produced without this cell. Either the cell is dead code or the
results depend on a different version of the notebook than the one saved. A fresh run
executes it, and may behave differently from what the saved outputs show.

## Example
```python
# cell 1 [1]: df = load()
# cell 2 [ ]: df = df.dropna()     <- never run
# cell 3 [2]: model.fit(df)
```

## Use instead
Run the notebook from the top after a kernel restart, or delete the cell, or tag it
`nbprod:drop` if it is exploration that production should leave out.

## What export does
Exports the cell like any other (a fresh run executes it); tag it `nbprod:drop` to leave
it out.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec

SPEC = RuleSpec(
    code="NBP002",
    name="unexecuted-cell",
    category=Category.EXECUTION_ORDER,
    severity=Severity.WARNING,
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    cells = [ca for ca in ctx.analysis.cells if ca.cell.source.strip()]
    executed_below = False
    flagged = []
    for ca in reversed(cells):
        if ca.cell.execution_count is not None:
            executed_below = True
        elif executed_below:
            flagged.append(ca)
    for ca in reversed(flagged):
        yield ctx.at_cell(
            SPEC,
            ca.cell,
            "cell was never executed, but cells below it were; "
            "the saved outputs do not reflect it",
        )
