"""
## What it does
Flags a string literal that is an absolute file system path: `/data/train.csv`,
`C:\\data\\train.csv`, `\\\\server\\share\\x.csv`. A string starting with `/` counts when it
is used as a path (passed to `open`, `Path`, `os.path`, `shutil`, `glob`, a pandas or
NumPy read or write, a `path=`/`dir=` keyword, or bound to a name ending in `path`, `dir`,
`file`, `folder` or `root`), or when it looks like a path on its own (a known file
extension, or a root such as `/data/`, `/mnt/`, `/tmp/` with at least two parts).
URLs, URL routes (`@app.get("/predict")`), regular expressions and path tails
(`root + "/x.csv"`) are not flagged. Paths inside a home directory are left to NBP021,
and the argument of `os.chdir` / `sys.path.append` to NBP022 / NBP023. The `parameters`
cell is not checked: an absolute default there is a parameter a run can override.

## Why is this bad?
An absolute path names a place on one machine. On a colleague's laptop, in CI or in a
container the file is not there (or is a different file), and the notebook fails or,
worse, silently reads other data.

## Example
```python
df = pd.read_csv("/data/projects/churn/train.csv")
```

## Use instead
Make the location a parameter, relative to the project or given at run time:
```python
# parameters cell
data_dir = "data"
# later
df = pd.read_csv(Path(data_dir) / "train.csv")
```

## What export does
Does not block export. A path in a file read or write is lifted into a pipeline
parameter (see NBP052), with the literal as its default; the package README lists the
finding so the default can be changed.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._paths import display, is_absolute_path, string_literals, user_home

SPEC = RuleSpec(
    code="NBP020",
    name="hardcoded-absolute-path",
    category=Category.HARDCODED_PATH,
    severity=Severity.WARNING,
)

#: Calls other rules of this category report (the call, not the path, is the problem).
REPORTED_ELSEWHERE = frozenset(
    {
        "os.chdir",
        "sys.path.append",
        "sys.path.insert",
        "sys.path.extend",
        "site.addsitedir",
    }
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    analysis = ctx.analysis
    for ca in analysis.cells:
        if "parameters" in ca.cell.tags or "injected-parameters" in ca.cell.tags:
            continue
        for lit in string_literals(analysis, ca):
            if lit.call in REPORTED_ELSEWHERE or not is_absolute_path(lit):
                continue
            if user_home(lit.head) is not None:
                continue  # NBP021 reports it, more precisely
            yield ctx.at_node(
                SPEC,
                ca,
                lit.node,
                f"absolute path '{display(lit)}' only exists on one machine; make it "
                "a parameter or a path relative to the project",
            )
