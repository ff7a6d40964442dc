"""Every rule against its fixture notebook: flagged cells must be flagged, clean cells not.

Fixtures live in ``tests/rules/fixtures/<CODE>_<name>.py`` (``# %%`` cells with
``expect=`` / ``clean`` headers, see ``tests/helpers.py``); the rendered text output of each
is snapshotted in ``tests/rules/snapshots/<CODE>.txt``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nbprod.lint.api import lint
from nbprod.lint.config import Config
from nbprod.lint.registry import active_rules
from nbprod.lint.render.text import render
from nbprod.lint.results import FileResult
from tests.helpers import assert_golden, fixture_notebook

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
SNAPSHOTS = HERE / "snapshots"
RULES = {rule.code: rule for rule in active_rules()}


def _fixture(code: str) -> Path:
    matches = sorted(FIXTURES.glob(f"{code}_*.py"))
    assert matches, f"rule {code} has no fixture tests/rules/fixtures/{code}_<name>.py"
    return matches[0]


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_flags_expected_cells_and_only_those(code: str, update_golden: bool) -> None:
    text = _fixture(code).read_text(encoding="utf-8")
    notebook, cells = fixture_notebook(text)
    assert any(code in cell.expect for cell in cells), "fixture has no expected flag"
    assert any(cell.clean for cell in cells), "fixture has no clean cell"
    findings = lint(notebook, path=f"{code}.ipynb", select=[code], config=Config())
    flagged = {(d.cell_index, d.code) for d in findings}
    expected = {(i, c) for i, cell in enumerate(cells) for c in cell.expect if c == code}
    clean = {i for i, cell in enumerate(cells) if cell.clean}
    missed = expected - flagged
    false_positives = {(i, c) for i, c in flagged if i in clean}
    unexpected = flagged - expected - false_positives
    assert not missed, f"{code} missed cells {sorted(missed)}"
    assert not false_positives, f"{code} flagged clean cells {sorted(false_positives)}"
    assert not unexpected, f"{code} flagged unmarked cells {sorted(unexpected)}"
    rendered = render([FileResult(f"{code}.ipynb", tuple(findings))])
    assert_golden(rendered, SNAPSHOTS / f"{code}.txt", update_golden)
