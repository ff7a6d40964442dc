"""
## What it does
Flags `print(...)` (and `pprint(...)`) of a whole data object at module level: a data
frame, array, tensor, dataset or model, recognised by where the name was bound (a pandas,
numpy, polars, torch or `datasets` call, `train_test_split`, a scikit-learn estimator, or
a method chain on such data) or, when the binding says nothing, by a conventional name
(`df`, `df_train`, `X`, `X_train`, `y_test`, `data`, `dataset`, `model`, `clf`).
Printing a formatted message, a length, a shape or a metric (`print(f"accuracy
{acc:.3f}")`, `print(len(df))`, `print(classification_report(...))`) is not flagged.
When the cell binds the name above the print, that binding alone decides
(`x = [1, 2, 3]` then `print(x)` is not flagged even if `x` is an array elsewhere), and a
`for` loop variable is an element of what it loops over, not that whole object.

## Why is this bad?
A printed data frame is a truncated snapshot for a person; in a pipeline it floods the log
with rows, can leak personal data into log storage, and records nothing a machine can
check.

## Example
```python
print(df)
print(X_train)
```

## Use instead
Log what you need to know: shapes, row counts and metrics (`mlflow.log_metric`), or a
data-quality check; keep whole-table views in exploratory cells.

## What export does
Drops the print from the pipeline steps (demo output); shapes, dtypes and metrics are
captured from the reference run and checked by the generated golden tests instead.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from ....analysis.symbols import qualified_name
from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from .._bindings import bindings, module_level, module_level_calls

SPEC = RuleSpec(
    code="NBP103",
    name="print-large-object",
    category=Category.DEMO_OUTPUT,
    severity=Severity.INFO,
)

PRINTS = frozenset({"builtins.print", "pprint.pprint", "pprint.pp"})
DATA_NAME = re.compile(
    r"^(df\d*|df_\w+|\w+_df|X|X_\w+|y_(train|test|val|valid|pred)|data|dataset|"
    r"train_data|test_data|model|clf)$"
)
DATA_LIBRARIES = frozenset({"pandas", "numpy", "polars", "torch", "datasets", "dask"})
#: Calls into the data libraries that return a scalar or text, not data.
SCALAR_FUNCTIONS = frozenset(
    {
        "mean",
        "sum",
        "std",
        "var",
        "median",
        "min",
        "max",
        "argmax",
        "argmin",
        "percentile",
        "quantile",
        "count_nonzero",
        "isclose",
        "allclose",
        "array_equal",
        "ndim",
        "size",
        "prod",
        "item",
        "dot",
        "trace",
        "__version__",
        "isna",
        "isnull",
        "to_datetime",
    }
)
#: Methods of data that return data (a new frame, a column, a split).
FRAME_METHODS = frozenset(
    {
        "copy",
        "merge",
        "join",
        "drop",
        "dropna",
        "fillna",
        "assign",
        "query",
        "sort_values",
        "reset_index",
        "set_index",
        "rename",
        "astype",
        "groupby",
        "agg",
        "pivot",
        "pivot_table",
        "melt",
        "filter",
        "select",
        "with_columns",
        "reshape",
        "to_numpy",
        "values",
        "transform",
        "fit_transform",
        "predict",
        "predict_proba",
        "sample",
    }
)
SCALAR_BUILTINS = frozenset(
    {
        "builtins.len",
        "builtins.int",
        "builtins.float",
        "builtins.str",
        "builtins.round",
        "builtins.bool",
        "builtins.repr",
        "builtins.format",
        "builtins.sum",
        "builtins.min",
        "builtins.max",
        "builtins.abs",
    }
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    table = bindings(ctx.analysis)
    aliases = ctx.analysis.aliases
    top_calls = module_level_calls(ctx.analysis)
    for site in ctx.analysis.calls:
        if site.qualname not in PRINTS:
            continue
        if id(site.node) not in top_calls:
            continue
        for arg in site.node.args:
            if not isinstance(arg, ast.Name):
                continue
            local = _binding_above(site.cell.tree, arg.id, site.node)
            if _is_data(arg.id, table, aliases, local):
                function = site.qualname.rsplit(".", 1)[-1]
                yield ctx.at_node(
                    SPEC,
                    site.cell,
                    site.node,
                    f"`{function}({arg.id})` prints a whole data object to the log; log "
                    "a shape, a count or a metric instead (export drops the print)",
                )
                break


#: A ``for`` target: an element of the iterable, whatever that is.
_ELEMENT: list[ast.expr] = []


def _binding_above(
    tree: ast.Module | None, name: str, node: ast.Call
) -> list[ast.expr] | None:
    """The value of the last module-level binding of ``name`` in the cell before
    ``node`` (``[]`` for a ``for`` target), or None when the cell binds it not there."""
    found: list[ast.expr] | None = None
    where = (node.lineno, node.col_offset)
    for stmt in module_level(tree):
        if (stmt.lineno, stmt.col_offset) >= where:
            break
        pairs: list[tuple[ast.expr, list[ast.expr]]] = []
        if isinstance(stmt, ast.Assign):
            pairs = [(t, [stmt.value]) for t in stmt.targets]
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            pairs = [(stmt.target, [stmt.value])]
        elif isinstance(stmt, ast.For | ast.AsyncFor):
            pairs = [(stmt.target, _ELEMENT)]
        elif isinstance(stmt, ast.With | ast.AsyncWith):
            pairs = [
                (item.optional_vars, [item.context_expr])
                for item in stmt.items
                if item.optional_vars is not None
            ]
        for target, value in pairs:
            if any(
                isinstance(n, ast.Name)
                and n.id == name
                and isinstance(n.ctx, ast.Store)
                for n in ast.walk(target)
            ):
                found = value
    return found


def _is_data(
    name: str,
    table: dict[str, list[ast.expr]],
    aliases: dict[str, str],
    own: list[ast.expr] | None = None,
) -> bool:
    values = table.get(name, ()) if own is None else own
    kinds = {_kind(value, table, aliases, 0) for value in values}
    if "data" in kinds:
        return True
    if "scalar" in kinds:
        return False
    return bool(DATA_NAME.match(name))


def _kind(
    expr: ast.expr,
    table: dict[str, list[ast.expr]],
    aliases: dict[str, str],
    depth: int,
) -> str | None:
    """ "data", "scalar", or None (unknown) for a bound value."""
    if depth > 4:
        return None
    if isinstance(expr, ast.Constant | ast.JoinedStr | ast.Compare | ast.BoolOp):
        return "scalar"
    if isinstance(expr, ast.Name):
        kinds = {_kind(v, table, aliases, depth + 1) for v in table.get(expr.id, ())}
        if expr.id in aliases:
            return None
        return "data" if "data" in kinds else ("scalar" if "scalar" in kinds else None)
    if isinstance(expr, ast.BinOp):
        kinds = {
            _kind(expr.left, table, aliases, depth + 1),
            _kind(expr.right, table, aliases, depth + 1),
        }
        return (
            "data" if "data" in kinds else ("scalar" if kinds == {"scalar"} else None)
        )
    if isinstance(expr, ast.Subscript):
        return _kind(expr.value, table, aliases, depth + 1)
    if isinstance(expr, ast.Call):
        name = qualified_name(expr.func, aliases)
        if name is not None:
            return _call_kind(name)
        if isinstance(expr.func, ast.Attribute):
            if expr.func.attr in FRAME_METHODS:
                return _kind(expr.func.value, table, aliases, depth + 1)
            return None
    return None


def _call_kind(name: str) -> str | None:
    if name in SCALAR_BUILTINS:
        return "scalar"
    parts = name.split(".")
    last = parts[-1]
    if parts[0] in DATA_LIBRARIES:
        return "scalar" if last in SCALAR_FUNCTIONS else "data"
    if parts[0] == "sklearn":
        if name == "sklearn.model_selection.train_test_split" or parts[1:2] == [
            "datasets"
        ]:
            return "data"
        if parts[1:2] == ["metrics"]:
            return "scalar"
        if last[:1].isupper():
            return "data"  # an estimator
    return None
