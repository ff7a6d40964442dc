"""
## What it does
Flags a read of a global name that no cell of the notebook defines and that is not a
builtin or a name the kernel provides. Reads inside function bodies count too: the
function raises `NameError` whenever it is called.

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
unless run with `--force`.
"""

from __future__ import annotations

from collections.abc import Iterator

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
            where = "inside a function body " if deferred else ""
            yield ctx.at_node(
                SPEC,
                ca,
                ref.node,
                f"`{name}` is read {where}but no cell defines it and it is not a "
                "builtin; a fresh run raises NameError",
            )
