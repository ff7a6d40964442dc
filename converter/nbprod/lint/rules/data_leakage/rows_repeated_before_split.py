"""
## What it does
Flags rows repeated or augmented before a train/test split (or a cross-validation of the
whole data) divides them: oversampling with pandas or scikit-learn
(`df.sample(frac=2, replace=True)`, `sklearn.utils.resample(minority, replace=True)`,
`pd.concat([df, df[df.y == 1]])`, `pd.concat([df] * 3)`), `np.repeat`/`np.tile` of
rows, `df.loc[df.index.repeat(n)]`, and data augmentation that stacks data with rows
derived from it (`np.concatenate([X, np.fliplr(X)])`, `pd.concat([df, noisy(df)])`),
through aliases, helper functions and in-place changes. Oversamplers from
imbalanced-learn (`SMOTE`, `RandomOverSampler`...) are NBP071's.

## Why is this bad?
Copies of one row (or a row and its flipped, shifted or noised twin) land on both sides
of the split: the model is scored on rows it trained on, and the score is inflated,
often grossly (a deep tree memorises the copies). Published leakage detectors find this
train/test overlap worst of all kinds.

## Example
```python
minority_up = resample(df[df.churn == 1], replace=True, n_samples=5000, random_state=0)
balanced = pd.concat([df[df.churn == 0], minority_up])
X_train, X_test, y_train, y_test = train_test_split(
    balanced.drop(columns="churn"), balanced.churn, random_state=0)
```

## Use instead
```python
train, test = train_test_split(df, stratify=df.churn, random_state=0)
minority_up = resample(train[train.churn == 1], replace=True, n_samples=5000, random_state=0)
train_balanced = pd.concat([train[train.churn == 0], minority_up])
# or: imblearn.pipeline.make_pipeline(RandomOverSampler(), model) in cross-validation
```

## What export does
Export keeps the code as written and lists the finding in the package README, and
refuses to export while it stands unless forced (it is an error).
"""

from __future__ import annotations

from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._flow import Dup, Flow, Split, flow_of
from ._steps import split_text

SPEC = RuleSpec(
    code="NBP074",
    name="rows-repeated-before-split",
    category=Category.DATA_LEAKAGE,
    severity=Severity.ERROR,
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    flow = flow_of(ctx.analysis)
    if not flow.dups:
        return
    reported: set[int] = set()
    for split in flow.splits:
        for dup in _repeated_in(flow, split):
            if dup.id in reported:
                continue
            reported.add(dup.id)
            yield ctx.at_node(
                SPEC,
                dup.site.cell,
                dup.site.node,
                f"`{dup.text}` repeats rows before {split_text(split)} splits them: "
                "copies of a row land in both train and test, so the score is "
                "inflated; split first and repeat (or augment) the training part only",
            )


def _repeated_in(flow: Flow, split: Split) -> Iterator[Dup]:
    """Repeats made before ``split`` whose rows reach its input."""
    inputs = [vid for vid in split.inputs if flow.dups_in([vid])]
    if not inputs:
        return
    trained = split.kind in {"cv", "loop"} and any(
        role == "train" for role, _ in flow.roles_of(inputs)
    )
    if trained:
        return  # the training part resampled, then cross-validated: not the test
    for dup_id in sorted(flow.dups_in(inputs)):
        dup = flow.dups[dup_id]
        if dup.site.order < split.site.order:
            yield dup
