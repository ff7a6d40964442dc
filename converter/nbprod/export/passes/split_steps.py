"""Pass: group the kept cells into steps, and move display code to the report step.

Cells tagged ``step:<name>`` decide: each tagged cell starts a step, untagged cells join
the step above (cells above the first tag join the first step). Without tags, every
markdown heading (any level) starts a step named after the nearest heading above its code;
without headings the notebook is one step. A user's cell is never split.

A code cell whose every statement only displays (``display(x)``, ``df.head()``, a bare
name, ``plt.*``, ``sns.*``, ``.plot()``) moves to the optional ``report`` step, unless a
later kept cell needs a name it defines. Names are sanitised to Python identifiers, so a
hostile tag or heading cannot reach generated code as anything but ``[a-z0-9_]``.
"""

from __future__ import annotations

import ast
import keyword
import re
import unicodedata
from dataclasses import replace

from ..resources import Resources, Step, WorkCell

STEP_TAG = "step:"
HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$", re.M)
PLOT_MODULES = ("matplotlib", "seaborn", "plotly", "IPython.display", "altair", "bokeh")
DISPLAY_METHODS = frozenset(
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
        "value_counts",
        "sample",
        "style",
        "corr",
        "nunique",
        "round",
        "mean",
        "median",
        "sum",
        "count",
        "std",
        "min",
        "max",
        "unique",
        "isna",
        "isnull",
        "memory_usage",
        "to_frame",
        "sort_values",
        "transpose",
    }
)
#: Names the generated package uses itself (modules, task arguments, helpers).
RESERVED = frozenset(
    {
        "report",
        "run",
        "params",
        "tasks",
        "definitions",
        "io",
        "serialize",
        "steps",
        "product",
        "upstream",
        "outputs",
        "values",
        "test",
        "tests",
        "asyncio",  # tasks.py imports it beside the task functions
    }
)
MAX_NAME = 40


def run(res: Resources) -> Resources:
    cells = _mark_report(res)
    res = replace(res, cells=cells)
    code = [c for c in res.cells if c.kind == "code" and not c.report]
    if any(_step_tag(c) for c in code):
        groups = _by_tags([c for c in code if _has_code(c) or _step_tag(c)])
    else:
        groups = _by_headings(
            tuple(c for c in res.cells if c.kind == "markdown" or _has_code(c))
        )
    taken: set[str] = set()
    steps = []
    for title, members in groups:
        name = _unique(slug(title) or "step", taken)
        steps.append(Step(name, title, tuple(c.index for c in members)))
    if not steps:
        steps.append(Step("main", "main", ()))
    report = tuple(c.index for c in res.cells if c.kind == "code" and c.report)
    if report and res.options.report:
        steps.append(Step("report", "report", report, is_report=True))
    return replace(res, steps=tuple(steps))


def slug(text: str) -> str:
    """A Python identifier made of ``[a-z0-9_]`` from any text ('' if none is left)."""
    text = unicodedata.normalize("NFKD", text)
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", "_", text).strip("_")[:MAX_NAME].strip("_")
    if text and text[0].isdigit():
        text = "step_" + text
    if keyword.iskeyword(text) or text in RESERVED:
        text += "_step"
    return text


def _unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}_{n}", n + 1
    taken.add(candidate)
    return candidate


def _has_code(cell: WorkCell) -> bool:
    """Whether a cell still has a statement (lifted parameters leave some empty)."""
    try:
        return bool(ast.parse(cell.source).body)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return True


def _step_tag(cell: WorkCell) -> str | None:
    for tag in cell.tags:
        if tag.startswith(STEP_TAG) and tag[len(STEP_TAG) :].strip():
            return tag[len(STEP_TAG) :].strip()
    return None


def _by_tags(code: list[WorkCell]) -> list[tuple[str, list[WorkCell]]]:
    groups: list[tuple[str, list[WorkCell]]] = []
    leading: list[WorkCell] = []  # cells above the first tag join the first step
    for cell in code:
        tag = _step_tag(cell)
        if tag is not None:
            groups.append((tag, [*leading, cell]))
            leading = []
        elif groups:
            groups[-1][1].append(cell)
        else:
            leading.append(cell)
    return groups


def _by_headings(cells: tuple[WorkCell, ...]) -> list[tuple[str, list[WorkCell]]]:
    groups: list[tuple[str, list[WorkCell]]] = []
    title: str | None = None
    current: list[WorkCell] = []
    for cell in cells:
        if cell.kind == "markdown":
            headings = HEADING.findall(cell.source)
            if headings:
                if current:
                    groups.append((title or "main", current))
                    current = []
                title = headings[-1][1]
            continue
        if cell.report:
            continue
        current.append(cell)
    if current:
        groups.append((title or "main", current))
    if len(groups) == 1 and title is None:
        return [("main", groups[0][1])]
    return groups


# -- report cells ---------------------------------------------------------------------


def _mark_report(res: Resources) -> tuple[WorkCell, ...]:
    analysis = res.extra["analysis"]
    aliases = analysis.aliases
    candidates = {
        c.index
        for c in res.cells
        if c.kind == "code" and c.source.strip() and _displays_only(c, aliases)
    }
    # A report cell must not define something a kept cell below reads.
    code = [c for c in res.cells if c.kind == "code"]
    for position, cell in enumerate(code):
        if cell.index not in candidates:
            continue
        defines = _defines(cell)
        for later in code[position + 1 :]:
            if later.index not in candidates and defines & _uses(later):
                candidates.discard(cell.index)
                break
    return tuple(replace(c, report=c.index in candidates) for c in res.cells)


def _displays_only(cell: WorkCell, aliases: dict[str, str]) -> bool:
    try:
        tree = ast.parse(cell.source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    if not tree.body:
        return False
    plotted = False
    for stmt in tree.body:
        if isinstance(stmt, ast.Import | ast.ImportFrom):
            continue
        if _is_plot(stmt, aliases):
            plotted = True
            continue
        if isinstance(stmt, ast.Expr) and is_display_expr(stmt.value, aliases):
            plotted = True
            continue
        return False
    return plotted


def _is_plot(stmt: ast.stmt, aliases: dict[str, str]) -> bool:
    """A statement that calls a plotting library (assignments like ``fig, ax = ...``)."""
    from ...analysis import qualified_name

    for node in ast.walk(stmt):
        if isinstance(node, ast.Call):
            q = qualified_name(node.func, aliases)
            if q and q.startswith(PLOT_MODULES):
                return True
            if isinstance(node.func, ast.Attribute) and node.func.attr in (
                "plot",
                "hist",
                "boxplot",
                "imshow",
                "scatter",
                "set_title",
                "set_xlabel",
                "set_ylabel",
                "legend",
                "savefig",
            ):
                return isinstance(stmt, ast.Expr | ast.Assign)
    return False


def is_display_expr(expr: ast.expr, aliases: dict[str, str]) -> bool:
    """Whether an expression statement only shows something (a bare name, ``display(x)``,
    ``df.head()``, a chain of queries on data); shared with :mod:`strip_display`.
    A call with ``inplace=`` changes the data, so it never counts as display."""
    if any(
        isinstance(node, ast.Call) and any(kw.arg == "inplace" for kw in node.keywords)
        for node in ast.walk(expr)
    ):
        return False
    if isinstance(expr, ast.Name | ast.Attribute | ast.Subscript):
        return True
    if isinstance(expr, ast.Call):
        func = expr.func
        if isinstance(func, ast.Name) and func.id == "display":
            return True
        if isinstance(func, ast.Attribute) and func.attr in DISPLAY_METHODS:
            # A chain of queries on data (``df[t].value_counts().round(3)``).
            return _is_query(func.value)
    return False


def _is_query(expr: ast.expr) -> bool:
    while True:
        if isinstance(expr, ast.Name):
            return True
        if isinstance(expr, ast.Subscript | ast.Attribute):
            expr = expr.value
        elif (
            isinstance(expr, ast.Call)
            and isinstance(expr.func, ast.Attribute)
            and expr.func.attr in DISPLAY_METHODS
        ):
            expr = expr.func.value
        else:
            return False


def _defines(cell: WorkCell) -> set[str]:
    from ...analysis.names import name_events

    try:
        return set(name_events(ast.parse(cell.source)).defines)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set()


def _uses(cell: WorkCell) -> set[str]:
    from ...analysis.names import name_events

    try:
        events = name_events(ast.parse(cell.source))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set()
    return {r.name for r in events.uses} | {r.name for r in events.deferred_uses}
