"""The committed exports of the examples are what ``nbprod export`` generates now.

CI runs this so that a reviewer sees generated code change with the notebook. The exports
pin the versions of ``scripts/pipeline-requirements.txt`` (the pipeline environment), so
the check does not depend on what the test environment has installed. To refresh:
``nbprod export examples/NAME/NAME.ipynb -o examples/NAME/export --versions
scripts/pipeline-requirements.txt``.
"""

from __future__ import annotations

from pathlib import Path

import nbprod
import pytest
from nbprod.export.dependencies import parse_versions

ROOT = Path(__file__).resolve().parents[2]
PINS = parse_versions((ROOT / "scripts" / "pipeline-requirements.txt").read_text())


@pytest.mark.parametrize("example", ["churn", "forecast"])
def test_committed_example_export_is_up_to_date(example: str) -> None:
    folder = ROOT / "examples" / example
    if not (folder / "export").is_dir():
        pytest.fail(
            f"examples/{example}/export is missing; export it (see this module)"
        )
    result = nbprod.export(
        folder / f"{example}.ipynb", folder / "export", versions=PINS, diff=True
    )
    assert not result.differs, (
        f"examples/{example}/export is stale; re-export it (see this module):\n"
        + result.diff[:3000]
    )
