"""
## What it does
Flags a notebook file that Jupyter opens only after repairing it: an nbformat 3 notebook
(upgraded to nbformat 4 each time it is read), or an nbformat 4.5 notebook with cells that
lack an `id` or repeat another cell's `id`. The finding is about the whole notebook.

nbprod reads such a notebook as Jupyter does, repaired, so every other rule still runs.
The ids it gives repaired cells are derived from the cell's position and content, so
findings point at the same ids on every run.

## Why is this bad?
Jupyter repairs the file in memory with random ids each time it opens it: tools that
address cells by id (quick fixes, review comments, `nbdime` diffs) see different cells on
every run, and the next save rewrites every id, burying the real change in the diff.
nbformat warns that missing ids will become a hard error.

## Example
```json
{"nbformat": 4, "nbformat_minor": 5,
 "cells": [{"cell_type": "code", "source": "x = 1", "metadata": {},
            "outputs": [], "execution_count": null}]}
```

## Use instead
Save the notebook once from JupyterLab, or write the repaired file with
`nbprod lint --fix --select NBP004 NOTEBOOK` (stable ids, nbformat 4.5):
```json
{"nbformat": 4, "nbformat_minor": 5,
 "cells": [{"id": "5bd83a8e", "cell_type": "code", "source": "x = 1", "metadata": {},
            "outputs": [], "execution_count": null}]}
```

## What export does
Export reads the notebook repaired, like lint, and exports it normally.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Fix, Severity
from ...rule import RuleSpec

SPEC = RuleSpec(
    code="NBP004",
    name="notebook-needs-repair",
    category=Category.EXECUTION_ORDER,
    severity=Severity.WARNING,
    fix="safe",
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    repairs = ctx.notebook.repairs
    if not repairs:
        return
    # The notebook nbprod read is the repaired one: applying this fix (which has no
    # edits of its own) writes it, upgraded and with stable ids, as it was linted.
    fix = Fix(
        f"Write the notebook as nbformat {ctx.notebook.nbformat}."
        f"{ctx.notebook.nbformat_minor} with a unique, stable id on every cell",
        (),
    )
    message = "; ".join(repair.message for repair in repairs)
    yield ctx.on_notebook(SPEC, f"{message[0].upper()}{message[1:]}", fix)
