"""
## What it does
Flags a code cell whose saved outputs contain an error (a traceback).

## Why is this bad?
A notebook saved with an exception in it does not run from top to bottom. Anything below
the failing cell was computed from state the saved notebook cannot recreate.

## Example
```python
df = pd.read_csv("data.csv")
df["pric"].mean()   # KeyError saved in the output
```

## Use instead
Fix or delete the failing cell, restart the kernel and run all, then save.

## What export does
Nothing special: the exported step fails the same way, and the reference run reports it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec

SPEC = RuleSpec(
    code="NBP003",
    name="saved-error-output",
    category=Category.EXECUTION_ORDER,
    severity=Severity.WARNING,
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for ca in ctx.analysis.cells:
        for output in ca.cell.outputs:
            if output.get("output_type") == "error":
                name = str(output.get("ename", "error"))[:80]
                yield ctx.at_cell(
                    SPEC,
                    ca.cell,
                    f"cell was saved with a {name} in its output; the notebook does not "
                    "run top to bottom",
                )
                break
