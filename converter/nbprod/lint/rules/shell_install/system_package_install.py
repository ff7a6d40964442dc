"""
## What it does
Flags system-level setup run from a notebook: package managers of the operating system
(`!apt-get install`, `!apt install`, `!yum`/`!dnf install`, `!apk add`, `!brew install`,
`!snap install`, `!choco install`, `!pacman -S`, `!dpkg -i`) and any command run with
`sudo`. `sudo pip install` and `sudo conda install` are left to the pip and conda rules.

## Why is this bad?
A production job runs in an image it may not modify, without root and often without
network access. Installing system packages from the notebook makes every run slower, can
fail half-way, and hides a requirement of the project (a compiler, `graphviz`, `libgomp`)
that whoever builds the image needs to know about.

## Example
```python
!apt-get update && apt-get install -y graphviz
```

## Use instead
Install system packages when building the image (a `Dockerfile` `RUN apt-get install`
line) or document them in the project's README, and keep the notebook free of setup.

## What export does
Removes the command from the generated code; system packages belong in the Dockerfile of
the exported package, where they are installed once, at build time.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....analysis.shell import ShellCommand, invocation, shell_commands
from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._commands import by_location, listing

SPEC = RuleSpec(
    code="NBP042",
    name="system-package-install",
    category=Category.SHELL_INSTALL,
    severity=Severity.WARNING,
)

#: Package managers and the subcommands that change the system.
MANAGERS = {
    "apt-get": {
        "install",
        "reinstall",
        "update",
        "upgrade",
        "dist-upgrade",
        "remove",
        "purge",
        "autoremove",
        "build-dep",
    },
    "apt": {
        "install",
        "reinstall",
        "update",
        "upgrade",
        "full-upgrade",
        "remove",
        "purge",
        "autoremove",
    },
    "aptitude": {"install", "reinstall", "update", "upgrade", "remove", "purge"},
    "yum": {
        "install",
        "reinstall",
        "update",
        "upgrade",
        "remove",
        "erase",
        "groupinstall",
        "localinstall",
    },
    "dnf": {
        "install",
        "reinstall",
        "update",
        "upgrade",
        "remove",
        "erase",
        "groupinstall",
    },
    "zypper": {"install", "in", "update", "up", "remove", "rm"},
    "apk": {"add", "del", "update", "upgrade"},
    "brew": {"install", "reinstall", "upgrade", "update", "uninstall", "tap"},
    "port": {"install", "upgrade", "uninstall"},
    "snap": {"install", "refresh", "remove"},
    "choco": {"install", "upgrade", "uninstall"},
}
#: Tools whose sudo use is reported by the pip and conda rules instead.
_OTHER_RULES = frozenset({"pip", "conda", "mamba", "micromamba", "uv"})


def system_change(argv: tuple[str, ...]) -> str | None:
    """A short description of a system-level command, or None."""
    tool, args, sudo = invocation(argv)
    packages = [w for w in args if not w.startswith("-")]
    if tool in MANAGERS and packages and packages[0] in MANAGERS[tool]:
        action, names = packages[0], packages[1:]
        what = f" {listing(names)}" if names else ""
        return f"`{tool} {action}`{what}"
    if tool == "pacman" and any(w[:2] in {"-S", "-U", "-R"} for w in args):
        return f"`pacman` {listing(packages)}".rstrip()
    if tool == "dpkg" and any(
        w in {"-i", "--install", "-r", "--remove", "-P"} for w in args
    ):
        return f"`dpkg` {listing(packages)}".rstrip()
    if sudo and tool and tool not in _OTHER_RULES:
        return f"`sudo {tool}`"
    return None


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for group in by_location(shell_commands(ctx.analysis)):
        found: list[tuple[ShellCommand, str]] = [
            (c, what) for c in group if (what := system_change(c.argv)) is not None
        ]
        if not found:
            continue
        command = found[0][0]
        what = "; ".join(text for _c, text in found)
        yield ctx.at_range(
            SPEC,
            command.cell.cell,
            command.span,
            f"system setup from the notebook ({what}); do it when building the image "
            "(Dockerfile), not at run time",
        )
