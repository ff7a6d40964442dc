"""Shared helpers of the unseeded-randomness rules: finding the notebook's seed and
building the fix that passes it."""

from __future__ import annotations

import ast

from ....analysis import CallSite, CellAnalysis, NotebookAnalysis
from ...diagnostic import Edit, Fix

#: Names a notebook conventionally keeps its seed in, best first.
SEED_NAMES = (
    "SEED",
    "RANDOM_STATE",
    "RANDOM_SEED",
    "seed",
    "random_state",
    "random_seed",
    "SEED_VALUE",
    "seed_value",
    "RNG_SEED",
)
DEFAULT_SEED = "42"


def seed_expression(analysis: NotebookAnalysis, site: CallSite) -> str:
    """The seed to pass: a seed variable bound to an int literal in the ``parameters``
    cell (or, failing that, at the top level of a cell above), else ``42``."""
    tagged = [ca for ca in analysis.cells if "parameters" in ca.cell.tags]
    above = [ca for ca in analysis.cells if ca.index < site.cell.index]
    for group in (tagged, above):
        found = _seed_names(group)
        for name in SEED_NAMES:
            if name in found:
                return name
    return DEFAULT_SEED


def _seed_names(cells: list[CellAnalysis]) -> set[str]:
    names: set[str] = set()
    for ca in cells:
        if ca.tree is None:
            continue
        for stmt in ca.tree.body:
            value: ast.expr | None
            targets: list[ast.expr]
            if isinstance(stmt, ast.Assign):
                value, targets = stmt.value, stmt.targets
            elif isinstance(stmt, ast.AnnAssign):
                value, targets = stmt.value, [stmt.target]
            else:
                continue
            if isinstance(value, ast.Constant) and type(value.value) is int:
                names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def unseeded_keyword(site: CallSite, *names: str) -> tuple[bool, ast.expr | None]:
    """Whether none of ``names`` is passed with a value other than ``None``; with the
    ``None`` expression when one is passed explicitly."""
    for name in names:
        value = site.keyword(name)
        if value is None:
            continue
        if isinstance(value, ast.Constant) and value.value is None:
            return True, value
        return False, None
    return True, None


def keyword_fix(
    site: CallSite, keyword: str, seed: str, none_node: ast.expr | None = None
) -> Fix | None:
    """Insert ``keyword=seed`` (just ``seed`` when ``keyword`` is empty) before the closing
    parenthesis of the call, or replace an explicit ``None``. None when the call's text
    cannot be edited safely."""
    if site.has_kwargs_splat():
        return None
    ca = site.cell
    lines = ca.cell.source.splitlines()
    argument = f"{keyword}={seed}" if keyword else seed
    message = f"Pass `{argument}`"
    if none_node is not None:
        line, col, end_line, end_col = ca.span(none_node)
        if _text(lines, line, col, end_line, end_col) != "None":
            return None
        return Fix(message, (_edit(ca, line, col, end_line, end_col, seed),))
    line, col, end_line, end_col = ca.span(site.node)
    if not (1 <= end_line <= len(lines)) or end_col < 2:
        return None
    text = lines[end_line - 1]
    close = end_col - 2  # 0-based index of ")"
    if close >= len(text) or text[close] != ")":
        return None
    found = _previous_char(lines, end_line, close)
    if found is None:
        return None
    before, line, column = found
    if before == "(":
        content = argument
    elif before == "," and line != end_line:  # one argument per line: keep the style
        indent = lines[line - 1][: len(lines[line - 1]) - len(lines[line - 1].lstrip())]
        content = f"\n{indent}{argument},"
    elif before == ",":
        content = f" {argument}"
    else:
        content = f", {argument}"
    return Fix(message, (_edit(ca, line, column, line, column, content),))


def _previous_char(
    lines: list[str], line: int, index: int
) -> tuple[str, int, int] | None:
    """The last non-blank character before 0-based ``index`` of 1-based ``line``, with
    the 1-based line and column just after it; None if a comment may be in the way."""
    text = lines[line - 1][:index]
    while True:
        stripped = text.rstrip()
        if stripped:
            if "#" in stripped:
                return None
            return stripped[-1], line, len(stripped) + 1
        line -= 1
        if line < 1:
            return None
        text = lines[line - 1]


def _text(lines: list[str], line: int, col: int, end_line: int, end_col: int) -> str:
    if line != end_line or not (1 <= line <= len(lines)):
        return ""
    return lines[line - 1][col - 1 : end_col - 1]


def _edit(
    ca: CellAnalysis, line: int, col: int, end_line: int, end_col: int, content: str
) -> Edit:
    return Edit(
        kind="replace",
        cell_index=ca.index,
        cell_id=ca.cell.id,
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
        content=content,
    )
