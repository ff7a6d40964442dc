"""
## What it does
Flags an unsupervised preprocessing step (a scaler, an imputer, PCA, an encoder, a text
vectorizer...) that is fitted on data a train/test split, a cross-validation or a
`KFold` loop later divides, when what it learned reaches that data:
`X_scaled = scaler.fit_transform(X)` followed by `train_test_split(X_scaled, y)`, or
`scaler.fit(X)` followed by `scaler.transform(X_train)` after splitting `X`.

Statistics computed with pandas, numpy or scipy count as fits when they transform the
data that is then split: `df["age"].fillna(df["age"].mean())`, `fillna(np.mean(...))`
(also in place, or inside a helper function defined in another cell), hand-written
standardisation `(X - X.mean()) / X.std()` or min-max scaling with `X.min()`/`X.max()`,
`zscore(X)`, `sklearn.preprocessing.scale(X)`, clipping at quantiles, group means
(`groupby(...).transform("mean")`) and frequency encodings (`map(value_counts())`) of
feature columns; and `train` and `test` frames concatenated, transformed with such
statistics, and cut apart again by position. Row-wise statistics (`axis=1`) and
thresholds used only to filter rows are not flagged.

Not flagged, by choice: `pd.get_dummies`, `astype("category")`, `LabelEncoder` or
`factorize` on the full frame. They learn only which category values exist; a column
for a value seen only in the test rows is all zeros in training, so no model can learn
from it. That is a mild leak (the column set depends on the test rows, and a value
seen only in production still breaks the model), not one that moves a score.

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

```python
df["age"] = df["age"].fillna(df["age"].mean())
X_train, X_test, y_train, y_test = train_test_split(df[features], df["y"])
```

## Use instead
```python
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
mean_age = X_train["age"].mean()
X_train["age"], X_test["age"] = X_train["age"].fillna(mean_age), X_test["age"].fillna(mean_age)
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
from ._steps import UNSUPERVISED, PreSplitFit, fits_before_split, split_text

SPEC = RuleSpec(
    code="NBP070",
    name="preprocessing-fit-before-split",
    category=Category.DATA_LEAKAGE,
    severity=Severity.INFO,
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    flow = flow_of(ctx.analysis)
    found_all = list(fits_before_split(flow, UNSUPERVISED))
    # Statistics: one finding per line (``(X - X.mean()) / X.std()``).
    per_line: dict[tuple[int, int], list[PreSplitFit]] = {}
    for found in found_all:
        if found.fit.method == "statistic":
            site = found.fit.site
            key = (site.cell.index, getattr(site.node, "lineno", 0))
            per_line.setdefault(key, []).append(found)
    for found in found_all:
        fit = found.fit
        data = flow.describe(fit.rows)
        if fit.method == "statistic":
            site = fit.site
            same = per_line[(site.cell.index, getattr(site.node, "lineno", 0))]
            if same[0] is not found:
                continue
            what = f"`{found.step}`"
            if fit.via:
                what += f" in `{fit.via}()`"
            if len(same) > 1:
                what += f" (and {len(same) - 1} more)"
            message = (
                f"{what} is computed on {data}, which "
                f"{split_text(found.split)} divides into train and test, and transforms "
                "it: the test rows shape the statistic; compute it on the training part "
                "only and apply it to both parts"
            )
        else:
            message = (
                f"`{found.step}` is fitted on {data}, which {split_text(found.split)} "
                "divides into train and test: the test rows shape what it learns; fit "
                "it on the training part only, or inside a Pipeline"
            )
        yield ctx.at_node(SPEC, fit.site.cell, fit.site.node, message)
