"""IPython's transformer loaded in isolation transforms cells exactly as IPython does, and
linting a notebook with magics does not import IPython."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from IPython.core.inputtransformer2 import TransformerManager
from nbprod.analysis.ipython_syntax import isolated_transformer_manager_class

CELLS = [
    "%matplotlib inline\nimport numpy as np",
    "!pip install pandas==2.2\nx = 1",
    "files = !ls *.csv\nprint(files)",
    "%%time\nmodel.fit(X, y)\n",
    "%%bash\necho hi\n",
    "%timeit -n 5 sorted(data)",
    "df.head?\nobj??",
    "%load_ext autoreload\n%autoreload 2",
    ">>> x = 1\n>>> print(x)",
    "In [1]: a = 2\n   ...: b = 3",
    "def f():\n    %time g()\n    return 1",
    "x = %env HOME\n",
    "%%capture out\nprint('x')",
    "if True:\n    !echo nested\n",
    "s = 'not %magic'\n# %comment\n",
    "%%writefile f.py\nprint(1)\n",
]


@pytest.mark.parametrize("source", CELLS)
def test_isolated_transformer_matches_ipython(source: str) -> None:
    isolated = isolated_transformer_manager_class()()
    assert isolated.transform_cell(source) == TransformerManager().transform_cell(
        source
    )


def test_isolated_class_is_not_ipythons_module() -> None:
    cls = isolated_transformer_manager_class()
    assert cls is not TransformerManager
    assert cls.__module__.startswith("nbprod.analysis._ipython_")


def test_linting_magics_does_not_import_ipython(tmp_path: Path) -> None:
    cell = {
        "cell_type": "code",
        "id": "c1",
        "metadata": {},
        "execution_count": None,
        "outputs": [],
        "source": "%matplotlib inline\n!pip install pandas\nimport pandas as pd\n",
    }
    notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [cell]}
    path = tmp_path / "magic.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    code = (
        "import sys; from nbprod.lint.api import lint; "
        f"codes = sorted({{d.code for d in lint({str(path)!r})}}); "
        "print(codes, [m for m in sys.modules if m.split('.')[0] == 'IPython'])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    codes, loaded = done.stdout.strip().split("] ", 1)
    assert "NBP040" in codes  # the shell install is found through the transform
    assert loaded == "[]"
