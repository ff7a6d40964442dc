"""
## What it does
Flags a read of a global name that no cell of the notebook defines and that is not a
builtin or a name the kernel provides. Reads inside function bodies count too: the
function raises `NameError` whenever it is called. Such a read inside a top-level function
that no cell calls or otherwise reads (an exercise left unused, a helper kept for later) is
reported as a warning rather than an error: a fresh run, like the exported package, goes
through without calling it.

To stay precise it says nothing for a notebook with `%run`, `%load`, `exec`, writes to
`globals()`, or a star import whose names cannot be read from the module's source (a
literal `__all__`, or plain top-level definitions, read without importing anything):
any name could come from those. It skips names that
magics bind (`%%capture out`, `%store -r model`, `%%sql result <<`), and skips reads
guarded by `try: ... except NameError` or `if "x" in globals()`.

## Why is this bad?
The name only existed in the kernel session that produced the saved notebook: a cell that
defined it was deleted or edited, or it was typed in a console. A fresh run fails with
`NameError`.

## Example
```python
# cell 1
df = load()
# cell 2 (the cell defining `features` was deleted)
model.fit(df[features], df["y"])
```

## Use instead
Restore the definition in a cell above the use:
```python
features = ["age", "income"]
model.fit(df[features], df["y"])
```

## What export does
Nothing can supply the missing value: this finding is an error, so export stops on it
unless run with `--force`. A warning (the read is inside a function no cell calls) does
not stop it: the function is exported as written, and the package runs as the notebook
does.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import replace

from ....analysis import NameRef
from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._scope import NotebookScope, is_known_name

SPEC = RuleSpec(
    code="NBP011",
    name="undefined-name",
    category=Category.HIDDEN_STATE,
    severity=Severity.ERROR,
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    scope = NotebookScope.of(ctx.analysis)
    if scope.any_opaque:
        return
    defined: set[str] = set(scope.mentioned_by_magics)
    for cs in scope.cells:
        defined |= cs.binds
    uncalled: dict[int, str] | None = None  # built on the first read inside a function
    for cs in scope.cells:
        ca = cs.analysis
        guarded = cs.guarded
        reads: dict[str, tuple[NameRef, bool]] = {}
        for ref in ca.events.uses:
            reads.setdefault(ref.name, (ref, False))
        for ref in ca.events.deferred_uses:
            reads.setdefault(ref.name, (ref, True))
        for name, (ref, deferred) in reads.items():
            if name in defined or is_known_name(name) or id(ref.node) in guarded:
                continue
            function = None
            if deferred:
                if uncalled is None:
                    uncalled = _inside_uncalled_functions(scope)
                function = uncalled.get(id(ref.node))
            if function is not None:
                finding = ctx.at_node(
                    SPEC,
                    ca,
                    ref.node,
                    f"`{name}` is read inside `{function}`, which no cell calls, but no "
                    f"cell defines it and it is not a builtin; calling `{function}` "
                    "raises NameError",
                )
                yield replace(finding, severity=Severity.WARNING)
                continue
            where = "inside a function body " if deferred else ""
            yield ctx.at_node(
                SPEC,
                ca,
                ref.node,
                f"`{name}` is read {where}but no cell defines it and it is not a "
                "builtin; a fresh run raises NameError",
            )


def _inside_uncalled_functions(scope: NotebookScope) -> dict[int, str]:
    """``id`` of every node inside a top-level function that no cell reads -> its name.

    A read of the function's name anywhere but in its own body (a call, a reference
    passed on, a decorator) counts as a use.
    """
    functions: dict[str, list[ast.AST]] = {}
    for cs in scope.cells:
        tree = cs.analysis.tree
        for stmt in tree.body if tree is not None else ():
            if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
                functions.setdefault(stmt.name, []).append(stmt)
    owner = {
        id(node): name
        for name, defs in functions.items()
        for definition in defs
        for node in ast.walk(definition)
    }
    used: set[str] = set()
    for cs in scope.cells:
        for node in cs.analysis.of_type(ast.Name, ordered=False):
            name = node.id  # type: ignore[attr-defined]
            if (
                name in functions
                and isinstance(node.ctx, ast.Load)  # type: ignore[attr-defined]
                and owner.get(id(node)) != name
            ):
                used.add(name)
    return {key: name for key, name in owner.items() if name not in used}
