"""
## What it does
Flags calls to the builtin `input()`, which waits for someone to type a value. Methods
named `input` (`widget.input(...)`), names like `input_path`, `fileinput.input()` and a
notebook's own `def input(...)` are not flagged.

## Why is this bad?
A scheduled or CI run has no one at the keyboard: `input()` blocks forever or fails with
`EOFError`, and the value typed during exploration is nowhere in the notebook, so the run
cannot be reproduced.

## Example
```python
threshold = float(input("Threshold? "))
```

## Use instead
```python
threshold = 0.5  # in the cell tagged `parameters`
```
Make the value a parameter (papermill / `nbprod` parameters cell) or read it from a
config file or environment variable.

## What export does
Export refuses the notebook with this finding (an error) unless forced: the generated
step would hang. Turn the value into a parameter and it becomes a step parameter.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._common import calls_to

SPEC = RuleSpec(
    code="NBP090",
    name="input-call",
    category=Category.INTERACTIVE,
    severity=Severity.ERROR,
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for site in calls_to(ctx, frozenset({"builtins.input"})):
        yield ctx.at_node(
            SPEC,
            site.cell,
            site.node,
            "`input()` waits for someone to type a value, which a batch run cannot do; "
            "make the value a parameter",
        )
