"""
## What it does
Flags rich-display calls that run at module level of a cell: `display(...)` (the IPython
builtin or `IPython.display.display`), `clear_output()`, and display objects written as a
statement of their own (`HTML(...)`, `Markdown(...)`, `Image(...)`, `IFrame(...)` ...).
Calls inside function bodies are not flagged, nor is a user's own function named
`display`, nor a display object assigned to a name.

## Why is this bad?
Display calls only make sense in front of a person in Jupyter. In a pipeline they print a
`<IPython.core.display.HTML object>` repr or nothing at all, and they mix presentation into
the steps that compute results.

## Example
```python
display(df.describe())
HTML("<h2>Results</h2>")
```

## Use instead
Keep displays in cells that only present results (a report section at the end), or record
what matters as a metric or an artifact.

## What export does
Drops display calls from the pipeline steps; with a report step enabled, the cells that
display results go into the report notebook run with papermill, so the output survives.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from .._bindings import module_level, module_level_calls

SPEC = RuleSpec(
    code="NBP100",
    name="display-call",
    category=Category.DEMO_OUTPUT,
    severity=Severity.INFO,
)

_MODULES = (
    "IPython.display.",
    "IPython.core.display.",
    "IPython.core.display_functions.",
)
DISPLAY_FUNCTIONS = frozenset({"display", "clear_output", "update_display"})
DISPLAY_OBJECTS = frozenset(
    {
        "HTML",
        "Markdown",
        "Image",
        "JSON",
        "Latex",
        "Math",
        "SVG",
        "IFrame",
        "Javascript",
        "Video",
        "Audio",
        "YouTubeVideo",
        "FileLink",
        "FileLinks",
        "Pretty",
        "Code",
        "GeoJSON",
        "ProgressBar",
    }
)


def _kind(qualname: str | None, user_display: bool) -> str | None:
    if qualname is None:
        return None
    if qualname == "builtins.display":
        return None if user_display else "function"
    for prefix in _MODULES:
        if qualname.startswith(prefix):
            name = qualname[len(prefix) :]
            if name in DISPLAY_FUNCTIONS:
                return "function"
            if name in DISPLAY_OBJECTS:
                return "object"
    return None


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    user_display = "display" in ctx.analysis.definitions
    statement_values: set[int] = set()
    top_calls = module_level_calls(ctx.analysis)
    for ca in ctx.analysis.cells:
        for stmt in module_level(ca.tree):
            if isinstance(stmt, ast.Expr):
                statement_values.add(id(stmt.value))
    for site in ctx.analysis.calls:
        if id(site.node) not in top_calls:
            continue
        kind = _kind(site.qualname, user_display)
        if kind is None or (kind == "object" and id(site.node) not in statement_values):
            continue
        name = (site.qualname or "display").rsplit(".", 1)[-1]
        yield ctx.at_node(
            SPEC,
            site.cell,
            site.node,
            f"`{name}(...)` only changes what Jupyter shows; export drops it from the "
            "pipeline (or moves it to the report step)",
        )
