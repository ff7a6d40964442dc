"""
## What it does
Flags a label-aware step fitted on data that a train/test split, a cross-validation or
a `KFold` loop later divides: feature selection (`SelectKBest`, `SelectFromModel`,
`RFE`, `mutual_info_classif` scores...), target encoding (`TargetEncoder`,
`category_encoders` target encoders) and oversampling (`SMOTE().fit_resample(X, y)`)
before the split. Target encodings written with pandas count too: a grouped mean (or
other statistic) of the label column mapped back onto the rows,
`df.groupby("city")["price"].transform("mean")` or
`df["city"].map(df.groupby("city")["price"].mean())`, computed on rows a split later
divides (the label column is the one given as `y` to a split or a fit); and features
chosen by their correlation with the label on such rows (`df.corr()["price"]`,
`X.corrwith(y)`).

## Why is this bad?
The step looked at the labels of the test rows. Features chosen for their relation to
the label on all rows look predictive on the test set too, even on pure noise; target
encodings carry the test labels into the features; oversampling before the split puts
copies of (or interpolations between) rows on both sides. The reported score is invalid,
often by a wide margin.

## Example
```python
X_new = SelectKBest(f_classif, k=20).fit_transform(X, y)
X_train, X_test, y_train, y_test = train_test_split(X_new, y, random_state=0)
```

## Use instead
```python
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
model = make_pipeline(SelectKBest(f_classif, k=20), LogisticRegression())
model.fit(X_train, y_train)
# imbalanced-learn: imblearn.pipeline.make_pipeline(SMOTE(), model) resamples only
# the training folds
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
from ._flow import flow_of
from ._steps import OVERSAMPLERS, SUPERVISED, fits_before_split, split_text

SPEC = RuleSpec(
    code="NBP071",
    name="supervised-step-fit-before-split",
    category=Category.DATA_LEAKAGE,
    severity=Severity.ERROR,
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    flow = flow_of(ctx.analysis)
    for found in fits_before_split(flow, SUPERVISED):
        fit = found.fit
        data = flow.describe(fit.rows)
        where = split_text(found.split)
        if fit.method == "statistic" and fit.text and ".corr" in fit.text:
            message = (
                f"`{found.step}` relates the features to the label over {data}, which "
                f"{where} divides into train and test: features chosen for their "
                "correlation with the test labels look predictive; choose them on the "
                "training part only"
            )
        elif fit.method == "statistic":
            message = (
                f"`{found.step}`{f' in `{fit.via}()`' if fit.via else ''} averages the "
                f"label over {data}, which {where} divides "
                "into train and test: the test labels leak into the features; compute "
                "the encoding on the training part only"
            )
        elif found.step in OVERSAMPLERS:
            message = (
                f"`{found.step}` resamples {data} before {where} splits it: synthetic "
                "or duplicated rows land in both train and test; resample the "
                "training part only"
            )
        else:
            message = (
                f"`{found.step}` learns from the labels of {data}, which {where} "
                "divides into train and test: the test labels leak into the features; "
                "fit it on the training part only, or inside a Pipeline"
            )
        yield ctx.at_node(SPEC, fit.site.cell, fit.site.node, message)
