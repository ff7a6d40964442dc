"""
## What it does
Flags packages installed from a notebook without any version: `!pip install pandas`,
`%pip install -U scikit-learn`, `%conda install lightgbm`, in every spelling the
shell-install rules recognise. A package counts as versioned when it has a specifier
(`pandas==2.2.1`, `pandas>=2,<3`, conda's `numpy=1.26`), is a direct reference
(`pkg @ https://...`, a `git+https://...@v1.2` URL, a local wheel or folder), or comes from
a requirements file (`-r requirements.txt`, checked where it is declared).

## Why is this bad?
An unversioned install gets whatever the index serves on the day the notebook runs. The
same notebook then produces different results, or breaks, months later, and nobody can
tell which version the saved outputs came from.

## Example
```python
!pip install pandas scikit-learn
```

## Use instead
Declare the packages with versions in the project's dependency file (see NBP040); if an
install must stay in the notebook for now, pin it: `!pip install pandas==2.2.1`.

## What export does
Removes the install and pins the package in the generated `pyproject.toml` to the version
of the environment that ran the notebook, where known (else the current one).

This rule is *info*: NBP040 already reports every install from a notebook, and export
pins versions itself; this finding only adds which installs carry no version.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ....analysis.shell import pip_install, shell_commands
from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ..shell_install._commands import by_location, listing
from ..shell_install.conda_install import conda_change

SPEC = RuleSpec(
    code="NBP124",
    name="unpinned-install",
    category=Category.DEPENDENCY,
    severity=Severity.INFO,
)

BARE_NAME = re.compile(
    r"^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?(?:\[[A-Za-z0-9._, -]+\])?$"
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for group in by_location(shell_commands(ctx.analysis)):
        unpinned: list[str] = []
        for command in group:
            found = pip_install(command)
            if found is not None:
                unpinned += [p for p in found.packages if _bare(p)]
                continue
            change = conda_change(command.argv)
            if change is not None and change[1] in {
                "install",
                "update",
                "upgrade",
                "create",
            }:
                unpinned += [p for p in change[2] if _bare(p.split("::")[-1])]
        if not unpinned:
            continue
        plural = "s" if len(set(unpinned)) > 1 else ""
        yield ctx.at_range(
            SPEC,
            group[0].cell.cell,
            group[0].span,
            f"installs {listing(unpinned)} without a version; pin the package{plural} "
            "(`name==x.y.z`) where dependencies are declared",
        )


def _bare(requirement: str) -> bool:
    """A plain name, with no version, URL or path."""
    return (
        bool(BARE_NAME.match(requirement))
        and not requirement.endswith((".whl", ".gz", ".zip"))
        and requirement.lower() not in {".", "..", "pip", "setuptools", "wheel"}
    )
