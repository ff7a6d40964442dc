"""
## What it does
Flags calls of the standard library's module-level `random` functions (`random.random`,
`randint`, `choice`, `choices`, `sample`, `shuffle`, `uniform`, `gauss`...) when no
`random.seed(...)` call comes before them (top to bottom), and `random.Random()` created
without a seed.

## Why is this bad?
The module-level functions share one generator seeded from OS entropy at start-up, so
every run makes different choices: sampled rows, shuffled lists and synthetic values
cannot be reproduced or compared with golden values.

## Example
```python
import random
ids = random.sample(all_ids, 100)
```

## Use instead
```python
SEED = 42  # in the parameters cell
rnd = random.Random(SEED)
ids = rnd.sample(all_ids, 100)
```
(or call `random.seed(SEED)` once before the first draw).

## What export does
Export keeps the calls; the seed, once added, becomes a typed parameter of the package.
The quick fix passes the notebook's seed variable (or 42) to `random.Random()`.
`random.SystemRandom` is never flagged: it cannot be seeded by design.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._seed import keyword_fix, seed_expression

SPEC = RuleSpec(
    code="NBP061",
    name="unseeded-stdlib-random",
    category=Category.UNSEEDED_RANDOMNESS,
    severity=Severity.WARNING,
    fix="safe",
)

FUNCTIONS = frozenset(
    [
        "random",
        "uniform",
        "randint",
        "randrange",
        "choice",
        "choices",
        "sample",
        "shuffle",
        "gauss",
        "normalvariate",
        "lognormvariate",
        "expovariate",
        "vonmisesvariate",
        "gammavariate",
        "betavariate",
        "paretovariate",
        "weibullvariate",
        "triangular",
        "getrandbits",
        "randbytes",
        "binomialvariate",
    ]
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    seeded = False
    for site in ctx.analysis.calls:
        qualname = site.qualname or ""
        if not qualname.startswith("random."):
            continue
        name = qualname[len("random.") :]
        if name in {"seed", "setstate"}:
            if _has_argument(site.node):
                seeded = True
        elif name == "Random":
            arg = site.node.args[0] if site.node.args else site.keyword("x")
            if site.has_kwargs_splat() or (arg is not None and not _is_none(arg)):
                continue
            seed = seed_expression(ctx.analysis, site)
            fix = keyword_fix(site, "", seed, arg)
            yield ctx.at_node(
                SPEC,
                site.cell,
                site.node,
                "`random.Random()` without a seed starts from fresh OS entropy on every "
                "run; pass a seed (e.g. `random.Random(SEED)`)",
                fix=fix,
            )
        elif name in FUNCTIONS and not seeded:
            yield ctx.at_node(
                SPEC,
                site.cell,
                site.node,
                f"`{ast.unparse(site.node.func)}` draws from the unseeded module-level "
                "generator and no `random.seed(...)` runs before it: results change on "
                "every run; use `random.Random(SEED)` (or seed once at the top)",
            )


def _has_argument(node: ast.Call) -> bool:
    values = [*node.args, *(kw.value for kw in node.keywords)]
    return bool(values) and not all(_is_none(v) for v in values)


def _is_none(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value is None
