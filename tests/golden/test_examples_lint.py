"""Golden snapshots of `nbprod lint` text and JSON output on the bundled examples.

A change in what the linter reports on a realistic notebook shows up as a reviewed diff
of these files (`pytest --update-golden` rewrites them).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from nbprod.lint.batch import lint_file
from nbprod.lint.render import renderer

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p.relative_to(ROOT) for p in (ROOT / "examples").glob("*/*.ipynb"))
EXPECTED = Path(__file__).parent / "expected" / "lint"


def test_there_are_at_least_three_examples() -> None:
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("notebook", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_lint_output_matches_golden(
    notebook: Path, fmt: str, update_golden: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.helpers import assert_golden

    monkeypatch.chdir(ROOT)
    result = lint_file(notebook.as_posix())
    assert result.error is None, result.error
    suffix = "txt" if fmt == "text" else "json"
    assert_golden(
        renderer(fmt)([result]), EXPECTED / f"{notebook.stem}.{suffix}", update_golden
    )
