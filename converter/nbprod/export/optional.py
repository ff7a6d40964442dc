"""Libraries that other libraries load only when a call needs them.

``df.plot.kde()`` imports scipy, ``pd.read_excel`` openpyxl, ``df.to_markdown`` tabulate,
``load_iris(as_frame=True)`` pandas: none of them appears in an ``import`` line, so the
package would not declare them and fail where the notebook ran. :data:`TABLE` maps call
patterns to the distribution they load; :func:`needed` finds them in code (syntax only,
nothing is run). The distributions are pinned like every other requirement.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .resources import Requirement


@dataclass(frozen=True)
class Extra:
    """A call pattern and the distribution it loads."""

    #: attribute or function name called (``read_excel``, ``kde``, ``plot`` ...; ``*``:
    #: any name, with ``on_plot``)
    call: str
    distribution: str
    module: str
    #: why, for people: "pandas.read_excel reads .xlsx with openpyxl"
    reason: str
    #: the pattern only holds when this keyword has one of these constant values
    keyword: str = ""
    values: tuple[object, ...] = ()
    #: the call must be ``<x>.plot.<call>`` (pandas' plot accessor)
    on_plot: bool = False


_SCIPY_INTERPOLATE = (
    "spline",
    "polynomial",
    "krogh",
    "piecewise_polynomial",
    "pchip",
    "akima",
    "cubicspline",
    "from_derivatives",
    "barycentric",
    "slinear",
    "quadratic",
    "cubic",
    "zero",
    "nearest",
)
_KDE = ("kde", "density")

#: Call pattern -> extra requirement (pandas 2.x, scikit-learn 1.x, seaborn 0.13).
TABLE: tuple[Extra, ...] = (
    # pandas plots with matplotlib, which a notebook using only ``%matplotlib inline``
    # (removed on export) never imports.
    Extra("plot", "matplotlib", "matplotlib", "pandas plots with matplotlib"),
    Extra(
        "*", "matplotlib", "matplotlib", "pandas plots with matplotlib", on_plot=True
    ),
    Extra("hist", "matplotlib", "matplotlib", "pandas plots with matplotlib"),
    Extra("boxplot", "matplotlib", "matplotlib", "pandas plots with matplotlib"),
    Extra("kde", "scipy", "scipy", "pandas' kde plot uses scipy", on_plot=True),
    Extra("density", "scipy", "scipy", "pandas' kde plot uses scipy", on_plot=True),
    Extra("plot", "scipy", "scipy", "pandas' kde plot uses scipy", "kind", _KDE),
    Extra("hist", "scipy", "scipy", "pandas' kde plot uses scipy", "kind", _KDE),
    Extra(
        "scatter_matrix",
        "scipy",
        "scipy",
        "its kde diagonal uses scipy",
        "diagonal",
        _KDE,
    ),
    Extra(
        "interpolate",
        "scipy",
        "scipy",
        "pandas interpolates with scipy",
        "method",
        _SCIPY_INTERPOLATE,
    ),
    Extra("corr", "scipy", "scipy", "Kendall's tau uses scipy", "method", ("kendall",)),
    Extra("read_excel", "openpyxl", "openpyxl", "pandas reads .xlsx with openpyxl"),
    Extra("to_excel", "openpyxl", "openpyxl", "pandas writes .xlsx with openpyxl"),
    Extra("ExcelWriter", "openpyxl", "openpyxl", "pandas writes .xlsx with openpyxl"),
    Extra(
        "to_markdown", "tabulate", "tabulate", "pandas writes Markdown with tabulate"
    ),
    Extra("read_html", "lxml", "lxml", "pandas parses HTML with lxml"),
    Extra("read_xml", "lxml", "lxml", "pandas parses XML with lxml"),
    Extra("to_xml", "lxml", "lxml", "pandas writes XML with lxml"),
    Extra("to_latex", "jinja2", "jinja2", "pandas' Styler renders with jinja2"),
    Extra("read_hdf", "tables", "tables", "pandas reads HDF5 with PyTables"),
    Extra("to_hdf", "tables", "tables", "pandas writes HDF5 with PyTables"),
    Extra("HDFStore", "tables", "tables", "pandas opens HDF5 with PyTables"),
    Extra(
        "regplot",
        "statsmodels",
        "statsmodels",
        "seaborn fits it with statsmodels",
        "lowess",
        (True,),
    ),
    Extra(
        "lmplot",
        "statsmodels",
        "statsmodels",
        "seaborn fits it with statsmodels",
        "lowess",
        (True,),
    ),
    Extra(
        "regplot",
        "statsmodels",
        "statsmodels",
        "seaborn fits it with statsmodels",
        "logistic",
        (True,),
    ),
    Extra(
        "lmplot",
        "statsmodels",
        "statsmodels",
        "seaborn fits it with statsmodels",
        "logistic",
        (True,),
    ),
)
#: ``sklearn.datasets.load_*``/``fetch_*`` with ``as_frame=True`` return pandas objects.
AS_FRAME = Extra("as_frame", "pandas", "pandas", "as_frame=True returns pandas objects")
#: Attribute names pandas reads through a columnar engine (pinned like Parquet's).
PARQUET_CALLS = frozenset(
    {"read_parquet", "to_parquet", "read_feather", "to_feather", "read_orc", "to_orc"}
)
#: An HTML parser pandas accepts besides lxml (``flavor="bs4"``): both must be there.
HTML_FALLBACK = (("beautifulsoup4", "bs4"), ("html5lib", "html5lib"))


def _called(node: ast.Call) -> tuple[str, bool]:
    """The called name and whether it is ``<x>.plot.<name>``."""
    func = node.func
    if isinstance(func, ast.Attribute):
        on_plot = isinstance(func.value, ast.Attribute) and func.value.attr == "plot"
        return func.attr, on_plot
    if isinstance(func, ast.Name):
        return func.id, False
    return "", False


def _keyword(node: ast.Call, name: str) -> object:
    for kw in node.keywords:
        if kw.arg == name and isinstance(kw.value, ast.Constant):
            return kw.value.value
    return None


def calls(sources: Iterable[str]) -> list[tuple[str, ast.Call]]:
    """Every call in the code, by called name (code that does not parse is skipped)."""
    found: list[tuple[str, ast.Call]] = []
    for source in sources:
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                found.append((_called(node)[0], node))
    return found


def needed(sources: Iterable[str]) -> tuple[Extra, ...]:
    """The table rows whose pattern the code matches, in table order, once each."""
    matched: list[Extra] = []
    for name, node in calls(sources):
        on_plot = _called(node)[1]
        for row in TABLE:
            if row.call not in (name, "*") or (row.on_plot and not on_plot):
                continue
            if row.keyword and _keyword(node, row.keyword) not in row.values:
                continue
            if row not in matched:
                matched.append(row)
        if (
            (name.startswith("load_") or name.startswith("fetch_"))
            and _keyword(node, "as_frame") is True
            and AS_FRAME not in matched
        ):
            matched.append(AS_FRAME)
    order = {row: i for i, row in enumerate((*TABLE, AS_FRAME))}
    return tuple(sorted(matched, key=order.__getitem__))


def uses_columnar_files(sources: Iterable[str]) -> bool:
    """Whether the code reads or writes Parquet, Feather or ORC itself."""
    return any(name in PARQUET_CALLS for name, _node in calls(sources))


def requirements(
    rows: Iterable[Extra], known: Callable[[str], str | None]
) -> list[Requirement]:
    """Requirements for matched rows; ``known`` gives a distribution's pinned version.

    ``read_html`` needs lxml, or beautifulsoup4 and html5lib: when the notebook's
    environment has the latter and not lxml, those are required instead.
    """
    out: list[Requirement] = []
    for row in rows:
        if (
            row.call == "read_html"
            and not known("lxml")
            and all(known(dist) for dist, _m in HTML_FALLBACK)
        ):
            out += [
                Requirement(dist, "", row.reason.replace("lxml", dist), module)
                for dist, module in HTML_FALLBACK
            ]
            continue
        out.append(Requirement(row.distribution, "", row.reason, row.module))
    return out
