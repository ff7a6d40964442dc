"""A labelled set of small, realistic notebook snippets, leaky and clean, for the
data-leakage rules (NBP070-NBP073): precision and recall must both stay >= 0.95.

Each case is a list of cells and the set of codes the notebook must get (empty: clean).
The figures are printed (``pytest -s``) so changes to the rules can be compared.
"""

from __future__ import annotations

import nbformat
from nbprod.lint.api import lint
from nbprod.lint.config import Config

CODES = ("NBP070", "NBP071", "NBP072", "NBP073")

IMPORTS = """\
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.decomposition import PCA
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
from sklearn.feature_selection import SelectKBest, chi2, f_classif
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, mean_squared_error, roc_auc_score
from sklearn.model_selection import (
    GridSearchCV, KFold, StratifiedKFold, cross_val_score, train_test_split,
)
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import MinMaxScaler, OneHotEncoder, StandardScaler
from imblearn.over_sampling import SMOTE, RandomOverSampler
"""
LOAD = """\
df = pd.read_csv("data.csv")
X = df.drop(columns=["target"])
y = df["target"]
"""

CASES: list[tuple[str, list[str], set[str]]] = [
    (
        "scaler fit_transform then split",
        [
            "sc = StandardScaler()\nX_s = sc.fit_transform(X)",
            "X_train, X_test, y_train, y_test = train_test_split(X_s, y, random_state=0)",
            "m = LogisticRegression().fit(X_train, y_train)\n"
            "print(accuracy_score(y_test, m.predict(X_test)))",
        ],
        {"NBP070"},
    ),
    (
        "scaler fit on train, transform test",
        [
            "X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)",
            "sc = StandardScaler().fit(X_train)\n"
            "X_train, X_test = sc.transform(X_train), sc.transform(X_test)",
            "m = LogisticRegression().fit(X_train, y_train)\n"
            "print(f1_score(y_test, m.predict(X_test)))",
        ],
        set(),
    ),
    (
        "imputer fit on full frame after the split",
        [
            "X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)",
            "imp = SimpleImputer(strategy='mean')\nimp.fit(X)\n"
            "X_train = imp.transform(X_train)\nX_test = imp.transform(X_test)",
        ],
        {"NBP070"},
    ),
    (
        "pipeline in cross_val_score",
        [
            "pipe = Pipeline([('sc', StandardScaler()), ('clf', LogisticRegression())])\n"
            "print(cross_val_score(pipe, X, y, cv=5).mean())",
        ],
        set(),
    ),
    (
        "one-hot on whole frame with get_dummies is not a fit",
        [
            "X_d = pd.get_dummies(X)\n"
            "X_train, X_test, y_train, y_test = train_test_split(X_d, y, random_state=0)",
            "rf = RandomForestClassifier(random_state=0).fit(X_train, y_train)\n"
            "print(roc_auc_score(y_test, rf.predict_proba(X_test)[:, 1]))",
        ],
        set(),
    ),
    (
        "SelectKBest before split",
        [
            "sel = SelectKBest(chi2, k=20)\nX_new = sel.fit_transform(X, y)",
            "X_train, X_test, y_train, y_test = train_test_split(X_new, y, random_state=0)",
            "clf = GradientBoostingClassifier(random_state=0).fit(X_train, y_train)\n"
            "print(clf.score(X_test, y_test))",
        ],
        {"NBP071"},
    ),
    (
        "SelectKBest after split",
        [
            "X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)",
            "sel = SelectKBest(f_classif, k=10).fit(X_train, y_train)\n"
            "X_tr = sel.transform(X_train)\nX_te = sel.transform(X_test)",
            "clf = LogisticRegression().fit(X_tr, y_train)\n"
            "print(accuracy_score(y_test, clf.predict(X_te)))",
        ],
        set(),
    ),
    (
        "SMOTE before split",
        [
            "X_bal, y_bal = SMOTE(random_state=0).fit_resample(X, y)\n"
            "X_train, X_test, y_train, y_test = train_test_split(X_bal, y_bal, "
            "random_state=0)",
        ],
        {"NBP071"},
    ),
    (
        "oversampling the training part only",
        [
            "X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, "
            "random_state=0)\n"
            "X_os, y_os = RandomOverSampler(random_state=0).fit_resample(X_train, y_train)",
            "rf = RandomForestClassifier(random_state=0).fit(X_os, y_os)\n"
            "print(f1_score(y_test, rf.predict(X_test)))",
        ],
        set(),
    ),
    (
        "PCA for a plot, then a clean split on raw features",
        [
            "coords = PCA(n_components=2).fit_transform(X)\nprint(coords[:3])",
            "X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)\n"
            "m = LogisticRegression().fit(X_train, y_train)\n"
            "print(m.score(X_test, y_test))",
        ],
        set(),
    ),
    (
        "training accuracy only",
        [
            "X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)",
            "rf = RandomForestClassifier(random_state=0)\nrf.fit(X_train, y_train)\n"
            "y_hat = rf.predict(X_train)\nprint(accuracy_score(y_train, y_hat))",
        ],
        {"NBP072"},
    ),
    (
        "train and test accuracy side by side",
        [
            "X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)",
            "rf = RandomForestClassifier(random_state=0).fit(X_train, y_train)\n"
            "print('train', rf.score(X_train, y_train))\n"
            "print('test', rf.score(X_test, y_test))",
        ],
        set(),
    ),
    (
        "regression scored on the full data it was fitted on",
        [
            "lr = LinearRegression()\nlr.fit(X, y)\npred = lr.predict(X)\n"
            "print(mean_squared_error(y, pred))",
        ],
        {"NBP072"},
    ),
    (
        "grid search: best_score_ is cross-validated",
        [
            "grid = GridSearchCV(RandomForestClassifier(random_state=0), "
            "{'max_depth': [3, 5]}, cv=5)\ngrid.fit(X, y)\nprint(grid.best_score_)\n"
            "print(accuracy_score(y, grid.predict(X)))",
        ],
        set(),
    ),
    (
        "model refit on all rows, then scored on the test part",
        [
            "X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)",
            "model = GradientBoostingClassifier(random_state=0)\nmodel.fit(X, y)",
            "print(roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))",
        ],
        {"NBP073"},
    ),
    (
        "fit on the test part",
        [
            "X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)",
            "m = LogisticRegression().fit(X_test, y_test)",
        ],
        {"NBP073"},
    ),
    (
        "concatenated train and test, then scored",
        [
            "X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)",
            "X_all = pd.concat([X_train, X_test])\ny_all = pd.concat([y_train, y_test])\n"
            "m = RandomForestClassifier(random_state=0).fit(X_all, y_all)\n"
            "print(accuracy_score(y_test, m.predict(X_test)))",
        ],
        {"NBP073"},
    ),
    (
        "final refit on all rows for deployment, nothing scored after",
        [
            "X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)",
            "m = RandomForestClassifier(random_state=0).fit(X_train, y_train)\n"
            "print(accuracy_score(y_test, m.predict(X_test)))",
            "final = RandomForestClassifier(random_state=0).fit(X, y)",
        ],
        set(),
    ),
    (
        "scaler refitted on the test part",
        [
            "X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)",
            "mm = MinMaxScaler()\nX_train = mm.fit_transform(X_train)\n"
            "X_test = mm.fit_transform(X_test)",
        ],
        {"NBP073"},
    ),
    (
        "KFold loop fitting each fold correctly",
        [
            "kf = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)\n"
            "for tr, va in kf.split(X, y):\n"
            "    m = LogisticRegression().fit(X.iloc[tr], y.iloc[tr])\n"
            "    print(f1_score(y.iloc[va], m.predict(X.iloc[va])))",
        ],
        set(),
    ),
    (
        "Kaggle: train/test files, all_data concat, competition test has no labels",
        [
            "train = pd.read_csv('train.csv')\ntest = pd.read_csv('test.csv')\n"
            "y_train = train['SalePrice']\nntrain = train.shape[0]\n"
            "all_data = pd.concat([train, test]).drop(columns=['SalePrice'])\n"
            "all_data = pd.get_dummies(all_data)",
            "train = all_data[:ntrain]\ntest = all_data[ntrain:]",
            "model = LinearRegression().fit(train, y_train)\n"
            "submission = model.predict(test)",
        ],
        set(),
    ),
    (
        "time split by name, model trained on the full history then scored",
        [
            "sales = pd.read_csv('sales.csv')\n"
            "train = sales[sales.year < 2023]\ntest = sales[sales.year >= 2023]",
            "m = LinearRegression().fit(sales[['promo']], sales['units'])\n"
            "print(mean_squared_error(test['units'], m.predict(test[['promo']])))",
        ],
        {"NBP073"},
    ),
    (
        "column transformer before cross-validation",
        [
            "ct = ColumnTransformer([('oh', OneHotEncoder(handle_unknown='ignore'), "
            "['city'])], remainder='passthrough')\nX_ct = ct.fit_transform(X)",
            "print(cross_val_score(LogisticRegression(), X_ct, y, cv=KFold(5)).mean())",
        ],
        {"NBP070"},
    ),
    (
        "star-imported metrics on the training part only",
        [
            "from sklearn.metrics import *",
            "X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)\n"
            "model = RandomForestClassifier(random_state=0)\nmodel.fit(X_train, y_train)",
            "preds = model.predict(X_train)\nprint(accuracy_score(y_train, preds))\n"
            "print(recall_score(y_train, preds))",
            "for i in range(3):\n    print(model.predict_proba(X_test[i:i + 1]))",
        ],
        {"NBP072"},
    ),
    (
        "loop over models: train MAE, then test predictions stored per model",
        [
            "train = df[df.year < 2023]\ntest = df[df.year >= 2023]\n"
            "X_train, y_train = train.drop(columns='target'), train['target']\n"
            "X_test, y_test = test.drop(columns='target'), test['target']",
            "models = {'lin': LinearRegression(), 'gb': GradientBoostingClassifier()}\n"
            "for name, model in models.items():\n    model.fit(X_train, y_train)\n"
            "    print(mean_squared_error(y_train, model.predict(X_train)))",
            "out = {}\nfor name, model in models.items():\n"
            "    out[name] = model.predict(X_test)",
        ],
        set(),
    ),
    (
        "manual two-fold cross-validation (PDSH 05.03)",
        [
            "X1, X2, y1, y2 = train_test_split(X, y, random_state=0, train_size=0.5)",
            "model = LogisticRegression()\nmodel.fit(X1, y1)\n"
            "print(accuracy_score(y2, model.predict(X2)))",
            "y2_model = model.fit(X1, y1).predict(X2)\n"
            "y1_model = model.fit(X2, y2).predict(X1)\n"
            "print(accuracy_score(y1, y1_model), accuracy_score(y2, y2_model))",
        ],
        set(),
    ),
    (
        "stacking blender trained on the validation part (HOML 07)",
        [
            "X_train_val, X_test, y_train_val, y_test = train_test_split(\n"
            "    X, y, test_size=0.2, random_state=42)\n"
            "X_train, X_val, y_train, y_val = train_test_split(\n"
            "    X_train_val, y_train_val, test_size=0.2, random_state=42)",
            "estimators = [RandomForestClassifier(random_state=42), "
            "LogisticRegression()]\nfor estimator in estimators:\n"
            "    estimator.fit(X_train, y_train)",
            "X_val_predictions = np.empty((len(X_val), len(estimators)))\n"
            "for index, estimator in enumerate(estimators):\n"
            "    X_val_predictions[:, index] = estimator.predict(X_val)",
            "blender = RandomForestClassifier(n_estimators=200, random_state=42)\n"
            "blender.fit(X_val_predictions, y_val)",
            "X_test_predictions = np.empty((len(X_test), len(estimators)))\n"
            "for index, estimator in enumerate(estimators):\n"
            "    X_test_predictions[:, index] = estimator.predict(X_test)\n"
            "print(accuracy_score(y_test, blender.predict(X_test_predictions)))",
        ],
        set(),
    ),
    (
        "model fitted on the validation part and scored on it",
        [
            "X_train_val, X_test, y_train_val, y_test = train_test_split(\n"
            "    X, y, test_size=0.2, random_state=42)\n"
            "X_train, X_val, y_train, y_val = train_test_split(\n"
            "    X_train_val, y_train_val, test_size=0.2, random_state=42)",
            "m = LogisticRegression().fit(X_val, y_val)\n"
            "print(accuracy_score(y_val, m.predict(X_val)))",
        ],
        {"NBP073"},
    ),
    (
        "evaluation helper on the test part",
        [
            "def report(model, X_eval, y_eval):\n"
            "    print(accuracy_score(y_eval, model.predict(X_eval)))",
            "X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)\n"
            "m = LogisticRegression().fit(X_train, y_train)\n"
            "print(accuracy_score(y_train, m.predict(X_train)))\nreport(m, X_test, y_test)",
        ],
        set(),
    ),
]


def _notebook(cells: list[str]) -> dict:
    nb = nbformat.v4.new_notebook()
    for index, source in enumerate([IMPORTS, LOAD, *cells]):
        cell = nbformat.v4.new_code_cell(source)
        cell.id = f"c{index}"
        nb.cells.append(cell)
    return nbformat.from_dict(nb)


def test_leakage_rules_precision_and_recall_on_labelled_set() -> None:
    assert len(CASES) >= 20
    tp = fp = fn = 0
    mistakes: list[str] = []
    for title, cells, expected in CASES:
        findings = lint(
            _notebook(cells), path="case.ipynb", select=list(CODES), config=Config()
        )
        got = {d.code for d in findings}
        tp += len(got & expected)
        fp += len(got - expected)
        fn += len(expected - got)
        if got != expected:
            mistakes.append(f"{title}: expected {sorted(expected)}, got {sorted(got)}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(
        f"\ndata-leakage labelled set: {len(CASES)} cases, tp={tp} fp={fp} fn={fn}, "
        f"precision={precision:.3f} recall={recall:.3f}"
    )
    for mistake in mistakes:
        print("  ", mistake)
    assert precision >= 0.95, mistakes
    assert recall >= 0.95, mistakes
