"""
## What it does
Flags random splits and resamplings without `random_state` (or with
`random_state=None`): `train_test_split` (unless `shuffle=False`), `ShuffleSplit`,
`StratifiedShuffleSplit`, `GroupShuffleSplit`, `RepeatedKFold`,
`RepeatedStratifiedKFold`, `KFold`/`StratifiedKFold`/`StratifiedGroupKFold` with
`shuffle=True`, `sklearn.utils.shuffle` and `sklearn.utils.resample`. `KFold()` without
shuffling is deterministic and not flagged. Inside a loop or a comprehension (a bootstrap
`[model.fit(*resample(X, y)).coef_ for i in range(1000)]`) each call must draw
differently: after an `np.random.seed(...)` the draws are reproducible and the call is
not flagged, and without one the finding has no quick fix (a constant `random_state`
would make every draw the same).

## Why is this bad?
Each run puts different rows in the test set, so scores move from run to run for no
reason, comparisons between models or versions are noise, and the golden metrics export
captures cannot be met reliably.

## Example
```python
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
cv = KFold(n_splits=5, shuffle=True)
```

## Use instead
```python
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.2, random_state=SEED
)
cv = KFold(n_splits=5, shuffle=True, random_state=SEED)
```

## What export does
Export keeps the call; the quick fix adds `random_state=` with the seed variable of the
parameters cell (`SEED`, `RANDOM_STATE`, `seed`...) when there is one, else 42.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ....analysis import CallSite, NotebookAnalysis
from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._seed import keyword_fix, seed_expression, unseeded_keyword

SPEC = RuleSpec(
    code="NBP063",
    name="unseeded-data-split",
    category=Category.UNSEEDED_RANDOMNESS,
    severity=Severity.WARNING,
    fix="safe",
)

ALWAYS = frozenset(
    {
        "ShuffleSplit",
        "StratifiedShuffleSplit",
        "GroupShuffleSplit",
        "RepeatedKFold",
        "RepeatedStratifiedKFold",
    }
)
WHEN_SHUFFLED = frozenset({"KFold", "StratifiedKFold", "StratifiedGroupKFold"})
FUNCTIONS = frozenset(
    {
        "sklearn.model_selection.train_test_split",
        "sklearn.cross_validation.train_test_split",
        "sklearn.utils.shuffle",
        "sklearn.utils.resample",
    }
)


def _is_random_split(site: CallSite) -> bool:
    qualname = site.qualname or ""
    if qualname in FUNCTIONS:
        shuffle = site.keyword("shuffle")
        return not (isinstance(shuffle, ast.Constant) and shuffle.value is False)
    if not qualname.startswith(
        ("sklearn.model_selection.", "sklearn.cross_validation.")
    ):
        return False
    name = qualname.rsplit(".", 1)[-1]
    if name in ALWAYS:
        return True
    if name in WHEN_SHUFFLED:
        shuffle = site.keyword("shuffle")
        return isinstance(shuffle, ast.Constant) and bool(shuffle.value)
    return False


def _in_loops(analysis: NotebookAnalysis) -> set[int]:
    """``id()`` of every call in a loop body or a comprehension (computed once)."""

    def build() -> set[int]:
        found: set[int] = set()
        for ca in analysis.cells:
            for node in ca.walk():
                parts: list[ast.AST] = []
                if isinstance(node, ast.For | ast.AsyncFor | ast.While):
                    parts = [*node.body, *node.orelse]
                elif isinstance(node, _COMPREHENSIONS):
                    parts = [child for child in ast.iter_child_nodes(node)]
                    parts.remove(node.generators[0])
                    parts.extend(node.generators[0].ifs)
                    parts.extend(node.generators[1:])
                for part in parts:
                    found.update(
                        id(n) for n in ast.walk(part) if isinstance(n, ast.Call)
                    )
        return found

    return analysis.memo(_in_loops, build)


_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    in_loops = _in_loops(ctx.analysis)
    seeded = False
    for site in ctx.analysis.calls:
        if site.qualname == "numpy.random.seed":
            value = site.node.args[0] if site.node.args else site.keyword("seed")
            if value is not None and not (
                isinstance(value, ast.Constant) and value.value is None
            ):
                seeded = True
            continue
        if not _is_random_split(site) or site.has_kwargs_splat():
            continue
        unseeded, none_node = unseeded_keyword(site, "random_state")
        if not unseeded:
            continue
        looped = id(site.node) in in_loops
        if looped and seeded:
            continue
        name = (site.qualname or "").rsplit(".", 1)[-1]
        seed = seed_expression(ctx.analysis, site)
        yield ctx.at_node(
            SPEC,
            site.cell,
            site.node,
            f"`{name}` shuffles without `random_state`: every run puts different rows "
            "in each part, so scores change from run to run; "
            + (
                "seed NumPy once above the loop with `np.random.seed(...)` (a constant "
                "`random_state` would make every draw the same)"
                if looped
                else f"pass `random_state={seed}`"
            ),
            fix=None if looped else keyword_fix(site, "random_state", seed, none_node),
        )
