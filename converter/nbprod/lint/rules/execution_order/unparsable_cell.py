"""
## What it does
Flags a code cell that nbprod cannot parse as Python, even after IPython's input
transformations (magics, `!` shell lines, `?` help), or that is too large or too deeply
nested to analyse.

## Why is this bad?
The cell fails with a `SyntaxError` when the notebook runs top to bottom, and no other
rule can see inside it: patterns hidden in it go unflagged.

## Example
```python
model.fit(X, y
```

## Use instead
Fix the syntax; split very large cells; move literal data into a file the notebook reads.

## What export does
Export refuses the notebook with this finding, since it cannot turn the cell into a
module.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec

SPEC = RuleSpec(
    code="NBP009",
    name="unparsable-cell",
    category=Category.EXECUTION_ORDER,
    severity=Severity.ERROR,
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for ca in ctx.analysis.cells:
        problem = ca.parsed.problem
        if problem is None:
            continue
        lines = ca.cell.source.splitlines() or [""]
        line = min(max(problem.line, 1), len(lines))
        column = min(max(problem.column, 1), len(lines[line - 1]) + 1)
        yield ctx.at_range(
            SPEC,
            ca.cell,
            (line, column, line, len(lines[line - 1]) + 1),
            f"cell cannot be analysed: {problem.message}",
        )
