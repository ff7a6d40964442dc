"""``nbprod.analysis.mutation``: which names a cell changes in place (labelled cases)."""

from __future__ import annotations

import ast

import pytest
from nbprod.analysis.mutation import mutated_names

ALIASES = {"np": "numpy", "random": "random", "pd": "pandas"}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('df["b"] = 1', ("df",)),
        ('df.loc[0, "a"] = 1', ("df",)),
        ('del df["c"]', ("df",)),
        ('df.insert(0, "c", 1)', ("df",)),
        ('y = df.pop("y")', ("df",)),
        ('df.drop(columns=["a"], inplace=True)', ("df",)),
        ("lst.append(1)", ("lst",)),
        ("arr[0] = 1", ("arr",)),
        ("arr[0] += 1", ("arr",)),
        ("obj.attr = 2", ("obj",)),
        ("obj.inner.attr = 2", ("obj",)),
        ("model.fit(X, y)", ("model",)),
        ("pred = model.fit(X, y).predict(X)", ("model",)),
        ("np.random.shuffle(arr)", ("arr",)),
        ("random.shuffle(lst)", ("lst",)),
        ("for i in range(3):\n    lst.append(i)", ("lst",)),
    ],
)
def test_changes_in_place_are_found(source: str, expected: tuple[str, ...]) -> None:
    assert mutated_names(ast.parse(source), ALIASES) == expected


@pytest.mark.parametrize(
    "source",
    [
        "df = df.drop(columns=['a'])",  # a new object, bound again
        "x = df['a']",
        "df.head()",
        "df.to_csv('out.csv')",
        "n = lst.count(1)",
        "np.random.seed(0)",  # a module, not a notebook value
        "def f():\n    lst.append(1)",  # runs when called, not now
        "g = lambda: lst.append(1)",
        "pred = model.predict(X)",
        "df.drop(columns=['a'], inplace=False)",
    ],
)
def test_reads_and_rebindings_are_not_changes(source: str) -> None:
    assert mutated_names(ast.parse(source), ALIASES) == ()
