"""
## What it does
Flags a read of a global name that no cell above defines, while a cell below does. Reads
inside a function body count where the function is called: calling `report()` above the
cell that defines a global `report()` reads is flagged at the call; calling it after that
cell is fine.

## Why is this bad?
The notebook only worked because the cells were run out of order, or the defining cell was
moved after the fact. "Restart & Run All" and any production run go top to bottom and stop
here with a `NameError`.

## Example
```python
# cell 1
model.fit(X, y)
# cell 2
model = LogisticRegression()
```

## Use instead
Move the defining cell above its first use (or the use below the definition):
```python
# cell 1
model = LogisticRegression()
# cell 2
model.fit(X, y)
```

## What export does
Export builds the dataflow top to bottom and does not reorder cells silently: this
finding is an error, so export stops on it unless run with `--force`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ....analysis import NameRef, name_events
from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._scope import (
    CellScope,
    NotebookScope,
    is_known_name,
)

SPEC = RuleSpec(
    code="NBP010",
    name="name-defined-in-later-cell",
    category=Category.HIDDEN_STATE,
    severity=Severity.ERROR,
)


@dataclass(frozen=True)
class _Function:
    position: int  # position of its cell among the code cells
    line: int
    node: ast.FunctionDef | ast.AsyncFunctionDef
    reads: tuple[NameRef, ...]  # globals its body reads


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    scope = NotebookScope.of(ctx.analysis)
    cells = scope.cells
    functions = _functions(scope)
    guarded = [cs.guarded for cs in cells]
    above: set[str] = set()
    for pos, cs in enumerate(cells):
        if cs.opaque:
            return  # this cell could bind anything; nothing below is certain
        ca = cs.analysis
        if ca.tree is None:
            continue
        reported: set[str] = set()

        for ref in ca.events.uses:
            definer = _definer_below(
                scope, pos, ref.name, ref.node, guarded[pos], above, reported
            )
            if definer is not None:
                reported.add(ref.name)
                yield ctx.at_node(
                    SPEC,
                    ca,
                    ref.node,
                    f"`{ref.name}` is read here, but no cell above defines it; cell "
                    f"{definer.index + 1} below does, so a top-to-bottom run raises "
                    "NameError",
                )
        for call, fname in _immediate_calls(scope.immediate(pos)):
            function = _resolve(functions, fname, pos, call.lineno)
            if function is None:
                continue
            for ref, owner in _reads(functions, function, pos, call.lineno):
                definer = _definer_below(
                    scope,
                    pos,
                    ref.name,
                    ref.node,
                    guarded[owner.position],
                    above,
                    reported,
                )
                if definer is not None:
                    reported.add(ref.name)
                    yield ctx.at_node(
                        SPEC,
                        ca,
                        call,
                        f"`{fname}` is called here and reads the global `{ref.name}`, "
                        f"which no cell above defines; cell {definer.index + 1} below "
                        "does, so a top-to-bottom run raises NameError",
                    )
        above |= cs.binds


def _definer_below(
    scope: NotebookScope,
    pos: int,
    name: str,
    node: ast.AST,
    guard: set[int],
    above: set[str],
    reported: set[str],
) -> CellScope | None:
    """The first cell below ``pos`` binding ``name``, if the read at ``node`` needs one."""
    if (
        name in above
        or name in reported
        or name in scope.cells[pos].binds
        or is_known_name(name)
        or id(node) in guard
    ):
        return None
    return scope.first_binder_below(name, pos)


def _functions(scope: NotebookScope) -> dict[str, list[_Function]]:
    """Module-level function definitions by name, in notebook order."""
    table: dict[str, list[_Function]] = {}
    for pos in range(len(scope.cells)):
        for node in scope.immediate(pos):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                module = ast.Module(body=[node], type_ignores=[])
                reads = name_events(module).deferred_uses
                table.setdefault(node.name, []).append(
                    _Function(pos, node.lineno, node, reads)
                )
    return table


def _resolve(
    functions: dict[str, list[_Function]], name: str, pos: int, line: int
) -> _Function | None:
    """The definition of ``name`` in effect at ``line`` of the cell at ``pos``."""
    found = None
    for function in functions.get(name, []):
        if function.position < pos or (
            function.position == pos and function.line < line
        ):
            found = function
    return found


def _reads(
    functions: dict[str, list[_Function]], function: _Function, pos: int, line: int
) -> Iterator[tuple[NameRef, _Function]]:
    """Globals a call reads, through the functions it calls in turn."""
    seen: set[int] = set()
    stack = [function]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        for ref in current.reads:
            callee = _resolve(functions, ref.name, pos, line)
            if callee is not None:
                stack.append(callee)
            else:
                yield ref, current


def _immediate_calls(nodes: Iterable[ast.AST]) -> list[tuple[ast.Call, str]]:
    """Calls made when the cell runs: ``f(...)``, and ``f`` passed as a callback."""
    found: list[tuple[ast.Call, str]] = []
    for node in nodes:
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Name):
            found.append((node, node.func.id))
        for arg in [*node.args, *(kw.value for kw in node.keywords)]:
            if isinstance(arg, ast.Name):
                found.append((node, arg.id))
    found.sort(key=lambda item: (item[0].lineno, item[0].col_offset))
    return found
