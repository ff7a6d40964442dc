"""What the hidden-state rules share: the notebook's global bindings, top to bottom.

On top of the Python bindings of :mod:`nbprod.analysis.names`, a cell can bind names
through magics (``%%capture out``, ``%store -r model``, ``%%sql result <<``,
``%%R -o df``), and some cells make every name unknowable (``from x import *``,
``%run``, ``exec``, writes to ``globals()``, a cell that does not parse). The rules stay
silent where such a cell could be the one that defines a name.
"""

from __future__ import annotations

import ast
import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ....analysis import CellAnalysis, NotebookAnalysis
from ....analysis.names import is_ipython_name
from ....analysis.parse import PYTHON_ARG_LINE_MAGICS, PYTHON_BODY_CELL_MAGICS
from ....analysis.star_imports import star_import_names

#: Names that kernels other than plain IPython inject (Databricks, the PySpark kernel).
RUNTIME_NAMES = frozenset(
    {
        "spark",
        "sc",
        "sqlContext",
        "dbutils",
        "displayHTML",
        "getArgument",
        "table",
        "udf",
    }
)

#: Line magics that can bind any name: they run code or load a whole namespace.
OPAQUE_LINE_MAGICS = frozenset({"run", "load", "pylab", "loadpy", "macro", "recall"})

#: Calls that can bind names the analysis cannot see.
OPAQUE_CALLS = frozenset({"builtins.exec", "builtins.execfile", "builtins.__import__"})

_NAMESPACE_CALLS = frozenset({"globals", "locals", "vars"})
_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
_CELL_MAGIC_HEAD = re.compile(r"\s*%%(?P<name>\w+)(?P<args>.*)")
_CATCHES_NAME_ERROR = frozenset({"NameError", "Exception", "BaseException"})


def is_known_name(name: str) -> bool:
    """Builtins, IPython's names, and names a notebook runtime injects."""
    return is_ipython_name(name) or name in RUNTIME_NAMES


def magic_argument_names(args: str) -> set[str]:
    """Identifiers among a magic's arguments (options like ``-o`` and file names dropped)."""
    found: set[str] = set()
    for word in args.replace(",", " ").split():
        if word.startswith("-"):
            continue
        if _IDENTIFIER.fullmatch(word):
            found.add(word)
    return found


def bound_by_magic(name: str, args: str) -> set[str]:
    """Names a magic assigns in the user namespace, for the magics known to do so."""
    if name == "capture":  # %%capture out
        return magic_argument_names(args.split("#")[0])
    if name == "sql":  # %sql result << SELECT ...  /  %%sql result <<
        return set(re.findall(r"(?:^|\s)([A-Za-z_]\w*)\s*<<", args))
    if name == "R":  # %%R -o df,model
        found: set[str] = set()
        for names in re.findall(r"(?:-o|--output)\s+([\w,]+)", args):
            found |= {n for n in names.split(",") if _IDENTIFIER.fullmatch(n)}
        return found
    if name == "bigquery":  # %%bigquery df --project p
        words = [w for w in args.split() if not w.startswith("-")]
        return {words[0]} if words and _IDENTIFIER.fullmatch(words[0]) else set()
    return set()


@dataclass(frozen=True)
class CellScope:
    """What one code cell binds, and whether it may bind names nobody can see."""

    analysis: CellAnalysis
    #: Names bound by Python code and by magics.
    binds: frozenset[str]
    #: The cell might bind any name (star import, ``%run``, ``exec``, parse failure...).
    opaque: bool
    #: Names whose object the cell changes in place when it runs (``df["x"] = ...``,
    #: ``df.attr = ...``, ``df.dropna(inplace=True)``).
    mutates: frozenset[str] = frozenset()

    @property
    def index(self) -> int:
        return self.analysis.index

    @cached_property
    def guarded(self) -> set[int]:
        """:func:`guarded_reads` of the cell, computed once for all the rules."""
        return guarded_reads(self.analysis)


class NotebookScope:
    """The bindings of every code cell, in notebook order."""

    @classmethod
    def of(cls, analysis: NotebookAnalysis) -> NotebookScope:
        """The scope model of a notebook, built once and shared by the rules."""
        return analysis.memo(cls, lambda: cls(analysis))

    def __init__(self, analysis: NotebookAnalysis) -> None:
        self.analysis = analysis
        magic_names: dict[int, set[str]] = {}
        opaque: set[int] = set()
        for ca, magic in analysis.magics:
            if magic.kind == "line" and magic.name in OPAQUE_LINE_MAGICS:
                opaque.add(ca.index)
            elif magic.kind == "line" and magic.name == "store" and "-r" in magic.args:
                names = magic_argument_names(magic.args)
                if not names:
                    opaque.add(ca.index)  # `%store -r` restores every stored variable
                magic_names.setdefault(ca.index, set()).update(names)
            elif magic.kind in ("line", "cell"):
                names = bound_by_magic(magic.name, magic.args)
                magic_names.setdefault(ca.index, set()).update(names)
        cells: list[CellScope] = []
        self._immediate: dict[int, tuple[ast.AST, ...]] = {}
        for position, ca in enumerate(analysis.cells):
            names = set(ca.events.defines) | magic_names.get(ca.index, set())
            names |= _inlined_cell_magic_names(ca)
            for rec in ca.imports:
                if rec.is_star:
                    found = star_import_names(rec.module, _notebook_dir(analysis))
                    names |= found or frozenset()
            is_opaque = ca.index in opaque or _is_opaque(ca, analysis)
            immediate = tuple(immediate_nodes(ca.tree)) if ca.tree is not None else ()
            self._immediate[position] = immediate
            cells.append(
                CellScope(ca, frozenset(names), is_opaque, _mutated(ca, immediate))
            )
        self.cells: tuple[CellScope, ...] = tuple(cells)

    @cached_property
    def any_opaque(self) -> bool:
        return any(cs.opaque for cs in self.cells)

    @cached_property
    def mentioned_by_magics(self) -> frozenset[str]:
        """Every identifier in any magic's arguments (conservative: maybe bound)."""
        found: set[str] = set()
        for _ca, magic in self.analysis.magics:
            if (
                magic.kind in ("line", "cell")
                and magic.name not in PYTHON_ARG_LINE_MAGICS
            ):
                found |= magic_argument_names(magic.args)
        for cs in self.cells:
            found |= cs.binds - set(cs.analysis.events.defines)
        return frozenset(found)

    @cached_property
    def _positions(self) -> dict[str, list[int]]:
        """For each name, the positions (in :attr:`cells`) of the cells binding it."""
        table: dict[str, list[int]] = {}
        for pos, cs in enumerate(self.cells):
            for name in cs.binds:
                table.setdefault(name, []).append(pos)
        return table

    def binders(self, name: str) -> list[CellScope]:
        return [self.cells[pos] for pos in self._positions.get(name, ())]

    def first_binder_below(self, name: str, position: int) -> CellScope | None:
        """The first cell after ``position`` that binds ``name`` (a bisection, so
        checking every read stays linear in the notebook's size)."""
        positions = self._positions.get(name, ())
        at = bisect.bisect_right(positions, position)
        return self.cells[positions[at]] if at < len(positions) else None

    def immediate(self, position: int) -> tuple[ast.AST, ...]:
        """:func:`immediate_nodes` of the cell at ``position``, computed once."""
        cached = self._immediate.get(position)
        if cached is None:
            tree = self.cells[position].analysis.tree
            cached = tuple(immediate_nodes(tree)) if tree is not None else ()
            self._immediate[position] = cached
        return cached

    def before(self, position: int) -> Iterator[CellScope]:
        """Cells above the code cell at ``position`` in :attr:`cells`."""
        yield from self.cells[:position]


def _mutated(ca: CellAnalysis, immediate: tuple[ast.AST, ...]) -> frozenset[str]:
    """Global names whose object the cell's top-level code changes in place
    (``immediate``: the cell's :func:`immediate_nodes`)."""
    if ca.tree is None:
        return frozenset()
    found: set[str] = set()
    for node in immediate:
        base: ast.AST | None = None
        if isinstance(node, ast.Subscript | ast.Attribute) and isinstance(
            node.ctx, ast.Store | ast.Del
        ):
            base = node.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            inplace = any(
                kw.arg == "inplace"
                and isinstance(kw.value, ast.Constant)
                and kw.value.value is True
                for kw in node.keywords
            )
            base = node.func.value if inplace else None
        while isinstance(base, ast.Subscript | ast.Attribute):
            base = base.value
        if isinstance(base, ast.Name):
            found.add(base.id)
    return frozenset(found)


def _inlined_cell_magic_names(ca: CellAnalysis) -> set[str]:
    """``%%capture out``: the parser inlines the body and drops the magic line."""
    first = ca.cell.source.lstrip("\n").split("\n", 1)[0]
    match = _CELL_MAGIC_HEAD.match(first)
    if match is None or match.group("name") not in PYTHON_BODY_CELL_MAGICS:
        return set()
    return bound_by_magic(match.group("name"), match.group("args"))


def _notebook_dir(analysis: NotebookAnalysis) -> str | None:
    return analysis.memo(_notebook_dir, lambda: _resolved_folder(analysis))


def _resolved_folder(analysis: NotebookAnalysis) -> str | None:
    path = analysis.notebook.path
    return str(Path(path).resolve().parent) if path else None


def _is_opaque(ca: CellAnalysis, analysis: NotebookAnalysis) -> bool:
    if ca.tree is None:
        return bool(ca.cell.source.strip())
    folder = _notebook_dir(analysis)
    if any(
        star_import_names(rec.module, folder) is None
        for rec in ca.imports
        if rec.is_star
    ):
        return True  # a star import whose names cannot be read from the module's source
    for node in ca.of_type(ast.Call, ast.Subscript, ast.Attribute, ordered=False):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in ("exec", "execfile"):
                return True
            if (
                isinstance(func, ast.Attribute)
                and func.attr in ("update", "setdefault", "__setitem__", "push")
                and (_is_namespace_call(func.value) or _is_user_ns(func.value))
            ):
                return True
            if isinstance(func, ast.Name) and func.id == "setattr" and node.args:
                target = node.args[0]
                if isinstance(target, ast.Subscript) and "modules" in ast.dump(target):
                    return True
        elif isinstance(node, ast.Subscript) and isinstance(
            node.ctx, ast.Store | ast.Del
        ):
            if _is_namespace_call(node.value) or _is_user_ns(node.value):
                return True
        elif isinstance(node, ast.Attribute) and node.attr in ("user_ns", "push"):
            return True
    return False


def _is_namespace_call(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _NAMESPACE_CALLS
    )


def _is_user_ns(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "user_ns"


def guarded_reads(ca: CellAnalysis) -> set[int]:
    """``id()`` of Name nodes whose read is guarded against the name being undefined.

    ``try: x`` with ``except NameError`` (or ``Exception``, or a bare ``except``), and
    ``if "x" in globals(): x`` / ``"x" not in dir()`` tests.
    """
    guarded: set[int] = set()
    for node in ca.of_type(
        ast.Try, ast.TryStar, ast.If, ast.IfExp, ast.While, ordered=False
    ):
        if isinstance(node, ast.Try | ast.TryStar) and any(
            _catches_name_error(handler) for handler in node.handlers
        ):
            for stmt in node.body:
                guarded.update(id(n) for n in ast.walk(stmt) if isinstance(n, ast.Name))
        elif isinstance(node, ast.If | ast.IfExp | ast.While):
            names = _names_tested_by_string(node.test)
            if names:
                branches = node.body if isinstance(node.body, list) else [node.body]
                orelse = node.orelse if isinstance(node.orelse, list) else [node.orelse]
                for part in [node.test, *branches, *orelse]:
                    guarded.update(
                        id(n)
                        for n in ast.walk(part)
                        if isinstance(n, ast.Name) and n.id in names
                    )
    return guarded


def _catches_name_error(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(isinstance(t, ast.Name) and t.id in _CATCHES_NAME_ERROR for t in types)


def _names_tested_by_string(test: ast.expr) -> set[str]:
    """``"x" in globals()`` and the like: the names spelled as strings in a test."""
    found: set[str] = set()
    for node in ast.walk(test):
        if isinstance(node, ast.Compare) and any(
            isinstance(op, ast.In | ast.NotIn) for op in node.ops
        ):
            if isinstance(node.left, ast.Constant) and isinstance(node.left.value, str):
                found.add(node.left.value)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "hasattr"
            and len(node.args) == 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
        ):
            found.add(node.args[1].value)
    return found


def immediate_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Nodes that run when the cell runs: function and lambda bodies left out."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            args = node.args
            stack.extend(node.decorator_list)
            stack.extend(args.defaults)
            stack.extend(d for d in args.kw_defaults if d is not None)
            continue
        if isinstance(node, ast.Lambda):
            stack.extend(node.args.defaults)
            stack.extend(d for d in node.args.kw_defaults if d is not None)
            continue
        stack.extend(reversed(_child_nodes(node)))


def _child_nodes(node: ast.AST) -> list[ast.AST]:
    """``list(ast.iter_child_nodes(node))``, without its two generators per node."""
    children: list[ast.AST] = []
    for name in node._fields:
        try:
            value = getattr(node, name)
        except AttributeError:
            continue
        if isinstance(value, ast.AST):
            children.append(value)
        elif isinstance(value, list):
            children.extend(item for item in value if isinstance(item, ast.AST))
    return children
