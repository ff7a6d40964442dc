"""The cross-cell picture of a notebook, shared by lint and export.

:func:`analyse` parses every code cell (IPython syntax included), and records per cell the
global names it defines and uses, its imports, calls with resolved qualified names, and
file reads and writes; across cells, the alias table and the saved execution order.
Nothing here executes, imports or unpickles notebook code.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from ..notebook import Cell, Notebook
from .io import IOSite, io_sites
from .names import BUILTIN_NAMES, NameEvents, NameRef, name_events
from .parse import ParsedCell, ParseProblem, magic_call, parse_cell
from .symbols import ImportRecord, alias_table, dotted, imports_of, qualified_name

T = TypeVar("T")

__all__ = [
    "BUILTIN_NAMES",
    "CallSite",
    "CellAnalysis",
    "IOSite",
    "ImportRecord",
    "Magic",
    "NameRef",
    "NotebookAnalysis",
    "ParseProblem",
    "analyse",
    "dotted",
    "parse_cell",
]


@dataclass(frozen=True)
class Magic:
    """An IPython magic or shell line, as found in the transformed cell."""

    kind: str  # "line", "cell", "shell" (``!cmd``), or "getoutput" (``x = !cmd``)
    name: str  # magic name ("pip", "bash"); "" for shell lines
    args: str  # the rest of the line, or the shell command
    body: str  # a cell magic's body; "" otherwise
    node: ast.Call = field(compare=False, repr=False)


@dataclass(frozen=True)
class CallSite:
    """A call expression with what the rules need to match it."""

    cell: CellAnalysis = field(compare=False, repr=False)
    node: ast.Call = field(compare=False, repr=False)
    #: Resolved dotted name (``sklearn.model_selection.train_test_split``) or None.
    qualname: str | None
    #: Attribute name for method calls (``fit`` in ``model.fit(X)``), else None.
    method: str | None
    #: Literal text of the receiver of a method call (``model`` in ``model.fit``).
    receiver: str | None

    def keyword(self, name: str) -> ast.expr | None:
        """The expression passed as keyword ``name``, or None."""
        for kw in self.node.keywords:
            if kw.arg == name:
                return kw.value
        return None

    def has_kwargs_splat(self) -> bool:
        return any(kw.arg is None for kw in self.node.keywords)


@dataclass(frozen=True)
class CellAnalysis:
    """One code cell: its parse and name traffic."""

    cell: Cell
    parsed: ParsedCell
    events: NameEvents
    imports: tuple[ImportRecord, ...]
    #: Every AST node of the cell, in ``ast.walk`` order: walked once, shared by all rules.
    nodes: tuple[ast.AST, ...] = field(default=(), repr=False, compare=False)
    #: For each node class, the positions of its nodes in :attr:`nodes` (built with them).
    node_index: dict[type, list[int]] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def index(self) -> int:
        return self.cell.index

    @property
    def tree(self) -> ast.Module | None:
        return self.parsed.tree

    def span(self, node: ast.AST) -> tuple[int, int, int, int]:
        return self.parsed.span(node)

    def walk(self) -> Iterator[ast.AST]:
        """Every node of the cell (cached: rules should use this, not ``ast.walk``)."""
        return iter(self.nodes)

    @cached_property
    def _positions_by_type(self) -> dict[type, list[int]]:
        if self.node_index is not None:
            return self.node_index
        return walk_indexed_nodes(self.nodes)

    def of_type(self, *classes: type[ast.AST], ordered: bool = True) -> list[ast.AST]:
        """The nodes of the cell whose class is one of ``classes``, in :meth:`walk`
        order (class by class with ``ordered=False``, for callers that only collect or
        test). Concrete node classes only (``ast.Call``, not ``ast.expr``).

        A rule that looks for calls or ``try`` blocks thus visits those nodes only: the
        dispatch by node type of ruff, in the form the rules already use.
        """
        table = self._positions_by_type
        nodes = self.nodes
        if len(classes) == 1:
            return [nodes[p] for p in table.get(classes[0], ())]
        if not ordered:
            return [nodes[p] for cls in classes for p in table.get(cls, ())]
        positions = sorted(p for cls in classes for p in table.get(cls, ()))
        return [nodes[p] for p in positions]


@dataclass(frozen=True)
class NotebookAnalysis:
    """Everything the rules and the export passes know about a notebook."""

    notebook: Notebook
    cells: tuple[CellAnalysis, ...]
    _memo: dict[object, object] = field(default_factory=dict, repr=False, compare=False)

    def memo(self, key: object, factory: Callable[[], T]) -> T:
        """Compute a derived structure once per notebook and share it between rules.

        ``key`` names the structure (a function or class is a good key); ``factory``
        builds it. Rules that need the same dataflow, bindings or scope model then pay
        for it once per lint, not once per rule.
        """
        try:
            return self._memo[key]  # type: ignore[return-value]
        except KeyError:
            value = self._memo[key] = factory()
            return value

    @cached_property
    def aliases(self) -> dict[str, str]:
        return alias_table([rec for ca in self.cells for rec in ca.imports])

    @cached_property
    def calls(self) -> tuple[CallSite, ...]:
        """Every call in top-to-bottom order."""
        found: list[CallSite] = []
        for ca in self.cells:
            calls = [n for n in ca.walk() if isinstance(n, ast.Call)]
            calls.sort(key=lambda n: (n.lineno, n.col_offset))
            for node in calls:
                func = node.func
                method = func.attr if isinstance(func, ast.Attribute) else None
                receiver = (
                    dotted(func.value) if isinstance(func, ast.Attribute) else None
                )
                found.append(
                    CallSite(
                        ca, node, qualified_name(func, self.aliases), method, receiver
                    )
                )
        return tuple(found)

    @cached_property
    def magics(self) -> tuple[tuple[CellAnalysis, Magic], ...]:
        """IPython magics and shell lines in top-to-bottom order."""
        found: list[tuple[CellAnalysis, Magic]] = []
        for site in self.calls:
            magic = _magic(site.node)
            if magic is not None:
                found.append((site.cell, magic))
        return tuple(found)

    @cached_property
    def io(self) -> tuple[IOSite, ...]:
        """File reads and writes in top-to-bottom order."""
        return tuple(io_sites(self.calls))

    @cached_property
    def execution_order(self) -> tuple[CellAnalysis, ...]:
        """Executed code cells sorted by their saved execution count."""
        executed = [ca for ca in self.cells if ca.cell.execution_count is not None]
        return tuple(
            sorted(executed, key=lambda ca: (ca.cell.execution_count, ca.index))
        )

    @cached_property
    def definitions(self) -> dict[str, tuple[CellAnalysis, ...]]:
        """For each global name, the cells that bind it, top to bottom."""
        table: dict[str, list[CellAnalysis]] = {}
        for ca in self.cells:
            for name in ca.events.defines:
                table.setdefault(name, []).append(ca)
        return {name: tuple(cells) for name, cells in table.items()}

    def cell(self, index: int) -> CellAnalysis | None:
        """The analysis of the code cell at notebook position ``index``."""
        for ca in self.cells:
            if ca.index == index:
                return ca
        return None


def analyse(notebook: Notebook) -> NotebookAnalysis:
    """Build the :class:`NotebookAnalysis` of a notebook (pure; no execution)."""
    cells: list[CellAnalysis] = []
    for cell in notebook.cells:
        if cell.is_code:
            cells.append(_analyse_cell(cell))
    return NotebookAnalysis(notebook, tuple(cells))


def _analyse_cell(cell: Cell) -> CellAnalysis:
    parsed = parse_cell(cell.source)
    if parsed.tree is None:
        return CellAnalysis(cell, parsed, NameEvents(), ())
    try:
        nodes = walk_nodes(parsed.tree)
        return CellAnalysis(
            cell,
            parsed,
            name_events(parsed.tree),
            imports_of(nodes),
            nodes,
            walk_indexed_nodes(nodes),
        )
    except RecursionError:
        problem = ParseProblem("cell is nested too deeply to analyse")
        unparsed = ParsedCell(
            parsed.source, parsed.python, None, problem, parsed.line_map
        )
        return CellAnalysis(cell, unparsed, NameEvents(), ())


def _magic(node: ast.Call) -> Magic | None:
    found = magic_call(node)
    if found is None:
        return None
    method, args = found
    values = [a.value if isinstance(a, ast.Constant) else "" for a in args]
    strings = [v if isinstance(v, str) else "" for v in values]
    if method == "run_line_magic" and len(strings) >= 2:
        return Magic("line", strings[0], strings[1], "", node)
    if method == "run_cell_magic" and len(strings) >= 3:
        return Magic("cell", strings[0], strings[1], strings[2], node)
    if method == "system" and strings:
        return Magic("shell", "", strings[0], "", node)
    if method == "getoutput" and strings:
        return Magic("getoutput", "", strings[0], "", node)
    return None


def walk_nodes(tree: ast.AST) -> tuple[ast.AST, ...]:
    """``tuple(ast.walk(tree))`` (same breadth-first order), without ``ast.walk``'s
    generators: it runs on every node of every cell."""
    nodes: list[ast.AST] = [tree]
    position = 0
    while position < len(nodes):
        node = nodes[position]
        position += 1
        for name in node._fields:
            try:
                value = getattr(node, name)
            except AttributeError:
                continue
            if isinstance(value, ast.AST):
                nodes.append(value)
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, ast.AST):
                        nodes.append(item)
    return tuple(nodes)


def walk_indexed_nodes(nodes: tuple[ast.AST, ...]) -> dict[type, list[int]]:
    """For each node class, the positions of its nodes in ``nodes``."""
    table: dict[type, list[int]] = {}
    for position, node in enumerate(nodes):
        cls = type(node)
        found = table.get(cls)
        if found is None:
            table[cls] = [position]
        else:
            found.append(position)
    return table
