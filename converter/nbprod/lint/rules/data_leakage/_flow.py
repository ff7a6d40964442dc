"""Cross-cell dataflow of data, estimators, splits, fits and evaluations.

The data-leakage and demo-subset rules share this static model of a notebook. Module-level
statements of every code cell are walked top to bottom (the bodies of ``if``/``for``/
``with``/``try`` once, in order; function and class bodies not at all). Each binding of a
name makes a new immutable :class:`Value` that records

* ``rows``: the values its *rows* come from (``X = df.drop(columns="y")`` -> ``df``;
  ``scaler.transform(X_train)`` -> ``X_train``; ``pd.concat([a, b])`` -> ``a, b``);
* ``deps``: every value read to compute it (so estimators applied to data count);
* ``roles``: ``("train" | "test", split id)`` for the halves of a split
  (``train_test_split`` targets, ``KFold.split`` index loops, and row selections whose
  target name says train/test, e.g. ``test = df[df.year >= 2020]``);
* what produced it: a constructor (``origin``), a fit (``fit``), a prediction
  (``pred``), a row subset (``subset``) or a file read (``read``).

Events are recorded with a global order: :class:`Split`, :class:`FitEvent` (``.fit``,
``.fit_transform``, ``.fit_resample``, label-scoring functions such as
``mutual_info_classif``), :class:`PredictEvent` (``.predict`` and friends, ``.score``,
metric functions on predictions), training sinks (``cross_val_score``, ``xgb.train``) and
writes. Nothing is executed; the model is a sound-enough approximation for the common
notebook idioms and errs on the side of staying silent.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ....analysis import CellAnalysis, NotebookAnalysis
from ....analysis.symbols import qualified_name
from ._stats import (
    APPLY_METHODS,
    RESAMPLE_FUNCTIONS,
    SCALING_FUNCTIONS,
    STAT_FUNCTIONS,
    STAT_METHODS,
    is_column_axis,
    names_statistic,
    repeats_rows,
    samples_with_repeats,
)

# -- tables ------------------------------------------------------------------------------

#: How many statements of user functions one notebook may inline (calls are followed
#: into the functions they call, up to :data:`INLINE_DEPTH` deep).
INLINE_BUDGET = 1500
INLINE_DEPTH = 3

SPLIT_FUNCTIONS = frozenset(
    {
        "sklearn.model_selection.train_test_split",
        "sklearn.cross_validation.train_test_split",
    }
)

#: Functions that cross-validate an estimator on data they split themselves:
#: (index of the estimator argument, index of the X argument).
CV_FUNCTIONS = {
    "cross_val_score": (0, 1),
    "cross_validate": (0, 1),
    "cross_val_predict": (0, 1),
    "learning_curve": (0, 1),
    "validation_curve": (0, 1),
    "permutation_test_score": (0, 1),
}

#: Classes whose ``.split(X)`` yields (train index, test index) pairs.
CV_SPLITTERS = frozenset(
    {
        "KFold",
        "StratifiedKFold",
        "GroupKFold",
        "StratifiedGroupKFold",
        "RepeatedKFold",
        "RepeatedStratifiedKFold",
        "ShuffleSplit",
        "StratifiedShuffleSplit",
        "GroupShuffleSplit",
        "TimeSeriesSplit",
        "LeaveOneOut",
        "LeaveOneGroupOut",
        "LeavePOut",
        "LeavePGroupsOut",
        "PredefinedSplit",
    }
)

#: Estimators whose ``fit`` cross-validates internally (a split of what they are fit on).
SEARCH_CV = frozenset(
    {
        "GridSearchCV",
        "RandomizedSearchCV",
        "HalvingGridSearchCV",
        "HalvingRandomSearchCV",
    }
)

FIT_METHODS = frozenset({"fit", "fit_transform", "fit_predict", "fit_resample"})
TRANSFORM_METHODS = frozenset({"transform", "inverse_transform"})
PREDICT_METHODS = frozenset(
    {"predict", "predict_proba", "predict_log_proba", "decision_function"}
)
SCORE_METHODS = frozenset({"score", "evaluate"})

#: Functions that score features against the label (a fit on (X, y)).
LABEL_SCORE_FUNCTIONS = frozenset(
    {
        "sklearn.feature_selection.mutual_info_classif",
        "sklearn.feature_selection.mutual_info_regression",
        "sklearn.feature_selection.f_classif",
        "sklearn.feature_selection.f_regression",
        "sklearn.feature_selection.chi2",
        "sklearn.feature_selection.r_regression",
    }
)

#: sklearn.metrics functions whose arguments include predictions (y_true, y_pred...).
METRIC_FUNCTIONS = frozenset(
    {
        "accuracy_score",
        "balanced_accuracy_score",
        "f1_score",
        "fbeta_score",
        "precision_score",
        "recall_score",
        "precision_recall_fscore_support",
        "roc_auc_score",
        "average_precision_score",
        "log_loss",
        "brier_score_loss",
        "matthews_corrcoef",
        "cohen_kappa_score",
        "jaccard_score",
        "hamming_loss",
        "zero_one_loss",
        "hinge_loss",
        "top_k_accuracy_score",
        "classification_report",
        "confusion_matrix",
        "multilabel_confusion_matrix",
        "roc_curve",
        "precision_recall_curve",
        "det_curve",
        "mean_squared_error",
        "root_mean_squared_error",
        "mean_absolute_error",
        "median_absolute_error",
        "mean_absolute_percentage_error",
        "mean_squared_log_error",
        "root_mean_squared_log_error",
        "r2_score",
        "explained_variance_score",
        "max_error",
        "mean_poisson_deviance",
        "mean_gamma_deviance",
        "mean_tweedie_deviance",
        "mean_pinball_loss",
        "d2_absolute_error_score",
        "d2_pinball_score",
        "d2_tweedie_score",
    }
)
#: ``*Display.from_estimator(model, X, y)`` evaluates ``model`` on ``X``.
DISPLAY_CLASSES = frozenset(
    {
        "ConfusionMatrixDisplay",
        "RocCurveDisplay",
        "PrecisionRecallDisplay",
        "DetCurveDisplay",
        "PredictionErrorDisplay",
    }
)

#: Functions whose result keeps the rows of the elements of their first argument.
CONCAT_FUNCTIONS = frozenset(
    {
        "pandas.concat",
        "numpy.concatenate",
        "numpy.vstack",
        "numpy.hstack",
        "numpy.column_stack",
        "numpy.row_stack",
        "numpy.stack",
        "scipy.sparse.hstack",
        "scipy.sparse.vstack",
    }
)

#: Attributes of data that are not columns (``df.shape``, ``s.str``).
PANDAS_ATTRIBUTES = frozenset(
    {
        "index",
        "columns",
        "shape",
        "dtypes",
        "dtype",
        "size",
        "ndim",
        "iloc",
        "loc",
        "at",
        "iat",
        "str",
        "dt",
        "cat",
        "plot",
        "empty",
        "name",
        "axes",
        "flat",
        "real",
        "imag",
        "data",
        "nbytes",
        "sparse",
    }
)

#: Of those, the ones that stack rows (by default).
ROW_CONCAT_FUNCTIONS = frozenset(
    {
        "pandas.concat",
        "numpy.concatenate",
        "numpy.vstack",
        "numpy.row_stack",
        "scipy.sparse.vstack",
    }
)

#: Data methods that relate columns to each other (to the label, when it is one).
CORRELATION_METHODS = frozenset({"corr", "corrwith"})

#: Data methods whose result still holds the receiver's column (``df["y"].values``).
KEEP_COLUMN_METHODS = frozenset(
    {"to_numpy", "ravel", "astype", "copy", "reshape", "squeeze", "to_list", "tolist"}
)

#: Library training entry points: qualname -> indices/keywords of data arguments.
TRAIN_FUNCTIONS = {
    "xgboost.train": ((1,), ("dtrain",)),
    "xgboost.cv": ((1,), ("dtrain",)),
    "lightgbm.train": ((1,), ("train_set",)),
    "lightgbm.cv": ((1,), ("train_set",)),
    "catboost.train": ((0,), ("pool", "dtrain")),
    "transformers.Trainer": ((), ("train_dataset",)),
    "transformers.trainer.Trainer": ((), ("train_dataset",)),
    "trl.SFTTrainer": ((), ("train_dataset",)),
}

WRITE_METHODS = frozenset(
    {
        "to_csv",
        "to_parquet",
        "to_pickle",
        "to_feather",
        "to_excel",
        "to_json",
        "to_sql",
        "to_hdf",
        "to_orc",
        "write_csv",
        "write_parquet",
        "save_to_disk",
    }
)
WRITE_FUNCTIONS = frozenset(
    {"joblib.dump", "pickle.dump", "numpy.save", "numpy.savez", "torch.save"}
)

#: Data methods that select rows (the result is a subset of the receiver's rows).
ROW_SELECT_METHODS = frozenset(
    {"sample", "head", "tail", "query", "nlargest", "nsmallest"}
)
#: Data methods that add the rows of their first argument (``a.append(b)``).
APPEND_METHODS = frozenset({"append", "union", "vstack", "extend"})

_TRAIN_NAME = re.compile(r"train|(^|_)(tr|trn)(_|$|\d)")
_TEST_NAME = re.compile(r"test|valid|holdout|(^|_)(val|te|tst|dev)(_|$|\d)")


def role_from_name(name: str) -> str | None:
    """``train`` or ``test`` when a variable name says which half it is, else None."""
    lowered = name.lower()
    train = bool(_TRAIN_NAME.search(lowered))
    test = bool(_TEST_NAME.search(lowered))
    if train and not test:
        return "train"
    if test and not train:
        return "test"
    return None


def class_name(qualname: str | None) -> str | None:
    """The last dotted part of a qualified name (``StandardScaler``)."""
    return qualname.rsplit(".", 1)[-1] if qualname else None


# -- records -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    """Where something happened: cell, node, and global order."""

    cell: CellAnalysis = field(compare=False, repr=False)
    node: ast.AST = field(compare=False, repr=False)
    order: int = 0


@dataclass
class Split:
    """A split of ``inputs`` into train and test parts (explicit, CV or manual)."""

    id: int
    kind: str  # "split" (train_test_split), "cv" (CV function/search), "loop" (KFold), "manual"
    inputs: tuple[int, ...]
    site: Site
    label: str  # what to call it in messages ("train_test_split")


@dataclass
class Subset:
    """A literal-size row subset: ``df.sample(n=500)``, ``df.head(100)``, ``df[:1000]``."""

    id: int
    site: Site
    text: str  # the expression, for messages
    size: str  # the literal size, or the name bound to it


@dataclass
class ReadLimit:
    """A file read limited to part of the file (``nrows=``, ``skiprows=range(...)``)."""

    id: int
    site: Site
    keyword: ast.keyword = field(repr=False)
    text: str


@dataclass
class FitEvent:
    """An estimator (or a label-scoring function) learning from data."""

    id: int
    site: Site
    method: str  # fit, fit_transform, fit_predict, fit_resample, or "function"
    origin: str | None  # qualified class (or function) name, if known
    ctor: ast.Call | None  # the constructor call, for composite estimators
    model_name: str | None  # the variable holding the estimator
    model: int | None  # value id of the fitted estimator version
    rows: frozenset[int]  # values whose rows are fitted on (X)
    x_node: ast.AST | None
    y_given: bool
    y_rows: frozenset[int]
    keywords: frozenset[str]  # keyword names passed to fit
    loop: int | None = None  # the innermost loop (or comprehension) it runs in
    #: For ``method == "statistic"``: the expression (for messages), the column it
    #: summarises, and whether it is grouped (``groupby(...)[col].mean()``).
    text: str | None = None
    column: str | None = None
    grouped: bool = False
    via: str | None = None  # the user function it runs in, when inlined at a call


@dataclass
class PredictEvent:
    """A fitted model applied to data: predict*, score, evaluate, ``*Display``."""

    id: int
    site: Site
    model: int  # value id of the model version
    rows: frozenset[int]
    kind: str  # "predict", "score", "metric"
    metric: str | None = None  # metric function name, for kind "metric"
    loop: int | None = None  # the innermost loop (or comprehension) it runs in


@dataclass
class Dup:
    """Rows repeated or augmented: ``resample(replace=True)``, ``np.repeat``,
    ``sample(replace=True)``, or a concatenation of data with rows derived from it."""

    id: int
    site: Site
    text: str  # the expression, for messages


@dataclass
class Sink:
    """Data reaching training or a file write."""

    site: Site
    rows: frozenset[int]
    kind: str  # "train" or "write"
    text: str


@dataclass
class Value:
    """One binding of a name (or an anonymous intermediate)."""

    id: int
    name: str | None
    site: Site
    rows: frozenset[int] = frozenset()
    deps: frozenset[int] = frozenset()
    roles: frozenset[tuple[str, int]] = frozenset()
    origin: str | None = None
    ctor: ast.Call | None = None
    fit: int | None = None  # FitEvent id that produced this estimator version
    knows: frozenset[int] = frozenset()  # FitEvent ids whose learned state is in it
    pred: int | None = None  # PredictEvent id, for predictions
    subset: int | None = None
    read: int | None = None
    rowsel: bool = False  # made by selecting rows of ``rows``
    cv_index: int | None = None  # Split id, for the iterator of ``KFold.split``
    column: str | None = None  # ``df["price"]``: the column it holds
    dup: int | None = None  # Dup id, when made by repeating rows
    strings: frozenset[str] | None = None  # a literal list of strings (column names)
    #: Fits whose state a column assignment put in one column (``df["c"] = df.x.mean()``)
    col_knows: dict[str, frozenset[int]] | None = None


@dataclass
class Ex:
    """The summary of an expression while it is evaluated."""

    rows: frozenset[int] = frozenset()
    deps: frozenset[int] = frozenset()
    value: int | None = None  # the expression *is* this value (a name, ``m.fit(...)``)
    origin: str | None = None
    ctor: ast.Call | None = None
    knows: frozenset[int] = frozenset()
    pred: int | None = None
    subset: int | None = None
    read: int | None = None
    rowsel: bool = False
    split: Split | None = None  # train_test_split result
    split_arity: int = 0
    cv_iter: int | None = None  # Split id of a ``KFold.split`` iterator
    parts: tuple[Ex, ...] | None = None  # tuple displays and fit_resample results
    row_roles: frozenset[tuple[str, int]] = frozenset()
    column: str | None = None  # ``df["price"]``: the column it holds
    grouped: bool = False  # ``df.groupby(...)`` and selections from it
    dup: int | None = None  # rows repeated (a Dup id)
    strings: frozenset[str] | None = None  # ``["a", "b"]``
    #: Fits left behind: columns that held their state were not selected.
    forget: frozenset[int] = frozenset()
    #: A correlation (``df.corr()``) not yet narrowed to one column: its FitEvent id.
    corr_fit: int | None = None


EMPTY = Ex()


def _merge(*exs: Ex, rows: bool = True) -> Ex:
    return Ex(
        rows=frozenset().union(*(e.rows for e in exs)) if rows else frozenset(),
        deps=frozenset().union(*(e.deps for e in exs)),
        knows=frozenset().union(*(e.knows for e in exs)),
    )


# -- the flow ----------------------------------------------------------------------------


class Flow:
    """The dataflow of one notebook; build with :func:`flow_of`."""

    def __init__(self, analysis: NotebookAnalysis) -> None:
        self.analysis = analysis
        self.aliases = analysis.aliases
        self.values: list[Value] = []
        self.env: dict[str, int] = {}
        self.splits: list[Split] = []
        self.fits: list[FitEvent] = []
        self.predicts: list[PredictEvent] = []
        self.sinks: list[Sink] = []
        self.subsets: list[Subset] = []
        self.reads: list[ReadLimit] = []
        #: names passed as the estimator of a CV function, or read as ``.best_score_``.
        self.cv_evaluated: set[str] = set()
        #: names whose ``.index`` is dropped from another frame (a manual split half).
        self.index_dropped: set[str] = set()
        #: names of models whose fit was given a validation set (Keras, XGBoost ...).
        self.fit_with_validation: set[int] = set()
        #: Every ``.predict*``/``.score`` call on a plain name, fitted as far as the flow
        #: can tell or not (``for name, model in models.items(): model.predict(X)``):
        #: (receiver name, receiver value id or None, rows).
        self.predict_uses: list[tuple[str, int | None, frozenset[int]]] = []
        #: Modules star-imported from scikit-learn's metrics.
        self._star_metrics = any(
            rec.is_star and rec.module.startswith("sklearn.metrics")
            for ca in analysis.cells
            for rec in ca.imports
        )
        self._role_tab: list[frozenset[tuple[str, int]]] = []
        self._knows_tab: list[frozenset[int]] = []
        self._subset_tab: list[frozenset[int]] = []
        self._read_tab: list[frozenset[int]] = []
        self._dup_tab: list[frozenset[int]] = []
        self._split_ancestors: dict[int, frozenset[int]] = {}
        #: Rows repeated or augmented (overlap when a split follows).
        self.dups: list[Dup] = []
        #: Columns used as the label: ``y = df["price"]`` given to a fit or a split.
        self.label_columns: set[str] = set()
        #: Loops and comprehensions, numbered in order; a stack while walking.
        self._loops: list[int] = []
        self.loop_parent: dict[int, int | None] = {}
        self.loop_nodes: dict[int, ast.AST] = {}
        self._loop_count = 0
        #: While a user function is inlined: the call that every event inside it is
        #: reported at, the functions on the stack, what ``return`` gives, and the names
        #: mutated in place (``df["c"] = ...``), which reach the caller.
        self._call_site: ast.AST | None = None
        self._inlining: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
        self._returns: list[list[Ex]] = []
        self._mutated: list[set[str]] = []
        self._inline_budget = INLINE_BUDGET
        self._functions: dict[int, ast.FunctionDef | ast.AsyncFunctionDef] = {}
        self._shapes: dict[int, _FunctionShape] = {}
        self._order = 0
        self._manual: dict[int, Split] = {}
        self._cell: CellAnalysis | None = None
        for ca in analysis.cells:
            if ca.tree is None:
                continue
            self._cell = ca
            for stmt in ca.tree.body:
                self._stmt(stmt)

    # -- bookkeeping ----------------------------------------------------------------------
    def _site(self, node: ast.AST) -> Site:
        self._order += 1
        assert self._cell is not None
        return Site(self._cell, self._call_site or node, self._order)

    @property
    def _loop(self) -> int | None:
        return self._loops[-1] if self._loops else None

    def _new_value(
        self, name: str | None, node: ast.AST, ex: Ex, **extra: object
    ) -> int:
        value = Value(
            id=len(self.values),
            name=name,
            site=self._site(node),
            rows=ex.rows,
            deps=ex.deps,
            origin=ex.origin,
            ctor=ex.ctor,
            knows=ex.knows,
            pred=ex.pred,
            subset=ex.subset,
            read=ex.read,
            rowsel=ex.rowsel,
            cv_index=ex.cv_iter,
            roles=ex.row_roles,
            column=ex.column,
            dup=ex.dup,
            strings=ex.strings,
        )
        for key, val in extra.items():
            setattr(value, key, val)
        self.values.append(value)
        roles = set(value.roles)
        subsets = {value.subset} if value.subset is not None else set()
        reads = {value.read} if value.read is not None else set()
        dups = {value.dup} if value.dup is not None else set()
        for parent in value.rows:
            if parent < value.id:
                roles |= self._role_tab[parent]
                subsets |= self._subset_tab[parent]
                reads |= self._read_tab[parent]
                dups |= self._dup_tab[parent]
        knows = set(value.knows)
        for parent in value.deps:
            if parent < value.id:
                knows |= self._knows_tab[parent]
        knows -= ex.forget
        self._role_tab.append(frozenset(roles))
        self._subset_tab.append(frozenset(subsets))
        self._read_tab.append(frozenset(reads))
        self._dup_tab.append(frozenset(dups))
        self._knows_tab.append(frozenset(knows))
        return value.id

    def value_of(self, name: str) -> Value | None:
        vid = self.env.get(name)
        return self.values[vid] if vid is not None else None

    # -- statements -----------------------------------------------------------------------
    def _stmt(self, stmt: ast.stmt) -> None:
        if isinstance(stmt, ast.Assign):
            ex = self._expr(stmt.value)
            for target in stmt.targets:
                self._bind(target, ex, stmt.value)
        elif isinstance(stmt, ast.AnnAssign):
            if stmt.value is not None:
                self._bind(stmt.target, self._expr(stmt.value), stmt.value)
        elif isinstance(stmt, ast.AugAssign):
            ex = self._expr(stmt.value)
            self._mutate(stmt.target, ex)
        elif isinstance(stmt, ast.Expr):
            self._expr(stmt.value)
        elif isinstance(stmt, ast.For | ast.AsyncFor):
            ex = self._expr(stmt.iter)
            self._push_loop(stmt)
            self._bind_loop(stmt.target, ex, stmt.iter)
            for inner in stmt.body:
                self._stmt(inner)
            self._loops.pop()
            for inner in stmt.orelse:
                self._stmt(inner)
        elif isinstance(stmt, ast.While):
            self._push_loop(stmt)
            self._expr(stmt.test)
            for inner in stmt.body:
                self._stmt(inner)
            self._loops.pop()
            for inner in stmt.orelse:
                self._stmt(inner)
        elif isinstance(stmt, ast.If):
            self._expr(stmt.test)
            for inner in [*stmt.body, *stmt.orelse]:
                self._stmt(inner)
        elif isinstance(stmt, ast.Return):
            ex = self._expr(stmt.value)
            if self._returns:
                self._returns[-1].append(ex)
        elif isinstance(stmt, ast.With | ast.AsyncWith):
            for item in stmt.items:
                ex = self._expr(item.context_expr)
                if item.optional_vars is not None:
                    self._bind(item.optional_vars, ex, item.context_expr)
            for inner in stmt.body:
                self._stmt(inner)
        elif isinstance(stmt, ast.Try):
            for inner in [*stmt.body, *stmt.orelse, *stmt.finalbody]:
                self._stmt(inner)
            for handler in stmt.handlers:
                for inner in handler.body:
                    self._stmt(inner)
        elif isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            self._new_opaque(stmt.name, stmt)
            self._functions[self.env[stmt.name]] = stmt
        elif isinstance(stmt, ast.ClassDef):
            self._new_opaque(stmt.name, stmt)
        elif isinstance(stmt, ast.Import | ast.ImportFrom):
            for alias in stmt.names:
                bound = alias.asname or alias.name.split(".")[0]
                self.env.pop(bound, None)
        elif isinstance(stmt, ast.Delete):
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    self.env.pop(target.id, None)

    def _push_loop(self, node: ast.AST) -> None:
        self._loop_count += 1
        self.loop_parent[self._loop_count] = self._loop
        self.loop_nodes[self._loop_count] = node
        self._loops.append(self._loop_count)

    def loop_chain(self, loop: int | None) -> set[int]:
        """A loop and the loops around it."""
        found: set[int] = set()
        while loop is not None and loop not in found:
            found.add(loop)
            loop = self.loop_parent.get(loop)
        return found

    def _new_opaque(self, name: str, node: ast.AST) -> None:
        self.env[name] = self._new_value(name, node, EMPTY)

    def _bind(self, target: ast.AST, ex: Ex, value_node: ast.AST) -> None:
        if isinstance(target, ast.Name):
            if ex.value is not None and ex.parts is None:
                self.env[target.id] = ex.value
                if self.values[ex.value].name is None:
                    self.values[ex.value].name = target.id
                return
            roles = ex.row_roles
            name_role = role_from_name(target.id)
            base = next(iter(ex.rows)) if len(ex.rows) == 1 else None
            if base is not None and ex.rowsel:
                anonymous = self.values[base]
                if (
                    anonymous.name is None
                    and anonymous.rowsel
                    and len(anonymous.rows) == 1
                ):
                    base = next(iter(anonymous.rows))
            if (
                name_role
                and ex.rowsel
                and base is not None
                and not roles
                and not (self.roles(base))
            ):
                split = self._manual_split(base, value_node)
                roles = frozenset({(name_role, split.id)})
            self.env[target.id] = self._new_value(
                target.id, target, ex, roles=roles, rowsel=ex.rowsel
            )
        elif isinstance(target, ast.Tuple | ast.List):
            elts = target.elts
            if any(isinstance(e, ast.Starred) for e in elts):
                for elt in elts:
                    inner = elt.value if isinstance(elt, ast.Starred) else elt
                    self._bind(inner, _merge(ex), value_node)
                return
            if ex.split is not None and len(elts) == 2 * ex.split_arity:
                split = ex.split
                for index, elt in enumerate(elts):
                    source = split.inputs[index // 2] if split.inputs else None
                    role = "train" if index % 2 == 0 else "test"
                    part = Ex(
                        rows=frozenset({source}) if source is not None else frozenset(),
                        deps=frozenset({source}) if source is not None else frozenset(),
                        rowsel=True,
                        row_roles=frozenset({(role, split.id)}),
                    )
                    if source is not None:
                        part.knows = self.values[source].knows
                    self._bind(elt, part, value_node)
                return
            if ex.parts is not None and len(ex.parts) == len(elts):
                for elt, part in zip(elts, ex.parts, strict=True):
                    self._bind(elt, part, value_node)
                return
            for elt in elts:
                self._bind(elt, _merge(ex), value_node)
        elif isinstance(target, ast.Starred):
            self._bind(target.value, ex, value_node)
        elif isinstance(target, ast.Subscript | ast.Attribute):
            if isinstance(target, ast.Subscript):
                self._expr(target.slice)
            self._mutate(target, ex)

    def _mutate(self, target: ast.AST, ex: Ex, *, add_rows: bool = False) -> None:
        """``df["c"] = ex``, ``df.loc[m, "c"] = ex``, ``x += ex``: a new version of df."""
        root = target
        while isinstance(root, ast.Subscript | ast.Attribute):
            root = root.value
        if not isinstance(root, ast.Name):
            return
        if self._mutated:
            self._mutated[-1].add(root.id)
        old = self.value_of(root.id)
        if old is None:
            self.env[root.id] = self._new_value(root.id, target, _merge(ex, rows=False))
            return
        new = Ex(
            rows=frozenset({old.id}) | (ex.rows if add_rows else frozenset()),
            deps=frozenset({old.id}) | ex.deps,
            knows=old.knows | ex.knows,
            origin=old.origin,
            ctor=old.ctor,
        )
        vid = self._new_value(root.id, target, new)
        column = _assigned_column(target)
        if column is not None or old.col_knows:
            col_knows = dict(old.col_knows or {})
            if column is not None:
                added = self._knows_tab[vid] - self._knows_tab[old.id]
                if added:
                    col_knows[column] = col_knows.get(column, frozenset()) | added
            self.values[vid].col_knows = col_knows
        # Other names bound to the same object see the change (``data = df``).
        for name, bound in list(self.env.items()):
            if bound == old.id:
                self.env[name] = vid

    def _bind_loop(self, target: ast.AST, ex: Ex, iter_node: ast.AST) -> None:
        if ex.cv_iter is not None:
            # for train_idx, test_idx in kf.split(X) / for i, (tr, te) in enumerate(...)
            pair = target
            if (
                isinstance(pair, ast.Tuple)
                and len(pair.elts) == 2
                and isinstance(pair.elts[1], ast.Tuple)
                and _is_enumerate(iter_node)
            ):
                self._bind(pair.elts[0], EMPTY, iter_node)
                pair = pair.elts[1]
            if isinstance(pair, ast.Tuple) and len(pair.elts) == 2:
                split = self.splits[ex.cv_iter]
                for elt, role in zip(pair.elts, ("train", "test"), strict=True):
                    part = Ex(
                        rows=frozenset(split.inputs),
                        deps=frozenset(split.inputs),
                        rowsel=True,
                        row_roles=frozenset({(role, split.id)}),
                    )
                    self._bind(elt, part, iter_node)
                return
        self._bind(target, _merge(ex), iter_node)

    def _manual_split(self, base: int, node: ast.AST) -> Split:
        split = self._manual.get(base)
        if split is None:
            split = Split(len(self.splits), "manual", (base,), self._site(node), "")
            self.splits.append(split)
            self._manual[base] = split
        return split

    # -- expressions ----------------------------------------------------------------------
    def _expr(self, node: ast.AST | None) -> Ex:
        if node is None:
            return EMPTY
        if isinstance(node, ast.Name):
            vid = self.env.get(node.id)
            if vid is None:
                return EMPTY
            v = self.values[vid]
            return Ex(
                rows=frozenset({vid}),
                deps=frozenset({vid}),
                value=vid,
                origin=v.origin,
                ctor=v.ctor,
                knows=v.knows,
                pred=v.pred,
                cv_iter=v.cv_index,
                column=v.column,
                strings=v.strings,
            )
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str) and node.value:
                return Ex(column=node.value)  # a column name, maybe: ``df[target]``
            return EMPTY
        if isinstance(node, ast.Call):
            return self._call(node)
        if isinstance(node, ast.Attribute):
            base = self._expr(node.value)
            if isinstance(node.value, ast.Name) and node.attr in {
                "best_score_",
                "oob_score_",
                "cv_results_",
            }:
                self.cv_evaluated.add(node.value.id)
            ex = Ex(
                rows=base.rows,
                deps=base.deps,
                knows=base.knows,
                pred=base.pred,
                forget=base.forget,
                corr_fit=base.corr_fit,
            )
            if base.rows:
                if node.attr in {"values", "T", "array"}:
                    ex.column = base.column
                elif node.attr not in PANDAS_ATTRIBUTES and not node.attr.startswith(
                    "_"
                ):
                    ex.column = node.attr  # ``df.price``
                    ex.grouped = base.grouped
            return ex
        if isinstance(node, ast.Subscript):
            return self._subscript(node)
        if isinstance(node, ast.Tuple | ast.List):
            parts = tuple(self._expr(e) for e in node.elts)
            merged = _merge(*parts)
            merged.parts = parts
            if node.elts and all(
                isinstance(e, ast.Constant) and isinstance(e.value, str)
                for e in node.elts
            ):
                merged.strings = frozenset(
                    str(e.value) for e in node.elts if isinstance(e, ast.Constant)
                )
            return merged
        if isinstance(node, ast.BinOp):
            left, right = self._expr(node.left), self._expr(node.right)
            merged = _merge(left, right)
            merged.pred = left.pred if left.pred is not None else right.pred
            return merged
        if isinstance(node, ast.UnaryOp):
            return self._expr(node.operand)
        if isinstance(node, ast.Compare):
            exs = [self._expr(node.left), *(self._expr(c) for c in node.comparators)]
            merged = _merge(exs[0])
            merged.deps = frozenset().union(*(e.deps for e in exs))
            merged.pred = exs[0].pred
            # ``y = df.price > df.price.median()``: a threshold, not a transformation
            merged.forget = frozenset().union(
                *(self._statistics_known(e) for e in exs[1:])
            ) - self._all_knows(exs[0])
            return merged
        if isinstance(node, ast.IfExp):
            self._expr(node.test)
            return _merge(self._expr(node.body), self._expr(node.orelse))
        if isinstance(node, ast.NamedExpr):
            ex = self._expr(node.value)
            self._bind(node.target, ex, node.value)
            return ex
        if isinstance(node, ast.Starred):
            return self._expr(node.value)
        if isinstance(
            node, ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp
        ):
            return self._comprehension(node)
        if isinstance(node, ast.JoinedStr | ast.Dict):
            # f-strings and dicts: what their parts compute (``f"{m.score(X, y)}"``)
            deps = {self.env[n.id] for n in _loads(node) if n.id in self.env}
            knows: frozenset[int] = frozenset()
            pieces: list[ast.expr | None] = [*node.values]
            if isinstance(node, ast.Dict):
                pieces += node.keys
            for piece in pieces:
                if isinstance(piece, ast.FormattedValue):
                    piece = piece.value
                if piece is not None and not isinstance(piece, ast.Constant):
                    knows |= self._expr(piece).knows
            return Ex(deps=frozenset(deps), knows=knows)
        # Lambdas, sets ...: dependencies only.
        deps = {self.env[n.id] for n in _loads(node) if n.id in self.env}
        for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
            if isinstance(node, ast.Lambda):
                break
            self._call_events_only(call)
        return Ex(deps=frozenset(deps))

    def _comprehension(
        self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp
    ) -> Ex:
        """A comprehension is a loop: its fits and scores happen once per item."""
        deps = {self.env[n.id] for n in _loads(node) if n.id in self.env}
        outer = self.env
        self.env = dict(outer)
        self._push_loop(node)
        try:
            for gen in node.generators:
                self._bind_loop(gen.target, self._expr(gen.iter), gen.iter)
                for cond in gen.ifs:
                    self._expr(cond)
            if isinstance(node, ast.DictComp):
                self._expr(node.key)
                elt = self._expr(node.value)
            else:
                elt = self._expr(node.elt)
        finally:
            self._loops.pop()
            self.env = outer
        return Ex(deps=frozenset(deps), knows=elt.knows)

    def _call_events_only(self, node: ast.Call) -> None:
        """Record metric calls nested in a comprehension or f-string."""
        qualname = qualified_name(node.func, self.aliases)
        if (
            qualname
            and class_name(qualname) in METRIC_FUNCTIONS
            and _is_sklearn(qualname)
        ):
            self._metric(node, qualname, [self._expr(a) for a in node.args])

    def _subscript(self, node: ast.Subscript) -> Ex:
        container = node.value
        indexer = None
        if isinstance(container, ast.Attribute) and container.attr in {"iloc", "loc"}:
            indexer = container.attr
            base = self._expr(container.value)
        else:
            base = self._expr(container)
        key = self._expr(node.slice)
        ex = Ex(
            rows=base.rows,
            deps=base.deps | key.deps,
            knows=base.knows | key.knows,
            pred=base.pred,
            grouped=base.grouped,
        )
        column = node.slice
        if indexer is not None and isinstance(column, ast.Tuple):
            column = column.elts[-1]
        if isinstance(column, ast.Constant) and isinstance(column.value, str):
            ex.column = column.value
        elif (
            isinstance(column, ast.Name)
            and key.column
            and key.value is not None
            and not self.values[key.value].deps
        ):
            ex.column = key.column  # ``df[target]`` with ``target = "price"``
        elif isinstance(column, ast.List) and len(column.elts) == 1:
            only = column.elts[0]
            if isinstance(only, ast.Constant) and isinstance(only.value, str):
                ex.column = only.value
        if base.corr_fit is not None and ex.column is not None:
            self.fits[base.corr_fit].column = ex.column  # ``df.corr()["price"]``
        selected = key.strings
        if selected is None and ex.column is not None:
            selected = frozenset({ex.column})
        if selected is not None and base.value is not None:
            ex.forget = self._unselected_fits(base.value, selected)
            ex.knows = ex.knows - ex.forget
        if self.dups and any(self._dup_tab[v] for v in key.rows):
            ex = self._dup_ex(node, ex)  # ``df.loc[df.index.repeat(n)]``
        first = node.slice.elts[0] if isinstance(node.slice, ast.Tuple) else node.slice
        if isinstance(first, ast.Slice):
            full = first.lower is None and first.upper is None and first.step is None
            ex.rowsel = not full
            size = self._literal_head_slice(first)
            if size is not None:
                ex.subset = self._subset(node, size)
        elif isinstance(first, ast.Compare | ast.BoolOp) or (
            isinstance(first, ast.UnaryOp) and isinstance(first.op, ast.Invert)
        ):
            ex.rowsel = True  # a boolean mask
        elif indexer is not None and not isinstance(node.slice, ast.Tuple):
            ex.rowsel = True  # .iloc[idx] / .loc[labels]
        elif isinstance(first, ast.Name | ast.Attribute | ast.Call | ast.Subscript):
            # ``X[mask]`` or ``X[cols]``: a row selection only if the key has a split role
            key_roles = self._roles_of(key.rows)
            if key_roles:
                ex.rowsel = True
        if key.rows and self._roles_of(key.rows):
            ex.rows = ex.rows | key.rows
        if ex.rowsel:
            # A statistic used only to pick rows (``data.loc[:data.index.max() - h]``,
            # ``df[df.x < df.x.quantile(0.99)]``) transforms nothing.
            thresholds = self._statistics_known(key) - self._all_knows(base)
            ex.forget = ex.forget | thresholds
            ex.knows = ex.knows - thresholds
        return self._materialize(node, ex)

    def _all_knows(self, ex: Ex) -> frozenset[int]:
        """Every fit an expression knows, through the values it depends on too."""
        found = set(ex.knows)
        for vid in ex.deps:
            found |= self._knows_tab[vid]
        return frozenset(found)

    def _statistics_known(self, ex: Ex) -> frozenset[int]:
        return frozenset(
            f for f in self._all_knows(ex) if self.fits[f].method == "statistic"
        )

    def _unselected_fits(self, vid: int, selected: frozenset[str]) -> frozenset[int]:
        """Fits known only through columns of ``vid`` that ``selected`` leaves out."""
        col_knows = self.values[vid].col_knows
        if not col_knows:
            return frozenset()
        left: set[int] = set()
        kept: set[int] = set()
        for column, fits in col_knows.items():
            (kept if column in selected else left).update(fits)
        return frozenset(left - kept)

    def _materialize(self, node: ast.AST, ex: Ex) -> Ex:
        """Give a row selection its own (anonymous) value, so that it (and a subset)
        travels with the rows even when the expression is passed on unassigned."""
        if ex.subset is None and not ex.rowsel:
            return ex
        vid = self._new_value(None, node, ex)
        return Ex(
            rows=frozenset({vid}),
            deps=ex.deps | {vid},
            knows=ex.knows,
            pred=ex.pred,
            subset=ex.subset,
            rowsel=True,
            forget=ex.forget,
        )

    def _literal_head_slice(self, sl: ast.Slice) -> str | None:
        """``:1000`` / ``0:1000`` with a literal (or literal-bound) positive bound."""
        if sl.step is not None:
            return None
        if sl.lower is not None and not (
            isinstance(sl.lower, ast.Constant) and sl.lower.value == 0
        ):
            return None
        return self.literal_size(sl.upper)

    def literal_size(self, node: ast.AST | None) -> str | None:
        """The text of a positive int literal, or of a name bound to one above."""
        if isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, int) and not isinstance(value, bool) and value > 0:
                return str(value)
            return None
        if isinstance(node, ast.Name):
            v = self.value_of(node.id)
            if v is not None and isinstance(v.site.node, ast.Name):
                stmt_value = _assigned_constant(v)
                if stmt_value is not None and stmt_value > 0:
                    return node.id
        return None

    def _subset(self, node: ast.AST, size: str) -> int:
        text = _short(ast.unparse(node), 60)
        subset = Subset(len(self.subsets), self._site(node), text, size)
        self.subsets.append(subset)
        return subset.id

    def _roles_of(self, rows: Iterable[int]) -> frozenset[tuple[str, int]]:
        found: set[tuple[str, int]] = set()
        for vid in rows:
            found |= self.roles(vid)
        return frozenset(found)

    # -- calls ----------------------------------------------------------------------------
    def _call(self, node: ast.Call) -> Ex:
        func = node.func
        qualname = qualified_name(func, self.aliases)
        if (
            qualname is None
            and self._star_metrics
            and isinstance(func, ast.Name)
            and func.id in METRIC_FUNCTIONS
            and func.id not in self.env
        ):
            qualname = f"sklearn.metrics.{func.id}"  # from sklearn.metrics import *
        if qualname == "builtins.enumerate" and node.args:
            inner = self._expr(node.args[0])
            return Ex(deps=inner.deps, cv_iter=inner.cv_iter)
        receiver: Ex | None = None
        method = None
        if isinstance(func, ast.Attribute) and qualname is None:
            method = func.attr
            receiver = self._expr(func.value)
        elif qualname is None:
            self._expr(func)
        args = [self._expr(a) for a in node.args]
        kwargs = {kw.arg: self._expr(kw.value) for kw in node.keywords if kw.arg}
        for kw in node.keywords:
            if kw.arg is None:
                self._expr(kw.value)
        everything = _merge(*args, *kwargs.values())
        if method is not None and receiver is not None:
            return self._method(node, method, receiver, args, kwargs, everything)
        if qualname is None:
            if isinstance(func, ast.Name):
                fdef = self._functions.get(self.env.get(func.id, -1))
                if fdef is not None:
                    inlined = self._inline(node, fdef, args, kwargs)
                    if inlined is not None:
                        return inlined
            return Ex(deps=everything.deps, knows=everything.knows)
        return self._function(node, qualname, args, kwargs, everything)

    def _function(
        self,
        node: ast.Call,
        qualname: str,
        args: list[Ex],
        kwargs: dict[str, Ex],
        everything: Ex,
    ) -> Ex:
        name = class_name(qualname) or ""
        if qualname in SPLIT_FUNCTIONS:
            inputs = tuple(
                self._as_value(a, arg) for a, arg in zip(args, node.args, strict=True)
            )
            split = Split(len(self.splits), "split", inputs, self._site(node), name)
            self.splits.append(split)
            self.label_columns.update(a.column for a in args[1:] if a.column)
            ex = _merge(*args)
            ex.split = split
            ex.split_arity = len(args)
            return ex
        if name in CV_FUNCTIONS and _is_sklearn(qualname):
            est_index, x_index = CV_FUNCTIONS[name]
            est = (
                node.args[est_index]
                if len(node.args) > est_index
                else _kw(node, "estimator")
            )
            if isinstance(est, ast.Name):
                self.cv_evaluated.add(est.id)
            x_ex = args[x_index] if len(args) > x_index else kwargs.get("X", EMPTY)
            x_node = node.args[x_index] if len(node.args) > x_index else _kw(node, "X")
            y_ex = args[x_index + 1] if len(args) > x_index + 1 else kwargs.get("y")
            if y_ex is not None and y_ex.column:
                self.label_columns.add(y_ex.column)
            if x_node is not None:
                vid = self._as_value(x_ex, x_node)
                split = Split(len(self.splits), "cv", (vid,), self._site(node), name)
                self.splits.append(split)
                self.sinks.append(Sink(split.site, frozenset({vid}), "train", name))
            return Ex(deps=everything.deps, knows=everything.knows)
        if qualname in LABEL_SCORE_FUNCTIONS:
            x_ex = args[0] if args else kwargs.get("X", EMPTY)
            y_ex = args[1] if len(args) > 1 else kwargs.get("y")
            fit = self._record_fit(
                node, "function", qualname, None, None, x_ex, y_ex, node
            )
            return Ex(
                deps=everything.deps, knows=everything.knows | frozenset({fit.id})
            )
        if name in METRIC_FUNCTIONS and _is_sklearn(qualname):
            self._metric(node, qualname, args + list(kwargs.values()))
            return Ex(deps=everything.deps)
        if (
            _is_sklearn(qualname)
            and qualname.rsplit(".", 2)[-2] in DISPLAY_CLASSES
            and name == "from_estimator"
            and len(args) >= 2
        ):
            self._predict_event(node, args[0], args[1], "metric", qualname)
            return EMPTY
        if qualname in TRAIN_FUNCTIONS:
            positions, keywords = TRAIN_FUNCTIONS[qualname]
            data = [args[i] for i in positions if i < len(args)]
            data += [kwargs[k] for k in keywords if k in kwargs]
            rows = frozenset().union(*(d.rows for d in data)) if data else frozenset()
            short = f"{qualname.split('.')[0]}.{name}"
            self.sinks.append(Sink(self._site(node), rows, "train", short))
            return Ex(deps=everything.deps, origin=qualname, ctor=node)
        if qualname in WRITE_FUNCTIONS and args:
            self.sinks.append(Sink(self._site(node), args[0].rows, "write", name))
            return EMPTY
        if qualname in CONCAT_FUNCTIONS and args:
            first = args[0]
            parts = first.parts or (first,)
            ex = _merge(*parts)
            ex.deps = everything.deps
            if qualname in ROW_CONCAT_FUNCTIONS and not _concat_columns(node):
                repeated = isinstance(node.args[0], ast.BinOp) and isinstance(
                    node.args[0].op, ast.Mult
                )
                if repeated or any(
                    self._overlaps(a, b)
                    for i, a in enumerate(parts)
                    for b in parts[i + 1 :]
                ):
                    return self._dup_ex(node, ex)
            return ex
        if (
            qualname in STAT_FUNCTIONS or qualname in SCALING_FUNCTIONS
        ) and _summarises_rows(node, qualname, args):
            stat = self._statistic(node, args[0])
            if qualname in SCALING_FUNCTIONS:
                return Ex(rows=args[0].rows, deps=stat.deps, knows=stat.knows)
            return stat
        if qualname in RESAMPLE_FUNCTIONS and args and repeats_rows(node, qualname):
            if len(args) > 1 and qualname.startswith("sklearn."):
                parts = tuple(self._dup_ex(node, _merge(a)) for a in args)
                merged = _merge(*parts)
                merged.parts = parts
                return merged
            return self._dup_ex(node, _merge(args[0]))
        if qualname.startswith("builtins."):
            if name in {"list", "tuple", "sorted", "reversed"} and args:
                return Ex(rows=args[0].rows, deps=everything.deps, pred=args[0].pred)
            return Ex(deps=everything.deps)
        limit = self._read_limit(node, qualname)
        if limit is not None:
            return Ex(deps=everything.deps, read=limit)
        # A constructor or library function: rows follow the first argument.
        first = args[0] if args else kwargs.get("data", EMPTY)
        rows = first.rows
        if first.parts is not None and qualname.startswith(("numpy.", "pandas.")):
            rows = frozenset().union(*(p.rows for p in first.parts))
        return Ex(
            rows=rows,
            deps=everything.deps,
            origin=qualname,
            ctor=node,
            knows=everything.knows,
            pred=first.pred,
        )

    def _method(
        self,
        node: ast.Call,
        method: str,
        receiver: Ex,
        args: list[Ex],
        kwargs: dict[str, Ex],
        everything: Ex,
    ) -> Ex:
        func = node.func
        assert isinstance(func, ast.Attribute)
        if method in FIT_METHODS:
            return self._fit(node, method, receiver, args, kwargs)
        model = self._model_value(receiver)
        first = args[0] if args else kwargs.get("X", EMPTY)
        if (method in PREDICT_METHODS or method in SCORE_METHODS) and isinstance(
            func.value, ast.Name
        ):
            self.predict_uses.append((func.value.id, receiver.value, first.rows))
        if method in TRANSFORM_METHODS and (
            model is not None or is_estimator_class(receiver.origin)
        ):
            return Ex(
                rows=first.rows,
                deps=first.deps | receiver.deps,
                knows=first.knows | receiver.knows,
            )
        if method in PREDICT_METHODS and model is not None:
            event = self._predict_event(node, receiver, first, "predict")
            return Ex(rows=first.rows, deps=first.deps, pred=event)
        if method in SCORE_METHODS and model is not None and args:
            self._predict_event(node, receiver, first, "score")
            return Ex(deps=everything.deps)
        if method == "split" and class_name(receiver.origin) in CV_SPLITTERS:
            x_node = node.args[0] if node.args else None
            vid = self._as_value(first, x_node) if x_node is not None else None
            split = Split(
                len(self.splits),
                "loop",
                (vid,) if vid is not None else (),
                self._site(node),
                f"{class_name(receiver.origin)}.split",
            )
            self.splits.append(split)
            return Ex(deps=everything.deps | receiver.deps, cv_iter=split.id)
        if method in WRITE_METHODS:
            self.sinks.append(Sink(self._site(node), receiver.rows, "write", method))
            return EMPTY
        if method == "train" and (model is not None or receiver.origin):  # Trainer
            # trainer.train(): the trainer's data arguments reach training
            self.sinks.append(
                Sink(self._site(node), self._ctor_rows(receiver), "train", method)
            )
            return EMPTY
        if method == "drop":
            for arg in [*node.args, *(kw.value for kw in node.keywords)]:
                if (
                    isinstance(arg, ast.Attribute)
                    and arg.attr == "index"
                    and isinstance(arg.value, ast.Name)
                ):
                    self.index_dropped.add(arg.value.id)
        if receiver.rows and not is_column_axis(node):
            if method in STAT_METHODS:
                return self._statistic(node, receiver)
            if method in CORRELATION_METHODS:
                # ``df.corr()["price"]``, ``X.corrwith(y)``: features related to a
                # column, the label when it is one (feature selection by correlation)
                stat = self._statistic(node, receiver)
                fit = self.fits[max(stat.knows - receiver.knows)]
                fit.grouped = True
                fit.column = args[0].column if args else None
                stat.corr_fit = fit.id
                return stat
            if (
                method in APPLY_METHODS
                and node.args
                and names_statistic(node.args[0], self.aliases, qualified_name)
            ):
                stat = self._statistic(node, receiver)
                if method == "agg" or method == "aggregate":
                    return stat
                return Ex(rows=receiver.rows, deps=stat.deps, knows=stat.knows)
        # A method on data: rows and predictions follow the receiver.
        ex = Ex(
            rows=receiver.rows,
            deps=receiver.deps | everything.deps,
            knows=receiver.knows | everything.knows,
            pred=receiver.pred,
            forget=receiver.forget,
            corr_fit=receiver.corr_fit,
        )
        if method in KEEP_COLUMN_METHODS:
            ex.column = receiver.column
        if method == "groupby":
            ex.grouped = True
        if method in APPEND_METHODS and args:
            ex.rows = ex.rows | args[0].rows
            if self._overlaps(receiver, args[0]):
                ex = self._dup_ex(node, ex)
            elif method in {"append", "extend"} and self._is_list(receiver):
                # ``parts.append(chunk)``: the list now holds the chunk's rows
                self._mutate(func.value, args[0], add_rows=True)
        if method in ROW_SELECT_METHODS or (method == "drop" and _drops_rows(node)):
            ex.rowsel = True
        if method in {"sample", "head"}:
            text = self._subset_text(node, method)
            if text is not None and not _on_groupby(func.value):
                ex.subset = self._subset(node, text)
        if (method == "sample" and samples_with_repeats(node)) or method == "repeat":
            ex = self._dup_ex(node, ex)
        if _inplace(node):
            self._mutate(func.value, ex)
        return self._materialize(node, ex)

    def _is_list(self, ex: Ex) -> bool:
        if ex.value is None:
            return False
        value = self.values[ex.value]
        return not value.rows and (
            value.origin is None or value.origin.startswith("builtins.")
        )

    def _statistic(self, node: ast.Call, receiver: Ex) -> Ex:
        """A statistic of the receiver's rows: a fit whose state is the result."""
        data = node.func.value if isinstance(node.func, ast.Attribute) else node
        fit = self._record_fit(
            node, "statistic", None, None, None, receiver, None, data, sink=False
        )
        fit.text = _short(ast.unparse(node), 64)
        fit.column = receiver.column
        fit.grouped = receiver.grouped
        fit.via = self._inlining[0].name if self._inlining else None
        return Ex(deps=receiver.deps, knows=receiver.knows | frozenset({fit.id}))

    def _overlaps(self, first: Ex, second: Ex) -> bool:
        """Two row sources one of which derives (whole) from the other: data
        concatenated with copies or augmentations of its own rows."""
        if not first.rows or not second.rows:
            return False
        if first.rows & second.rows:
            return True
        return self._descends(second.rows, first.rows) or self._descends(
            first.rows, second.rows
        )

    def _descends(self, rows: frozenset[int], targets: frozenset[int]) -> bool:
        """Whether the rows of ``rows`` come from one of ``targets`` (a search that
        stops below the oldest target: a value's row parents are older than it)."""
        floor = min(targets)
        seen: set[int] = set()
        stack = [v for v in rows if v >= floor]
        while stack:
            vid = stack.pop()
            if vid in targets:
                return True
            if vid in seen:
                continue
            seen.add(vid)
            stack.extend(p for p in self.values[vid].rows if floor <= p < vid)
        return False

    def _dup_ex(self, node: ast.AST, ex: Ex) -> Ex:
        """Record rows repeated by ``node`` and give them a value that carries it."""
        dup = Dup(len(self.dups), self._site(node), _short(ast.unparse(node), 60))
        self.dups.append(dup)
        ex.dup = dup.id
        vid = self._new_value(None, node, ex)
        return Ex(
            rows=frozenset({vid}),
            deps=ex.deps | {vid},
            knows=ex.knows,
            pred=ex.pred,
            subset=ex.subset,
            rowsel=ex.rowsel,
        )

    def _inline(
        self,
        node: ast.Call,
        fdef: ast.FunctionDef | ast.AsyncFunctionDef,
        args: list[Ex],
        kwargs: dict[str, Ex],
    ) -> Ex | None:
        """Walk the body of a user function called here, its parameters bound to the
        arguments, so that what it fits, scores or computes counts at this call (helpers
        defined in another cell: ``df = fill_missing(df)``, ``evaluate(m, X, y)``)."""
        shape = self._shapes.get(id(fdef))
        if shape is None:
            shape = self._shapes[id(fdef)] = _FunctionShape.of(fdef)
        if (
            not shape.relevant
            or len(self._inlining) >= INLINE_DEPTH
            or fdef in self._inlining
            or shape.size > self._inline_budget
        ):
            return None
        self._inline_budget -= shape.size
        caller_env = self.env
        local = dict(caller_env)
        spec = fdef.args
        params = [a.arg for a in [*spec.posonlyargs, *spec.args, *spec.kwonlyargs]]
        for extra in (spec.vararg, spec.kwarg):
            if extra is not None:
                params.append(extra.arg)
        for name in params:
            local.pop(name, None)
        bound: dict[str, Ex] = {}
        positional = [a.arg for a in [*spec.posonlyargs, *spec.args]]
        for name, ex in zip(positional, args, strict=False):
            bound[name] = ex
        for key, ex in kwargs.items():
            if key in params:
                bound[key] = ex
        #: parameter -> the caller's plain name passed for it (for in-place mutation)
        passed: dict[str, str] = {}
        arg_nodes = list(zip(positional, node.args, strict=False))
        arg_nodes += [(kw.arg, kw.value) for kw in node.keywords if kw.arg]
        for name, arg_node in arg_nodes:
            if isinstance(arg_node, ast.Name):
                passed[name] = arg_node.id
        outer_site = self._call_site
        self._call_site = outer_site or node
        self.env = local
        self._inlining.append(fdef)
        self._returns.append([])
        self._mutated.append(set())
        try:
            for name, ex in bound.items():
                self._bind(ast.Name(id=name, ctx=ast.Store()), ex, node)
            for stmt in fdef.body:
                self._stmt(stmt)
        finally:
            returns = self._returns.pop()
            mutated = self._mutated.pop()
            self._inlining.pop()
            self._call_site = outer_site
            inner_env = self.env
            self.env = caller_env
        declared = shape.declared
        local_names = (set(params) | shape.assigned) - declared
        for name in sorted(mutated | (declared & set(inner_env))):
            if name not in inner_env:
                continue
            if name in passed and name not in declared:
                target = passed[name]
                if target not in caller_env:
                    continue
                after = self.values[inner_env[name]]
                ex = Ex(
                    rows=frozenset({caller_env[target]}),
                    deps=frozenset({caller_env[target]}) | after.deps,
                    knows=after.knows,
                )
                self.env[target] = self._new_value(target, node, ex)
            elif name not in local_names:
                target = name
                self.env[name] = inner_env[name]
            else:
                continue
            if self._mutated:
                self._mutated[-1].add(target)
        if not returns:
            return Ex(deps=frozenset().union(*(a.deps for a in args)))
        if len(returns) == 1:
            return returns[0]
        return _merge(*returns)

    def _ctor_rows(self, receiver: Ex) -> frozenset[int]:
        rows: set[int] = set()
        ctor = receiver.ctor
        if ctor is not None:
            for kw in ctor.keywords:
                if kw.arg in {"train_dataset", "dtrain", "train_set"}:
                    rows |= self._expr_rows_no_events(kw.value)
        return frozenset(rows)

    def _expr_rows_no_events(self, node: ast.AST) -> set[int]:
        return {self.env[n.id] for n in _loads(node) if n.id in self.env}

    def _subset_text(self, node: ast.Call, method: str) -> str | None:
        if method == "head":
            if not node.args and not node.keywords:
                return "5"
            arg = node.args[0] if node.args else _kw(node, "n")
            size = self.literal_size(arg)
            return size
        # sample
        n_node = node.args[0] if node.args else _kw(node, "n")
        frac = _kw(node, "frac")
        if len(node.args) > 1 and frac is None:
            frac = node.args[1]
        if n_node is not None:
            size = self.literal_size(n_node)
            return size
        if (
            isinstance(frac, ast.Constant)
            and isinstance(frac.value, int | float)
            and 0 < frac.value < 1
        ):
            return str(frac.value)
        return None

    def _read_limit(self, node: ast.Call, qualname: str) -> int | None:
        if not qualname.startswith(("pandas.read_", "polars.read_", "polars.scan_")):
            return None
        for kw in node.keywords:
            if kw.arg in {"nrows", "n_rows"}:
                if isinstance(kw.value, ast.Constant) and kw.value.value is None:
                    continue
                text = f"{kw.arg}={ast.unparse(kw.value)}"
            elif kw.arg == "skiprows" and _subsampling_skiprows(kw.value, self.aliases):
                text = f"skiprows={_short(ast.unparse(kw.value))}"
            else:
                continue
            limit = ReadLimit(len(self.reads), self._site(node), kw, text)
            self.reads.append(limit)
            return limit.id
        return None

    def _as_value(self, ex: Ex, node: ast.AST) -> int:
        """The value id for an expression (a name's value, or a new anonymous value)."""
        if ex.value is not None:
            return ex.value
        return self._new_value(None, node, ex)

    def _model_value(self, receiver: Ex) -> int | None:
        """The estimator version a receiver denotes, if it is a fitted model."""
        if receiver.value is None:
            return None
        v = self.values[receiver.value]
        return v.id if v.fit is not None else None

    def _fit(
        self,
        node: ast.Call,
        method: str,
        receiver: Ex,
        args: list[Ex],
        kwargs: dict[str, Ex],
    ) -> Ex:
        func = node.func
        assert isinstance(func, ast.Attribute)
        x_ex = args[0] if args else kwargs.get("X", kwargs.get("x", EMPTY))
        x_node = node.args[0] if node.args else _kw(node, "X") or _kw(node, "x")
        y_ex = args[1] if len(args) > 1 else kwargs.get("y")
        name = func.value.id if isinstance(func.value, ast.Name) else None
        old = self.values[receiver.value] if receiver.value is not None else None
        origin = receiver.origin or (old.origin if old else None)
        ctor = receiver.ctor or (old.ctor if old else None)
        fit = self._record_fit(node, method, origin, ctor, name, x_ex, y_ex, x_node)
        model_ex = Ex(
            deps=receiver.deps,
            origin=origin,
            ctor=ctor,
            knows=receiver.knows | frozenset({fit.id}),
        )
        model = self._new_value(name, node, model_ex, fit=fit.id)
        fit.model = model
        if name is not None:
            self.env[name] = model
        if {"validation_data", "validation_split", "eval_set"} & set(kwargs) or (
            class_name(origin) in SEARCH_CV
        ):
            self.fit_with_validation.add(model)
        if class_name(origin) in SEARCH_CV and x_node is not None:
            split = Split(
                len(self.splits),
                "cv",
                tuple(sorted(fit.rows)),
                self._site(node),
                class_name(origin) or "",
            )
            self.splits.append(split)
        if method == "fit":
            return Ex(value=model, origin=origin, ctor=ctor, deps=frozenset({model}))
        out = Ex(
            rows=x_ex.rows,
            deps=x_ex.deps | frozenset({model}),
            knows=x_ex.knows | frozenset({fit.id}),
        )
        if method == "fit_resample":
            y_ex = y_ex or EMPTY
            y_out = Ex(
                rows=y_ex.rows,
                deps=y_ex.deps | frozenset({model}),
                knows=y_ex.knows | frozenset({fit.id}),
            )
            out.parts = (out, y_out)
        return out

    def _record_fit(
        self,
        node: ast.Call,
        method: str,
        origin: str | None,
        ctor: ast.Call | None,
        name: str | None,
        x_ex: Ex,
        y_ex: Ex | None,
        x_node: ast.AST | None,
        *,
        sink: bool = True,
    ) -> FitEvent:
        rows = x_ex.rows
        if x_node is not None and not rows and x_ex.deps:
            rows = frozenset({self._new_value(None, x_node, x_ex)})
        fit = FitEvent(
            id=len(self.fits),
            site=self._site(node),
            method=method,
            origin=origin,
            ctor=ctor,
            model_name=name,
            model=None,
            rows=rows,
            x_node=x_node,
            y_given=y_ex is not None,
            y_rows=y_ex.rows if y_ex is not None else frozenset(),
            keywords=frozenset(kw.arg for kw in node.keywords if kw.arg),
            loop=self._loop,
        )
        self.fits.append(fit)
        if not sink:
            return fit
        if y_ex is not None and y_ex.column:
            self.label_columns.add(y_ex.column)
        owner = name or (f"{class_name(origin)}()" if origin else "")
        text = f"{owner}.{method}" if owner else method
        self.sinks.append(Sink(fit.site, rows, "train", text))
        return fit

    def _predict_event(
        self,
        node: ast.Call,
        model_ex: Ex,
        data: Ex,
        kind: str,
        metric: str | None = None,
    ) -> int | None:
        model = self._model_value(model_ex)
        if model is None:
            return None
        event = PredictEvent(
            len(self.predicts),
            self._site(node),
            model,
            data.rows,
            kind,
            metric,
            self._loop,
        )
        self.predicts.append(event)
        return event.id

    def _metric(self, node: ast.Call, qualname: str, args: list[Ex]) -> None:
        for arg in args:
            if arg.pred is not None:
                source = self.predicts[arg.pred]
                event = PredictEvent(
                    len(self.predicts),
                    self._site(node),
                    source.model,
                    source.rows,
                    "metric",
                    class_name(qualname),
                    self._loop,
                )
                self.predicts.append(event)
                return

    # -- queries --------------------------------------------------------------------------
    def row_ancestors(
        self, rows: Iterable[int], *, full_only: bool = False
    ) -> set[int]:
        """Every value whose rows reach ``rows`` (``rows`` included).

        With ``full_only``, stop at row selections: the values whose *every* row reaches
        ``rows`` (``X`` for ``X.drop(columns=...)``, not ``df`` for ``df[:100]``).
        """
        found: set[int] = set()
        stack = list(rows)
        while stack:
            vid = stack.pop()
            if vid in found:
                continue
            found.add(vid)
            v = self.values[vid]
            if full_only and v.rowsel:
                continue
            stack.extend(p for p in v.rows if p < vid)
        return found

    def split_ancestors(self, split: Split) -> frozenset[int]:
        """Every value whose rows reach the input of ``split`` (computed once)."""
        found = self._split_ancestors.get(split.id)
        if found is None:
            found = frozenset(self.row_ancestors(split.inputs))
            self._split_ancestors[split.id] = found
        return found

    def roles(self, vid: int) -> frozenset[tuple[str, int]]:
        return self._role_tab[vid]

    def roles_of(self, rows: Iterable[int]) -> frozenset[tuple[str, int]]:
        return self._roles_of(rows)

    def knows(self, vid: int) -> frozenset[int]:
        return self._knows_tab[vid]

    def subsets_of(self, rows: Iterable[int]) -> set[int]:
        found: set[int] = set()
        for vid in rows:
            found |= self._subset_tab[vid]
        return found

    def dups_in(self, rows: Iterable[int]) -> set[int]:
        """The row repeats (Dup ids) the rows of ``rows`` went through."""
        found: set[int] = set()
        for vid in rows:
            found |= self._dup_tab[vid]
        return found

    def reads_of(self, rows: Iterable[int]) -> set[int]:
        found: set[int] = set()
        for vid in rows:
            found |= self._read_tab[vid]
        return found

    def values_with_role(self, split_id: int) -> Iterator[Value]:
        for v in self.values:
            if any(s == split_id for _, s in self._role_tab[v.id]):
                yield v

    def fit_of(self, model: int) -> FitEvent | None:
        fit = self.values[model].fit
        return self.fits[fit] if fit is not None else None

    def describe(self, rows: Iterable[int]) -> str:
        """A short name for data in messages (```X_train```), or ``the data``."""
        names = sorted({n for r in rows if (n := self.values[r].name)})
        if not names:
            return "the data"
        return ", ".join(f"`{n}`" for n in names[:3])


def flow_of(analysis: NotebookAnalysis) -> Flow:
    """The dataflow of a notebook, computed once per analysis."""
    return analysis.memo(Flow, lambda: Flow(analysis))


# -- helpers -----------------------------------------------------------------------------


_DATA_PACKAGES = ("pandas.", "numpy.", "polars.", "scipy.", "builtins.", "pyspark.")


def is_estimator_class(qualname: str | None) -> bool:
    """A class from a library other than the data containers (``sklearn...Scaler``)."""
    if not qualname or qualname.startswith(_DATA_PACKAGES):
        return False
    last = qualname.rsplit(".", 1)[-1]
    return last[:1].isupper()


def _is_sklearn(qualname: str | None) -> bool:
    return bool(qualname) and str(qualname).startswith("sklearn.")


def _kw(node: ast.Call, name: str) -> ast.expr | None:
    for kw in node.keywords:
        if kw.arg == name:
            return kw.value
    return None


def _loads(node: ast.AST) -> Iterator[ast.Name]:
    for n in ast.walk(node):
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load):
            yield n


def _is_enumerate(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "enumerate"
    )


def _on_groupby(node: ast.AST) -> bool:
    """``df.groupby(...).sample(...)``: a per-group sample, not a demo subset."""
    while isinstance(node, ast.Call | ast.Attribute | ast.Subscript):
        if isinstance(node, ast.Attribute) and node.attr == "groupby":
            return True
        node = node.func if isinstance(node, ast.Call) else node.value
    return False


def _drops_rows(node: ast.Call) -> bool:
    """``df.drop(other.index)`` / ``df.drop(index=...)``: removes rows, not columns."""
    if any(kw.arg == "index" for kw in node.keywords):
        return True
    if any(kw.arg == "columns" for kw in node.keywords):
        return False
    if not node.args and not any(kw.arg == "labels" for kw in node.keywords):
        return False
    axis = _kw(node, "axis")
    if axis is None and len(node.args) > 1:
        axis = node.args[1]
    return axis is None or not _is_columns_axis(axis)


def _summarises_rows(node: ast.Call, qualname: str, args: list[Ex]) -> bool:
    """A statistic function over the rows of data (not ``np.mean(X, 1)``)."""
    if not args or not args[0].rows or is_column_axis(node):
        return False
    if len(node.args) > 1 and qualname.startswith("numpy."):
        axis: ast.expr | None = node.args[1]
        if "percentile" in qualname or "quantile" in qualname:
            axis = node.args[2] if len(node.args) > 2 else None
        if isinstance(axis, ast.Constant) and axis.value == 1:
            return False
    return True


def _assigned_column(target: ast.AST) -> str | None:
    """``df["c"] = ...`` / ``df.loc[mask, "c"] = ...``: the column assigned."""
    if not isinstance(target, ast.Subscript):
        return None
    key = target.slice
    if isinstance(key, ast.Tuple) and key.elts:
        key = key.elts[-1]
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        return key.value
    return None


def _concat_columns(node: ast.Call) -> bool:
    """``pd.concat([...], axis=1)`` / ``np.concatenate([...], axis=1)``: columns."""
    axis = _kw(node, "axis")
    if axis is None and len(node.args) > 1:
        axis = node.args[1]
    return axis is not None and not (
        isinstance(axis, ast.Constant) and axis.value in (0, "index", "rows")
    )


def _inplace(node: ast.Call) -> bool:
    inplace = _kw(node, "inplace")
    return isinstance(inplace, ast.Constant) and inplace.value is True


def _is_columns_axis(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value in (1, "columns")


def _subsampling_skiprows(node: ast.AST, aliases: dict[str, str]) -> bool:
    """``skiprows=range(1, n)`` or a lambda drawing random numbers: a row subset."""
    if isinstance(node, ast.Call):
        return qualified_name(node.func, aliases) == "builtins.range"
    if isinstance(node, ast.Lambda):
        for inner in ast.walk(node.body):
            if isinstance(inner, ast.Call):
                qualname = qualified_name(inner.func, aliases) or ""
                if qualname.startswith(("random.", "numpy.random.")):
                    return True
    return False


#: Calls that make a user function worth following: fits, predictions, scores,
#: statistics, resampling, splits and metrics (a plotting helper is not).
_RELEVANT_CALLS = (
    FIT_METHODS
    | TRANSFORM_METHODS
    | PREDICT_METHODS
    | SCORE_METHODS
    | STAT_METHODS
    | APPLY_METHODS
    | METRIC_FUNCTIONS
    | {"sample", "repeat", "concat", "concatenate", "vstack", "resample"}
    | {"train_test_split", "cross_val_score", "cross_validate", "zscore", "scale"}
    | {name.rsplit(".", 1)[-1] for name in STAT_FUNCTIONS}
)


@dataclass(frozen=True)
class _FunctionShape:
    """What inlining needs to know of a user function, computed once."""

    size: int  # statements
    relevant: bool  # calls something the flow records
    declared: frozenset[str]  # ``global``/``nonlocal`` names
    assigned: frozenset[str]  # local names (nested functions' bodies excluded)

    @classmethod
    def of(cls, fdef: ast.FunctionDef | ast.AsyncFunctionDef) -> _FunctionShape:
        size = 0
        relevant = False
        declared: set[str] = set()
        assigned: set[str] = set()
        stack: list[ast.AST] = list(fdef.body)
        while stack:
            node = stack.pop()
            if isinstance(node, ast.stmt):
                size += 1
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                assigned.add(node.name)
                continue
            if isinstance(node, ast.Global | ast.Nonlocal):
                declared.update(node.names)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                assigned.add(node.id)
            elif isinstance(node, ast.Call) and not relevant:
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else None
                if isinstance(func, ast.Name):
                    called = func.id
                relevant = called in _RELEVANT_CALLS or (
                    called is not None
                    and (
                        isinstance(func, ast.Name)
                        and called[:1].islower()
                        and called not in BUILTIN_CALLS
                    )
                )
            stack.extend(ast.iter_child_nodes(node))
        return cls(size, relevant, frozenset(declared), frozenset(assigned))


#: Builtins that do not make a function worth following.
BUILTIN_CALLS = frozenset(
    {
        "print",
        "len",
        "range",
        "enumerate",
        "zip",
        "str",
        "int",
        "float",
        "list",
        "dict",
        "set",
        "tuple",
        "isinstance",
        "min",
        "max",
        "sum",
        "abs",
        "round",
        "sorted",
        "format",
        "open",
        "getattr",
        "hasattr",
        "super",
        "type",
    }
)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _assigned_constant(value: Value) -> int | None:
    """For a value bound by ``NAME = <int literal>``, that literal."""
    node = value.site.node
    for stmt in ast.walk(value.site.cell.tree) if value.site.cell.tree else ():
        literal: ast.expr | None
        if (isinstance(stmt, ast.Assign) and node in stmt.targets) or (
            isinstance(stmt, ast.AnnAssign) and stmt.target is node
        ):
            literal = stmt.value
        else:
            continue
        if isinstance(literal, ast.Constant) and type(literal.value) is int:
            return literal.value
        return None
    return None
