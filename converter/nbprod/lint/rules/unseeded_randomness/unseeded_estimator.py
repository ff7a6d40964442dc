"""
## What it does
Flags a scikit-learn (or UMAP) estimator whose fitting is random, created without
`random_state` (or with `random_state=None`): forests, extra trees, gradient boosting,
decision trees, bagging, AdaBoost, SGD and MLP models, k-means, Gaussian mixtures, t-SNE,
truncated SVD, ICA, LDA topic models, isolation forests, random projections,
`RandomizedSearchCV`, and the estimators that are random only in some configurations:
`LogisticRegression` with the `sag`, `saga` or `liblinear` solver, `Ridge` with `sag`
or `saga`, `Lasso`/`ElasticNet` with `selection="random"`, `SVC(probability=True)`,
`LinearSVC` unless `dual=False`, `PCA`/`KernelPCA` with a randomized or ARPACK solver,
and `HistGradientBoosting*` unless `early_stopping=False`.

A base estimator created inside a seeded `Bagging*` or `AdaBoost*` call
(`BaggingClassifier(DecisionTreeClassifier(), random_state=42)`) is not flagged: the
ensemble sets its `random_state` from its own.

XGBoost, LightGBM and CatBoost models are not flagged: their seeds default to fixed
values (0, fixed per-feature seeds, and 0), so they train the same model every run.

## Why is this bad?
With `random_state=None` the estimator draws from NumPy's global generator: each run
trains a slightly different model with different scores, so results cannot be
reproduced, compared, or checked against the golden values export captures. A global
`np.random.seed` above is fragile: it stops applying once cells are reordered or run
as separate pipeline steps.

## Example
```python
model = RandomForestClassifier(n_estimators=300)
```

## Use instead
```python
model = RandomForestClassifier(n_estimators=300, random_state=SEED)
```

## What export does
Export keeps the call; the quick fix adds `random_state=` with the seed variable of the
parameters cell (`SEED`, `RANDOM_STATE`, `seed`...) when there is one, else 42.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Iterator

from ....analysis import CallSite
from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._seed import keyword_fix, seed_expression, unseeded_keyword

SPEC = RuleSpec(
    code="NBP062",
    name="unseeded-estimator",
    category=Category.UNSEEDED_RANDOMNESS,
    severity=Severity.WARNING,
    fix="safe",
)

ALWAYS_RANDOM = frozenset(
    [
        "RandomForestClassifier",
        "RandomForestRegressor",
        "ExtraTreesClassifier",
        "ExtraTreesRegressor",
        "RandomTreesEmbedding",
        "GradientBoostingClassifier",
        "GradientBoostingRegressor",
        "DecisionTreeClassifier",
        "DecisionTreeRegressor",
        "ExtraTreeClassifier",
        "ExtraTreeRegressor",
        "BaggingClassifier",
        "BaggingRegressor",
        "AdaBoostClassifier",
        "AdaBoostRegressor",
        "IsolationForest",
        "SGDClassifier",
        "SGDRegressor",
        "SGDOneClassSVM",
        "Perceptron",
        "PassiveAggressiveClassifier",
        "PassiveAggressiveRegressor",
        "MLPClassifier",
        "MLPRegressor",
        "BernoulliRBM",
        "KMeans",
        "MiniBatchKMeans",
        "BisectingKMeans",
        "SpectralClustering",
        "GaussianMixture",
        "BayesianGaussianMixture",
        "TSNE",
        "MDS",
        "TruncatedSVD",
        "FastICA",
        "LatentDirichletAllocation",
        "MiniBatchDictionaryLearning",
        "MiniBatchSparsePCA",
        "RandomizedSearchCV",
        "HalvingRandomSearchCV",
        "GaussianRandomProjection",
        "SparseRandomProjection",
        "RBFSampler",
        "Nystroem",
        "SkewedChi2Sampler",
    ]
)


def _literal(site: CallSite, keyword: str) -> object:
    value = site.keyword(keyword)
    if isinstance(value, ast.Constant):
        return value.value
    return ... if value is not None else None  # ... = not a literal


def _kw_in(keyword: str, values: set[object]) -> Callable[[CallSite], bool]:
    return lambda site: _literal(site, keyword) in values


def _kw_not(keyword: str, value: object) -> Callable[[CallSite], bool]:
    return lambda site: site.keyword(keyword) is None or _literal(
        site, keyword
    ) not in {
        value,
        ...,
    }


#: Estimators random only in some configurations: the test that says it is random.
CONDITIONAL: dict[str, tuple[Callable[[CallSite], bool], str]] = {
    "LogisticRegression": (_kw_in("solver", {"sag", "saga", "liblinear"}), "solver"),
    "Ridge": (_kw_in("solver", {"sag", "saga"}), "solver"),
    "Lasso": (_kw_in("selection", {"random"}), "selection"),
    "ElasticNet": (_kw_in("selection", {"random"}), "selection"),
    "LassoCV": (_kw_in("selection", {"random"}), "selection"),
    "ElasticNetCV": (_kw_in("selection", {"random"}), "selection"),
    "SVC": (_kw_in("probability", {True}), "probability"),
    "NuSVC": (_kw_in("probability", {True}), "probability"),
    "LinearSVC": (_kw_not("dual", False), "dual"),
    "LinearSVR": (_kw_not("dual", False), "dual"),
    "PCA": (_kw_in("svd_solver", {"randomized", "arpack"}), "svd_solver"),
    "KernelPCA": (_kw_in("eigen_solver", {"randomized", "arpack"}), "eigen_solver"),
    "HistGradientBoostingClassifier": (
        _kw_not("early_stopping", False),
        "early_stopping",
    ),
    "HistGradientBoostingRegressor": (
        _kw_not("early_stopping", False),
        "early_stopping",
    ),
}


def is_random_estimator(site: CallSite) -> bool:
    qualname = site.qualname or ""
    name = qualname.rsplit(".", 1)[-1]
    if qualname.startswith("sklearn."):
        if name in ALWAYS_RANDOM:
            return True
        test = CONDITIONAL.get(name)
        return test is not None and test[0](site)
    return qualname in {"umap.UMAP", "umap.umap_.UMAP"}


#: Ensembles that seed their base estimator from their own ``random_state``.
SEEDING_ENSEMBLES = frozenset(
    {"BaggingClassifier", "BaggingRegressor", "AdaBoostClassifier", "AdaBoostRegressor"}
)


def _seeded_by_ensemble(sites: Iterable[CallSite]) -> set[int]:
    """``id()`` of estimator calls passed directly to a seeded ensemble."""
    found: set[int] = set()
    for site in sites:
        qualname = site.qualname or ""
        if not qualname.startswith("sklearn.") or (
            qualname.rsplit(".", 1)[-1] not in SEEDING_ENSEMBLES
        ):
            continue
        if unseeded_keyword(site, "random_state")[0]:
            continue
        node = site.node
        arguments = [*node.args[:1], *(kw.value for kw in node.keywords)]
        found.update(id(arg) for arg in arguments if isinstance(arg, ast.Call))
    return found


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    seeded = _seeded_by_ensemble(ctx.analysis.calls)
    for site in ctx.analysis.calls:
        if not is_random_estimator(site) or site.has_kwargs_splat():
            continue
        if id(site.node) in seeded:
            continue
        unseeded, none_node = unseeded_keyword(site, "random_state")
        if not unseeded:
            continue
        name = (site.qualname or "").rsplit(".", 1)[-1]
        seed = seed_expression(ctx.analysis, site)
        yield ctx.at_node(
            SPEC,
            site.cell,
            site.node,
            f"`{name}` is created without `random_state`: it draws from NumPy's global "
            "generator, so every run trains a different model; pass "
            f"`random_state={seed}`",
            fix=keyword_fix(site, "random_state", seed, none_node),
        )
