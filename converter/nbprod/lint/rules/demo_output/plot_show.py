"""
## What it does
Flags calls that put a chart on screen: `plt.show()` (and `pylab.show()`), `fig.show()` on
a matplotlib or plotly figure, chained `px.scatter(...).show()`, `plotly.io.show(fig)`,
`plotly.offline.iplot(fig)` and bokeh's `show(p)`. Saving a figure (`plt.savefig`,
`fig.write_image`) is not flagged, nor is `.show()` on something that is not a chart
(a Spark data frame's `df.show()` is a data preview, reported by NBP102).

## Why is this bad?
A pipeline has no screen: with a non-interactive backend `plt.show()` does nothing (or
warns), with a GUI backend it blocks the run until someone closes the window, and the chart
is lost either way. Mixing charts into the cells that compute results also makes the steps
slower and harder to test.

## Example
```python
plt.plot(history["loss"])
plt.show()
```

## Use instead
Save charts that matter as files or log them as artifacts (`fig.savefig(...)`,
`mlflow.log_figure(fig, "loss.png")`), and keep exploratory charts in a report section.

## What export does
Drops `show()` calls from the pipeline steps; with a report step enabled, the plotting
cells run in the report notebook executed with papermill, so the charts survive.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from ....analysis import dotted
from ....analysis.symbols import qualified_name
from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from .._bindings import bindings

SPEC = RuleSpec(
    code="NBP101",
    name="plot-show",
    category=Category.DEMO_OUTPUT,
    severity=Severity.INFO,
)

SHOW_FUNCTIONS = frozenset(
    {
        "matplotlib.pyplot.show",
        "matplotlib.pylab.show",
        "pylab.show",
        "seaborn.plt.show",
        "plotly.io.show",
        "plotly.offline.iplot",
        "plotly.offline.plot",
        "bokeh.plotting.show",
        "bokeh.io.show",
    }
)
PLOT_LIBRARIES = (
    "matplotlib",
    "plotly",
    "seaborn",
    "bokeh",
    "altair",
    "holoviews",
    "hvplot",
    "pylab",
    "plotnine",
)
FIGURE_NAME = re.compile(
    r"^(fig|figure|chart|plot)(\d*|_\w+)$|^\w+_(fig|figure|chart)$"
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    table = bindings(ctx.analysis)
    aliases = ctx.analysis.aliases
    for site in ctx.analysis.calls:
        if site.qualname in SHOW_FUNCTIONS:
            pass
        elif site.method == "show" and site.qualname is None and not site.node.args:
            func = site.node.func
            assert isinstance(func, ast.Attribute)
            if not _is_chart(func.value, table, aliases):
                continue
        else:
            continue
        written = dotted(site.node.func)
        shown = f"`{written}()`" if written else "`.show()` on a chart"
        yield ctx.at_node(
            SPEC,
            site.cell,
            site.node,
            f"{shown} puts a chart on screen, which a pipeline does not have; save or "
            "log the figure instead (export drops the call)",
        )


def _is_chart(
    expr: ast.expr,
    table: dict[str, list[ast.expr]],
    aliases: dict[str, str],
    depth: int = 0,
) -> bool:
    if depth > 4:
        return False
    if isinstance(expr, ast.Call):
        name = qualified_name(expr.func, aliases)
        if name is not None:
            return name.split(".")[0] in PLOT_LIBRARIES
        if isinstance(expr.func, ast.Attribute):  # px.scatter(...).update_layout(...)
            return _is_chart(expr.func.value, table, aliases, depth + 1)
        return False
    if isinstance(expr, ast.Name):
        if FIGURE_NAME.match(expr.id):
            return True
        return any(
            _is_chart(v, table, aliases, depth + 1) for v in table.get(expr.id, ())
        )
    if isinstance(expr, ast.Attribute):  # ax.figure.show()
        return expr.attr in {"figure", "fig"}
    return False
