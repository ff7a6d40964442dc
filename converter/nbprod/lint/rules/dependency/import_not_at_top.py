"""
## What it does
Flags a module-level import in a cell below the first cell that does real work, i.e.
imports scattered through the notebook instead of gathered at its top.

A cell does no "real work" when it only holds imports, magics and shell lines,
docstrings, literal settings (`SEED = 42`, `DATA_DIR = "data"`), configuration calls
(`pd.set_option`, `sns.set_theme`, `warnings.filterwarnings`, `np.random.seed`,
`load_dotenv`, `sys.path.append`) and assignments to library options
(`plt.rcParams[...] = ...`). Not flagged: imports inside functions (deliberately lazy),
imports under `if` (conditional on the platform or a flag), and `try: import x except
ImportError:` guards, which handle an optional dependency together with the fallback code
that follows them.

## Why is this bad?
A reader cannot see the notebook's dependencies in one place, a cell that uses a name may
depend on an import many cells further down once cells are reordered, and the
same module gets imported several times under different aliases.

## Example
```python
# cell 1
import pandas as pd
df = pd.read_csv("data.csv")
# cell 7
from sklearn.ensemble import RandomForestClassifier
```

## Use instead
Move imports into the first cell (or a dedicated imports cell at the top).

## What export does
Collects the imports each generated step needs at the top of its module, so the exported
code is fine either way; the finding is about the notebook's readability (info).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ....analysis import CellAnalysis
from ....analysis.parse import magic_call
from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec

SPEC = RuleSpec(
    code="NBP121",
    name="import-not-at-top",
    category=Category.DEPENDENCY,
    severity=Severity.INFO,
)

#: Calls that configure libraries rather than compute anything.
CONFIG_FUNCTIONS = frozenset(
    {
        "set_option",
        "set_theme",
        "set_style",
        "set_context",
        "set_palette",
        "set",
        "filterwarnings",
        "simplefilter",
        "seed",
        "manual_seed",
        "set_seed",
        "load_dotenv",
        "basicConfig",
        "style.use",
        "use",
        "append",
        "insert",
        "init_notebook_mode",
        "enable_eager_execution",
        "set_printoptions",
        "rc",
        "setLevel",
        "disable",
    }
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    first_work: CellAnalysis | None = None
    imported: dict[str, int] = {}
    for ca in ctx.analysis.cells:
        tree = ca.tree
        if tree is None:
            continue
        if first_work is not None:
            for stmt in tree.body:
                if isinstance(stmt, ast.Import | ast.ImportFrom):
                    yield _finding(ctx, ca, stmt, first_work, imported)
        elif any(_does_work(stmt, ctx.analysis.aliases) for stmt in tree.body):
            first_work = ca
        for record in ca.imports:
            imported.setdefault(record.module, ca.index)


def _finding(
    ctx: LintContext,
    ca: CellAnalysis,
    stmt: ast.Import | ast.ImportFrom,
    first_work: CellAnalysis,
    imported: dict[str, int],
) -> Diagnostic:
    if isinstance(stmt, ast.Import):
        modules = [alias.name for alias in stmt.names]
    else:
        modules = ["." * stmt.level + (stmt.module or "")]
    earlier = [imported[m] for m in modules if m in imported and imported[m] < ca.index]
    what = ", ".join(modules)
    if earlier:
        message = (
            f"`{what}` is imported again here (first in cell {min(earlier) + 1}); keep "
            "imports in the first cell"
        )
    else:
        message = (
            f"`{what}` is imported in the middle of the notebook (work starts in cell "
            f"{first_work.index + 1}); move imports to the first cell"
        )
    return ctx.at_node(SPEC, ca, stmt, message)


def _does_work(stmt: ast.stmt, aliases: dict[str, str]) -> bool:
    if isinstance(stmt, ast.Import | ast.ImportFrom | ast.Pass):
        return False
    if isinstance(stmt, ast.Expr):
        value = stmt.value
        if isinstance(value, ast.Constant):
            return False
        if magic_call(value) is not None:
            return False
        return not _is_config_call(value, aliases)
    if isinstance(stmt, ast.Try):
        return any(
            _does_work(s, aliases) for s in [*stmt.body, *stmt.finalbody]
        ) or any(_does_work(s, aliases) for h in stmt.handlers for s in h.body)
    if isinstance(stmt, ast.If):
        return any(_does_work(s, aliases) for s in [*stmt.body, *stmt.orelse])
    if isinstance(stmt, ast.Assign | ast.AnnAssign):
        if stmt.value is not None and _literal(stmt.value):
            return False
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        return not all(_library_option(t, aliases) for t in targets)
    return True


def _literal(expr: ast.expr) -> bool:
    try:
        ast.literal_eval(expr)
        return True
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return isinstance(expr, ast.JoinedStr)


def _is_config_call(expr: ast.expr, aliases: dict[str, str]) -> bool:
    if not isinstance(expr, ast.Call):
        return False
    func = expr.func
    if not isinstance(func, ast.Attribute):
        return False
    root = func.value
    while isinstance(root, ast.Attribute | ast.Call):
        root = root.func if isinstance(root, ast.Call) else root.value
    return (
        isinstance(root, ast.Name)
        and root.id in aliases
        and func.attr in CONFIG_FUNCTIONS
    )


def _library_option(target: ast.expr, aliases: dict[str, str]) -> bool:
    """``pd.options.display.max_columns = 50``, ``plt.rcParams["figure.dpi"] = 120``."""
    node = target
    while isinstance(node, ast.Attribute | ast.Subscript):
        node = node.value
    return isinstance(node, ast.Name) and node.id in aliases and node is not target
