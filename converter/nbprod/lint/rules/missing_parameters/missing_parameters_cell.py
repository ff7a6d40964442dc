"""
## What it does
Flags a notebook with code but no code cell tagged `parameters` (papermill's convention
for the cell holding a run's inputs). The finding is about the whole notebook, not a cell.

Its fix tags the first code cell after the imports when that cell only assigns literals
(`input_path = "data/train.csv"`, `n_estimators = 500`); otherwise it inserts an empty
`# Parameters` cell, tagged `parameters`, after the import cells.

## Why is this bad?
Without a parameters cell nothing can be changed from outside: papermill, Ploomber and
schedulers cannot pass a different input file, date or hyperparameter without editing the
notebook, so every variant becomes a copy.

## Example
```python
# cell 1
import pandas as pd
# cell 2
df = pd.read_csv("data/2024-01.csv")
```

## Use instead
Gather the inputs in one cell and tag it `parameters` (View > Cell Toolbar > Tags, or the
property inspector in JupyterLab):
```python
# cell 2, tagged "parameters"
input_path = "data/2024-01.csv"
# cell 3
df = pd.read_csv(input_path)
```

## What export does
Export makes the `parameters` cell the pipeline's typed parameters (`--param k=v`); with
no such cell it creates one from the literals it lifts out of the code.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Edit, Fix, Severity
from ...rule import RuleSpec
from ._lift import (
    PARAMETERS_TAG,
    first_code_cell_after_imports,
    insertion_index,
    is_literal_assignments,
    is_parameters_cell,
)

SPEC = RuleSpec(
    code="NBP050",
    name="missing-parameters-cell",
    category=Category.MISSING_PARAMETERS,
    severity=Severity.WARNING,
    fix="safe",
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    analysis = ctx.analysis
    code_cells = [ca for ca in analysis.cells if ca.cell.source.strip()]
    if not code_cells:
        return
    if any(PARAMETERS_TAG in ca.cell.tags for ca in analysis.cells):
        return
    candidate = first_code_cell_after_imports(analysis)
    if (
        candidate is not None
        and is_literal_assignments(candidate)
        and not is_parameters_cell(candidate)  # papermill replaces injected cells
    ):
        fix = Fix(
            f"Tag cell {candidate.index + 1} `parameters`",
            (
                Edit(
                    kind="set_tags",
                    cell_index=candidate.index,
                    cell_id=candidate.cell.id,
                    tags=(*candidate.cell.tags, PARAMETERS_TAG),
                ),
            ),
        )
        where = f"; cell {candidate.index + 1} only assigns literals and could be it"
    else:
        position = insertion_index(analysis)
        assert position is not None
        fix = Fix(
            "Insert a `parameters` cell after the imports",
            (
                Edit(
                    kind="insert_cell",
                    cell_index=position,
                    content="# Parameters",
                    tags=(PARAMETERS_TAG,),
                ),
            ),
        )
        where = ""
    yield ctx.on_notebook(
        SPEC,
        "no code cell is tagged `parameters`, so a run cannot change the notebook's "
        f"inputs without editing it{where}",
        fix,
    )
