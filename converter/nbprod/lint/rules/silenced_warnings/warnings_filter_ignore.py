"""
## What it does
Flags code that turns Python warnings off: `warnings.filterwarnings("ignore", ...)` and
`warnings.simplefilter("ignore", ...)` (also with `action="ignore"`, through
`from warnings import filterwarnings`, and inside `with warnings.catch_warnings():`, where
the filter is scoped but still hides what runs in the block), and replacing
`warnings.warn` or `warnings.showwarning` with a do-nothing function. Filters with other
actions (`"error"`, `"default"`, `"always"`, `"once"`) are not flagged, nor is `%%capture`,
which hides output of a cell for display reasons.

## Why is this bad?
Warnings are how libraries announce that a result may be wrong (a model that did not
converge, a chained assignment that did not write, a deprecated behaviour about to
change). Ignoring them in a notebook hides the same problems in production, where nobody
reads the output anyway, and a blanket `"ignore"` also hides warnings from code added
later.

## Example
```python
import warnings
warnings.filterwarnings("ignore")
```

## Use instead
Fix the cause, or filter one known warning narrowly and say why:
`warnings.filterwarnings("ignore", message="X has feature names", category=UserWarning)`,
scoped with `warnings.catch_warnings()` around the one call that raises it.

## What export does
Keeps the filter in the generated step (export does not change behaviour), and lists the
finding in the package README among the lint findings that remain.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ....analysis.symbols import qualified_name
from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec

SPEC = RuleSpec(
    code="NBP130",
    name="warnings-filter-ignore",
    category=Category.SILENCED_WARNINGS,
    severity=Severity.WARNING,
)

FILTERS = frozenset(
    {
        "warnings.filterwarnings",
        "warnings.simplefilter",
        "numpy.warnings.filterwarnings",
        "numpy.warnings.simplefilter",
    }
)
PATCHED = frozenset({"warnings.warn", "warnings.showwarning", "warnings.warn_explicit"})


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for site in ctx.analysis.calls:
        if site.qualname not in FILTERS:
            continue
        action = site.node.args[0] if site.node.args else site.keyword("action")
        if not (isinstance(action, ast.Constant) and action.value == "ignore"):
            continue
        function = site.qualname.rsplit(".", 1)[-1]
        yield ctx.at_node(
            SPEC,
            site.cell,
            site.node,
            f'`{function}("ignore"{_scope(site.node)})` hides warnings that say a '
            "result may be wrong; fix the cause or filter one known warning narrowly",
        )
    aliases = ctx.analysis.aliases
    for ca in ctx.analysis.cells:
        for node in ca.walk():
            if not isinstance(node, ast.Assign):
                continue
            for target in node.targets:
                name = qualified_name(target, aliases)
                if name in PATCHED:
                    yield ctx.at_node(
                        SPEC,
                        ca,
                        node,
                        f"replacing `{name}` silences every warning; fix the cause or "
                        "filter one known warning narrowly",
                    )


def _scope(node: ast.Call) -> str:
    """``, category=FutureWarning`` when the filter names a category or message."""
    parts = []
    for kw in node.keywords:
        if kw.arg in {"category", "message", "module"}:
            parts.append(f"{kw.arg}={ast.unparse(kw.value)[:40]}")
    return (", " + ", ".join(parts)) if parts else ""
