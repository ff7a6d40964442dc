"""
## What it does
Flags a code cell whose saved execution count is lower than that of a code cell above it,
meaning the notebook was last run out of top-to-bottom order.

## Why is this bad?
The saved outputs came from an order of execution that "Restart & Run All" will not
reproduce. Results may depend on a cell that ran later but sits earlier, or on state that
no longer exists. A production run always goes top to bottom.

## Example
```python
# cell 1, executed as [5]
model = train(df)
# cell 2, executed as [3]
df = load()
```

## Use instead
Restart the kernel and run all cells from the top, then save. Move cells so that each one
only uses what the cells above it define.

## What export does
Export orders steps top to bottom, as a fresh run would; the reference run used for golden
values re-executes the notebook from a clean kernel.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec

SPEC = RuleSpec(
    code="NBP001",
    name="non-monotonic-execution-count",
    category=Category.EXECUTION_ORDER,
    severity=Severity.WARNING,
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    highest = None
    for ca in ctx.analysis.cells:
        count = ca.cell.execution_count
        if count is None:
            continue
        if highest is not None and count < highest[0]:
            yield ctx.at_cell(
                SPEC,
                ca.cell,
                f"cell ran as [{count}] after a cell above it ran as [{highest[0]}] "
                f"(cell {highest[1] + 1}); restart the kernel and run all from the top",
            )
        if highest is None or count > highest[0]:
            highest = (count, ca.index)
