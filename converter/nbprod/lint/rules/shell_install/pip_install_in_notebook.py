"""
## What it does
Flags `pip install` run from a notebook, in every spelling: `!pip install`, `%pip install`,
`!python -m pip install`, `!{sys.executable} -m pip install`, `%uv pip install`, a
`%%bash` / `%%sh` / `%%script bash` cell that runs it, and `subprocess.run([...,
"pip", "install", ...])` or `os.system("pip install ...")`. Other pip subcommands
(`pip list`, `pip freeze`, `pip show`) are not flagged.

## Why is this bad?
The notebook changes its own environment while it runs: a production run would install
packages on every execution, needs network access and write access to site-packages, and
gets whatever version the index serves that day. The packages are also invisible to anyone
building the environment from the project's dependency files.

## Example
```python
!pip install pandas==2.2.1 scikit-learn
```

## Use instead
Declare the packages in `requirements.txt` or `pyproject.toml` and install them before
starting the kernel. The quick fix replaces the line by a note,
`# requirements: pandas==2.2.1 scikit-learn`, to move into the dependency file.

## What export does
Removes the install line from the generated code and adds the packages to the package's
pinned runtime dependencies in `pyproject.toml`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....analysis.shell import PipInstall, ShellCommand, pip_install, shell_commands
from ...context import LintContext
from ...diagnostic import Applicability, Category, Diagnostic, Edit, Fix, Severity
from ...rule import RuleSpec
from ._commands import PLAIN_REQUIREMENT, by_location, label, listing

SPEC = RuleSpec(
    code="NBP040",
    name="pip-install-in-notebook",
    category=Category.SHELL_INSTALL,
    severity=Severity.WARNING,
    fix="safe",
)

#: pip options that do not change what is installed; a line with others keeps no fix.
_HARMLESS_OPTIONS = frozenset(
    {
        "-q",
        "-qq",
        "-qqq",
        "--quiet",
        "-U",
        "--upgrade",
        "-qU",
        "-Uq",
        "-v",
        "--verbose",
        "--no-cache-dir",
        "--user",
        "--disable-pip-version-check",
        "--no-warn-script-location",
        "--no-warn-conflicts",
        "--progress-bar=off",
        "--root-user-action=ignore",
        "--break-system-packages",
    }
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for group in by_location(shell_commands(ctx.analysis)):
        installs = [(c, found) for c in group if (found := pip_install(c)) is not None]
        if not installs:
            continue
        described = [item for _c, found in installs for item in _describe(found)]
        what = listing(described) if described else "packages"
        message = (
            f"{label(installs[0][0], 'install')} installs {what} from the notebook; declare "
            "dependencies in requirements.txt or pyproject.toml instead"
        )
        fix = _fix(group, installs) if len(installs) == len(group) else None
        yield ctx.at_range(SPEC, group[0].cell.cell, group[0].span, message, fix)


def _describe(found: PipInstall) -> list[str]:
    return [
        *found.packages,
        *(f"the requirements of {name}" for name in found.requirement_files),
        *(f"{path} (editable)" for path in found.editables),
    ]


def _fix(
    group: list[ShellCommand],
    installs: list[tuple[ShellCommand, PipInstall]],
) -> Fix | None:
    first = group[0]
    if not first.standalone:
        return None
    packages: list[str] = []
    for command, found in installs:
        if found.requirement_files or found.editables or not found.packages:
            return None
        options = [w for w in command.argv if w.startswith("-") and w not in ("-m",)]
        if any(option not in _HARMLESS_OPTIONS for option in options):
            return None
        if not all(PLAIN_REQUIREMENT.match(p) for p in found.packages):
            return None
        packages.extend(found.packages)
    line, _column, end_line, _end_column = first.span
    lines = first.cell.cell.source.splitlines()
    if line != end_line or not 1 <= line <= len(lines):
        return None
    text = lines[line - 1]
    indent = text[: len(text) - len(text.lstrip())]
    note = indent + "# requirements: " + " ".join(dict.fromkeys(packages))
    edit = Edit(
        kind="replace",
        cell_index=first.cell.index,
        cell_id=first.cell.cell.id,
        line=line,
        column=1,
        end_line=line,
        end_column=len(text) + 1,
        content=note,
    )
    return Fix("Move to a requirements note", (edit,), Applicability.SAFE)
