"""
## What it does
Flags a path inside a person's home directory: `/Users/<name>/...`,
`/home/<name>/...`, `C:\\Users\\<name>\\...`, `/mnt/c/Users/<name>/...` (WSL), `/root/...`,
`~/...`, `$HOME/...`, and `Path.home()`. It checks string literals everywhere (the
`parameters` cell included) and the arguments of magics and shell lines
(`%cd ~/project`, `!python /home/alice/prep.py`).

## Why is this bad?
The path exists only on the author's machine and account: every other person, CI job or
container fails on it. It also leaks a user name into a shared file. It is a warning and
not an error because export lifts it into a parameter that a run can override; the notebook
itself is not wrong, only not portable.

## Example
```python
df = pd.read_csv("/Users/alice/Downloads/churn.csv")
```

## Use instead
Keep data in the project (or a shared location) and pass its location as a parameter:
```python
# parameters cell
input_path = "data/churn.csv"
# later
df = pd.read_csv(input_path)
```

## What export does
Does not block export. A path in a file read or write is lifted into a pipeline
parameter (see NBP052) whose default must be overridden; the package README lists the
finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._paths import display, shorten, string_literals, user_home

SPEC = RuleSpec(
    code="NBP021",
    name="user-specific-path",
    category=Category.HARDCODED_PATH,
    severity=Severity.WARNING,
)

_HOME_CALLS = frozenset({"pathlib.Path.home", "pathlib.PosixPath.home"})
_SHELL_CELL_MAGICS = frozenset({"bash", "sh", "script", "system"})
_SHELL_WORD = re.compile(r"[^\s'\"=;|&()<>]+")


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    analysis = ctx.analysis
    for ca in analysis.cells:
        for lit in string_literals(analysis, ca):
            if lit.excluded or "://" in lit.head.replace("file://", ""):
                continue
            user = user_home(lit.head, bare_shorthand=lit.path_context)
            if user is not None:
                yield ctx.at_node(SPEC, ca, lit.node, _message(display(lit), user))
    for site in analysis.calls:
        if site.qualname in _HOME_CALLS:
            yield ctx.at_node(
                SPEC,
                site.cell,
                site.node,
                "`Path.home()` points into the home directory of whoever runs the "
                "notebook; make the location a parameter",
            )
    for ca, magic in analysis.magics:
        text = magic.args
        if magic.kind == "cell" and magic.name in _SHELL_CELL_MAGICS:
            text += "\n" + magic.body
        changes_dir = magic.kind == "line" and magic.name in ("cd", "pushd")
        for word in _SHELL_WORD.findall(text):
            user = user_home(word, bare_shorthand=changes_dir)
            if user is not None:
                what = f"%{magic.name}" if magic.name else "shell command"
                yield ctx.at_node(
                    SPEC, ca, magic.node, f"{what}: {_message(word, user)}"
                )
                break


def _message(path: str, user: str) -> str:
    if user == "~":
        return (
            f"path '{shorten(path)}' is inside the home directory of whoever runs the "
            "notebook; make the location a parameter"
        )
    return (
        f"path '{shorten(path)}' is inside the home directory of user "
        f"'{shorten(user, 30)}'; it exists only on that machine and account"
    )
