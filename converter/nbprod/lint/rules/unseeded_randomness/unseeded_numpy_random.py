"""
## What it does
Flags calls of NumPy's legacy global sampling functions (`np.random.rand`, `randn`,
`randint`, `choice`, `shuffle`, `permutation`, `normal`, `uniform`...) when no
`np.random.seed(...)` call comes before them (top to bottom), and generators created
without a seed: `np.random.default_rng()`, `np.random.RandomState()`, bit generators such
as `np.random.PCG64()` (so also `Generator(PCG64())`). Methods of a seeded generator are
fine.

## Why is this bad?
Every run draws different numbers, so results (synthetic data, sampled rows, initial
weights, shuffles) cannot be reproduced, compared between runs, or checked against
golden values. A bug that shows up once may never show up again.

## Example
```python
import numpy as np
noise = np.random.normal(0, 1, size=100)
rng = np.random.default_rng()
```

## Use instead
```python
SEED = 42  # in the parameters cell
rng = np.random.default_rng(SEED)
noise = rng.normal(0, 1, size=100)
```
(or call `np.random.seed(SEED)` once at the top before the legacy functions).

## What export does
Export keeps the calls; the seed, once added, becomes a typed parameter of the package
like the other values of the parameters cell. The quick fix passes the notebook's seed
variable (or 42) to an unseeded generator constructor.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._seed import keyword_fix, seed_expression

SPEC = RuleSpec(
    code="NBP060",
    name="unseeded-numpy-random",
    category=Category.UNSEEDED_RANDOMNESS,
    severity=Severity.WARNING,
    fix="safe",
)

SAMPLERS = frozenset(
    [
        "rand",
        "randn",
        "randint",
        "random_integers",
        "random_sample",
        "random",
        "ranf",
        "sample",
        "choice",
        "bytes",
        "shuffle",
        "permutation",
        "beta",
        "binomial",
        "chisquare",
        "dirichlet",
        "exponential",
        "f",
        "gamma",
        "geometric",
        "gumbel",
        "hypergeometric",
        "laplace",
        "logistic",
        "lognormal",
        "logseries",
        "multinomial",
        "multivariate_normal",
        "negative_binomial",
        "noncentral_chisquare",
        "noncentral_f",
        "normal",
        "pareto",
        "poisson",
        "power",
        "rayleigh",
        "standard_cauchy",
        "standard_exponential",
        "standard_gamma",
        "standard_normal",
        "standard_t",
        "triangular",
        "uniform",
        "vonmises",
        "wald",
        "weibull",
        "zipf",
    ]
)

#: Constructors of generators, with the name of their seed parameter.
CONSTRUCTORS = {
    "default_rng": "seed",
    "RandomState": "seed",
    "PCG64": "seed",
    "PCG64DXSM": "seed",
    "MT19937": "seed",
    "Philox": "seed",
    "SFC64": "seed",
    "SeedSequence": "entropy",
}

SEEDING = frozenset({"numpy.random.seed", "numpy.random.set_state"})


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    seeded = False
    for site in ctx.analysis.calls:
        qualname = site.qualname or ""
        if not qualname.startswith("numpy.random."):
            continue
        name = qualname[len("numpy.random.") :]
        if qualname in SEEDING:
            if _has_seed_argument(site.node, "seed" if name == "seed" else "state"):
                seeded = True
            continue
        if name in CONSTRUCTORS:
            keyword = CONSTRUCTORS[name]
            seed_node = site.node.args[0] if site.node.args else site.keyword(keyword)
            if site.has_kwargs_splat() or (
                seed_node is not None and not _is_none(seed_node)
            ):
                continue
            text = ast.unparse(site.node.func)
            fix = keyword_fix(
                site, keyword, seed_expression(ctx.analysis, site), seed_node
            )
            yield ctx.at_node(
                SPEC,
                site.cell,
                site.node,
                f"`{text}()` without a seed starts from fresh OS entropy on every run; "
                f"pass a seed (e.g. `{text}(SEED)`)",
                fix=fix,
            )
        elif name in SAMPLERS and not seeded:
            text = ast.unparse(site.node.func)
            yield ctx.at_node(
                SPEC,
                site.cell,
                site.node,
                f"`{text}` draws from NumPy's global generator and no "
                "`np.random.seed(...)` runs before it: results change on every run; use "
                "`rng = np.random.default_rng(SEED)` (or seed once at the top)",
            )


def _has_seed_argument(node: ast.Call, keyword: str) -> bool:
    value = node.args[0] if node.args else None
    for kw in node.keywords:
        if kw.arg == keyword:
            value = kw.value
    return value is not None and not _is_none(value)


def _is_none(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value is None
