"""
## What it does
Flags `time.sleep(...)` (however imported), except `time.sleep(0)`.

## Why is this bad?
In a notebook, a sleep usually waits for something done by hand (a job to finish, a rate
limit, a file to appear) or slows a demo down. In a pipeline it wastes time on every run
and hides the real condition to wait for.

## Example
```python
submit(job)
time.sleep(600)  # wait for the job
results = fetch(job)
```

## Use instead
Wait for the condition itself: poll with a timeout and backoff (`tenacity`), use the
client's `wait()` API, or split the work into pipeline steps that depend on each other.

## What export does
Exports the call unchanged, so the warning stays true of the generated step.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._common import calls_to

SPEC = RuleSpec(
    code="NBP093",
    name="sleep-call",
    category=Category.INTERACTIVE,
    severity=Severity.WARNING,
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for site in calls_to(ctx, frozenset({"time.sleep"})):
        args = site.node.args
        if args and isinstance(args[0], ast.Constant) and args[0].value == 0:
            continue  # sleep(0) yields to other threads, it does not wait
        yield ctx.at_node(
            SPEC,
            site.cell,
            site.node,
            "`time.sleep()` makes every run wait; wait for the actual condition (poll "
            "with a timeout) or split the work into pipeline steps",
        )
