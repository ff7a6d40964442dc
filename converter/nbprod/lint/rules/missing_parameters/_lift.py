"""Lift a literal into the papermill ``parameters`` cell: the fix NBP051 and NBP052 share.

The fix has two edits: the literal becomes a new global name (``n_estimators``), and
``n_estimators = 500`` is appended to the ``parameters`` cell, or, when the notebook has
none, goes into a new code cell tagged ``parameters`` inserted after the leading import
cells (where NBP050's fix puts it too). Edit positions and cell indices refer to the
notebook as it is, before any edit is applied.

No fix is offered when it could change behaviour: the new name must be unused anywhere in
the notebook, the literal must sit below the ``parameters`` cell (so the name is defined
when it is read), and its text must be plain source (not inside a rewritten magic line).
"""

from __future__ import annotations

import ast
import keyword
import re

from ....analysis import BUILTIN_NAMES, CellAnalysis, NotebookAnalysis
from ...diagnostic import Edit, Fix

PARAMETERS_TAG = "parameters"
#: Tags of cells that hold parameters: papermill's own, and the cell it injects.
PARAMETER_TAGS = frozenset({PARAMETERS_TAG, "injected-parameters"})


def is_parameters_cell(ca: CellAnalysis) -> bool:
    return bool(PARAMETER_TAGS & set(ca.cell.tags))


def parameters_cell(analysis: NotebookAnalysis) -> CellAnalysis | None:
    """The first code cell tagged ``parameters``, if any."""
    for ca in analysis.cells:
        if PARAMETERS_TAG in ca.cell.tags:
            return ca
    return None


def is_import_cell(ca: CellAnalysis) -> bool:
    """A cell of imports only (magics like ``%matplotlib inline`` and comments allowed)."""
    tree = ca.tree
    if tree is None or not tree.body:
        return False
    return all(_is_import_statement(stmt) for stmt in tree.body)


def _is_import_statement(stmt: ast.stmt) -> bool:
    if isinstance(stmt, ast.Import | ast.ImportFrom):
        return True
    if isinstance(stmt, ast.Try):  # try: import ujson as json / except ImportError: ...
        return all(_is_import_statement(s) for s in stmt.body) and all(
            all(_is_import_statement(s) or isinstance(s, ast.Pass) for s in h.body)
            for h in stmt.handlers
        )
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        func = stmt.value.func
        return (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Call)
            and isinstance(func.value.func, ast.Name)
            and func.value.func.id == "get_ipython"
            and func.attr == "run_line_magic"
        )
    return False


def insertion_index(analysis: NotebookAnalysis) -> int | None:
    """Where a new ``parameters`` cell goes: after the leading import cells, else before
    the first code cell (a notebook cell index). None for a notebook without code."""
    last_import: CellAnalysis | None = None
    for ca in analysis.cells:
        if not ca.cell.source.strip():
            continue
        if is_import_cell(ca):
            last_import = ca
            continue
        break
    if last_import is not None:
        return last_import.index + 1
    if not analysis.cells:
        return None
    return analysis.cells[0].index


def first_code_cell_after_imports(analysis: NotebookAnalysis) -> CellAnalysis | None:
    """The first non-empty code cell that is not an import cell."""
    for ca in analysis.cells:
        if ca.cell.source.strip() and not is_import_cell(ca):
            return ca
    return None


def is_literal(node: ast.expr) -> bool:
    """A constant, or a tuple/list/set/dict of constants (``-1`` and ``1e-3`` included)."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        return isinstance(node.operand, ast.Constant) and isinstance(
            node.operand.value, int | float | complex
        )
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return all(is_literal(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is not None and is_literal(k) for k in node.keys) and all(
            is_literal(v) for v in node.values
        )
    if isinstance(node, ast.JoinedStr):
        return all(isinstance(v, ast.Constant) for v in node.values)
    return False


def is_literal_assignments(ca: CellAnalysis) -> bool:
    """A cell made only of ``name = <literal>`` statements (at least one)."""
    tree = ca.tree
    if tree is None or not tree.body:
        return False
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign):
            if not all(isinstance(t, ast.Name) for t in stmt.targets):
                return False
            value: ast.expr | None = stmt.value
        elif isinstance(stmt, ast.AnnAssign):
            if not isinstance(stmt.target, ast.Name) or stmt.value is None:
                return False
            value = stmt.value
        else:
            return False
        if value is None or not is_literal(value):
            return False
    return True


class NameAllocator:
    """Hands out parameter names that are unused anywhere in the notebook."""

    def __init__(self, analysis: NotebookAnalysis) -> None:
        # The names in use are gathered once per notebook; each allocator (one per
        # rule) then claims from its own copy.
        self.taken: set[str] = set(
            analysis.memo(NameAllocator, lambda: _in_use(analysis))
        )

    def claim(self, base: str) -> str | None:
        """``base``, or ``base_2``, ``base_3``... whichever is free first."""
        name = identifier(base)
        if name is None:
            return None
        for candidate in [name, *(f"{name}_{n}" for n in range(2, 100))]:
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate
        return None


def _in_use(analysis: NotebookAnalysis) -> frozenset[str]:
    """Every name the notebook binds or mentions, and the builtins."""
    taken: set[str] = set(BUILTIN_NAMES)
    for ca in analysis.cells:
        taken.update(ca.events.defines)
        for node in ca.of_type(
            ast.Name,
            ast.arg,
            ast.FunctionDef,
            ast.AsyncFunctionDef,
            ast.ClassDef,
            ast.alias,
            ast.Global,
            ast.Nonlocal,
            ast.ExceptHandler,
            ordered=False,
        ):
            if isinstance(node, ast.Name):
                taken.add(node.id)
            elif isinstance(node, ast.arg):
                taken.add(node.arg)
            elif isinstance(
                node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
            ):
                taken.add(node.name)
            elif isinstance(node, ast.alias):
                taken.add((node.asname or node.name).split(".")[0])
            elif isinstance(node, ast.Global | ast.Nonlocal):
                taken.update(node.names)
            elif isinstance(node, ast.ExceptHandler) and node.name:
                taken.add(node.name)
    return frozenset(taken)


def identifier(text: str) -> str | None:
    """A Python identifier made from ``text`` (kept as is when it already is one, else
    lower-cased with ``_`` for other characters), or None."""
    name = (
        text
        if text.isidentifier()
        else re.sub(r"\W+", "_", text.strip()).strip("_").lower()
    )
    if not name or name[0].isdigit() or not name.isidentifier():
        return None
    if keyword.iskeyword(name) or keyword.issoftkeyword(name):
        name += "_"
    return name


def source_text(
    ca: CellAnalysis, node: ast.AST
) -> tuple[tuple[int, int, int, int], str] | None:
    """The span of ``node`` in the cell source and its text, when it is plain source."""
    segment = ast.get_source_segment(ca.parsed.python, node)
    if segment is None:
        return None
    span = ca.span(node)
    line, column, end_line, end_column = span
    lines = ca.cell.source.splitlines()
    if not (1 <= line <= end_line <= len(lines)):
        return None
    if line == end_line:
        text = lines[line - 1][column - 1 : end_column - 1]
    else:
        parts = [lines[line - 1][column - 1 :]]
        parts += lines[line : end_line - 1]
        parts.append(lines[end_line - 1][: end_column - 1])
        text = "\n".join(parts)
    return (span, text) if text == segment else None


def lift_fix(
    analysis: NotebookAnalysis,
    ca: CellAnalysis,
    node: ast.expr,
    name: str | None,
    *,
    replacement: str | None = None,
) -> Fix | None:
    """The fix that replaces ``node`` by ``name`` and defines ``name`` as a parameter.

    ``replacement`` is the text put in place of the literal (default: ``name``).
    """
    if name is None or is_parameters_cell(ca):
        return None
    found = source_text(ca, node)
    if found is None:
        return None
    (line, column, end_line, end_column), value = found
    if "\n" in value:
        return None
    assignment = f"{name} = {value}"
    replace = Edit(
        kind="replace",
        cell_index=ca.index,
        cell_id=ca.cell.id,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        content=replacement or name,
    )
    params = parameters_cell(analysis)
    if params is not None:
        if params.index > ca.index:
            return None  # the name would be read before the parameters cell defines it
        lines = params.cell.source.splitlines() or [""]
        last = len(lines)
        end = len(lines[-1]) + 1
        prefix = "\n" if params.cell.source.strip() else ""
        define = Edit(
            kind="replace",
            cell_index=params.index,
            cell_id=params.cell.id,
            line=last,
            column=end,
            end_line=last,
            end_column=end,
            content=prefix + assignment,
        )
    else:
        position = insertion_index(analysis)
        if position is None or position > ca.index:
            return None
        define = Edit(
            kind="insert_cell",
            cell_index=position,
            content=f"# Parameters\n{assignment}",
            tags=(PARAMETERS_TAG,),
        )
    return Fix(f"Lift {value} into the parameter `{name}`", (replace, define))
