"""
## What it does
Flags a model trained on test rows: `fit` on the test part of a split (`X_test`,
`y_test`, or data derived from them, including a preprocessing step refitted on the test
part), and a model trained on data that contains the test rows, a concatenation of train
and test or the full `X` that was split, and then scored on that test part.

## Why is this bad?
The test rows are supposed to be unseen. A model that trained on them scores on its own
training data, so the reported performance is inflated, often grossly. Refitting a
scaler or encoder on the test part (`scaler.fit_transform(X_test)`) also transforms the
test rows differently from the training rows. Published leakage detectors do worst on
this train/test overlap.

## Example
```python
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
model.fit(X, y)                       # the full data, test rows included
print(accuracy_score(y_test, model.predict(X_test)))
```

## Use instead
```python
model.fit(X_train, y_train)
print(accuracy_score(y_test, model.predict(X_test)))
X_test_scaled = scaler.transform(X_test)   # transform, never fit, the test part
```
Refitting on all the data for the final model is fine when nothing is evaluated on
the test part afterwards; it is not flagged. Neither are two shapes that only look like
training on the test part: manual two-fold cross-validation (fit on one half and score
the other, then swap: a model fitted on the second half of a split that was also
trained on its first half, and used only on that first half), and a model (a stacking
blender) trained on a validation part, the second half of a split of the training part
of another split, and not scored on it (the real test part is the outer one).

## What export does
Export keeps the code as written and lists the finding in the package README, and
refuses to export while it stands unless forced (it is an error).
"""

from __future__ import annotations

from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._flow import FitEvent, Flow, Split, class_name, flow_of
from ._steps import fit_kind, split_text

SPEC = RuleSpec(
    code="NBP073",
    name="test-data-in-training",
    category=Category.DATA_LEAKAGE,
    severity=Severity.ERROR,
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    flow = flow_of(ctx.analysis)
    for fit in flow.fits:
        if fit.method in {"function", "statistic"}:
            continue
        message = _fit_on_test(flow, fit) or _overlap_then_tested(flow, fit)
        if message:
            yield ctx.at_node(SPEC, fit.site.cell, fit.site.node, message)


def _who(fit: FitEvent) -> str:
    step = class_name(fit.origin)
    if fit.model_name:
        return f"`{fit.model_name}.{fit.method}`"
    return f"`{step}().{fit.method}`" if step else f"`{fit.method}`"


def _fit_on_test(flow: Flow, fit: FitEvent) -> str | None:
    for rows in (fit.rows, fit.y_rows):
        roles = flow.roles_of(rows)
        tests = {s for r, s in roles if r == "test"} - {
            s for r, s in roles if r == "train"
        }
        for split_id in sorted(tests):
            split = flow.splits[split_id]
            if split.kind == "cv" or _swapped_halves(flow, fit, split):
                continue
            data = flow.describe(rows)
            kind = fit_kind(flow, fit)
            if kind not in {"supervised", "unsupervised", "neutral"} and (
                _validation_part(flow, fit, split)
            ):
                continue
            if kind in {"supervised", "unsupervised", "neutral"}:
                return (
                    f"{_who(fit)} fits on {data}, the test part of {split_text(split)}: "
                    "the test rows get transformed differently from the training "
                    "rows; fit on the training part and only `transform` the test part"
                )
            return (
                f"{_who(fit)} trains on {data}, the test part of {split_text(split)}: "
                "train on the training part only"
            )
    return None


def _used_on(flow: Flow, fit: FitEvent, split: Split) -> set[str]:
    """Which parts of ``split`` the model of ``fit`` predicts or scores on."""
    parts: set[str] = set()
    for event in flow.predicts:
        if event.model == fit.model:
            parts |= {r for r, s in flow.roles_of(event.rows) if s == split.id}
    return parts


def _swapped_halves(flow: Flow, fit: FitEvent, split: Split) -> bool:
    """Manual two-fold cross-validation: fit on X2, score X1, and also fit on X1."""
    if fit.model is None or _used_on(flow, fit, split) != {"train"}:
        return False
    for other in flow.fits:
        roles = flow.roles_of(other.rows) | flow.roles_of(other.y_rows)
        trained = ("train", split.id) in roles and ("test", split.id) not in roles
        if other is not fit and trained:
            return True
    return False


def _validation_part(flow: Flow, fit: FitEvent, split: Split) -> bool:
    """``split`` divides the training part of another split, and the model is not
    scored on its second half: a blender trained on a validation part."""
    if not split.inputs or "test" in _used_on(flow, fit, split):
        return False
    return all(
        any(
            r == "train" and s != split.id and flow.splits[s].kind != "cv"
            for r, s in flow.roles(vid)
        )
        for vid in split.inputs
    )


def _overlap_then_tested(flow: Flow, fit: FitEvent) -> str | None:
    if fit.model is None or not fit.rows:
        return None
    roles = flow.roles_of(fit.rows)
    for split in flow.splits:
        if split.kind == "cv":
            continue
        has_test = ("test", split.id) in roles
        has_train = ("train", split.id) in roles
        if has_test and has_train:
            data = f"rows of both the train and the test part of {split_text(split)}"
        elif not has_test and not has_train and _contains_all_rows(flow, fit, split):
            data = f"{flow.describe(fit.rows)}, the data {split_text(split)} splits"
        else:
            continue
        scored = _scored_on_test(flow, fit, split)
        if scored is None:
            continue
        return (
            f"{_who(fit)} trains on {data}, and the model is then scored on the test "
            f"part (cell {scored}): the test rows are in the training data, so the "
            "score is inflated; train on the training part only"
        )
    return None


def _contains_all_rows(flow: Flow, fit: FitEvent, split: Split) -> bool:
    # Manual (name-based) splits: only data with every row of the split input counts;
    # ``X = all_data[:n]`` beside ``X_test = all_data[n:]`` is the other half.
    full_only = split.kind == "manual"
    return bool(set(split.inputs) & flow.row_ancestors(fit.rows, full_only=full_only))


def _scored_on_test(flow: Flow, fit: FitEvent, split: Split) -> int | None:
    for event in flow.predicts:
        if event.model != fit.model or event.kind not in {"metric", "score"}:
            continue
        roles = flow.roles_of(event.rows)
        if ("test", split.id) in roles and ("train", split.id) not in roles:
            return event.site.cell.index + 1
    return None
