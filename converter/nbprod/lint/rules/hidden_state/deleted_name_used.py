"""
## What it does
Flags a read of a global name after a `del name` above it (in an earlier cell, or earlier
in the same cell) with no new definition in between, reading the notebook top to bottom.

Only unconditional `del` statements count (at the top level of a cell, not inside `if`,
`for` or `try`), and any definition in between, even a conditional one, clears the name.

## Why is this bad?
The notebook only worked because the cell that reads the name ran before the cell that
deleted it, or the name was defined again in a cell that was later removed. A top-to-bottom
run raises `NameError`.

## Example
```python
# cell 3
del raw_df
gc.collect()
# cell 4
raw_df.describe()
```

## Use instead
Read the name before deleting it, or define it again before the read:
```python
# cell 3
summary = raw_df.describe()
del raw_df
```

## What export does
The exported step would fail the same way: this finding is an error, so export stops
on it unless run with `--force`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ....analysis import name_events
from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._scope import NotebookScope

SPEC = RuleSpec(
    code="NBP012",
    name="deleted-name-used",
    category=Category.HIDDEN_STATE,
    severity=Severity.ERROR,
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    scope = NotebookScope.of(ctx.analysis)
    #: name -> (cell number, line) of the `del` that left it undefined
    deleted: dict[str, tuple[int, int]] = {}
    for cs in scope.cells:
        ca = cs.analysis
        if cs.opaque or ca.tree is None:
            deleted.clear()  # the cell might define anything again
            continue
        guarded = cs.guarded
        same_cell: dict[int, tuple[ast.AST, str, int]] = {}
        ended_deleted: dict[str, int] = {}
        magic_binds = cs.binds - set(ca.events.defines)
        body = ca.tree.body
        for position, stmt in enumerate(body):
            if not isinstance(stmt, ast.Delete):
                continue
            rest = name_events(ast.Module(body=body[position + 1 :], type_ignores=[]))
            for target in stmt.targets:
                for node in _deleted_names(target):
                    line = ca.span(node)[0]
                    for ref in rest.uses:
                        if ref.name == node.id and id(ref.node) not in guarded:
                            same_cell[id(ref.node)] = (ref.node, node.id, line)
                    if node.id in rest.defines or node.id in magic_binds:
                        ended_deleted.pop(node.id, None)
                    else:
                        ended_deleted[node.id] = line
        for ref in ca.events.uses:
            if (
                ref.name in deleted
                and id(ref.node) not in guarded
                and id(ref.node) not in same_cell
            ):
                cell_number, line = deleted[ref.name]
                yield ctx.at_node(
                    SPEC,
                    ca,
                    ref.node,
                    f"`{ref.name}` was deleted in cell {cell_number} (line {line}) and "
                    "no cell in between defines it again; a top-to-bottom run raises "
                    "NameError",
                )
        for read, name, line in same_cell.values():
            yield ctx.at_node(
                SPEC,
                ca,
                read,
                f"`{name}` was deleted on line {line} of this cell and not defined "
                "again before this read; a top-to-bottom run raises NameError",
            )
        for name in cs.binds:
            deleted.pop(name, None)
        for name, line in ended_deleted.items():
            deleted[name] = (ca.index + 1, line)


def _deleted_names(target: ast.expr) -> list[ast.Name]:
    """``del a, (b, c)``: the plain names deleted (not ``del d[k]`` or ``del o.attr``)."""
    if isinstance(target, ast.Name):
        return [target]
    if isinstance(target, ast.Tuple | ast.List):
        return [n for elt in target.elts for n in _deleted_names(elt)]
    return []
