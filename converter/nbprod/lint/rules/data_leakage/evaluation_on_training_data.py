"""
## What it does
Flags a metric (`accuracy_score`, `f1_score`, `roc_auc_score`, `mean_squared_error`,
`r2_score`, `classification_report`, `confusion_matrix`...) computed on a model's
predictions for the very data it was fitted on, and `model.score(X_train, y_train)`,
when the notebook has no held-out evaluation of that model (on a test split, by
cross-validation, or with a validation set given to `fit`).

A training score reported next to a held-out score is a legitimate over-fitting check
and is not flagged.

## Why is this bad?
A model is scored on rows it has already seen: the number measures memorisation, not
performance on new data. A deep tree reaches 100% training accuracy on noise. Decisions
(and the golden metrics export captures) based on it are wrong.

## Example
```python
model = RandomForestClassifier(random_state=0).fit(X_train, y_train)
print(accuracy_score(y_train, model.predict(X_train)))
```

## Use instead
```python
model = RandomForestClassifier(random_state=0).fit(X_train, y_train)
print(accuracy_score(y_test, model.predict(X_test)))
# or: cross_val_score(model, X, y, cv=5)
```

## What export does
Export keeps the code as written and lists the finding in the package README; a metric
gate configured on this value would promote models on a meaningless number.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._flow import FitEvent, Flow, PredictEvent, flow_of, role_from_name

SPEC = RuleSpec(
    code="NBP072",
    name="evaluation-on-training-data",
    category=Category.DATA_LEAKAGE,
    severity=Severity.WARNING,
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    flow = flow_of(ctx.analysis)
    passed = _models_passed_with_test_data(ctx)
    # One finding per model and cell: the first metric, with a count of the others.
    groups: dict[tuple[int, int], list[PredictEvent]] = {}
    for event in flow.predicts:
        if event.kind not in {"metric", "score"}:
            continue
        fit = flow.fit_of(event.model)
        if fit is None or not fit.y_given or not event.rows:
            continue
        if not on_training_rows(flow, fit, event):
            continue
        name = flow.values[event.model].name
        if _has_held_out_evaluation(flow, event.model, name, passed):
            continue
        groups.setdefault((event.model, event.site.cell.index), []).append(event)
    for events in groups.values():
        event = events[0]
        fit = flow.fit_of(event.model)
        assert fit is not None
        name = flow.values[event.model].name
        what = f"`{event.metric}`" if event.kind == "metric" else "`score`"
        if len(events) > 1:
            what += f" (and {len(events) - 1} more in this cell)"
        model = f"`{name}`" if name else "the model"
        yield ctx.at_node(
            SPEC,
            event.site.cell,
            event.site.node,
            f"{what} evaluates {model} on {flow.describe(event.rows)}, the data it was "
            f"fitted on (cell {fit.site.cell.index + 1}), and no held-out evaluation "
            "of it follows: the score measures memorisation; score it on a test split "
            "or with cross-validation",
        )


def on_training_rows(flow: Flow, fit: FitEvent, event: PredictEvent) -> bool:
    """The evaluated rows are the fitted rows, or data that contains them, and not a
    test part (a model trained on its test part is NBP073's finding)."""
    if not event.rows & flow.row_ancestors(fit.rows):
        return False
    return not any(role == "test" for role, _ in flow.roles_of(event.rows))


def _has_held_out_evaluation(
    flow: Flow, model: int, name: str | None, passed: set[str]
) -> bool:
    if name is not None and (name in flow.cv_evaluated or name in passed):
        return True
    versions = {
        v.id
        for v in flow.values
        if v.id == model or (name and v.name == name and v.fit)
    }
    if versions & flow.fit_with_validation:
        return True
    for other in flow.predicts:
        if other.model not in versions or other.kind not in {"metric", "score"}:
            continue
        fit = flow.fit_of(other.model)
        if other.rows and fit is not None and not on_training_rows(flow, fit, other):
            return True
    # A prediction for a whole test part (not a few rows of it) by the same model,
    # also through another name bound from the same collection (a loop over models).
    family = _family(flow, versions)
    for receiver, value, rows in flow.predict_uses:
        if receiver != name and (value is None or not _family(flow, {value}) & family):
            continue
        if _is_whole_test_part(flow, rows):
            return True
    return False


def _family(flow: Flow, ids: set[int]) -> set[int]:
    """The values two levels up the dependencies of ``ids`` (a model's collection)."""
    found = set(ids)
    for _ in range(2):
        found |= {d for vid in list(found) for d in flow.values[vid].deps}
    return found - ids


def _is_whole_test_part(flow: Flow, rows: frozenset[int]) -> bool:
    for vid in flow.row_ancestors(rows, full_only=True):
        if any(role == "test" for role, _ in flow.values[vid].roles):
            return True
    return False


def _models_passed_with_test_data(ctx: LintContext) -> set[str]:
    """Names passed to a user function together with test-looking data
    (``evaluate(model, X_test, y_test)``): a held-out evaluation we cannot see into."""
    found: set[str] = set()
    for site in ctx.analysis.calls:
        if site.qualname is not None and not site.qualname.startswith("builtins."):
            continue
        names = [a.id for a in site.node.args if isinstance(a, ast.Name)]
        names += [
            k.value.id for k in site.node.keywords if isinstance(k.value, ast.Name)
        ]
        if any(role_from_name(n) == "test" for n in names):
            found.update(names)
    return found
