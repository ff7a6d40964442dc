"""
## What it does
Flags `from module import *` anywhere in a notebook.

## Why is this bad?
A star import hides where names come from: a reader (and nbprod's own dataflow analysis)
cannot tell which cell or module defines `train` or `plot`, a later star import silently
shadows an earlier name, and an upgrade of the library can change what the notebook runs.
`from pylab import *` even replaces builtins such as `sum` and `any` with numpy's.

## Example
```python
from fastai.vision.all import *
from pylab import *
```

## Use instead
Import the names you use (`from fastai.vision.all import vision_learner, resnet34`) or
the module under a short alias (`import numpy as np`).

## What export does
Keeps the import as written, but the generated step modules cannot tell which names it
provides, so each step that might need it imports the whole module.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec

SPEC = RuleSpec(
    code="NBP120",
    name="star-import",
    category=Category.DEPENDENCY,
    severity=Severity.WARNING,
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for ca in ctx.analysis.cells:
        seen: set[int] = set()
        for record in ca.imports:
            if not record.is_star or id(record.node) in seen:
                continue
            seen.add(id(record.node))
            yield ctx.at_node(
                SPEC,
                ca,
                record.node,
                f"`from {record.module} import *` hides which names come from "
                f"{record.module}; import the names you use",
            )
