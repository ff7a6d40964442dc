"""Small AST helpers shared by rule modules of several categories (private).

- :func:`bindings`: every value bound to each global-looking name anywhere in the
  notebook (``=``, annotated and walrus assignments, ``with ... as``, ``for`` targets), so a
  rule can ask where a variable came from without running anything.
- :func:`module_level`: the statements of a cell that run when the cell runs, descending
  into ``if``/``for``/``with``/``try`` blocks but not into function or class bodies.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ...analysis import NotebookAnalysis


def bindings(analysis: NotebookAnalysis) -> dict[str, list[ast.expr]]:
    """Every value bound to each name, top to bottom (tuple targets share the value).

    Computed once per notebook and shared by the rules that ask.
    """
    return analysis.memo(bindings, lambda: _bindings(analysis))


def _bindings(analysis: NotebookAnalysis) -> dict[str, list[ast.expr]]:
    table: dict[str, list[ast.expr]] = {}

    def bind(target: ast.expr, value: ast.expr) -> None:
        if isinstance(target, ast.Name):
            table.setdefault(target.id, []).append(value)
        elif isinstance(target, ast.Tuple | ast.List):
            for element in target.elts:
                bind(element, value)
        elif isinstance(target, ast.Starred):
            bind(target.value, value)

    for ca in analysis.cells:
        for node in ca.walk():
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    bind(target, node.value)
            elif isinstance(node, ast.AnnAssign | ast.NamedExpr) and node.value:
                bind(node.target, node.value)
            elif isinstance(node, ast.With | ast.AsyncWith):
                for item in node.items:
                    if item.optional_vars is not None:
                        bind(item.optional_vars, item.context_expr)
            elif isinstance(node, ast.For | ast.AsyncFor):
                bind(node.target, node.iter)
    return table


def module_level(tree: ast.Module | None) -> Iterator[ast.stmt]:
    """Statements that run at module level, nested blocks included, functions not."""
    if tree is None:
        return
    stack: list[ast.stmt] = list(reversed(tree.body))
    while stack:
        stmt = stack.pop()
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        yield stmt
        children: list[ast.stmt] = []
        for name in ("body", "orelse", "finalbody"):
            children.extend(getattr(stmt, name, None) or [])
        for handler in getattr(stmt, "handlers", None) or []:
            children.extend(handler.body)
        for case in getattr(stmt, "cases", None) or []:
            children.extend(case.body)
        stack.extend(reversed(children))


def module_level_calls(analysis: NotebookAnalysis) -> set[int]:
    """``id()`` of every call, in any cell, that runs at module level (not in a def or
    lambda body). Computed once per notebook."""

    def build() -> set[int]:
        found: set[int] = set()
        for ca in analysis.cells:
            for stmt in module_level(ca.tree):
                for node in _walk_outside_functions(stmt):
                    if isinstance(node, ast.Call):
                        found.add(id(node))
        return found

    return analysis.memo(module_level_calls, build)


#: Fields of a compound statement that hold nested statements (walked on their own).
_BLOCK_FIELDS = frozenset({"body", "orelse", "finalbody", "handlers", "cases"})


def _walk_outside_functions(stmt: ast.stmt) -> Iterator[ast.AST]:
    """Nodes of ``stmt`` itself (not of nested statements, not of lambda bodies)."""
    stack: list[ast.AST] = [stmt]
    while stack:
        node = stack.pop()
        yield node
        skip = _BLOCK_FIELDS if node is stmt else ()
        # ast.iter_fields, inlined: this runs on most nodes of every notebook.
        for field_name in node._fields:
            if field_name in skip:
                continue
            try:
                value = getattr(node, field_name)
            except AttributeError:
                continue
            children = value if isinstance(value, list) else [value]
            for child in children:
                if isinstance(child, ast.Lambda):
                    continue
                if isinstance(child, ast.AST):
                    stack.append(child)
