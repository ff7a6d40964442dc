"""Which pandas/numpy/scipy/scikit-learn calls compute statistics over rows, and which
duplicate rows.

Shared by the dataflow (:mod:`._flow`): a statistic computed on rows that a split later
divides (``df["age"].fillna(df["age"].mean())``, ``(X - X.mean()) / X.std()``) learns from
the test rows exactly as a fitted scaler or imputer does; a grouped statistic of the label
(``df.groupby("city")["price"].transform("mean")``) is a target encoding. Rows duplicated
or augmented before a split (``resample(minority, replace=True)``, ``np.repeat``,
``pd.concat([df, flipped(df)])``) put copies of one row on both sides.
"""

from __future__ import annotations

import ast

#: Data methods that summarise the rows of their receiver (column-wise by default).
STAT_METHODS = frozenset(
    {
        "mean",
        "median",
        "std",
        "var",
        "min",
        "max",
        "mode",
        "quantile",
        "sem",
        "value_counts",
    }
)

#: Methods that apply a statistic named by their argument (``transform("mean")``,
#: ``agg(["mean", "std"])``, ``apply(zscore)``).
APPLY_METHODS = frozenset({"transform", "agg", "aggregate", "apply"})

#: Functions that summarise rows: qualified name -> index of the data argument.
STAT_FUNCTIONS = frozenset(
    {
        "numpy.mean",
        "numpy.nanmean",
        "numpy.median",
        "numpy.nanmedian",
        "numpy.std",
        "numpy.nanstd",
        "numpy.var",
        "numpy.nanvar",
        "numpy.min",
        "numpy.max",
        "numpy.amin",
        "numpy.amax",
        "numpy.nanmin",
        "numpy.nanmax",
        "numpy.percentile",
        "numpy.nanpercentile",
        "numpy.quantile",
        "numpy.nanquantile",
        "numpy.average",
        "numpy.ptp",
        "statistics.mean",
        "statistics.median",
        "statistics.mode",
        "statistics.stdev",
        "scipy.stats.mode",
    }
)

#: Functions that standardise or scale their argument with its own statistics (fit and
#: transform in one call).
SCALING_FUNCTIONS = frozenset(
    {
        "scipy.stats.zscore",
        "scipy.stats.mstats.zscore",
        "sklearn.preprocessing.scale",
        "sklearn.preprocessing.minmax_scale",
        "sklearn.preprocessing.maxabs_scale",
        "sklearn.preprocessing.robust_scale",
        "sklearn.preprocessing.quantile_transform",
        "sklearn.preprocessing.power_transform",
    }
)

#: String names of statistics accepted by ``transform``/``agg``.
STAT_NAMES = frozenset(
    {"mean", "median", "std", "var", "min", "max", "sem", "count", "size", "nunique"}
)

#: Functions that return rows with repeats: qualified name -> keyword (and its default)
#: that must hold for rows to repeat.
RESAMPLE_FUNCTIONS = {
    "sklearn.utils.resample": ("replace", True),
    "sklearn.utils._indexing.resample": ("replace", True),
    "numpy.repeat": (None, True),
    "numpy.tile": (None, True),
}


def is_column_axis(node: ast.Call) -> bool:
    """``axis=1`` / ``axis="columns"`` (or a first positional 1): a row-wise statistic,
    which learns nothing across rows."""
    for kw in node.keywords:
        if kw.arg == "axis":
            return isinstance(kw.value, ast.Constant) and kw.value.value in (
                1,
                "columns",
            )
    if node.args and isinstance(node.args[0], ast.Constant):
        return node.args[0].value in (1, "columns")
    return False


def names_statistic(node: ast.AST, aliases: dict[str, str], qualify: object) -> bool:
    """The argument of ``transform``/``agg``/``apply`` names a statistic: ``"mean"``,
    ``np.mean``, ``zscore``, ``["mean", "std"]``, or a lambda that computes one on its
    parameter (``lambda c: (c - c.mean()) / c.std()``)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and node.value in STAT_NAMES
    if isinstance(node, ast.List | ast.Tuple):
        return any(names_statistic(e, aliases, qualify) for e in node.elts)
    if isinstance(node, ast.Lambda):
        for inner in ast.walk(node.body):
            if (
                isinstance(inner, ast.Call)
                and isinstance(inner.func, ast.Attribute)
                and inner.func.attr in STAT_METHODS
                and not is_column_axis(inner)
            ):
                return True
        return False
    if isinstance(node, ast.Name | ast.Attribute):
        qualname = qualify(node, aliases)  # type: ignore[operator]
        return bool(qualname) and (
            qualname in STAT_FUNCTIONS or qualname in SCALING_FUNCTIONS
        )
    return False


def repeats_rows(node: ast.Call, qualname: str) -> bool:
    """A resampling function call that repeats rows (``resample(..., replace=True)``)."""
    keyword, default = RESAMPLE_FUNCTIONS[qualname]
    if keyword is None:
        return not any(kw.arg == "axis" and _is_one(kw.value) for kw in node.keywords)
    for kw in node.keywords:
        if kw.arg == keyword:
            return isinstance(kw.value, ast.Constant) and kw.value.value is True
    return bool(default)


def _is_one(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value == 1


def samples_with_repeats(node: ast.Call) -> bool:
    """``df.sample(..., replace=True)`` or ``frac`` above 1: rows drawn more than once."""
    for kw in node.keywords:
        if kw.arg == "replace":
            return isinstance(kw.value, ast.Constant) and kw.value.value is True
        if kw.arg == "frac":
            return (
                isinstance(kw.value, ast.Constant)
                and isinstance(kw.value.value, int | float)
                and kw.value.value > 1
            )
    return False
