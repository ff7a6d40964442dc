"""
## What it does
Flags a credential stored in notebook metadata or cell metadata: any string value, at any
depth, that holds a token, key, private key, credentialed URL or high-entropy string, or
that sits under a credential key (`{"api_key": "..."}`), including code snippets in any
string form (`f"postgresql://user:pw@{host}/db"`). Placeholders are not flagged (see
NBP030). Findings about notebook metadata are notebook-level (no cell); at most
1,000,000 characters are scanned per metadata object.

## Why is this bad?
Metadata is invisible in the notebook editor but saved in the file: extensions, widgets
and hand-edited configuration put values there that nobody reviews, and they travel with
every copy of the notebook.

## Example
```json
{"metadata": {"connection": {"password": "hunter2"}}}
```

## Use instead
Delete the value from the metadata (Property Inspector, or edit the JSON), keep
credentials in the environment or a secret store, and revoke the leaked one.

## What export does
Export does not copy notebook or cell metadata values into generated files; the finding
is an error so that the notebook, which still holds the value, gets cleaned.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._detect import article, scan_json

SPEC = RuleSpec(
    code="NBP032",
    name="secret-in-metadata",
    category=Category.SECRET,
    severity=Severity.ERROR,
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for finding in scan_json(dict(ctx.notebook.metadata)):
        yield ctx.on_notebook(
            SPEC,
            f"notebook metadata `{finding.path}` holds {article(finding.kind)}; delete it and "
            "revoke it",
        )
    for cell in ctx.notebook.cells:
        if not cell.metadata:
            continue
        for finding in scan_json(dict(cell.metadata)):
            yield ctx.at_cell(
                SPEC,
                cell,
                f"cell metadata `{finding.path}` holds {article(finding.kind)}; delete it and "
                "revoke it",
            )
