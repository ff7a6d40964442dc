"""
## What it does
Flags a file name written as a literal in a file read or write (`pd.read_csv("x.csv")`,
`open("out.json", "w")`, `df.to_parquet(...)`, `joblib.dump(model, "model.pkl")`...)
outside the `parameters` cell. URLs (NBP14x), figures saved with `savefig`, and
`/dev/...` devices are not flagged.

It is independent of NBP020/NBP021: those say *where* a path points (an absolute or
home-directory location); this one says the input or output cannot be changed without
editing code, relative paths included. An absolute data path gets both findings, and this
rule's fix (lifting it into the `parameters` cell) resolves both.

## Why is this bad?
A pipeline reads its inputs and writes its outputs where the run says, not where the
notebook's author had them. With the names buried in the code, running on another month
of data, or writing to a run-specific folder, means editing the notebook.

## Example
```python
df = pd.read_csv("data/train.csv")
df.to_parquet("out/features.parquet")
```

## Use instead
```python
# parameters cell
train_path = "data/train.csv"
features_path = "out/features.parquet"
# later
df = pd.read_csv(train_path)
df.to_parquet(features_path)
```
The fix does exactly this (names come from the file name, else `input_path` /
`output_path`), creating the `parameters` cell after the imports if there is none. It is
only offered when the name is not used anywhere else in the notebook.

## What export does
Export lifts data paths into typed pipeline parameters (`--param`), with the literal as
default, named as the fix names them.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._lift import NameAllocator, identifier, is_parameters_cell, lift_fix

SPEC = RuleSpec(
    code="NBP052",
    name="hardcoded-data-path",
    category=Category.MISSING_PARAMETERS,
    severity=Severity.WARNING,
    fix="safe",
)

#: Writes that save a figure for a report, not data.
FIGURE_APIS = frozenset({"matplotlib.pyplot.savefig", ".savefig"})
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    analysis = ctx.analysis
    names = NameAllocator(analysis)
    seen: set[int] = set()
    for site in analysis.io:
        ca = site.call.cell
        path = site.path
        if path is None or is_parameters_cell(ca) or site.api in FIGURE_APIS:
            continue
        if (
            not path.strip()
            or path == "-"
            or _SCHEME.match(path)
            or path.startswith("/dev/")
        ):
            continue
        literal = _literal_node(site.target)
        if literal is None or id(literal) in seen:
            continue
        seen.add(id(literal))
        direction = "read" if site.kind == "read" else "write"
        fix = lift_fix(
            analysis, ca, literal, names.claim(_parameter_name(path, site.kind))
        )
        yield ctx.at_node(
            SPEC,
            ca,
            literal,
            f"data path '{_shorten(path)}' is hardcoded in a {direction} "
            f"(`{_api(site.api)}`); make it a parameter so a run can choose it",
            fix,
        )


def _literal_node(target: ast.expr | None) -> ast.expr | None:
    """The string literal inside a target (``Path("x.csv")`` gives ``"x.csv"``)."""
    if isinstance(target, ast.Constant | ast.JoinedStr):
        return target
    if isinstance(target, ast.Call) and len(target.args) == 1:
        return _literal_node(target.args[0])
    return None


def _parameter_name(path: str, kind: str) -> str:
    """``data/train.csv`` -> ``train_path``; else ``input_path`` / ``output_path``."""
    stem = re.split(r"[\\/]", path.rstrip("/\\"))[-1].split(".")[0]
    name = identifier(stem)
    if name is not None and len(name) <= 30:
        return name if name.endswith("_path") else f"{name}_path"
    return "input_path" if kind == "read" else "output_path"


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _api(api: str) -> str:
    """``builtins.open`` -> ``open``; ``.to_csv`` -> ``to_csv``."""
    return api.removeprefix("builtins.").lstrip(".")
