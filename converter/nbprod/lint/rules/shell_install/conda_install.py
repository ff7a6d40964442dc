"""
## What it does
Flags `conda`, `mamba` and `micromamba` commands that change the environment from a
notebook: `%conda install`, `!conda install`, `!mamba install`, `!micromamba install`,
and `update`, `upgrade`, `remove`, `create`, `env create`, `env update`. Read-only commands
(`conda list`, `conda info`, `conda env list`) are not flagged.

## Why is this bad?
The notebook builds its own environment while it runs: every production run would solve
and download packages, which is slow, needs network access, and can resolve differently
from one day to the next. The packages do not appear in `environment.yml`, so nobody else
can recreate the environment.

## Example
```python
%conda install -c conda-forge lightgbm
```

## Use instead
Declare the packages in `environment.yml` (or `requirements.txt`) and create the
environment before starting the kernel.

## What export does
Removes the command from the generated code and lists the packages among the package's
runtime dependencies.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....analysis.shell import invocation, shell_commands
from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._commands import by_location, label, listing

SPEC = RuleSpec(
    code="NBP041",
    name="conda-install",
    category=Category.SHELL_INSTALL,
    severity=Severity.WARNING,
)

CONDA_TOOLS = frozenset({"conda", "mamba", "micromamba"})
CHANGING = frozenset({"install", "update", "upgrade", "remove", "uninstall", "create"})
ENV_CHANGING = frozenset({"create", "update", "remove"})
#: conda options that take a value as the next word.
OPTIONS_WITH_VALUE = frozenset(
    {
        "-c",
        "--channel",
        "-n",
        "--name",
        "-p",
        "--prefix",
        "--file",
        "-f",
        "--solver",
        "--repodata-fn",
        "--platform",
        "--subdir",
        "--override-channels-with",
    }
)


def conda_change(argv: tuple[str, ...]) -> tuple[str, str, list[str]] | None:
    """``(tool, action, packages)`` for a conda-family command that changes packages."""
    tool, args, _sudo = invocation(argv)
    if tool not in CONDA_TOOLS:
        return None
    words = list(args)
    while words and words[0].startswith("-"):
        words.pop(0)
    if not words:
        return None
    action = words[0]
    rest = words[1:]
    if action == "env" and rest and rest[0] in ENV_CHANGING:
        action, rest = f"env {rest[0]}", rest[1:]
    elif action not in CHANGING:
        return None
    packages: list[str] = []
    skip = False
    for word in rest:
        if skip:
            skip = False
        elif word.startswith("-"):
            skip = word in OPTIONS_WITH_VALUE
        else:
            packages.append(word)
    return tool, action, packages


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for group in by_location(shell_commands(ctx.analysis)):
        changes = [(c, found) for c in group if (found := conda_change(c.argv))]
        if not changes:
            continue
        command, (_tool, action, _packages) = changes[0]
        packages = [p for _c, (_t, _a, found) in changes for p in found]
        what = f" ({listing(packages)})" if packages else ""
        yield ctx.at_range(
            SPEC,
            command.cell.cell,
            command.span,
            f"{label(command, action.split()[-1])} changes the environment{what} from the "
            "notebook; declare the packages in environment.yml instead",
        )
