"""Turn one cell's source into a Python AST without running anything.

Plain Python is parsed directly. Cells with IPython syntax (line and cell magics, ``!``
shell lines, ``?`` help, prompts) go through IPython's own input transformers first, so
``%pip install x`` becomes ``get_ipython().run_line_magic('pip', 'install x')`` and is
analysed like any call. Magics whose argument is Python (``%time``, ``%%capture`` ...)
have that Python parsed in place, so the names they define reach the dataflow.

Hostile cells are bounded: sources above :data:`MAX_CELL_CHARS` are not parsed, and
``SyntaxError``, ``RecursionError``, ``MemoryError`` and ``ValueError`` (null bytes) from the
parser become a :class:`ParseProblem`, never an exception.
"""

from __future__ import annotations

import ast
import difflib
import warnings
from dataclasses import dataclass
from functools import cache
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
    """The Python view of a cell: its AST (or the problem) and a map back to the source."""

    source: str
    python: str
    tree: ast.Module | None
    problem: ParseProblem | None
    #: transformed line number (1-based) -> source line number; None when identical.
    line_map: tuple[int, ...] | None = None

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
        src_lines = self.source.splitlines() or [""]
        py_lines = self.python.splitlines() or [""]
        line = self.source_line(lineno)
        end_line = self.source_line(end_lineno)
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
        tree = _inline_python_magics(tree, source, line_map)
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
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager()


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


def _inline_python_magics(
    tree: ast.Module, source: str, line_map: tuple[int, ...]
) -> ast.Module:
    """Replace ``%time stmt`` / ``%%capture`` body calls by the Python they run."""
    body: list[ast.stmt] = []
    src_lines = source.splitlines()
    for stmt in tree.body:
        replacement = None
        call = magic_call(stmt.value) if isinstance(stmt, ast.Expr) else None
        if call is not None:
            method, args = call
            strings = _string_args(args)
            if method == "run_cell_magic" and strings and len(strings) == 3:
                name, _line_args, cell_body = strings
                if name in PYTHON_BODY_CELL_MAGICS:
                    replacement = _parse_fragment(cell_body, line_offset=stmt.lineno)
            elif method == "run_line_magic" and strings and len(strings) == 2:
                name, arg = strings
                statement = magic_statement(name, arg)
                if name in PYTHON_ARG_LINE_MAGICS and statement:
                    src_line = _map(line_map, stmt.lineno)
                    text = _line(src_lines, src_line)
                    col = max(0, text.find(statement)) if statement in text else 0
                    replacement = _parse_fragment(
                        statement, line_offset=stmt.lineno - 1, col_offset=col
                    )
        if replacement:
            body.extend(replacement)
        else:
            body.append(stmt)
    tree.body = body
    return tree


def _parse_fragment(
    text: str, *, line_offset: int, col_offset: int = 0
) -> list[ast.stmt] | None:
    inner = parse_cell(text)
    if inner.tree is None:
        return None
    if inner.line_map is not None and (
        col_offset or inner.line_map != tuple(range(1, len(inner.line_map) + 1))
    ):
        # Nested IPython syntax that changes the line structure (a nested cell magic)
        # is rare; keep the magic call. One-line rewrites (``!pip install -q x`` under
        # ``%%capture``, common in Colab notebooks) keep their line numbers and are
        # inlined, so their magics and names reach the analysis.
        return None
    for node in ast.walk(inner.tree):
        if isinstance(node, ast.expr | ast.stmt | ast.excepthandler | ast.arg):
            node.lineno += line_offset
            if node.end_lineno is not None:
                node.end_lineno += line_offset
            if col_offset:
                node.col_offset += col_offset
                if node.end_col_offset is not None:
                    node.end_col_offset += col_offset
    return inner.tree.body
