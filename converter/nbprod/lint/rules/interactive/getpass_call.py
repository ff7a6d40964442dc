"""
## What it does
Flags `getpass.getpass()` (however imported), which prompts for a password on the
terminal or in the notebook. `getpass.getuser()` is not flagged.

## Why is this bad?
It is the right instinct (the password is not in the notebook), but a scheduled run has no
one to type it: the run hangs or fails, and the notebook cannot be executed unattended.

## Example
```python
from getpass import getpass
password = getpass("Database password: ")
```

## Use instead
```python
import os
password = os.environ["DB_PASSWORD"]
```
In production, inject it from a secret store as an environment variable.

## What export does
Export refuses the notebook with this finding (an error) unless forced: the generated
step would hang waiting for input.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._common import calls_to

SPEC = RuleSpec(
    code="NBP091",
    name="getpass-call",
    category=Category.INTERACTIVE,
    severity=Severity.ERROR,
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for site in calls_to(ctx, frozenset({"getpass.getpass"})):
        yield ctx.at_node(
            SPEC,
            site.cell,
            site.node,
            "`getpass()` prompts for a secret, which a batch run cannot answer; read it "
            'from an environment variable such as os.environ["DB_PASSWORD"]',
        )
