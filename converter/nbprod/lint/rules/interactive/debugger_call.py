"""
## What it does
Flags code that stops in a debugger or an interactive shell: `breakpoint()`,
`pdb.set_trace()` and `pdb.post_mortem()`/`pdb.pm()`, `ipdb`, `pudb`, `IPython.embed()`,
`IPython.core.debugger.set_trace()`, `Pdb().set_trace()`, and the `%debug` and `%pdb`
magics (`%pdb off` is not flagged).

## Why is this bad?
A debugger waits for commands on standard input. In a scheduled run nobody types
`continue`: the run hangs until it is killed, or fails on end-of-file. These calls are
leftovers of an interactive session, not part of the analysis.

## Example
```python
for batch in loader:
    breakpoint()
    loss = step(batch)
```

## Use instead
Delete the call (the quick fix replaces it by `pass`, which keeps blocks valid), or
guard debugging behind a parameter that is off by default.

## What export does
Export refuses the notebook with this finding (an error) unless forced: the generated
step would hang.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from ....analysis import CallSite
from ....analysis.symbols import qualified_name
from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Edit, Fix, Severity
from ...rule import RuleSpec
from ._common import calls_to, statement_of

SPEC = RuleSpec(
    code="NBP092",
    name="debugger-call",
    category=Category.INTERACTIVE,
    severity=Severity.ERROR,
    fix="safe",
)

DEBUGGERS = frozenset(
    {
        "builtins.breakpoint",
        *(
            f"{module}.{function}"
            for module in ("pdb", "ipdb", "pudb", "web_pdb", "remote_pdb", "pdbpp")
            for function in ("set_trace", "post_mortem", "pm", "runcall", "run")
        ),
        "IPython.embed",
        "IPython.terminal.embed.embed",
        "IPython.core.debugger.set_trace",
        "IPython.core.debugger.Tracer",
        "IPython.terminal.debugger.set_trace",
        "debugpy.breakpoint",
        "debugpy.wait_for_client",
    }
)
#: Debugger classes whose instances' ``.set_trace()`` stops the run.
DEBUGGER_CLASSES = frozenset(
    {
        "pdb.Pdb",
        "ipdb.Pdb",
        "IPython.core.debugger.Pdb",
        "IPython.terminal.debugger.Pdb",
    }
)
MAGIC_LINE = re.compile(r"^\s*%{1,2}debug\b")


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for site in calls_to(ctx, DEBUGGERS):
        yield ctx.at_node(
            SPEC,
            site.cell,
            site.node,
            f"`{_short(site.qualname)}()` stops in a debugger and hangs a batch run; "
            "remove it",
            _fix(site),
        )
    aliases = ctx.analysis.aliases
    for site in ctx.analysis.calls:
        func = site.node.func
        if site.method != "set_trace" or site.qualname in DEBUGGERS:
            continue
        receiver = func.value if isinstance(func, ast.Attribute) else None
        if isinstance(receiver, ast.Call) and (
            qualified_name(receiver.func, aliases) in DEBUGGER_CLASSES
        ):
            yield ctx.at_node(
                SPEC,
                site.cell,
                site.node,
                "`Pdb().set_trace()` stops in a debugger and hangs a batch run; remove it",
                _fix(site),
            )
    seen: set[tuple[int, int]] = set()
    for ca, magic in ctx.analysis.magics:
        if magic.kind not in {"line", "cell"} or magic.name not in {"debug", "pdb"}:
            continue
        if magic.name == "pdb" and magic.args.strip().lower() in {"off", "0", "false"}:
            continue
        line = ca.span(magic.node)[0]
        seen.add((ca.index, line))
        yield ctx.at_node(
            SPEC,
            ca,
            magic.node,
            f"`%{magic.name}` starts the interactive debugger and hangs a batch run; "
            "remove it",
        )
    # ``%debug stmt`` is parsed as the statement it runs, so find the magic in the source.
    for ca in ctx.analysis.cells:
        if ca.parsed.line_map is None or "debug" not in ca.cell.source:
            continue
        for number, text in enumerate(ca.cell.source.splitlines(), start=1):
            if MAGIC_LINE.match(text) and (ca.index, number) not in seen:
                yield ctx.at_range(
                    SPEC,
                    ca.cell,
                    (number, 1, number, len(text) + 1),
                    "`%debug` starts the interactive debugger and hangs a batch run; "
                    "remove it",
                )


def _short(qualname: str | None) -> str:
    parts = (qualname or "debugger").split(".")
    return parts[-1] if parts[0] == "builtins" else ".".join(parts[-2:])


def _fix(site: CallSite) -> Fix | None:
    ca = site.cell
    if ca.parsed.line_map is not None:
        return None  # a cell with magics: positions of rewritten lines are not exact
    statement = statement_of(ca, site.node)
    if statement is None:
        return None
    line, column, end_line, end_column = ca.span(statement.value)
    return Fix(
        "Replace the debugger call by `pass`",
        (
            Edit(
                "replace",
                ca.index,
                ca.cell.id,
                line,
                column,
                end_line,
                end_column,
                "pass",
            ),
        ),
    )
