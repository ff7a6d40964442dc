"""
## What it does
Flags numeric literals that set a model's hyperparameters outside the `parameters` cell:
keyword arguments of estimator and optimizer constructors (scikit-learn, XGBoost,
LightGBM, CatBoost, imbalanced-learn, `torch.optim`, Keras optimizers, Hugging Face
`TrainingArguments`), of `xgb.train` / `lgb.train` (and the literal `params` dict they
get), known training keywords of `.fit(...)` / `.train(...)` calls (`epochs`,
`batch_size`, `learning_rate`...), and decision thresholds compared with predictions
(`proba > 0.73`).

Settings that are not hyperparameters are left alone: `random_state`, `seed`, `verbose`,
`n_jobs` and the like, the convergence controls `max_iter` and `tol`, booleans and strings, cross-validation splitters and metrics, and
the neutral threshold `0.5`.

## Why is this bad?
Tuning the model means editing code, and a scheduled or parameterised run (papermill,
Ploomber, a hyperparameter search) cannot change the value. The values that produced a
result are scattered through the notebook instead of recorded in one place.

## Example
```python
model = RandomForestClassifier(n_estimators=500, max_depth=8, random_state=0)
```

## Use instead
```python
# parameters cell
n_estimators = 500
max_depth = 8
# later
model = RandomForestClassifier(
    n_estimators=n_estimators, max_depth=max_depth, random_state=0
)
```
The fix does exactly this: it replaces the literal by a new name and defines that name in
the `parameters` cell (creating the cell after the imports if there is none). It is only
offered when the name is not used anywhere else in the notebook.

## What export does
Export lifts these literals into typed pipeline parameters (`--param`), with the literal
as default, named as the fix names them.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from ....analysis import CallSite, CellAnalysis, NotebookAnalysis
from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._lift import NameAllocator, is_parameters_cell, lift_fix

SPEC = RuleSpec(
    code="NBP051",
    name="hardcoded-hyperparameter",
    category=Category.MISSING_PARAMETERS,
    severity=Severity.INFO,
    fix="safe",
)

#: Libraries whose classes (capitalised names) are estimators, models or optimizers.
MODEL_PREFIXES = (
    "sklearn.",
    "xgboost.",
    "lightgbm.",
    "catboost.",
    "imblearn.",
    "torch.optim.",
    "tensorflow.keras.optimizers.",
    "keras.optimizers.",
    "tensorflow.optimizers.",
)
#: Parts of those libraries that are not models: splitters, searches, metrics, plumbing.
NOT_MODEL_PREFIXES = (
    "sklearn.model_selection.",
    "sklearn.metrics.",
    "sklearn.pipeline.",
    "sklearn.compose.",
    "sklearn.datasets.",
    "sklearn.utils.",
    "sklearn.inspection.",
    "sklearn.calibration.CalibrationDisplay",
    "xgboost.DMatrix",
    "xgboost.DataIter",
    "lightgbm.Dataset",
    "catboost.Pool",
)
#: Training functions whose numeric keywords (and literal params dict) are hyperparameters.
TRAIN_FUNCTIONS = frozenset(
    {"xgboost.train", "xgboost.cv", "lightgbm.train", "lightgbm.cv"}
)
#: Keywords that are hyperparameters wherever they appear in a fit/train call.
TRAINING_KEYWORDS = frozenset(
    [
        "epochs",
        "n_epochs",
        "num_epochs",
        "max_epochs",
        "num_train_epochs",
        "batch_size",
        "per_device_train_batch_size",
        "learning_rate",
        "lr",
        "num_boost_round",
        "early_stopping_rounds",
        "validation_split",
        "steps_per_epoch",
        "max_steps",
        "warmup_steps",
        "warmup_ratio",
        "weight_decay",
        "gradient_accumulation_steps",
        "patience",
    ]
)
#: Calls where only :data:`TRAINING_KEYWORDS` count.
KEYWORD_ONLY_CALLS = frozenset(
    {
        "transformers.TrainingArguments",
        "transformers.Seq2SeqTrainingArguments",
        "torch.utils.data.DataLoader",
    }
)
FIT_METHODS = frozenset({"fit", "train", "fit_generator"})
#: Numeric settings that are not hyperparameters.
NOT_HYPERPARAMETERS = frozenset(
    [
        "random_state",
        "seed",
        "random_seed",
        "verbose",
        "verbosity",
        "n_jobs",
        "nthread",
        "nthreads",
        "num_threads",
        "thread_count",
        "workers",
        "num_workers",
        "n_workers",
        "device",
        "gpu_id",
        "cache_size",
        "cv",
        "num_class",
        "num_classes",
        "n_classes",
        "missing",
        "print_every",
        "log_every",
        "logging_steps",
        "save_steps",
        "eval_steps",
        "save_total_limit",
        "silent",
        "max_bin_by_feature",
        "max_iter",
        "tol",
    ]
)
PREDICTION_WORDS = re.compile(r"proba|prob|pred|logit|sigmoid|softmax|confidence", re.I)
NEUTRAL_THRESHOLD = 0.5


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    analysis = ctx.analysis
    names = NameAllocator(analysis)
    seen: set[int] = set()
    for key, value, ca, label in _findings(analysis):
        if id(value) in seen or is_parameters_cell(ca):
            continue
        seen.add(id(value))
        text = ast.get_source_segment(ca.parsed.python, value) or ast.unparse(value)
        fix = lift_fix(analysis, ca, value, names.claim(key))
        yield ctx.at_node(
            SPEC,
            ca,
            value,
            f"{label} {text} is hardcoded; make it a parameter so a run or a search can "
            "change it",
            fix,
        )


def _findings(
    analysis: NotebookAnalysis,
) -> Iterator[tuple[str, ast.expr, CellAnalysis, str]]:
    """(parameter name, literal, cell, label) in notebook order."""
    found: list[
        tuple[tuple[int, int, int], tuple[str, ast.expr, CellAnalysis, str]]
    ] = []
    for site in analysis.calls:
        for key, value, cell in _call_hyperparameters(analysis, site):
            where = (cell.index, value.lineno, value.col_offset)
            found.append((where, (key, value, cell, f"hyperparameter `{key}` =")))
    for ca in analysis.cells:
        asserted = {
            id(n)
            for stmt in ca.walk()
            if isinstance(stmt, ast.Assert)
            for n in ast.walk(stmt)
        }
        for node in ca.walk():
            if isinstance(node, ast.Compare) and id(node) not in asserted:
                limit = _threshold(node)
                if limit is not None:
                    where = (ca.index, limit.lineno, limit.col_offset)
                    found.append(
                        (where, ("threshold", limit, ca, "decision threshold"))
                    )
    found.sort(key=lambda item: item[0])
    for _where, item in found:
        yield item


def _call_hyperparameters(
    analysis: NotebookAnalysis, site: CallSite
) -> Iterator[tuple[str, ast.expr, CellAnalysis]]:
    for key, value in _call_keywords(site):
        yield key, value, site.cell
    q = site.qualname
    node = site.node
    params: ast.expr | None = None
    if q is not None and _is_model_class(q):
        params = next((kw.value for kw in node.keywords if kw.arg is None), None)
    elif q in TRAIN_FUNCTIONS:
        params = node.args[0] if node.args else site.keyword("params")
    if params is not None:
        yield from _dict_hyperparameters(analysis, site.cell, params)


def _call_keywords(site: CallSite) -> Iterator[tuple[str, ast.expr]]:
    q = site.qualname
    node = site.node
    if (q is not None and _is_model_class(q)) or q in TRAIN_FUNCTIONS:
        for kw in node.keywords:
            if kw.arg and kw.arg not in NOT_HYPERPARAMETERS and _is_number(kw.value):
                yield kw.arg, kw.value
    elif q in KEYWORD_ONLY_CALLS or (q is None and site.method in FIT_METHODS):
        for kw in node.keywords:
            if kw.arg in TRAINING_KEYWORDS and _is_number(kw.value):
                yield kw.arg, kw.value
    elif q is None and site.method == "set_params":
        for kw in node.keywords:
            if kw.arg and kw.arg not in NOT_HYPERPARAMETERS and _is_number(kw.value):
                yield kw.arg, kw.value


def _is_model_class(qualname: str) -> bool:
    if not qualname.startswith(MODEL_PREFIXES) or qualname.startswith(
        NOT_MODEL_PREFIXES
    ):
        return False
    last = qualname.rsplit(".", 1)[-1]
    return last[:1].isupper()


def _dict_hyperparameters(
    analysis: NotebookAnalysis, cell: CellAnalysis, expr: ast.expr
) -> Iterator[tuple[str, ast.expr, CellAnalysis]]:
    """Entries of a literal params dict, given inline or through a name bound to one."""
    if isinstance(expr, ast.Name):
        bound = _dict_bound_to(analysis, cell, expr.id)
        if bound is None:
            return
        cell, expr = bound
    if not isinstance(expr, ast.Dict):
        return
    for key, value in zip(expr.keys, expr.values, strict=True):
        if (
            isinstance(key, ast.Constant)
            and isinstance(key.value, str)
            and key.value not in NOT_HYPERPARAMETERS
            and _is_number(value)
        ):
            yield key.value, value, cell


def _dict_bound_to(
    analysis: NotebookAnalysis, cell: CellAnalysis, name: str
) -> tuple[CellAnalysis, ast.Dict] | None:
    """The dict literal of the last top-level ``name = {...}`` at or above ``cell``."""
    found: tuple[CellAnalysis, ast.Dict] | None = None
    for ca in analysis.cells:
        if ca.index > cell.index or ca.tree is None:
            break
        for stmt in ca.tree.body:
            if (
                isinstance(stmt, ast.Assign)
                and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], ast.Name)
                and stmt.targets[0].id == name
            ):
                found = (ca, stmt.value) if isinstance(stmt.value, ast.Dict) else None
    return found


def _is_number(node: ast.expr) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        node = node.operand
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
    )


def _threshold(node: ast.Compare) -> ast.expr | None:
    """``proba > 0.73``: the literal, when one side is a prediction and the other a
    probability-like constant strictly between 0 and 1 (0.5 excepted)."""
    if len(node.ops) != 1 or not isinstance(
        node.ops[0], ast.Gt | ast.GtE | ast.Lt | ast.LtE
    ):
        return None
    left, right = node.left, node.comparators[0]
    for value, other in ((right, left), (left, right)):
        if (
            isinstance(value, ast.Constant)
            and isinstance(value.value, float)
            and 0 < value.value < 1
            and value.value != NEUTRAL_THRESHOLD
            and _mentions_prediction(other)
        ):
            return value
    return None


def _mentions_prediction(expr: ast.expr) -> bool:
    for node in ast.walk(expr):
        word = (
            node.id
            if isinstance(node, ast.Name)
            else node.attr if isinstance(node, ast.Attribute) else None
        )
        if word is not None and PREDICTION_WORDS.search(word):
            return True
    return False
