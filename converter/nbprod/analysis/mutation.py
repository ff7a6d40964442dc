"""Which global names a cell changes in place (without rebinding them).

``df["b"] = 1``, ``del df["c"]``, ``df.pop("a")``, ``lst.append(x)``, ``arr[0] = 1``,
``df.drop(columns="a", inplace=True)``, ``obj.attr = 2`` and ``model.fit(X, y)`` leave
the name bound to the same object but change the object: a reader of the name after the
cell sees the changed value. The export uses this to make the changed value an output of
the step that changes it. Only code that runs when the cell runs counts (function and
lambda bodies run later, when called). The receiver's type is unknown without running the
code, so methods are matched by name: the known mutators of the standard containers,
data frames and estimators, any call with ``inplace=True``, and any other method called
as a statement whose result is thrown away (``lst.append(1)``, ``model.fit(X, y)``): a
method called only for its effect usually has one on its object.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping

from .symbols import qualified_name

#: Methods that change their object whatever their result is used for.
MUTATING_METHODS = frozenset(
    {
        # list, dict, set, bytearray, deque
        "append",
        "extend",
        "insert",
        "pop",
        "remove",
        "clear",
        "sort",
        "reverse",
        "update",
        "setdefault",
        "popitem",
        "add",
        "discard",
        "difference_update",
        "intersection_update",
        "symmetric_difference_update",
        "appendleft",
        "extendleft",
        "popleft",
        "rotate",
        # numpy arrays
        "fill",
        "resize",
        "itemset",
        "put",
        "setflags",
        # estimators (scikit-learn, statsmodels' results are new objects)
        "fit",
        "partial_fit",
        "fit_transform",
        "fit_predict",
        "fit_resample",
        "set_params",
        "set_output",
        # pandas
        "set_axis_inplace",
        "update_inplace",
    }
)

#: Methods called as a statement only to show or save something: no change to the object.
EFFECT_FREE_METHODS = frozenset(
    {
        "head",
        "tail",
        "describe",
        "info",
        "plot",
        "hist",
        "boxplot",
        "show",
        "display",
        "print",
        "to_csv",
        "to_parquet",
        "to_pickle",
        "to_feather",
        "to_excel",
        "to_json",
        "to_hdf",
        "to_stata",
        "to_orc",
        "to_sql",
        "to_html",
        "to_latex",
        "to_markdown",
        "to_string",
        "savefig",
        "tofile",
        "dump",
        "save",
        "write",
        "close",
        "flush",
        "join",
        "format",
        "copy",
        "keys",
        "values",
        "items",
        "get",
        "count",
        "index",
        "mean",
        "sum",
        "min",
        "max",
        "std",
        "var",
        "median",
        "value_counts",
        "unique",
        "nunique",
        "isna",
        "isnull",
        "notna",
        "notnull",
        "predict",
        "predict_proba",
        "score",
        "transform",
        "get_params",
        "summary",
    }
)


#: Functions that change their first argument in place (qualified names).
MUTATING_FUNCTIONS = frozenset(
    {
        "random.shuffle",
        "numpy.random.shuffle",
        "numpy.copyto",
        "numpy.fill_diagonal",
        "numpy.put",
        "numpy.place",
        "numpy.putmask",
        "heapq.heappush",
        "heapq.heappop",
        "heapq.heapify",
        "bisect.insort",
    }
)


def mutated_names(
    tree: ast.Module, aliases: Mapping[str, str] | None = None
) -> tuple[str, ...]:
    """Global names whose object ``tree``'s immediate code changes in place, in order.

    ``aliases`` (bound name -> qualified name, from the imports) lets functions that
    change their first argument (``np.random.shuffle(arr)``) count too.
    """
    found: dict[str, None] = {}
    for node in _immediate(tree):
        base = _mutated_base(node)
        if base is None and aliases is not None and isinstance(node, ast.Call):
            base = _mutated_argument(node, aliases)
        while isinstance(base, ast.Subscript | ast.Attribute):
            base = base.value
        if isinstance(base, ast.Name) and (aliases is None or base.id not in aliases):
            found.setdefault(base.id)  # an imported module is not a notebook value
    return tuple(found)


def _mutated_base(node: ast.AST) -> ast.expr | None:
    """The expression whose object ``node`` changes, if it changes one."""
    if isinstance(node, ast.Subscript | ast.Attribute) and isinstance(
        node.ctx, ast.Store | ast.Del
    ):
        return node.value
    if isinstance(node, ast.AugAssign) and isinstance(
        node.target, ast.Subscript | ast.Attribute
    ):
        return node.target.value
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
        func = node.value.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr not in EFFECT_FREE_METHODS
            and not any(kw.arg == "inplace" for kw in node.value.keywords)
        ):
            return func.value  # a method called only for its effect
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        inplace = any(
            kw.arg == "inplace"
            and isinstance(kw.value, ast.Constant)
            and kw.value.value is True
            for kw in node.keywords
        )
        if inplace or node.func.attr in MUTATING_METHODS:
            return node.func.value
    return None


def _mutated_argument(node: ast.Call, aliases: Mapping[str, str]) -> ast.expr | None:
    if node.args and qualified_name(node.func, aliases) in MUTATING_FUNCTIONS:
        return node.args[0]
    return None


def _immediate(tree: ast.AST) -> Iterator[ast.AST]:
    """Nodes that run when the cell runs, in source order (function bodies left out)."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            args = node.args
            later = [*args.defaults, *(d for d in args.kw_defaults if d is not None)]
            if not isinstance(node, ast.Lambda):
                later = [*node.decorator_list, *later]
            stack.extend(reversed(later))
            continue
        stack.extend(reversed(list(ast.iter_child_nodes(node))))
