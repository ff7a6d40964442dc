"""nbprod reads every notebook Jupyter reads (SECURITY.md, "Notebook input").

The shapes in tests/data/shapes/ are the layouts real notebooks have: nbformat 3 with
sources and outputs stored as lists of lines, every nbformat 4 minor, Colab and Kaggle
metadata, extra keys, cells without an id or with a copied one. Each is read and linted,
the file stays byte-identical, and those Jupyter repairs on open get one NBP004 finding,
whose fix writes the repaired notebook; repaired ids are the same on every read.
"""

from __future__ import annotations

import copy
import json
import warnings
from pathlib import Path

import nbformat
import pytest
from nbprod.cli import main
from nbprod.lint.api import lint
from nbprod.lint.config import Config
from nbprod.lint.fixes import apply_fix
from nbprod.notebook import read_notebook

from tests.data.make_shape_notebooks import NEEDS_REPAIR, SHAPES

SHAPE_DIR = Path(__file__).resolve().parents[1] / "data" / "shapes"


def _shape(name: str) -> Path:
    return SHAPE_DIR / f"{name}.ipynb"


def _jupyter_opens(path: Path) -> bool:
    """What Jupyter's contents manager does on open: read (converting), then validate."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            nbformat.validate(nbformat.read(path, as_version=4))
    except Exception:
        return False
    return True


def test_the_committed_shapes_are_those_the_generator_writes() -> None:
    for name, notebook in SHAPES.items():
        text = json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
        assert _shape(name).read_text(encoding="utf-8") == text, name
    assert {p.stem for p in SHAPE_DIR.glob("*.ipynb")} == set(SHAPES)


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_every_shape_is_linted_without_touching_the_file(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _shape(name)
    before = path.read_bytes()
    assert main(["lint", "--format", "json", str(path)]) in (0, 1)
    out, err = capsys.readouterr()
    codes = {finding["code"] for finding in json.loads(out)}
    assert ("NBP004" in codes) == (name in NEEDS_REPAIR)
    assert err == "" and path.read_bytes() == before


def test_every_shape_jupyter_opens_is_among_the_shapes() -> None:
    # The reference: these shapes pass nbformat.read + validate. (Kaggle's and the
    # extra-key files fail nbformat's strict check, yet Jupyter shows them with a
    # warning; nbprod reads them too.)
    opened = {name for name in SHAPES if _jupyter_opens(_shape(name))}
    assert opened >= {"v3_list_sources", "v4_0", "v4_5_missing_ids", "colab"}


def test_v3_lines_are_rejoined_as_jupyter_does() -> None:
    notebook = read_notebook(_shape("v3_list_sources"))
    assert (notebook.nbformat, notebook.nbformat_minor) == (4, 5)
    expected = nbformat.read(_shape("v3_list_sources"), as_version=4)
    assert [c.source for c in notebook.cells] == [c.source for c in expected.cells]
    assert notebook.cells[0].source == "# Churn"
    assert notebook.cells[3].source == 'df = pd.read_csv("data/churn.csv")\ndf.head()'
    result, stream = notebook.cells[3].outputs
    assert result["data"]["text/html"] == "<table>\n<tr><td>1</td></tr>\n</table>"
    assert stream["text"] == "rows: 3\ndone\n"
    assert notebook.cells[3].execution_count == 2
    assert [r.kind for r in notebook.repairs] == ["nbformat-3"]


@pytest.mark.parametrize("name", sorted(NEEDS_REPAIR))
def test_repaired_ids_are_unique_and_the_same_on_every_read(name: str) -> None:
    first = read_notebook(_shape(name))
    again = read_notebook(_shape(name).read_bytes())
    ids = [cell.id for cell in first.cells]
    assert ids == [cell.id for cell in again.cells]
    if first.nbformat_minor >= 5:
        assert all(ids) and len(set(ids)) == len(ids)


def test_missing_and_repeated_ids_are_repaired_as_jupyter_does() -> None:
    notebook = read_notebook(_shape("v4_5_missing_and_duplicate_ids"))
    ids = [cell.id for cell in notebook.cells]
    # The first holder of an id keeps it; later copies and missing ids get new ones.
    assert ids[1] == "dup" and "dup" not in (ids[0], ids[2], ids[3])
    assert [(r.kind, r.cells) for r in notebook.repairs] == [
        ("missing-id", (0, 3)),
        ("duplicate-id", (2,)),
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nbformat warns of the ids it replaces
        jupyter = nbformat.read(_shape("v4_5_missing_and_duplicate_ids"), as_version=4)
    changed = [i for i, c in enumerate(jupyter.cells) if c.get("id") != ids[i]]
    assert changed == [0, 2, 3]  # the cells Jupyter gave random ids to


def test_reading_a_mapping_that_needs_repair_leaves_it_unchanged() -> None:
    for name in sorted(NEEDS_REPAIR):
        data = copy.deepcopy(SHAPES[name])
        read_notebook(data)
        assert data == SHAPES[name], name


def test_the_finding_is_fixable_and_its_fix_writes_the_repaired_notebook() -> None:
    for name in sorted(NEEDS_REPAIR):
        data = copy.deepcopy(SHAPES[name])
        (finding,) = [
            f for f in lint(data, path="n.ipynb", config=Config()) if f.code == "NBP004"
        ]
        assert finding.cell_index is None and finding.fix is not None
        fixed = apply_fix(data, finding).notebook
        assert read_notebook(fixed).repairs == (), name
        assert data == SHAPES[name]  # the input is not modified
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # no missing-id or duplicate-id warning
            # Before 4.5 ids are an extra key, which nbformat's strict check refuses.
            strict = fixed["nbformat_minor"] >= 5
            nbformat.validate(nbformat.from_dict(fixed), relax_add_props=not strict)


def test_other_fixes_on_a_notebook_that_needs_repair_apply_to_the_repaired_cells() -> (
    None
):
    data = copy.deepcopy(SHAPES["v4_5_missing_ids"])
    findings = lint(data, path="n.ipynb", config=Config(), select=["NBP052"])
    (finding,) = findings
    assert finding.cell_id is not None  # a repaired, stable id
    fixed = apply_fix(data, finding).notebook
    assert "read_csv(churn_path)" in "".join(
        "".join(c["source"]) for c in fixed["cells"]
    )
