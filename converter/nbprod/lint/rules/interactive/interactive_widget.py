"""
## What it does
Flags ipywidgets that take input from a person: `interact(...)`, `interactive(...)`,
`interact_manual(...)`, `interactive_output(...)`, the `@interact` decorator, and input
widget constructors (`widgets.IntSlider(...)`, `Dropdown`, `Text`, `Button`,
`FileUpload`...). Layout, style, container and display-only classes (`Layout`, `HBox`,
`Output`, `HTML`, `Label`) are not flagged.

## Why is this bad?
A widget's value is whatever someone last dragged or typed, and it is not saved in the
code. A batch run shows no widget: the callback never fires, or runs once with the
default, so the pipeline computes something other than what the notebook showed.

## Example
```python
@interact(alpha=(0.0, 1.0, 0.05))
def fit(alpha=0.1):
    model = Ridge(alpha=alpha).fit(X, y)
```

## Use instead
```python
alpha = 0.1  # in the cell tagged `parameters`
model = Ridge(alpha=alpha).fit(X, y)
```
Keep widgets in an exploration cell tagged `nbprod:drop`.

## What export does
Exports the code unchanged unless the cell is tagged `nbprod:drop`; the warning says the
step will not behave as the notebook did interactively.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ....analysis.symbols import qualified_name
from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec

SPEC = RuleSpec(
    code="NBP094",
    name="interactive-widget",
    category=Category.INTERACTIVE,
    severity=Severity.WARNING,
)

PREFIXES = ("ipywidgets.", "IPython.html.widgets.")
FUNCTIONS = frozenset(
    {"interact", "interactive", "interact_manual", "interactive_output"}
)
NOT_INPUT = frozenset(
    {
        "Layout", "Box", "HBox", "VBox", "GridBox", "GridspecLayout", "AppLayout",
        "TwoByTwoLayout", "Tab", "Accordion", "Stack", "Output", "HTML", "HTMLMath",
        "Label", "Image", "Video", "Audio", "Valid", "DOMWidget", "Widget", "CoreWidget",
        "ValueWidget", "Style", "Controller",
    }
)  # fmt: skip


def widget_name(qualname: str | None) -> str | None:
    """The ipywidgets function or input class a name refers to, or None."""
    if qualname is None or not qualname.startswith(PREFIXES):
        return None
    last = qualname.rsplit(".", 1)[-1]
    if last in FUNCTIONS:
        return last
    if (
        last[:1].isupper()
        and last not in NOT_INPUT
        and not last.endswith(("Style", "Layout"))
    ):
        return last
    return None


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for site in ctx.analysis.calls:
        name = widget_name(site.qualname)
        if name is not None:
            yield ctx.at_node(SPEC, site.cell, site.node, _message(name))
    for ca in ctx.analysis.cells:
        for node in ca.walk():
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for decorator in node.decorator_list:
                if isinstance(decorator, ast.Call):
                    continue  # ``@interact(...)`` is a call, reported above
                name = widget_name(qualified_name(decorator, ctx.analysis.aliases))
                if name is not None:
                    yield ctx.at_node(SPEC, ca, decorator, _message(name))


def _message(name: str) -> str:
    kind = f"`{name}()`" if name[:1].islower() else f"the `{name}` widget"
    return (
        f"{kind} takes its value from a person, which a batch run cannot do; make the "
        "value a parameter"
    )
