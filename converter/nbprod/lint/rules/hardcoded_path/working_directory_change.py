"""
## What it does
Flags changes of the kernel's working directory: `os.chdir(...)`, `os.fchdir(...)`, and
the `%cd` and `%pushd` magics. (`!cd dir` runs in a throw-away shell and changes nothing;
it is not flagged.)

## Why is this bad?
Every relative path after the change depends on where the kernel started and on how many
times the cell ran: running `os.chdir("..")` twice moves up two levels. This is hidden
state a top-to-bottom run in another directory (CI, a scheduler, a container) does not
reproduce.

## Example
```python
import os
os.chdir("../data")
df = pd.read_csv("train.csv")
```

## Use instead
Build paths from a base directory instead of moving the process:
```python
data_dir = Path("../data")
df = pd.read_csv(data_dir / "train.csv")
```

## What export does
Export removes `%cd` with the other magics (noted in the package README); an
`os.chdir` call stays in the step's code, and the README lists this finding.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec

SPEC = RuleSpec(
    code="NBP022",
    name="working-directory-change",
    category=Category.HARDCODED_PATH,
    severity=Severity.WARNING,
)

CHDIR_CALLS = frozenset({"os.chdir", "os.fchdir"})
CD_MAGICS = frozenset({"cd", "pushd"})


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    analysis = ctx.analysis
    for site in analysis.calls:
        if site.qualname in CHDIR_CALLS:
            yield ctx.at_node(
                SPEC,
                site.cell,
                site.node,
                f"`{site.qualname}` changes the working directory: relative paths below "
                "depend on where, and how many times, this cell ran",
            )
    for ca, magic in analysis.magics:
        if magic.kind == "line" and magic.name in CD_MAGICS:
            yield ctx.at_node(
                SPEC,
                ca,
                magic.node,
                f"`%{magic.name}` changes the working directory: relative paths below "
                "depend on where, and how many times, this cell ran",
            )
