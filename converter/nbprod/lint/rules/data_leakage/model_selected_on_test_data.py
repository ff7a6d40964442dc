"""
## What it does
Flags a test part used to choose a model or its hyperparameters (the multi-test leak):

* a loop (or a comprehension) that refits a model on the training part and scores it on
  the test part each time round (`for k in range(1, 30): knn =
  KNeighborsClassifier(k).fit(X_train, y_train); scores.append(knn.score(X_test,
  y_test))`), when it varies the hyperparameters, the columns or the model itself
  (`for model in models:`), or keeps the scores to choose from (a list or dict filled, a
  comparison with the best so far), whether the scores are then plotted, printed, logged
  or put in an f-string, directly or through a helper function defined in another cell;
* two or more different fitted models scored on the same test part, one after the other
  (`lr.score(X_test, y_test)` then `rf.score(X_test, y_test)`): whoever reads the scores
  picks the best; reported at the second. The same estimator refitted on the same rows
  counts once, and models fitted with a validation set (`validation_data=`,
  `eval_set=`) or by a search (`GridSearchCV`) are taken as chosen there.

Several metrics of one model on the test part, and one model's training and test scores
side by side, are not flagged.

A loop over cross-validation folds (`KFold.split`) and a loop that scores a validation
part (a second split of the training part, or data named `val`/`valid`/`dev`) are the
right way to choose and are not flagged.

## Why is this bad?
The test part was meant to measure the chosen model once. Picked for scoring best on
it, a model's test score is the maximum of many noisy estimates: optimistic, the more
so the more candidates were tried and the smaller the test part. Nothing unseen is left
to report.

## Example
```python
best_k, best = None, 0
for k in range(1, 30):
    knn = KNeighborsClassifier(n_neighbors=k).fit(X_train, y_train)
    acc = accuracy_score(y_test, knn.predict(X_test))
    if acc > best:
        best_k, best = k, acc
print("test accuracy", best)
```

## Use instead
```python
search = GridSearchCV(KNeighborsClassifier(), {"n_neighbors": range(1, 30)}, cv=5)
search.fit(X_train, y_train)
print("test accuracy", search.score(X_test, y_test))   # once, for the chosen model
```

## What export does
Export keeps the code as written and lists the finding in the package README; a metric
gate configured on this value would promote models on an optimistic number.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._flow import FitEvent, Flow, PredictEvent, Split, flow_of, role_from_name
from ._steps import split_text

SPEC = RuleSpec(
    code="NBP075",
    name="model-selected-on-test-data",
    category=Category.DATA_LEAKAGE,
    severity=Severity.WARNING,
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    flow = flow_of(ctx.analysis)
    loops_reported: set[int] = set()  # one finding per loop
    splits_reported: set[int] = set()
    #: split id -> (the first model scored on its test part, that event)
    first_scored: dict[int, tuple[tuple[str, frozenset[int]], PredictEvent]] = {}
    for event in flow.predicts:
        if event.kind not in {"metric", "score"}:
            continue
        fit = flow.fit_of(event.model)
        if fit is None or not fit.y_given:
            continue
        split = _tested_split(flow, event, flow.roles_of(fit.rows))
        if split is None:
            continue
        what = f"`{event.metric}`" if event.kind == "metric" else "`score`"
        name = flow.values[event.model].name
        model = f"`{name}`" if name else "the model"
        scored = (
            f"{what} scores {model} on {flow.describe(event.rows)}, the test part of "
        )
        scored += split_text(split)
        loop = _refitting_loop(flow, event, fit)
        if loop is not None:
            if loop in loops_reported:
                continue
            loops_reported.add(loop)
            splits_reported.add(split.id)
            yield ctx.at_node(
                SPEC,
                event.site.cell,
                event.site.node,
                f"{scored}, inside a loop that refits it (cell "
                f"{fit.site.cell.index + 1}): choosing a model or hyperparameters by "
                "their test score makes that score optimistic; choose with "
                "cross-validation or a validation part, and score the test part once",
            )
            continue
        if event.model in flow.fit_with_validation:
            continue  # chosen on a validation set (or by a search); the test is final
        identity = _identity(fit)
        first = first_scored.setdefault(split.id, (identity, event))
        if first[0] == identity or split.id in splits_reported:
            continue
        splits_reported.add(split.id)
        other = flow.values[first[1].model].name
        yield ctx.at_node(
            SPEC,
            event.site.cell,
            event.site.node,
            f"{scored}, which already scored {f'`{other}`' if other else 'another model'} "
            f"(cell {first[1].site.cell.index + 1}): choosing between models by their "
            "test score makes the chosen one's score optimistic; compare them with "
            "cross-validation or on a validation part, and score the test part once",
        )


def _identity(fit: FitEvent) -> tuple[str, frozenset[int]]:
    """What tells two fitted models apart: the estimator and the rows it learned
    (the same model refitted on the same rows is the same model)."""
    if fit.ctor is not None:
        estimator = ast.unparse(fit.ctor)
    else:
        estimator = fit.model_name or fit.origin or str(fit.id)
    return estimator, fit.rows


def _refitting_loop(flow: Flow, event: PredictEvent, fit: FitEvent) -> int | None:
    """The loop that both refits the model and scores it, when it varies the model."""
    if event.loop is None or fit.loop is None:
        return None
    shared = flow.loop_chain(event.loop) & flow.loop_chain(fit.loop)
    if not shared:
        return None
    loop = min(shared)
    node = flow.loop_nodes[loop]
    if _tunes(node, fit) or _selects(node):
        return loop
    return None


def _loop_variables(loop: ast.AST) -> set[str]:
    """The names a loop varies: its targets (a ``while`` loop: what its body assigns)."""
    if isinstance(loop, ast.For | ast.AsyncFor):
        targets: list[ast.AST] = [loop.target]
    elif isinstance(loop, ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp):
        targets = [gen.target for gen in loop.generators]
    else:
        targets = [
            t
            for n in ast.walk(loop)
            if isinstance(n, ast.Assign | ast.AugAssign)
            for t in (n.targets if isinstance(n, ast.Assign) else [n.target])
        ]
    return {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}


def _tunes(loop: ast.AST, fit: FitEvent) -> bool:
    """The loop varies the model, its hyperparameters or the columns it is fitted on."""
    varied = _loop_variables(loop)
    if fit.model_name in varied:
        return True  # ``for model in models: model.fit(...)``
    for node in (fit.ctor, fit.x_node):
        if node is not None and any(
            isinstance(n, ast.Name) and n.id in varied for n in ast.walk(node)
        ):
            return True
    return False


def _selects(loop: ast.AST) -> bool:
    """The loop keeps its scores to choose from: a comprehension, a container filled
    (``scores.append(s)``, ``results[name] = s``) or a comparison with the best."""
    if not isinstance(loop, ast.For | ast.AsyncFor | ast.While):
        return True
    for node in ast.walk(loop):
        if isinstance(node, ast.Compare) and any(
            isinstance(op, ast.Gt | ast.Lt | ast.GtE | ast.LtE) for op in node.ops
        ):
            return True
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store):
            return True
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"append", "extend", "insert"}
        ):
            return True
    return False


def _tested_split(
    flow: Flow, event: PredictEvent, fit_roles: frozenset[tuple[str, int]]
) -> Split | None:
    """The split whose test part the event scores and whose training part the model
    was fitted on, when that test part is a final one (not a validation part)."""
    roles = flow.roles_of(event.rows)
    tests = {s for r, s in roles if r == "test"} - {s for r, s in roles if r == "train"}
    for split_id in sorted(tests):
        split = flow.splits[split_id]
        if split.kind not in {"split", "manual"}:
            continue
        if ("train", split_id) not in fit_roles or ("test", split_id) in fit_roles:
            continue
        if _validation(flow, split, event):
            continue
        return split
    return None


def _validation(flow: Flow, split: Split, event: PredictEvent) -> bool:
    """A validation part: its rows are named so, or the split divides the training
    part of another split."""
    names = {flow.values[v].name or "" for v in flow.row_ancestors(event.rows)}
    if any(_is_validation_name(n) for n in names if role_from_name(n) == "test"):
        return True
    return bool(split.inputs) and all(
        any(
            r == "train" and s != split.id and flow.splits[s].kind != "cv"
            for r, s in flow.roles(vid)
        )
        for vid in split.inputs
    )


def _is_validation_name(name: str) -> bool:
    lowered = name.lower()
    return "val" in lowered or "dev" in lowered
