"""
## What it does
Flags a file read limited to part of the file, `pd.read_csv(path, nrows=10000)`,
`skiprows=range(1, n)`, a `skiprows=` lambda that keeps a random fraction of the rows, or
Polars' `n_rows=`, when the rows read reach training (a `fit`, a cross-validation,
`xgb.train`...) or a file the notebook writes (`to_csv`, `to_parquet`, `joblib.dump`...).

A limited read used only to look at the data (`pd.read_csv(path, nrows=5)` to see the
columns) is not flagged, nor is a limit bound to a name in the `parameters` cell.

## Why is this bad?
The limit is usually a shortcut for a quick first run. Left in place, the production
pipeline silently trains on (or writes) the first rows of the file only: often one
period, one region or one class, since files are rarely shuffled.

## Example
```python
df = pd.read_csv("events.csv", nrows=50_000)
model.fit(df[features], df["label"])
```

## Use instead
```python
# parameters cell
MAX_ROWS = None  # e.g. 50_000 for a quick run

df = pd.read_csv("events.csv", nrows=MAX_ROWS)
```

## What export does
Export keeps the read; lift the limit into the parameters cell so the exported pipeline
exposes it as a parameter (defaulting to all rows).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ..data_leakage._flow import flow_of
from ._common import parameter_names

SPEC = RuleSpec(
    code="NBP111",
    name="nrows-read-limit",
    category=Category.DEMO_SUBSET,
    severity=Severity.WARNING,
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    flow = flow_of(ctx.analysis)
    params = parameter_names(ctx.analysis)
    reached: dict[int, str] = {}
    for sink in flow.sinks:
        for read_id in flow.reads_of(sink.rows):
            if read_id not in reached:
                verb = "training" if sink.kind == "train" else "a file write"
                cell = sink.site.cell.index + 1
                reached[read_id] = f"{verb} (`{sink.text}`, cell {cell})"
    for read_id, where in sorted(reached.items()):
        limit = flow.reads[read_id]
        value = limit.keyword.value
        if isinstance(value, ast.Name) and value.id in params:
            continue
        yield ctx.at_node(
            SPEC,
            limit.site.cell,
            limit.keyword,
            f"`{limit.text}` reads only part of the file, and those rows reach {where}: "
            "the pipeline would run on a demo subset; remove the limit or make it a "
            "parameter that defaults to all rows",
        )
