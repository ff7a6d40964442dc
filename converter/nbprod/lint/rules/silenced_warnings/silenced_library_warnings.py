"""
## What it does
Flags settings that silence the warnings of particular libraries, from a deliberately
short list of well-known ones:

- pandas: `pd.set_option("mode.chained_assignment", None)` and
  `pd.options.mode.chained_assignment = None`;
- numpy: `np.seterr(...)` with `"ignore"` for any error (a scoped `with np.errstate(...)`
  around one computation is the right tool and is not flagged);
- logging: `logging.disable(...)` at any level above `NOTSET`;
- TensorFlow: `os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"` or `"3"` (also through
  `%env`), `tf.get_logger().setLevel("ERROR")`,
  `tf.compat.v1.logging.set_verbosity(tf.compat.v1.logging.ERROR)`;
- Hugging Face and friends: `transformers.logging.set_verbosity_error()` (and
  `datasets`, `diffusers`), `optuna.logging.set_verbosity(optuna.logging.ERROR)`;
- `os.environ["PYTHONWARNINGS"] = "ignore"`.

`%config` magics and raising a library logger to `WARNING` are not flagged: the first
configures display, the second still shows warnings.

## Why is this bad?
These switches hide a library's own diagnostics, not only noise: pandas'
`SettingWithCopyWarning` is the one signal that an assignment went to a copy and never
reached the data; numpy's floating-point warnings report divisions by zero and NaNs that
then flow into a model. In production nobody sees the notebook output to notice the
difference.

## Example
```python
pd.options.mode.chained_assignment = None
np.seterr(all="ignore")
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
```

## Use instead
Fix the cause (`df.loc[mask, "col"] = value`, `df = df.copy()`), or scope the silence to
one computation (`with np.errstate(divide="ignore"):`) and say why.

## What export does
Keeps the setting in the generated code (export does not change behaviour) and lists the
finding in the package README among the lint findings that remain.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ....analysis import CellAnalysis
from ....analysis.symbols import qualified_name
from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec

SPEC = RuleSpec(
    code="NBP131",
    name="silenced-library-warnings",
    category=Category.SILENCED_WARNINGS,
    severity=Severity.WARNING,
)

#: Environment variables and the values that silence warnings.
SILENCING_ENV = {
    "TF_CPP_MIN_LOG_LEVEL": {"2", "3"},
    "PYTHONWARNINGS": {"ignore"},
    "TRANSFORMERS_VERBOSITY": {"error", "critical"},
    "TRANSFORMERS_NO_ADVISORY_WARNINGS": {"1", "true", "True"},
}
VERBOSITY_ERROR = frozenset(
    {
        "transformers.logging.set_verbosity_error",
        "transformers.utils.logging.set_verbosity_error",
        "datasets.logging.set_verbosity_error",
        "datasets.utils.logging.set_verbosity_error",
        "diffusers.logging.set_verbosity_error",
        "diffusers.utils.logging.set_verbosity_error",
    }
)
QUIET_LEVELS = frozenset({"ERROR", "CRITICAL", "FATAL"})


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    aliases = ctx.analysis.aliases
    found: list[tuple[int, int, int, Diagnostic]] = []

    def report(ca: CellAnalysis, node: ast.AST, what: str) -> None:
        diagnostic = ctx.at_node(
            SPEC,
            ca,
            node,
            f"{what}; fix the cause, or silence one computation in a scoped block",
        )
        found.append(
            (ca.index, diagnostic.line or 0, diagnostic.column or 0, diagnostic)
        )

    for site in ctx.analysis.calls:
        what = _call(site.node, site.qualname, site.method, aliases)
        if what is not None:
            report(site.cell, site.node, what)
    for ca in ctx.analysis.cells:
        for node in ca.walk():
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    what = _assignment(target, node.value, aliases)
                    if what is not None:
                        report(ca, node, what)
    for ca, magic in ctx.analysis.magics:
        if magic.kind == "line" and magic.name == "env":
            name, _sep, value = magic.args.strip().partition("=")
            if not _sep:
                name, _sp, value = magic.args.strip().partition(" ")
            if value.strip().strip("'\"") in SILENCING_ENV.get(name.strip(), ()):
                report(ca, magic.node, f"`%env {name.strip()}` silences warnings")
    found.sort(key=lambda item: item[:3])
    for *_key, diagnostic in found:
        yield diagnostic


def _constant(expr: ast.expr | None) -> object:
    return expr.value if isinstance(expr, ast.Constant) else ...


def _call(
    node: ast.Call, qualname: str | None, method: str | None, aliases: dict[str, str]
) -> str | None:
    if qualname == "pandas.set_option" and len(node.args) >= 2:
        key = _constant(node.args[0])
        chained = isinstance(key, str) and key.endswith("chained_assignment")
        if chained and _constant(node.args[1]) is None:
            return (
                '`pd.set_option("mode.chained_assignment", None)` hides '
                "SettingWithCopyWarning"
            )
    if qualname == "numpy.seterr":
        ignored = [
            kw.arg for kw in node.keywords if kw.arg and _constant(kw.value) == "ignore"
        ]
        if ignored:
            return f'`np.seterr({ignored[0]}="ignore")` hides floating-point errors'
    if qualname == "logging.disable":
        level = node.args[0] if node.args else None
        text = ast.unparse(level) if level is not None else "CRITICAL"
        if not (text.endswith("NOTSET") or text == "0"):
            return f"`logging.disable({text})` turns logging off"
    if qualname in VERBOSITY_ERROR:
        return (
            f"`{qualname.rsplit('.', 1)[-1]}()` hides {qualname.split('.')[0]} warnings"
        )
    verbosity = (qualname or "").endswith("logging.set_verbosity")
    if verbosity and node.args and _quiet_level(node.args[0]):
        library = (qualname or "").split(".")[0]
        return f"`set_verbosity({ast.unparse(node.args[0])})` hides {library} warnings"
    if method == "setLevel" and node.args and _quiet_level(node.args[0]):
        func = node.func
        assert isinstance(func, ast.Attribute)
        owner = func.value
        if isinstance(owner, ast.Call):
            owner_name = qualified_name(owner.func, aliases) or ""
            if owner_name in {"tensorflow.get_logger", "tf.get_logger"}:
                return "`tf.get_logger().setLevel(...)` hides TensorFlow warnings"
    if qualname in {"os.environ.setdefault", "os.putenv"} and len(node.args) >= 2:
        name, value = _constant(node.args[0]), _constant(node.args[1])
        if isinstance(name, str) and str(value) in SILENCING_ENV.get(name, ()):
            return f"setting {name}={value} silences warnings"
    return None


def _quiet_level(expr: ast.expr) -> bool:
    value = _constant(expr)
    if isinstance(value, str):
        return value.upper() in QUIET_LEVELS
    if isinstance(value, int) and not isinstance(value, bool):
        return value >= 40
    if isinstance(expr, ast.Attribute):
        return expr.attr.upper() in QUIET_LEVELS
    return False


def _assignment(
    target: ast.expr, value: ast.expr, aliases: dict[str, str]
) -> str | None:
    if isinstance(target, ast.Attribute):
        name = qualified_name(target, aliases)
        if (
            name == "pandas.options.mode.chained_assignment"
            and _constant(value) is None
        ):
            return "`pd.options.mode.chained_assignment = None` hides SettingWithCopyWarning"
    if isinstance(target, ast.Subscript):
        owner = qualified_name(target.value, aliases)
        key = _constant(target.slice)
        if owner == "os.environ" and isinstance(key, str):
            text = _constant(value)
            if isinstance(text, str) and text in SILENCING_ENV.get(key, ()):
                return f'`os.environ["{key}"] = "{text}"` silences warnings'
    return None
