"""
## What it does
Reports once per notebook when it imports third-party packages but no dependency file
(`requirements*.txt`, a `pyproject.toml` with dependencies, `environment.yml`,
`setup.cfg`, `Pipfile`) exists in its folder or any folder above it, up to the repository
root. Nothing is reported for a notebook that is not a file on disk.

## Why is this bad?
Without a dependency file nobody can recreate the environment the notebook ran in: not a
colleague, not CI, not the production image. Versions drift silently and the notebook
stops working months later for reasons no one can reconstruct.

## Example
```text
analysis/
  churn.ipynb     # imports pandas, sklearn, xgboost
                  # ...and no requirements.txt or pyproject.toml anywhere above
```

## Use instead
Add a `requirements.txt` (or `pyproject.toml`) next to the notebook or at the project's
root that lists the packages the notebook imports, with versions
(`pip freeze | grep -i -E "pandas|scikit-learn"` shows the ones in use).

## What export does
Generates `pyproject.toml` for the exported package from the notebook's imports, pinned
to the versions of the environment that ran it where known, else of the current one.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._declarations import declarations_for, notebook_folder
from .undeclared_dependency import third_party_imports

SPEC = RuleSpec(
    code="NBP123",
    name="no-dependency-declaration",
    category=Category.DEPENDENCY,
    severity=Severity.INFO,
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    folder = notebook_folder(ctx.notebook.path)
    if folder is None or declarations_for(ctx.analysis, folder) is not None:
        return
    modules = [
        record.top_level for _ca, record in third_party_imports(ctx, folder, None)
    ]
    if not modules:
        return
    shown = ", ".join(modules[:5]) + (
        f" and {len(modules) - 5} more" if len(modules) > 5 else ""
    )
    yield ctx.on_notebook(
        SPEC,
        f"the notebook imports {shown} but no requirements.txt, pyproject.toml or "
        "environment.yml declares its dependencies (looked from its folder up to the "
        "repository root)",
    )
