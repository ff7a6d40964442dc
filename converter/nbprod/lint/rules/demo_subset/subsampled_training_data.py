"""
## What it does
Flags a literal-size row subset, `df.sample(n=5000)`, `df.sample(frac=0.1)`,
`df.head(1000)`, `df.iloc[:1000]`, `X[:500]`, whose rows flow (through any chain of
assignments, column selections and preprocessing) into training: an estimator's `fit`,
`fit_transform`, `fit_resample`, a cross-validation, `xgb.train`/`lgb.train`, or a
`transformers` `Trainer`.

Not flagged: a size bound to a name in the `parameters` cell (a deliberate, overridable
setting), `sample(frac=1)` (a shuffle), per-group samples (`groupby(...).sample`), and
row selections that are one half of a train/test split (`train = df[:800]`,
`X_test = X[800:]`, `df.drop(sample.index)`).

## Why is this bad?
Sub-sampling to iterate quickly is fine in exploration, but left in place it makes the
production pipeline train on a fraction of the data: a weaker model, and metrics that do
not describe what will be deployed.

## Example
```python
df = pd.read_csv("transactions.csv").sample(n=5000, random_state=0)
model.fit(df[features], df["label"])
```

## Use instead
```python
# parameters cell
SAMPLE_ROWS = None  # e.g. 5000 for a quick run

df = pd.read_csv("transactions.csv")
if SAMPLE_ROWS:
    df = df.sample(n=SAMPLE_ROWS, random_state=SEED)
```

## What export does
Export keeps the code; lift the size into the parameters cell so the exported pipeline
exposes it as a parameter (and runs on all data by default).
"""

from __future__ import annotations

from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ..data_leakage._flow import Flow, flow_of
from ._common import parameter_names

SPEC = RuleSpec(
    code="NBP110",
    name="subsampled-training-data",
    category=Category.DEMO_SUBSET,
    severity=Severity.WARNING,
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    flow = flow_of(ctx.analysis)
    params = parameter_names(ctx.analysis)
    excluded = _split_halves(flow)
    reached: dict[int, str] = {}
    for sink in flow.sinks:
        if sink.kind != "train":
            continue
        for subset_id in flow.subsets_of(sink.rows):
            if subset_id not in reached and subset_id not in excluded:
                cell = sink.site.cell.index + 1
                reached[subset_id] = f"`{sink.text}` (cell {cell})"
    for subset_id, where in sorted(reached.items()):
        subset = flow.subsets[subset_id]
        if subset.size in params:
            continue
        yield ctx.at_node(
            SPEC,
            subset.site.cell,
            subset.site.node,
            f"`{subset.text}` keeps only part of the rows, and they reach {where}: the "
            "pipeline would train on a demo subset; remove it or make the size a "
            "parameter that defaults to all rows",
        )


def _split_halves(flow: Flow) -> set[int]:
    """Subsets whose result is a train/test half (by role or a dropped ``.index``)."""
    halves: set[int] = set()
    for value in flow.values:
        if value.subset is None:
            continue
        if value.roles or (value.name and value.name in flow.index_dropped):
            halves.add(value.subset)
    return halves
