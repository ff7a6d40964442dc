"""
## What it does
Flags statements that only look at data: a bare `df.head()`, `.tail()`, `.describe()`,
`.info()`, `.sample(5)`, `.value_counts()`, `.isna().sum()`, `.corr()`, `.nunique()`,
`.summary()`, a Spark `df.show()` / `df.printSchema()`, a bare name (`df`), attribute
(`df.shape`, `df.columns`) or subscript (`df["price"]`), and `print(df.head())`-style
prints of such previews. Only module-level statements count (not function bodies), and
method calls only when their receiver is data, not a module (`np.info(x)` is not a
preview).

A bare name on the last line of a cell is the notebook's way of showing a value, so it is
flagged like `df.head()` as a preview; in the middle of a cell the same statement shows
nothing at all and is flagged as having no effect.

## Why is this bad?
Previews are how a person checks data in a notebook; in a pipeline they either do nothing
or flood the log, and the check they stood for (is the column there? are there nulls?) is
lost instead of being enforced.

## Example
```python
df = pd.read_csv(path)
df.head()
df.isna().sum()
df.shape
```

## Use instead
Turn the checks that matter into assertions or a schema (`assert df["price"].notna().all()`,
a pandera schema), and keep exploratory previews in cells that export can drop.

## What export does
Drops preview statements from the pipeline steps; a schema inferred from the reference
run validates each input table at the head of the pipeline instead.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ....analysis.symbols import qualified_name
from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from .._bindings import module_level

SPEC = RuleSpec(
    code="NBP102",
    name="bare-data-preview",
    category=Category.DEMO_OUTPUT,
    severity=Severity.INFO,
)

PREVIEW_METHODS = frozenset(
    {
        "head",
        "tail",
        "describe",
        "info",
        "sample",
        "value_counts",
        "nunique",
        "unique",
        "isna",
        "isnull",
        "notna",
        "notnull",
        "corr",
        "cov",
        "memory_usage",
        "duplicated",
        "show",
        "printSchema",
        "summary",
        "glimpse",
    }
)
#: Methods that print even in the middle of a cell.
PRINTING_METHODS = frozenset({"info", "show", "printSchema", "glimpse"})
#: Methods that do something beyond looking: a chain with one is not a preview.
ACTING_METHODS = frozenset(
    {
        "plot",
        "hist",
        "boxplot",
        "fit",
        "fit_transform",
        "transform",
        "predict",
        "save",
        "savefig",
        "update",
        "append",
        "extend",
        "insert",
        "pop",
        "remove",
        "write",
        "to_csv",
        "to_parquet",
        "to_excel",
        "to_json",
        "to_pickle",
        "to_sql",
        "to_feather",
        "set_index",
        "rename",
        "drop",
        "fillna",
        "dropna",
        "sort_values",
        "reset_index",
        "apply",
        "map",
        "pipe",
        "compute",
        "collect",
        "cache",
        "persist",
    }
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    aliases = ctx.analysis.aliases
    for ca in ctx.analysis.cells:
        tree = ca.tree
        if tree is None:
            continue
        last = tree.body[-1] if tree.body else None
        for stmt in module_level(tree):
            if not isinstance(stmt, ast.Expr):
                continue
            text = _preview(stmt.value, aliases)
            if text is None:
                continue
            shown = stmt is last and not _silenced(ca.cell.source, ca.span(stmt)[2])
            if shown or _prints(stmt.value):
                message = (
                    f"`{text}` only previews data; export drops it (turn checks that "
                    "matter into assertions or a schema)"
                )
            else:
                message = (
                    f"`{text}` has no effect here (only a cell's last expression is "
                    "displayed); delete it or turn the check into an assertion"
                )
            yield ctx.at_node(SPEC, ca, stmt.value, message)


def _preview(expr: ast.expr, aliases: dict[str, str]) -> str | None:
    """The statement's text when it only previews data, else None."""
    if isinstance(expr, ast.Name):
        if expr.id in aliases or expr.id in {"_", "__", "___"}:
            return None
        return expr.id
    if isinstance(expr, ast.Attribute | ast.Subscript):
        if (
            isinstance(expr, ast.Attribute)
            and qualified_name(expr, aliases) is not None
        ):
            return None  # a module attribute (np.pi, pd.__version__)
        if _root_is_data(expr, aliases):
            return _short(expr)
        return None
    if isinstance(expr, ast.Call):
        if _is_print(expr, aliases) and len(expr.args) == 1 and not expr.keywords:
            inner = expr.args[0]
            if isinstance(inner, ast.Call) and _preview_chain(inner, aliases):
                return f"print({_short(inner)})"
            return None
        if _preview_chain(expr, aliases):
            return _short(expr)
    return None


def _preview_chain(call: ast.Call, aliases: dict[str, str]) -> bool:
    methods: list[str] = []
    node: ast.expr = call
    while True:
        if isinstance(node, ast.Call):
            if any(
                kw.arg == "inplace"
                and not (isinstance(kw.value, ast.Constant) and kw.value.value is False)
                for kw in node.keywords
            ):
                return False
            node = node.func
        elif isinstance(node, ast.Attribute):
            methods.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Subscript):
            node = node.value
        else:
            break
    if not isinstance(node, ast.Name) or node.id in aliases:
        return False  # a module function (np.info), or a call on a call result
    if not isinstance(call.func, ast.Attribute):
        return False
    if any(
        m in ACTING_METHODS or m.startswith(("to_", "save", "write")) for m in methods
    ):
        return False
    return any(m in PREVIEW_METHODS for m in methods)


def _root_is_data(expr: ast.expr, aliases: dict[str, str]) -> bool:
    node = expr
    while isinstance(node, ast.Attribute | ast.Subscript):
        node = node.value
    return isinstance(node, ast.Name) and node.id not in aliases


def _prints(expr: ast.expr) -> bool:
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute):
        return expr.func.attr in PRINTING_METHODS
    return isinstance(expr, ast.Call)  # print(...)


def _is_print(call: ast.Call, aliases: dict[str, str]) -> bool:
    return qualified_name(call.func, aliases) in {"builtins.print", "pprint.pprint"}


def _silenced(source: str, end_line: int) -> bool:
    """A trailing ``;`` stops Jupyter from displaying the last expression."""
    lines = source.splitlines()
    if not 1 <= end_line <= len(lines):
        return False
    return lines[end_line - 1].split("#", 1)[0].rstrip().endswith(";")


def _short(expr: ast.expr) -> str:
    text = ast.unparse(expr)
    return text if len(text) <= 50 else text[:47] + "..."
