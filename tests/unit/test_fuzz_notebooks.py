"""Generated notebooks, valid and broken, never crash the linter: findings or a clear
NotebookReadError (exit 2), never another exception."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nbprod.errors import NotebookReadError
from nbprod.lint.api import lint
from nbprod.lint.config import Config

# Fragments that exercise the analysis: magics, shell, help, odd Python, secrets-ish text.
FRAGMENTS = [
    "%pip install pandas==2.2.0",
    "!rm -rf /",
    "%%bash\necho hi",
    "%%time\nx = 1",
    "x = !ls",
    "df?",
    "get_ipython().system('ls')",
    "import numpy as np\nnp.random.rand(3)",
    "from sklearn.model_selection import train_test_split as tts",
    "X_train, X_test = tts(X, test_size=0.2)",
    "def f(a=b):\n    return c + a",
    "class K:\n    y = z\n    def m(self):\n        return w",
    "lambda q: q + r",
    "[i for i in range(3) if j]",
    "del x",
    "global g",
    "with open('/Users/me/x.csv') as fh:\n    data = fh.read()",
    'password = "hunter2hunter2"',
    "async def g():\n    await h()",
    "match p:\n    case [a, *rest]:\n        pass",
    "x = (",
    "\x00",
    "   indented = 1",
    ">>> prompt = 1",
    "f'{a!r:>{width}}'",
]

sources = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=4
).map("\n".join)

outputs = st.lists(
    st.one_of(
        st.fixed_dictionaries(
            {
                "output_type": st.just("stream"),
                "name": st.just("stdout"),
                "text": st.text(),
            }
        ),
        st.fixed_dictionaries(
            {
                "output_type": st.just("error"),
                "ename": st.text(max_size=10),
                "evalue": st.text(max_size=10),
                "traceback": st.lists(st.text(max_size=10), max_size=2),
            }
        ),
    ),
    max_size=2,
)


@st.composite
def notebooks(draw: st.DrawFn) -> dict[str, Any]:
    cells = []
    for index in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["code", "code", "markdown", "raw"]))
        cell: dict[str, Any] = {
            "cell_type": kind,
            "id": f"c{index}",
            "metadata": draw(
                st.one_of(
                    st.just({}),
                    st.fixed_dictionaries(
                        {"tags": st.lists(st.text(min_size=1, max_size=12), max_size=2)}
                    ),
                )
            ),
            "source": draw(sources),
        }
        if kind == "code":
            cell["execution_count"] = draw(st.one_of(st.none(), st.integers(1, 20)))
            cell["outputs"] = draw(outputs)
        cells.append(cell)
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells}


def _breakages() -> st.SearchStrategy[Any]:
    json_values = st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda inner: st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=5), inner, max_size=3),
        max_leaves=8,
    )
    return json_values


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notebooks())
def test_generated_valid_notebooks_never_crash(nb: dict[str, Any]) -> None:
    try:
        findings = lint(nb, path="gen.ipynb", config=Config())
    except NotebookReadError:
        return  # e.g. a generated tag containing a comma is schema-invalid
    for finding in findings:
        assert finding.cell_index is None or 0 <= finding.cell_index < len(nb["cells"])


@settings(max_examples=150, deadline=None)
@given(notebooks(), st.data())
def test_broken_notebooks_give_findings_or_a_clear_error(
    nb: dict[str, Any], data: st.DataObject
) -> None:
    # Replace one random value somewhere in the notebook with random JSON.
    broken = json.loads(json.dumps(nb))
    target: Any = broken
    path = data.draw(st.lists(st.integers(0, 10), min_size=1, max_size=4))
    for step in path[:-1]:
        if isinstance(target, dict) and target:
            target = target[sorted(target)[step % len(target)]]
        elif isinstance(target, list) and target:
            target = target[step % len(target)]
    replacement = data.draw(_breakages())
    if isinstance(target, dict) and target:
        target[sorted(target)[path[-1] % len(target)]] = replacement
    elif isinstance(target, list) and target:
        target[path[-1] % len(target)] = replacement
    try:
        lint(broken, path="broken.ipynb", config=Config())
    except NotebookReadError as exc:
        assert str(exc)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_give_a_clear_error(raw: bytes) -> None:
    try:
        lint(raw, path="bytes.ipynb", config=Config())
    except NotebookReadError as exc:
        assert str(exc)
