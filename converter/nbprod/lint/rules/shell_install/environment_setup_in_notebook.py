"""
## What it does
Flags other commands that set up the environment from a notebook:

- fetching or switching code: `!git clone`, `!git pull`, `!git checkout`, `!git submodule`;
- installing with other package managers: `!npm install`, `!yarn add`, `!poetry add`,
  `!uv add` / `uv sync`, `!pipx install`, `!cargo install`, `!gem install`, and
  `!pip uninstall`;
- environment variables: `%env NAME=value`, `%set_env NAME value`, and `!export NAME=...`
  (which runs in a throwaway shell and has no effect on the kernel at all);
- permissions: `!chmod`, `!chown`;
- `%load_ext cudf.pandas`, which swaps pandas for a GPU implementation, and `%dotenv`,
  which loads variables from a `.env` file.

Reading commands (`%env` alone, `%env NAME`, `git status`) are not flagged. Neither is
`!mkdir -p out`: creating an output folder is harmless and the exported pipeline creates
its own product folders. Other `%load_ext` extensions (`autoreload`, `tensorboard`,
`sql`, profilers, formatters) are interactive conveniences that export drops with the
magics; they do not change what the code computes.

## Why is this bad?
The notebook only works on a machine prepared by its own cells: code cloned at run time
(whatever the branch holds that day), variables set inline instead of by the deployment,
files made executable by hand. A production run starts from an image and configuration
built beforehand, where none of these steps run or are allowed.

## Example
```python
!git clone https://github.com/org/helpers.git
%env MODEL_DIR=/data/models
```

## Use instead
Declare cloned code as a dependency (a pinned `git+https://...@tag` requirement), set
environment variables in the deployment (or read them with `os.environ.get` and a
default), and prepare files in the image.

## What export does
Removes magics and shell setup from the generated code; the environment variables the
notebook reads are declared in the package's README, `.env.example` and deployment
descriptors, where their values belong.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ....analysis.shell import ShellCommand, invocation, shell_commands
from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._commands import by_location

SPEC = RuleSpec(
    code="NBP043",
    name="environment-setup-in-notebook",
    category=Category.SHELL_INSTALL,
    severity=Severity.WARNING,
)

GIT_CHANGING = frozenset({"clone", "pull", "checkout", "switch", "submodule", "reset"})
#: Other package managers and the subcommands that install or change packages.
INSTALLERS = {
    "npm": {"install", "i", "ci", "add", "update"},
    "yarn": {"add", "install"},
    "pnpm": {"add", "install", "i"},
    "poetry": {"add", "install", "update", "remove"},
    "uv": {"add", "sync", "remove", "venv"},
    "pipx": {"install", "inject"},
    "cargo": {"install"},
    "gem": {"install"},
    "go": {"install", "get"},
    "pip": {"uninstall"},
    "virtualenv": set(),
    "venv": set(),
}
#: Extensions whose loading changes what the notebook's code computes.
SEMANTIC_EXTENSIONS = frozenset({"cudf.pandas"})
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def command_setup(command: ShellCommand) -> str | None:
    """Why a shell command is environment setup, or None."""
    tool, args, sudo = invocation(command.argv)
    if sudo:
        return None  # the system-package rule reports sudo
    words = [w for w in args if not w.startswith("-")]
    first = words[0] if words else ""
    if tool == "git" and first in GIT_CHANGING:
        return f"`git {first}` changes the code the notebook runs at run time"
    if tool in INSTALLERS and (not INSTALLERS[tool] or first in INSTALLERS[tool]):
        what = f"{tool} {first}".strip()
        return f"`{what}` changes installed packages from the notebook"
    if tool == "export" and words:
        name = words[0].split("=", 1)[0]
        return (
            f"`export {name}` sets a variable in a throwaway shell that never reaches "
            "the kernel"
        )
    if tool in {"chmod", "chown"}:
        return f"`{tool}` changes file permissions from the notebook"
    return None


def magic_setup(name: str, args: str) -> str | None:
    """Why a line magic is environment setup, or None."""
    text = args.strip()
    if name == "env" and text:
        variable, sep, _value = text.partition("=")
        if not sep:
            parts = text.split(None, 1)
            variable, sep = parts[0], " " if len(parts) == 2 else ""
        if sep and _ENV_NAME.match(variable.strip()):
            return f"`%env` sets {variable.strip()} in the notebook"
    if name == "set_env" and len(text.split(None, 1)) == 2:
        return f"`%set_env` sets {text.split()[0]} in the notebook"
    if name == "load_ext" and text.split() and text.split()[0] in SEMANTIC_EXTENSIONS:
        return f"`%load_ext {text.split()[0]}` changes which library the code runs on"
    if name == "dotenv":
        return "`%dotenv` loads variables from a .env file into the kernel"
    return None


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    found: list[tuple[int, tuple[int, int, int, int], Diagnostic]] = []
    for group in by_location(shell_commands(ctx.analysis)):
        reasons = [r for c in group if (r := command_setup(c)) is not None]
        if reasons:
            command = group[0]
            message = "; ".join(dict.fromkeys(reasons)) + (
                "; set the environment up before the notebook runs"
            )
            found.append(
                (
                    command.cell.index,
                    command.span,
                    ctx.at_range(SPEC, command.cell.cell, command.span, message),
                )
            )
    for ca, magic in ctx.analysis.magics:
        if magic.kind != "line":
            continue
        reason = magic_setup(magic.name, magic.args)
        if reason is not None:
            span = ca.span(magic.node)
            message = f"{reason}; set the environment up before the notebook runs"
            found.append((ca.index, span, ctx.at_range(SPEC, ca.cell, span, message)))
    found.sort(key=lambda item: (item[0], item[1]))
    for _index, _span, diagnostic in found:
        yield diagnostic
