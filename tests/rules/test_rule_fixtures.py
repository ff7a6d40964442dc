"""Every rule against its fixture notebook: flagged cells must be flagged, clean cells not.

Fixtures live in ``tests/rules/fixtures/<CODE>_<name>.py`` (``# %%`` cells with
``expect=`` / ``clean`` headers, see ``tests/helpers.py``); the rendered text output of each
is snapshotted in ``tests/rules/snapshots/<CODE>.txt``.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from nbprod.lint.api import lint
from nbprod.lint.config import Config
from nbprod.lint.registry import active_rules
from nbprod.lint.render.text import render
from nbprod.lint.results import FileResult

from tests.helpers import assert_golden, fixture_notebook, fixture_setup

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
SNAPSHOTS = HERE / "snapshots"
RULES = {rule.code: rule for rule in active_rules()}


def _fixture(code: str) -> Path:
    matches = sorted(FIXTURES.glob(f"{code}_*.py"))
    assert matches, f"rule {code} has no fixture tests/rules/fixtures/{code}_<name>.py"
    return matches[0]


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_flags_expected_cells_and_only_those(
    code: str, update_golden: bool, tmp_path: Path
) -> None:
    text = _fixture(code).read_text(encoding="utf-8")
    notebook, cells = fixture_notebook(text)
    files, notebook_codes = fixture_setup(text)
    assert (
        any(code in cell.expect for cell in cells) or code in notebook_codes
    ), "fixture has no expected flag"
    assert any(cell.clean for cell in cells), "fixture has no clean cell"
    display = f"{code}.ipynb"
    if files is None:
        findings = lint(notebook, path=display, select=[code], config=Config())
    else:
        (tmp_path / ".git").mkdir()
        for name, content in files.items():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text(content, encoding="utf-8")
        file = tmp_path / display
        file.write_text(json.dumps(notebook), encoding="utf-8")
        findings = [
            dataclasses.replace(d, path=display)
            for d in lint(str(file), select=[code], config=Config())
        ]
    flagged = {(d.cell_index, d.code) for d in findings}
    expected = {
        (i, c) for i, cell in enumerate(cells) for c in cell.expect if c == code
    }
    expected |= {(None, c) for c in notebook_codes if c == code}
    clean = {i for i, cell in enumerate(cells) if cell.clean}
    missed = expected - flagged
    false_positives = {(i, c) for i, c in flagged if i in clean}
    unexpected = flagged - expected - false_positives
    assert not missed, f"{code} missed cells {sorted(missed, key=str)}"
    assert not false_positives, f"{code} flagged clean cells {sorted(false_positives)}"
    assert (
        not unexpected
    ), f"{code} flagged unmarked cells {sorted(unexpected, key=str)}"
    rendered = render([FileResult(display, tuple(findings))])
    assert_golden(rendered, SNAPSHOTS / f"{code}.txt", update_golden)
