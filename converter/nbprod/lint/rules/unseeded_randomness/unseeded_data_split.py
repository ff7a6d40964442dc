"""
## What it does
Flags random splits and resamplings without `random_state` (or with
`random_state=None`): `train_test_split` (unless `shuffle=False`), `ShuffleSplit`,
`StratifiedShuffleSplit`, `GroupShuffleSplit`, `RepeatedKFold`,
`RepeatedStratifiedKFold`, `KFold`/`StratifiedKFold`/`StratifiedGroupKFold` with
`shuffle=True`, `sklearn.utils.shuffle` and `sklearn.utils.resample`. `KFold()` without
shuffling is deterministic and not flagged.

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

from ....analysis import CallSite
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


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for site in ctx.analysis.calls:
        if not _is_random_split(site) or site.has_kwargs_splat():
            continue
        unseeded, none_node = unseeded_keyword(site, "random_state")
        if not unseeded:
            continue
        name = (site.qualname or "").rsplit(".", 1)[-1]
        seed = seed_expression(ctx.analysis, site)
        yield ctx.at_node(
            SPEC,
            site.cell,
            site.node,
            f"`{name}` shuffles without `random_state`: every run puts different rows "
            f"in each part, so scores change from run to run; pass `random_state={seed}`",
            fix=keyword_fix(site, "random_state", seed, none_node),
        )
