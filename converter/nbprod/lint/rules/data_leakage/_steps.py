"""Which fitted steps learn from the data alone, and which learn from the label.

Shared by the data-leakage rules: a step fitted on rows that a split later divides leaks
the held-out rows into what it learned. Whether that matters a little (a scaler's mean) or
a lot (features chosen by their correlation with the label) depends on the step.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from ....analysis.symbols import qualified_name
from ._flow import FitEvent, Flow, Split, class_name, is_estimator_class

#: scikit-learn transformers whose ``fit`` learns statistics of X only. Stateless ones
#: (``Normalizer``, ``HashingVectorizer``, ``FunctionTransformer``) and
#: ``PolynomialFeatures`` (whose fit only counts columns) learn nothing from the rows.
SKLEARN_UNSUPERVISED = frozenset(
    {
        "StandardScaler",
        "MinMaxScaler",
        "MaxAbsScaler",
        "RobustScaler",
        "QuantileTransformer",
        "PowerTransformer",
        "KBinsDiscretizer",
        "SplineTransformer",
        "SimpleImputer",
        "KNNImputer",
        "IterativeImputer",
        "PCA",
        "IncrementalPCA",
        "KernelPCA",
        "SparsePCA",
        "TruncatedSVD",
        "FastICA",
        "NMF",
        "FactorAnalysis",
        "OneHotEncoder",
        "OrdinalEncoder",
        "CountVectorizer",
        "TfidfVectorizer",
        "TfidfTransformer",
        "DictVectorizer",
        "VarianceThreshold",
    }
)

#: scikit-learn steps whose ``fit`` uses the label.
SKLEARN_SUPERVISED = frozenset(
    {
        "SelectKBest",
        "SelectPercentile",
        "SelectFpr",
        "SelectFdr",
        "SelectFwe",
        "GenericUnivariateSelect",
        "SelectFromModel",
        "RFE",
        "RFECV",
        "SequentialFeatureSelector",
        "TargetEncoder",
        "LinearDiscriminantAnalysis",
    }
)

#: imbalanced-learn samplers that synthesise or duplicate rows: fitted before a split,
#: copies of (or interpolations between) rows end up on both sides.
OVERSAMPLERS = frozenset(
    {
        "SMOTE",
        "SMOTENC",
        "SMOTEN",
        "ADASYN",
        "BorderlineSMOTE",
        "SVMSMOTE",
        "KMeansSMOTE",
        "RandomOverSampler",
        "SMOTEENN",
        "SMOTETomek",
    }
)

CATEGORY_ENCODERS_SUPERVISED = frozenset(
    {
        "TargetEncoder",
        "MEstimateEncoder",
        "LeaveOneOutEncoder",
        "CatBoostEncoder",
        "JamesSteinEncoder",
        "WOEEncoder",
        "GLMMEncoder",
        "QuantileEncoder",
        "SummaryEncoder",
    }
)
CATEGORY_ENCODERS_UNSUPERVISED = frozenset(
    {"OneHotEncoder", "OrdinalEncoder", "CountEncoder", "BinaryEncoder", "BaseNEncoder"}
)

COMPOSITES = frozenset(
    {
        "Pipeline",
        "make_pipeline",
        "ColumnTransformer",
        "make_column_transformer",
        "FeatureUnion",
        "make_union",
    }
)
NEUTRAL = frozenset(
    {
        "FunctionTransformer",
        "Normalizer",
        "Binarizer",
        "HashingVectorizer",
        "PolynomialFeatures",
        "make_column_selector",
        "MissingIndicator",
    }
)

SUPERVISED = "supervised"
UNSUPERVISED = "unsupervised"


def step_kind(
    flow: Flow, origin: str | None, ctor: ast.Call | None, depth: int = 0
) -> str | None:
    """``supervised``, ``unsupervised``, ``neutral``, ``model`` (anything else) or None."""
    name = class_name(origin)
    if origin is None or name is None or depth > 6:
        return None
    package = origin.split(".")[0]
    if package == "sklearn":
        if name in SKLEARN_SUPERVISED:
            return SUPERVISED
        if name in SKLEARN_UNSUPERVISED:
            return UNSUPERVISED
        if name in NEUTRAL:
            return "neutral"
        if name in COMPOSITES:
            return _composite_kind(flow, ctor, depth)
    elif package == "imblearn":
        if name in OVERSAMPLERS:
            return SUPERVISED
        if name in COMPOSITES:
            return _composite_kind(flow, ctor, depth)
    elif package == "category_encoders":
        if name in CATEGORY_ENCODERS_SUPERVISED:
            return SUPERVISED
        if name in CATEGORY_ENCODERS_UNSUPERVISED:
            return UNSUPERVISED
    elif package == "umap" and name == "UMAP":
        return UNSUPERVISED
    return "model" if is_estimator_class(origin) else None


def _composite_kind(flow: Flow, ctor: ast.Call | None, depth: int) -> str | None:
    if ctor is None:
        return None
    kinds: set[str | None] = set()
    for node in _step_nodes(ctor):
        if isinstance(node, ast.Call):
            qualname = qualified_name(node.func, flow.aliases)
            kinds.add(step_kind(flow, qualname, node, depth + 1))
        elif isinstance(node, ast.Name):
            value = flow.value_of(node.id)
            if value is not None and value.ctor is not None:
                kinds.add(step_kind(flow, value.origin, value.ctor, depth + 1))
    kinds.discard("neutral")
    if SUPERVISED in kinds:
        return SUPERVISED
    if kinds == {UNSUPERVISED}:
        return UNSUPERVISED
    return "model" if kinds else None


def _step_nodes(ctor: ast.Call) -> Iterator[ast.AST]:
    """The step expressions inside a composite's arguments (calls and names)."""
    stack: list[ast.AST] = [*ctor.args, *(kw.value for kw in ctor.keywords if kw.arg)]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Call | ast.Name):
            yield node
        elif isinstance(node, ast.Tuple | ast.List):
            stack.extend(node.elts)


def fit_kind(flow: Flow, fit: FitEvent) -> str | None:
    if fit.method == "function":
        return SUPERVISED if fit.y_given else None
    if fit.method == "statistic":
        return SUPERVISED if is_target_encoding(flow, fit) else UNSUPERVISED
    return step_kind(flow, fit.origin, fit.ctor)


def is_target_encoding(flow: Flow, fit: FitEvent) -> bool:
    """A grouped statistic of the label column (``df.groupby("city")["price"].mean()``):
    the label of every row, test rows included, averaged into a feature."""
    return fit.grouped and fit.column is not None and fit.column in flow.label_columns


@dataclass(frozen=True)
class PreSplitFit:
    fit: FitEvent
    split: Split
    step: str  # class name for messages


def fits_before_split(flow: Flow, wanted: str) -> Iterator[PreSplitFit]:
    """Steps of kind ``wanted`` fitted on rows a split divides, whose learned state then
    reaches the split's data (its input, or its train/test parts)."""
    for fit in flow.fits:
        if fit_kind(flow, fit) != wanted:
            continue
        if wanted == SUPERVISED and not fit.y_given and fit.method != "statistic":
            continue
        if not fit.rows:
            continue
        fit_roles = flow.roles_of(fit.rows)
        for split in flow.splits:
            if split.kind in {"cv", "loop"} and fit_roles:
                continue  # preprocessing inside the training part, re-split for CV
            if split.site.order == fit.site.order:
                continue
            if {("train", split.id), ("test", split.id)} <= fit_roles:
                # train and test parts put back together (``pd.concat([X_train,
                # X_test])``) for preprocessing, then cut apart again
                if any(
                    fit.id in flow.knows(v.id) for v in flow.values_with_role(split.id)
                ):
                    yield PreSplitFit(fit, split, _step_name(fit))
                    break
                continue
            if not fit.rows & flow.split_ancestors(split):
                continue
            if _reaches(flow, fit, split):
                yield PreSplitFit(fit, split, _step_name(fit))
                break


def _step_name(fit: FitEvent) -> str:
    step = fit.text if fit.method == "statistic" else class_name(fit.origin)
    return step or "step"


def _reaches(flow: Flow, fit: FitEvent, split: Split) -> bool:
    if any(fit.id in flow.knows(vid) for vid in split.inputs):
        return True
    return any(fit.id in flow.knows(v.id) for v in flow.values_with_role(split.id))


def split_text(split: Split) -> str:
    cell = split.site.cell.index + 1
    if split.kind == "manual":
        return f"the train/test selection in cell {cell}"
    return f"`{split.label}` (cell {cell})"
