"""Pass: move every secret of the exported cells to an environment lookup, or refuse.

The kept code cells are scanned with the detection of the ``secret`` lint rules
(:func:`nbprod.lint.rules.secret._detect.scan_source`), whatever the lint configuration
or ``# noqa`` comments say: a value those rules consider a secret never reaches the
package. Each one is rewritten in place (:mod:`nbprod.lint.rules.secret._rewrite`):

- a whole literal becomes ``os.environ["NAME"]`` (``.encode()`` for bytes);
- a part of an f-string becomes a field, ``f"postgresql://u:{os.environ['NAME']}@{host}"``;
- a part of a ``+`` operand or of a ``%``/``.format`` template is split out of it.

The same value always reads the same variable. A secret that cannot be rewritten (it
spans several literal parts, sits in a ``match`` pattern or in a cell that does not
parse) stops the export with the cell, the line and what to change, never the value.
Headings of markdown cells name steps and README sections, so a secret in a heading
stops the export too. Values stay in memory (``extra["secret_values"]``) for the last
net (:mod:`.secret_net`).
"""

from __future__ import annotations

import ast
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ...errors import ExportError
from ..resources import Resources, Secret, WorkCell

if TYPE_CHECKING:
    from ...lint.rules.secret._detect import SecretMatch
    from ...lint.rules.secret._rewrite import Rewrite

#: Rewrites per cell before the pass gives up (each one removes a secret).
MAX_REWRITES = 500

_QUOTES = re.compile(r"^[rRbBuUfF]{0,2}(?:\"\"\"|'''|[\"'])|(?:\"\"\"|'''|[\"'])$")
_HEADING = re.compile(r"(?m)^[ \t]{0,3}#{1,6}[ \t].*$")


def run(res: Resources) -> Resources:
    state = _State(list(res.secrets), list(res.extra.get("secret_values", ())))
    found = notebook_values(res)
    cells: list[WorkCell] = []
    for cell in res.cells:
        if cell.kind == "code":
            cell = _rewrite_cell(cell, state)
            _check_left(cell, found.get(cell.index, ()))
        else:
            _check_headings(cell)
        cells.append(cell)
    every = [*state.values, *(v for values in found.values() for v, _k in values)]
    extra = {**res.extra, "secret_values": tuple(dict.fromkeys(every))}
    return replace(res, cells=tuple(cells), secrets=tuple(state.secrets), extra=extra)


class _State:
    def __init__(self, secrets: list[Secret], values: list[str]) -> None:
        self.secrets = secrets
        self.values = values
        self.env_of: dict[str, str] = {}  # value -> variable, in memory only

    def env_for(self, value: str, wanted: str, variable: str, cell: int) -> str:
        if value in self.env_of:
            env = self.env_of[value]
            if not any(s.env_var == env and s.cell_index == cell for s in self.secrets):
                self.secrets.append(Secret(variable, env, cell))
            return env
        env, n = wanted, 2
        while any(s.env_var == env for s in self.secrets):
            env, n = f"{wanted}_{n}", n + 1
        self.env_of[value] = env
        self.values.append(value)
        self.secrets.append(Secret(variable, env, cell))
        return env


def _rewrite_cell(cell: WorkCell, state: _State) -> WorkCell:
    from ...lint.rules.secret._detect import _env_name, scan_source
    from ...lint.rules.secret._rewrite import replacement

    source, origin = cell.source, list(cell.origin)
    for _ in range(MAX_REWRITES):
        tree = _parse(source)
        matches = scan_source(source, tree)
        if not matches:
            return replace(cell, source=source, origin=tuple(origin))
        match = matches[0]
        if tree is None or match.rewrite is None:
            raise ExportError(_refusal(cell, origin, match, tree is None))
        rw = match.rewrite
        value = _value(source, rw)
        variable = match.target or match.env_name.lower()
        # Named after the variable it is bound to (``api_token`` -> API_TOKEN).
        wanted = _env_name(match.target) if match.target else match.env_name
        wanted = match.env_name if wanted == "SECRET" else wanted
        env = state.env_for(value, wanted, variable, cell.index)
        found = replacement(source, rw, env)
        if found is None:
            raise ExportError(_refusal(cell, origin, match, False))
        start, end, text = found
        origin = _shift(source, origin, start, end, text)
        source = source[:start] + text + source[end:]
    raise ExportError(
        f"cell {cell.number}: more than {MAX_REWRITES} secrets; move them to "
        "environment variables in the notebook"
    )


def _value(source: str, rw: Rewrite) -> str:
    """The secret's text (kept in memory for the last net, never written)."""
    start, end = rw.start, rw.end
    if (start, end) == (rw.literal.start, rw.literal.end):
        try:
            value = ast.literal_eval(source[start:end])
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            return source[start:end]
        return value.decode("latin-1") if isinstance(value, bytes) else str(value)
    return source[start:end]


def _shift(
    source: str, origin: list[int], start: int, end: int, text: str
) -> list[int]:
    """Line origins after replacing ``source[start:end]`` by ``text``."""
    first = source.count("\n", 0, start)
    last = first + source.count("\n", start, end)
    if not origin:
        return origin
    keep = origin[min(first, len(origin) - 1)]
    lines = [keep] * (text.count("\n") + 1)
    return origin[:first] + lines + origin[last + 1 :]


def _refusal(
    cell: WorkCell, origin: list[int], match: SecretMatch, unparsed: bool
) -> str:
    from ...lint.rules.secret._detect import article

    line = match.line
    shown = origin[line - 1] if 0 < line <= len(origin) else line
    kind = article(match.kind)
    where = f" for `{match.target}`" if match.target else ""
    why = (
        "the cell does not parse as Python"
        if unparsed
        else "export cannot replace it by an environment lookup here"
    )
    return (
        f"cell {cell.number}, line {shown}: {kind}{where} is written in the code and "
        f"{why}; read it with os.environ[...] in the notebook (one literal per "
        "secret), or tag the cell `nbprod:drop`, then revoke it"
    )


def notebook_values(res: Resources) -> dict[int, list[tuple[str, str]]]:
    """``(value, kind)`` of every secret the rules find in each cell of the notebook, as
    the rules see the cell (a code cell's magics and shell lines included, markdown as
    prose). In memory only: the last net searches every generated file for them."""
    from ...lint.rules.secret._detect import _Lines, scan_source, scan_text

    parsed = {ca.index: ca.parsed for ca in res.extra["analysis"].cells}
    found: dict[int, list[tuple[str, str]]] = {}
    for index, cell in enumerate(res.notebook.cells):
        source = cell.source
        p = parsed.get(index)
        if p is not None:
            matches = scan_source(source, p.tree, p.python, p.line_map)
        else:
            matches = scan_text(source)
        lines = _Lines(source)
        for match in matches:
            start = lines.offset(match.line, match.column)
            end = lines.offset(match.end_line, match.end_column)
            value = _QUOTES.sub("", source[start:end].strip())
            if len(value) >= 6:
                found.setdefault(index, []).append((value, match.kind))
    return found


def _check_left(cell: WorkCell, values: list[tuple[str, str]] | tuple[()]) -> None:
    """A secret of the notebook cell must not survive in the rewritten cell (in a
    ``%%writefile`` body or another place no rewrite reaches)."""
    from ...lint.rules.secret._detect import article

    for value, kind in values:
        if value in cell.source:
            raise ExportError(
                f"cell {cell.number}: {article(kind)} is written in the cell where "
                "export cannot replace it by an environment lookup (a comment, a "
                "%%writefile body, a shell line); read it from the environment in "
                "the notebook, or tag the cell `nbprod:drop`, then revoke it"
            )


def _check_headings(cell: WorkCell) -> None:
    from ...lint.rules.secret._detect import article, scan_text

    for heading in _HEADING.finditer(cell.source):
        found = scan_text(heading.group(0), prose=False)
        if found:
            raise ExportError(
                f"cell {cell.number} (markdown): a heading holds "
                f"{article(found[0].kind)}; export names steps and README sections "
                "after headings: remove it from the heading, then revoke it"
            )


def _parse(source: str) -> ast.Module | None:
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
