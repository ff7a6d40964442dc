"""
## What it does
Test-only rule: flags ``shuffle(`` calls and offers a fix adding ``random_state=0``.

## Why is this bad?
It lets the server tests exercise ``POST /nbprod/fix`` whatever the real rules offer.

## Example
```python
shuffle(x)
```

## Use instead
```python
shuffle(x, random_state=0)
```

## What export does
Nothing; this rule exists only in tests.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from nbprod.lint.context import LintContext
from nbprod.lint.diagnostic import Category, Diagnostic, Edit, Fix, Severity
from nbprod.lint.rule import RuleSpec

SPEC = RuleSpec(
    code="NBP999",
    name="test-unseeded-shuffle",
    category=Category.UNSEEDED_RANDOMNESS,
    severity=Severity.WARNING,
    fix="safe",
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for ca in ctx.analysis.cells:
        for node in ca.walk():
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "shuffle"
                and not node.keywords
            ):
                _, _, end_line, end_column = ca.span(node)
                edit = Edit(
                    kind="replace",
                    cell_index=ca.cell.index,
                    cell_id=ca.cell.id,
                    line=end_line,
                    column=end_column - 1,
                    end_line=end_line,
                    end_column=end_column - 1,
                    content=", random_state=0",
                )
                yield ctx.at_node(
                    SPEC,
                    ca,
                    node,
                    "shuffle() without a seed",
                    Fix("Add random_state=0", (edit,)),
                )
