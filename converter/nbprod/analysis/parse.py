"""Turn one cell's source into a Python AST without running anything.

Plain Python is parsed directly. Cells with IPython syntax (line and cell magics, ``!``
shell lines, ``?`` help, prompts) go through IPython's own input transformers first, so
``%pip install x`` becomes ``get_ipython().run_line_magic('pip', 'install x')`` and is
analysed like any call. Magics whose argument is Python (``%time``, ``%%capture`` ...)
have that Python parsed in place, so the names they define reach the dataflow.

Positions: every node of a cell's tree has its line and column in :attr:`ParsedCell.python`,
and :attr:`ParsedCell.line_map` maps each line of that text to a line of the cell's source.
Where a line of ``python`` is the source line itself (plain Python, the body of
``%%time``, the statement of ``%time``), spans and fix edits get exact columns; on a line
IPython rewrote (``!pip install x``) they cover the whole source line. Inlined magic
bodies are kept that way: the body of a cell magic is appended to ``python`` (line by
line as in the source), and the line of ``%time stmt`` becomes the source line, with the
statement's columns moved to where it sits in it.

Hostile cells are bounded: sources above :data:`MAX_CELL_CHARS` are not parsed, and
``SyntaxError``, ``RecursionError``, ``MemoryError`` and ``ValueError`` (null bytes) from the
parser become a :class:`ParseProblem`, never an exception.
"""

from __future__ import annotations

import ast
import difflib
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

#: Cells longer than this are reported as too large instead of parsed.
MAX_CELL_CHARS = 1_000_000

#: Cell magics whose body is Python code run in the user namespace.
PYTHON_BODY_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug"})

#: Line magics whose argument is a Python statement run in the user namespace.
PYTHON_ARG_LINE_MAGICS = frozenset({"time", "timeit", "prun", "debug"})

#: Options of those magics that take a value (``%timeit -n 50 stmt``), per magic.
_VALUE_OPTIONS = {"timeit": "nrp", "prun": "DlsT", "debug": "", "time": ""}


def magic_statement(name: str, arg: str) -> str:
    """The Python statement of ``%time``/``%timeit``/``%prun``/``%debug``, options removed.

    ``%timeit -n 50 -r 3 model.fit(X)`` runs ``model.fit(X)``; IPython parses the options
    getopt-style (``-n50`` or ``-n 50``), and so does this.
    """
    takes_value = _VALUE_OPTIONS.get(name, "")
    words = arg.strip().split(" ")
    while words and words[0].startswith("-") and len(words[0]) >= 2:
        option = words.pop(0)
        if option == "--":
            break
        if option[1] in takes_value and len(option) == 2 and words:
            words.pop(0)  # the value follows as its own word
        while words and words[0] == "":
            words.pop(0)
    return " ".join(words).strip()


@dataclass(frozen=True)
class ParseProblem:
    """Why a cell could not be analysed, with a 1-based position in the cell."""

    message: str
    line: int = 1
    column: int = 1


@dataclass(frozen=True)
class ParsedCell:
    """The Python view of a cell: its AST (or the problem) and a map back to the source.

    ``python`` is the text the tree's positions refer to: the cell after IPython's
    transforms, followed by the bodies of the cell magics whose Python was inlined.
    """

    source: str
    python: str
    tree: ast.Module | None
    problem: ParseProblem | None
    #: line number of ``python`` (1-based) -> source line number; None when identical.
    line_map: tuple[int, ...] | None = None

    @cached_property
    def _source_lines(self) -> list[str]:
        return self.source.splitlines() or [""]

    @cached_property
    def _python_lines(self) -> list[str]:
        return self.python.splitlines() or [""]

    def source_line(self, python_line: int) -> int:
        """Map a line of :attr:`python` to the 1-based line of the cell's source."""
        if self.line_map is None:
            return python_line
        if 1 <= python_line <= len(self.line_map):
            return self.line_map[python_line - 1]
        return max(1, min(python_line, self.source.count("\n") + 1))

    def span(self, node: ast.AST) -> tuple[int, int, int, int]:
        """1-based ``(line, column, end_line, end_column)`` of ``node`` in the cell source.

        Columns count characters (not UTF-8 bytes as ``ast`` does). On a line that the
        IPython transform rewrote, the span covers the whole source line.
        """
        lineno = getattr(node, "lineno", 1)
        end_lineno = getattr(node, "end_lineno", None) or lineno
        col = getattr(node, "col_offset", 0)
        end_col = getattr(node, "end_col_offset", None)
        src_lines = self._source_lines
        py_lines = self._python_lines
        line = min(max(self.source_line(lineno), 1), len(src_lines))
        end_line = min(max(self.source_line(end_lineno), line), len(src_lines))
        src_text = _line(src_lines, line)
        end_src_text = _line(src_lines, end_line)
        if _line(py_lines, lineno) != src_text or _line(py_lines, end_lineno) != (
            end_src_text
        ):
            return line, 1, end_line, len(end_src_text) + 1
        column = _char_column(src_text, col) + 1
        end_column = (
            _char_column(end_src_text, end_col) + 1
            if end_col is not None
            else len(end_src_text) + 1
        )
        return line, column, end_line, end_column


def parse_cell(source: str) -> ParsedCell:
    """Parse a code cell into a :class:`ParsedCell`; never raises for bad input."""
    if len(source) > MAX_CELL_CHARS:
        return ParsedCell(
            source,
            "",
            None,
            ParseProblem(
                f"cell has {len(source):,} characters, above the "
                f"{MAX_CELL_CHARS:,} nbprod analyses; split it or move data to a file"
            ),
        )
    tree, problem = _parse(source)
    if tree is not None:
        return ParsedCell(source, source, tree, None)
    python = _transform(source)
    if python is None or python == source:
        return ParsedCell(source, source, None, problem)
    tree, problem = _parse(python)
    line_map = _line_map(source, python)
    if tree is None:
        assert problem is not None
        mapped = ParseProblem(
            problem.message,
            _map(line_map, problem.line),
            problem.column if _map(line_map, problem.line) == problem.line else 1,
        )
        return ParsedCell(source, python, None, mapped, line_map)
    try:
        tree, python, line_map = _MagicInliner(source, python, line_map).run(tree)
    except (RecursionError, MemoryError):
        return ParsedCell(
            source, python, None, ParseProblem("cell is nested too deeply"), line_map
        )
    return ParsedCell(source, python, tree, None, line_map)


def _parse(text: str) -> tuple[ast.Module | None, ParseProblem | None]:
    try:
        return ast.parse(text), None
    except SyntaxError as exc:
        return None, ParseProblem(
            f"syntax error: {exc.msg}", exc.lineno or 1, max(1, exc.offset or 1)
        )
    except (RecursionError, MemoryError):
        return None, ParseProblem("cell is nested too deeply for the Python parser")
    except ValueError as exc:  # e.g. source code string cannot contain null bytes
        return None, ParseProblem(f"cannot parse: {exc}")


@cache
def _transformer() -> Any:
    # IPython's own transformer, without importing the rest of IPython when possible.
    from .ipython_syntax import transformer_manager_class

    return transformer_manager_class()()


def _transform(source: str) -> str | None:
    try:
        with warnings.catch_warnings():
            # IPython warns about unusual line endings; the cell is analysed all the same.
            warnings.simplefilter("ignore")
            return str(_transformer().transform_cell(source))
    except Exception:  # IPython's transformers are not hardened against every input
        return None


def _line_map(source: str, python: str) -> tuple[int, ...]:
    """For each line of ``python``, the source line it came from (1-based)."""
    src = source.splitlines()
    out = python.splitlines()
    mapping = [0] * len(out)
    matcher = difflib.SequenceMatcher(a=src, b=out, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        for k in range(b0, b1):
            if tag == "equal":
                mapping[k] = a0 + (k - b0) + 1
            else:  # a rewritten line: point at the first source line of the block
                mapping[k] = min(a0 + (k - b0), max(a1 - 1, a0)) + 1
    return tuple(max(1, m) for m in mapping)


def _map(line_map: tuple[int, ...], line: int) -> int:
    return line_map[line - 1] if 1 <= line <= len(line_map) else line


def _line(lines: list[str], number: int) -> str:
    return lines[number - 1] if 1 <= number <= len(lines) else ""


def _char_column(text: str, byte_offset: int) -> int:
    encoded = text.encode("utf-8")
    return len(encoded[:byte_offset].decode("utf-8", errors="ignore"))


def magic_call(node: ast.AST) -> tuple[str, list[ast.expr]] | None:
    """If ``node`` is ``get_ipython().<method>(...)``, return the method and arguments."""
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
        return None
    owner = node.func.value
    if (
        isinstance(owner, ast.Call)
        and isinstance(owner.func, ast.Name)
        and owner.func.id == "get_ipython"
    ):
        return node.func.attr, list(node.args)
    return None


def _string_args(args: list[ast.expr]) -> list[str] | None:
    values = [a.value for a in args if isinstance(a, ast.Constant)]
    if len(values) != len(args) or not all(isinstance(v, str) for v in values):
        return None
    return values  # type: ignore[return-value]


class _MagicInliner:
    """Replace ``%time stmt`` and ``%%capture``-style calls by the Python they run, keeping
    every position exact in the text the tree refers to (see the module docstring).

    Cell magics are only ever the whole cell (IPython turns everything below a ``%%``
    line into the magic's body), so their body lines go at the end of ``python``. A line
    magic's statement stays on its line. When the body or statement cannot be found in
    the source as IPython saw it, its nodes all take the position of the magic call:
    their spans then cover the magic's line, and no fix is offered on them.
    """

    def __init__(self, source: str, python: str, line_map: tuple[int, ...]) -> None:
        self.source_lines = source.splitlines()
        self.python_lines = python.splitlines()
        self.line_map = list(line_map)

    def run(self, tree: ast.Module) -> tuple[ast.Module, str, tuple[int, ...]]:
        tree.body = self._cell_magics(tree.body)
        for node in ast.walk(tree):
            for name in ("body", "orelse", "finalbody"):
                block = getattr(node, name, None)
                if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                    setattr(node, name, self._line_magics(block))
        python = "\n".join(self.python_lines) + "\n"
        return tree, python, tuple(self.line_map)

    def _cell_magics(self, body: list[ast.stmt]) -> list[ast.stmt]:
        out: list[ast.stmt] = []
        for stmt in body:
            call = _string_call(stmt, "run_cell_magic", 3)
            replacement = None
            if call is not None and call[0] in PYTHON_BODY_CELL_MAGICS:
                replacement = self._cell_body(stmt, call[2])
            out.extend(replacement or [stmt])
        return out

    def _cell_body(self, stmt: ast.stmt, body: str) -> list[ast.stmt] | None:
        inner = parse_cell(body)
        if inner.tree is None or not inner.tree.body:
            return None
        inner_lines = inner.python.splitlines()
        # The body is every source line below the magic's line (IPython strips leading
        # blank lines and prompts first, so count from the end).
        magic_line = len(self.source_lines) - len(body.splitlines())
        if not (
            1 <= magic_line <= len(self.source_lines)
            and "%%" in self.source_lines[magic_line - 1]
        ):
            _collapse(inner.tree, stmt)
            return inner.tree.body
        self.line_map[stmt.lineno - 1] = magic_line
        offset = len(self.python_lines)
        self.python_lines.extend(inner_lines)
        self.line_map.extend(
            magic_line + inner.source_line(number)
            for number in range(1, len(inner_lines) + 1)
        )
        _shift(inner.tree, lines=offset)
        return inner.tree.body

    def _line_magics(self, body: list[ast.stmt]) -> list[ast.stmt]:
        out: list[ast.stmt] = []
        for stmt in body:
            call = _string_call(stmt, "run_line_magic", 2)
            replacement = None
            if call is not None and call[0] in PYTHON_ARG_LINE_MAGICS:
                replacement = self._line_statement(stmt, call[0], call[1])
            out.extend(replacement or [stmt])
        return out

    def _line_statement(self, stmt: ast.stmt, name: str, arg: str) -> list[ast.stmt]:
        statement = magic_statement(name, arg)
        inner = parse_cell(statement) if statement else None
        if inner is None or inner.tree is None or not inner.tree.body:
            return []
        python_line = stmt.lineno
        source_line = _map(tuple(self.line_map), python_line)
        text = _line(self.source_lines, source_line).rstrip()
        if (
            inner.line_map is None
            and "\n" not in statement
            and stmt.end_lineno == python_line
            and text.endswith(statement)
            and f"%{name}" in text
        ):
            # The source line itself becomes the line's text: ``%timeit -n 5 f(x)``,
            # with the statement's nodes moved to its columns.
            column = len(text[: len(text) - len(statement)].encode("utf-8"))
            self.python_lines[python_line - 1] = _line(self.source_lines, source_line)
            _shift(inner.tree, lines=python_line - 1, columns=column)
        else:
            _collapse(inner.tree, stmt)
        return inner.tree.body


def _string_call(stmt: ast.stmt, method: str, arity: int) -> list[str] | None:
    """The string arguments of ``get_ipython().<method>(...)`` as a statement, or None."""
    call = magic_call(stmt.value) if isinstance(stmt, ast.Expr) else None
    if call is None or call[0] != method:
        return None
    strings = _string_args(call[1])
    return strings if strings is not None and len(strings) == arity else None


def _positioned(tree: ast.AST) -> Iterator[Any]:
    located = ast.expr | ast.stmt | ast.excepthandler | ast.arg
    for node in ast.walk(tree):
        if isinstance(node, located) or (
            isinstance(node, ast.keyword | ast.alias | ast.pattern)
            and hasattr(node, "lineno")
        ):
            yield node


def _shift(tree: ast.AST, *, lines: int, columns: int = 0) -> None:
    """Move every node down ``lines`` lines (and ``columns`` UTF-8 bytes right)."""
    for node in _positioned(tree):
        node.lineno += lines
        if getattr(node, "end_lineno", None) is not None:
            node.end_lineno += lines
        if columns:
            node.col_offset += columns
            if getattr(node, "end_col_offset", None) is not None:
                node.end_col_offset += columns


def _collapse(tree: ast.AST, onto: ast.stmt) -> None:
    """Give every node the position of ``onto`` (a magic call whose text was not found)."""
    for node in _positioned(tree):
        node.lineno, node.col_offset = onto.lineno, onto.col_offset
        if hasattr(node, "end_lineno"):
            node.end_lineno = onto.end_lineno
            node.end_col_offset = onto.end_col_offset
