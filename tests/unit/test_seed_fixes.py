"""The quick fixes of the unseeded-randomness rules produce valid Python that passes the
seed, and use the notebook's seed variable when the parameters cell has one."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from nbprod.lint.api import lint
from nbprod.lint.config import Config
from nbprod.lint.fixes import apply_fix

from tests.helpers import fixture_notebook

FIXTURES = Path(__file__).parents[1] / "rules" / "fixtures"


def _source(cell: dict) -> str:
    source = cell["source"]
    return "".join(source) if isinstance(source, list) else source


@pytest.mark.parametrize("code", ["NBP060", "NBP061", "NBP062", "NBP063", "NBP064"])
def test_every_fix_parses_and_passes_a_seed(code: str) -> None:
    (path,) = FIXTURES.glob(f"{code}_*.py")
    notebook, _ = fixture_notebook(path.read_text(encoding="utf-8"))
    fixed = [
        d
        for d in lint(notebook, path="x.ipynb", select=[code], config=Config())
        if d.fix
    ]
    assert fixed, f"{code} fixture has no fixable finding"
    for diagnostic in fixed:
        result = apply_fix(notebook, diagnostic)
        cell = result.notebook["cells"][diagnostic.cell_index]
        new = _source(cell)
        ast.parse(new)
        assert new != _source(notebook["cells"][diagnostic.cell_index])


def test_fix_uses_seed_variable_and_handles_trailing_comma() -> None:
    notebook, _ = fixture_notebook(
        '# %% tags=["parameters"]\nRANDOM_STATE = 7\n'
        "# %%\nfrom sklearn.ensemble import RandomForestClassifier\n"
        "from sklearn.model_selection import train_test_split\n"
        "rf = RandomForestClassifier(\n    n_estimators=10,\n)\n"
        "parts = train_test_split([1, 2, 3], random_state=None)\n"
    )
    findings = lint(
        notebook, path="x.ipynb", select=["NBP062", "NBP063"], config=Config()
    )
    assert len(findings) == 2
    sources = []
    for diagnostic in findings:
        result = apply_fix(notebook, diagnostic)
        sources.append(_source(result.notebook["cells"][1]))
    expected = "RandomForestClassifier(\n    n_estimators=10,\n    random_state=RANDOM_STATE,\n)"
    assert expected in sources[0]
    assert "train_test_split([1, 2, 3], random_state=RANDOM_STATE)" in sources[1]
    for source in sources:
        ast.parse(source)
