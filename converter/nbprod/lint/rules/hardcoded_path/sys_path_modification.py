"""
## What it does
Flags edits of the module search path: `sys.path.append(...)`, `sys.path.insert(...)`,
`sys.path.extend(...)`, `sys.path += [...]`, assignments to `sys.path` or a slice of it,
and `site.addsitedir(...)`.

## Why is this bad?
The notebook imports code from wherever that directory happens to be on the author's
machine, usually a sibling checkout or a home folder. The dependency is invisible to
packaging tools, and another machine either fails to import or imports a different
version of the code.

## Example
```python
import sys
sys.path.append("../src")
from features import build_features
```

## Use instead
Make the code an installable package and declare it as a dependency
(`pip install -e ../src`, a path dependency in `pyproject.toml`).

## What export does
The edit stays in the step's code and the package README lists this finding: the
imported local code must be installed (or vendored) next to the package.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ....analysis.symbols import qualified_name
from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec

SPEC = RuleSpec(
    code="NBP023",
    name="sys-path-modification",
    category=Category.HARDCODED_PATH,
    severity=Severity.WARNING,
)

PATH_EDIT_CALLS = frozenset(
    {
        "sys.path.append",
        "sys.path.insert",
        "sys.path.extend",
        "sys.path.__iadd__",
        "site.addsitedir",
    }
)
MESSAGE = (
    "{what} makes imports depend on a directory of this machine; install the code as a "
    "package and declare it as a dependency instead"
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    analysis = ctx.analysis
    aliases = analysis.aliases
    for site in analysis.calls:
        if site.qualname in PATH_EDIT_CALLS:
            yield ctx.at_node(
                SPEC, site.cell, site.node, MESSAGE.format(what=f"`{site.qualname}`")
            )
    for ca in analysis.cells:
        for node in ca.walk():
            targets: list[ast.expr] = []
            if isinstance(node, ast.AugAssign):
                targets = [node.target]
            elif isinstance(node, ast.Assign):
                targets = node.targets
            for target in targets:
                base = target.value if isinstance(target, ast.Subscript) else target
                if qualified_name(base, aliases) == "sys.path":
                    yield ctx.at_node(
                        SPEC, ca, node, MESSAGE.format(what="assigning to `sys.path`")
                    )
                    break
