"""
## What it does
Test-only rule: flags the first code cell, then fails with an IndexError whose message
quotes the cell's source (as a careless rule's exception could, secret included).

## Why is this bad?
It lets the tests check that one rule's crash never hides the others' findings, and that
the crash is reported without the exception's message or a traceback.

## Example
```python
password = "hunter2-hunter2"
```

## Use instead
Nothing; this rule exists only in tests.

## What export does
Nothing; this rule exists only in tests.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest
from nbprod.lint.context import LintContext
from nbprod.lint.diagnostic import Category, Diagnostic, Severity
from nbprod.lint.rule import Rule, RuleSpec

SPEC = RuleSpec(
    code="NBP998",
    name="test-crashing-rule",
    category=Category.EXECUTION_ORDER,
    severity=Severity.INFO,
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for ca in ctx.analysis.cells:
        yield ctx.at_cell(SPEC, ca.cell, "first code cell (before the crash)")
        raise IndexError(f"cannot handle {ca.cell.source!r}")


def register(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register this rule next to the real ones for the rest of the test."""
    from nbprod.lint import registry

    rules = (*registry.all_rules(), Rule.from_module(sys.modules[__name__]))
    monkeypatch.setattr(registry, "all_rules", lambda: rules)
