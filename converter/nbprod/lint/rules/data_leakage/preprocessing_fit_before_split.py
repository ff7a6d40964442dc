"""
## What it does
Flags an unsupervised preprocessing step (a scaler, an imputer, PCA, an encoder, a text
vectorizer...) that is fitted on data a train/test split, a cross-validation or a
`KFold` loop later divides, when what it learned reaches that data:
`X_scaled = scaler.fit_transform(X)` followed by `train_test_split(X_scaled, y)`, or
`scaler.fit(X)` followed by `scaler.transform(X_train)` after splitting `X`.

## Why is this bad?
The step learns statistics (means, variances, vocabularies, components, imputation
values) from the test rows too, so the evaluation no longer measures performance on
unseen data. For unsupervised steps the effect on scores is usually small (a study of
2,047 datasets found |dAUC| <= 0.005), which is why this is reported as information;
label-aware steps are flagged by NBP071 as errors.

## Example
```python
scaler = StandardScaler()
X_scaled = scaler.fit_transform(X)
X_train, X_test, y_train, y_test = train_test_split(X_scaled, y, random_state=0)
```

## Use instead
```python
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
scaler = StandardScaler().fit(X_train)
X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)
# or: make_pipeline(StandardScaler(), LogisticRegression()) inside cross_val_score
```

## What export does
Export keeps the code as written and lists the finding in the package README; moving
the fit after the split changes results, so it is left to you.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._flow import flow_of
from ._steps import UNSUPERVISED, fits_before_split, split_text

SPEC = RuleSpec(
    code="NBP070",
    name="preprocessing-fit-before-split",
    category=Category.DATA_LEAKAGE,
    severity=Severity.INFO,
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    flow = flow_of(ctx.analysis)
    for found in fits_before_split(flow, UNSUPERVISED):
        fit = found.fit
        data = flow.describe(fit.rows)
        yield ctx.at_node(
            SPEC,
            fit.site.cell,
            fit.site.node,
            f"`{found.step}` is fitted on {data}, which {split_text(found.split)} "
            "divides into train and test: the test rows shape what it learns; fit it "
            "on the training part only, or inside a Pipeline",
        )
