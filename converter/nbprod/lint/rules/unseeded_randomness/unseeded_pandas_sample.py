"""
## What it does
Flags `.sample(...)` on a DataFrame or Series (`df.sample(n=1000)`,
`df.sample(frac=1)` to shuffle, `df.groupby(g).sample(n=5)`) without `random_state`
(or with `random_state=None`). Polars and Spark `sample` calls without `seed` are
flagged too. Receivers that are clearly generators or distributions (`rng`, `random`,
`torch.distributions...`) are not data and are left alone.

## Why is this bad?
Each run selects different rows, so everything computed from the sample (features,
scores, charts) changes between runs and cannot be checked against golden values.

## Example
```python
subset = df.sample(frac=0.1)
```

## Use instead
```python
subset = df.sample(frac=0.1, random_state=SEED)
```

## What export does
Export keeps the call; the quick fix adds `random_state=` (`seed=` for Polars and
Spark) with the seed variable of the parameters cell when there is one, else 42.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from ....analysis import CallSite, NotebookAnalysis
from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._seed import keyword_fix, seed_expression, unseeded_keyword

SPEC = RuleSpec(
    code="NBP064",
    name="unseeded-pandas-sample",
    category=Category.UNSEEDED_RANDOMNESS,
    severity=Severity.WARNING,
    fix="safe",
)

#: Keywords that only DataFrame/Series (pandas, polars, Spark) ``sample`` takes.
DATA_KEYWORDS = frozenset(
    {
        "n",
        "frac",
        "fraction",
        "replace",
        "weights",
        "axis",
        "ignore_index",
        "withReplacement",
        "with_replacement",
        "shuffle",
    }
)
NOT_DATA = re.compile(r"rng|random|generator|dist|sampler|prior|posterior|model|key")
#: Packages whose objects have a ``sample`` method that is not a row sample.
OTHER_SAMPLERS = (
    "random.",
    "numpy.random.",
    "torch",
    "tensorflow",
    "scipy",
    "jax",
    "numpyro",
    "pyro",
    "pymc",
    "sklearn",
    "optuna",
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    analysis = ctx.analysis
    origins = _assignment_origins(analysis)
    for site in analysis.calls:
        if site.method != "sample" or site.qualname is not None:
            continue
        root = _root_name(site.node.func)
        if root is None or NOT_DATA.search(root.lower()):
            continue
        if root in analysis.aliases and not analysis.aliases[root].startswith(
            ("pandas", "polars")
        ):
            continue
        origin = origins.get(root, "")
        if origin.startswith(OTHER_SAMPLERS):
            continue
        if not _looks_like_row_sample(site):
            continue
        spark = any(
            kw.arg in {"fraction", "withReplacement"} for kw in site.node.keywords
        )
        keyword = "seed" if spark or origin.startswith("polars") else "random_state"
        if len(site.node.args) >= 5 or site.keyword("seed") is not None:
            continue
        unseeded, none_node = unseeded_keyword(site, "random_state")
        if not unseeded:
            continue
        seed = seed_expression(analysis, site)
        receiver = ast.unparse(site.node.func.value)  # type: ignore[attr-defined]
        if len(receiver) > 30:
            receiver = root
        yield ctx.at_node(
            SPEC,
            site.cell,
            site.node,
            f"`{receiver}.sample` picks different rows on every run; pass "
            f"`{keyword}={seed}`",
            fix=keyword_fix(site, keyword, seed, none_node),
        )


def _looks_like_row_sample(site: CallSite) -> bool:
    if any(kw.arg in DATA_KEYWORDS for kw in site.node.keywords):
        return True
    if not site.node.args:
        return False
    first = site.node.args[0]
    if isinstance(first, ast.Constant):
        return isinstance(first.value, int | float) and not isinstance(
            first.value, bool
        )
    return isinstance(first, ast.Name | ast.Attribute | ast.BinOp)


def _root_name(node: ast.AST) -> str | None:
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _assignment_origins(analysis: NotebookAnalysis) -> dict[str, str]:
    """For names assigned from a library call anywhere, the call's qualified name."""
    origins: dict[str, str] = {}
    calls = {id(site.node): site.qualname for site in analysis.calls}
    for ca in analysis.cells:
        for node in ca.walk():
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                inner: ast.AST = node.value
                while isinstance(inner, ast.Call) and calls.get(id(inner)) is None:
                    func = inner.func
                    inner = func.value if isinstance(func, ast.Attribute) else func
                qualname = calls.get(id(inner)) if isinstance(inner, ast.Call) else None
                for target in node.targets:
                    if isinstance(target, ast.Name) and qualname:
                        origins[target.id] = qualname
    return origins
