"""apply_fix: the one code path behind POST /nbprod/fix and the frontend's quick fixes."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import nbprod
import pytest
from nbprod.lint.diagnostic import Diagnostic, Edit, Fix
from nbprod.lint.fixes import FixError, apply_fix

ROOT = Path(__file__).resolve().parents[2]


def notebook(*sources: str, ids: bool = True) -> dict:
    return {
        "nbformat": 4,
        "nbformat_minor": 5 if ids else 4,
        "metadata": {},
        "cells": [
            {
                "cell_type": "code",
                **({"id": f"c{i}"} if ids else {}),
                "metadata": {},
                "execution_count": None,
                "outputs": [],
                "source": source,
            }
            for i, source in enumerate(sources)
        ],
    }


def replace(
    cell: int, line: int, col: int, end_line: int, end_col: int, text: str, cell_id=None
):
    return Edit("replace", cell, cell_id, line, col, end_line, end_col, text)


def test_replace_edits_apply_against_original_positions_and_input_is_untouched():
    nb = notebook("a = f(x)\nb = g(y)\n")
    before = copy.deepcopy(nb)
    fix = Fix("seed", (replace(0, 1, 8, 1, 8, ", seed=1"), replace(0, 2, 5, 2, 6, "h")))
    result = apply_fix(nb, fix)
    assert result.notebook["cells"][0]["source"] == "a = f(x, seed=1)\nb = h(y)\n"
    assert [c.to_json() for c in result.changes] == [
        {
            "kind": "set_source",
            "cell_index": 0,
            "cell_id": "c0",
            "source": "a = f(x, seed=1)\nb = h(y)\n",
        }
    ]
    assert nb == before


def test_columns_count_characters_and_sources_may_be_lists():
    nb = notebook("")
    nb["cells"][0]["source"] = ['s = "é🙂"; t = f(x)']
    result = apply_fix(nb, Fix("m", (replace(0, 1, 17, 1, 18, "y"),)))
    assert result.notebook["cells"][0]["source"] == 's = "é🙂"; t = f(y)'


def test_edits_find_their_cell_by_id_even_if_cells_moved():
    nb = notebook("first", "second")
    fix = Fix("m", (replace(0, 1, 1, 1, 7, "SECOND", cell_id="c1"),))
    assert apply_fix(nb, fix).notebook["cells"][1]["source"] == "SECOND"


def test_set_tags_and_insert_cell_give_ordered_changes():
    nb = notebook("x = 1", "y = 2")
    fix = Fix(
        "params",
        (
            Edit("insert_cell", 0, content="alpha = 1", tags=("parameters",)),
            Edit("set_tags", 1, "c1", tags=("keep", "keep")),
            Edit("insert_cell", 2, content="z = 3"),
        ),
    )
    result = apply_fix(nb, fix)
    cells = result.notebook["cells"]
    assert [c["source"] for c in cells] == ["alpha = 1", "x = 1", "y = 2", "z = 3"]
    assert cells[0]["metadata"] == {"tags": ["parameters"]}
    assert cells[2]["metadata"]["tags"] == ["keep"]
    assert len({c["id"] for c in cells}) == 4
    kinds = [(c.kind, c.cell_index) for c in result.changes]
    assert kinds == [("set_tags", 1), ("insert_cell", 0), ("insert_cell", 3)]


def test_cells_inserted_in_old_notebooks_get_no_id():
    result = apply_fix(
        notebook("x", ids=False), Fix("m", (Edit("insert_cell", 1, content="y"),))
    )
    assert "id" not in result.notebook["cells"][1]


@pytest.mark.parametrize(
    "edit",
    [
        replace(0, 3, 1, 3, 2, "x"),
        replace(0, 1, 50, 1, 51, "x"),
        replace(5, 1, 1, 1, 1, "x"),
        replace(0, 1, 1, 1, 1, "x", cell_id="gone"),
        Edit("insert_cell", 9),
        Edit("explode", 0),
        replace(0, 1, 3, 1, 1, "x"),
    ],
)
def test_edits_that_do_not_fit_raise_fix_error(edit):
    with pytest.raises(FixError):
        apply_fix(notebook("abc"), Fix("m", (edit,)))


def test_overlapping_edits_are_refused():
    fix = Fix("m", (replace(0, 1, 1, 1, 3, "x"), replace(0, 1, 2, 1, 4, "y")))
    with pytest.raises(FixError, match="overlap"):
        apply_fix(notebook("abcd"), fix)


def test_accepts_a_finding_and_the_wire_json():
    fix = Fix("m", (replace(0, 1, 1, 1, 2, "Z"),))
    finding = Diagnostic("n", 0, 1, 1, "NBP062", fix=fix)
    assert apply_fix(notebook("abc"), finding).notebook["cells"][0]["source"] == "Zbc"
    wire = json.loads(json.dumps(finding.to_json()))
    assert apply_fix(notebook("abc"), wire).notebook["cells"][0]["source"] == "Zbc"
    with pytest.raises(FixError):
        apply_fix(notebook("abc"), Diagnostic("n", 0, 1, 1, "NBP002"))
    with pytest.raises(FixError):
        apply_fix(notebook("abc"), {"edits": [{"kind": "replace", "cell_index": "0"}]})


DEMO = ROOT / "examples" / "demo_day" / "demo_day.ipynb"


@pytest.mark.skipif(not DEMO.exists(), reason="the demo notebook is not there")
def test_every_quick_fix_of_the_demo_applies_and_resolves_its_finding():
    raw = json.loads(DEMO.read_text(encoding="utf-8"))
    findings = [f for f in nbprod.lint(raw, path="demo.ipynb") if f.fix]
    assert findings
    for finding in findings:
        fixed = apply_fix(raw, finding).notebook
        after = nbprod.lint(fixed, path="demo.ipynb", select=[finding.code])
        same = [
            f
            for f in after
            if f.cell_id == finding.cell_id
            and (f.line, f.column) == (finding.line, finding.column)
        ]
        assert not same, f"{finding.code} in cell {finding.cell_index} survived its fix"


def _safe_fixes(path: Path) -> list[Diagnostic]:
    from nbprod.lint.diagnostic import Applicability

    return [
        f
        for f in nbprod.lint(path)
        if f.fix is not None and f.fix.applicability == Applicability.SAFE
    ]


@pytest.mark.skipif(not DEMO.exists(), reason="the demo notebook is not there")
def test_lint_fix_applies_every_safe_fix_and_a_second_run_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    import nbformat
    from nbprod.cli import main

    target = tmp_path / "demo.ipynb"
    shutil.copy(DEMO, target)
    shutil.copytree(DEMO.parent / "data", tmp_path / "data", dirs_exist_ok=True)
    before = _safe_fixes(target)
    assert len(before) >= 3
    main(["lint", "--fix", "--no-progress", str(target)])
    err = capsys.readouterr().err
    assert f"nbprod: fixed {target} (" in err
    assert _safe_fixes(target) == []
    nbformat.validate(nbformat.read(target, as_version=4))
    once = target.read_bytes()
    main(["lint", "--fix", str(target)])
    assert "nbprod: fixed" not in capsys.readouterr().err
    assert target.read_bytes() == once


def test_lint_fix_writes_the_repaired_notebook_with_the_ids_lint_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import warnings

    import nbformat
    from nbprod.cli import main

    data = notebook("import os", "x = 1", "y = x")
    del data["cells"][0]["id"]
    data["cells"][2]["id"] = "c1"
    target = tmp_path / "n.ipynb"
    target.write_text(json.dumps(data), encoding="utf-8")
    target.chmod(0o640)
    assert main(["lint", "--fix", "--select", "NBP004", str(target)]) == 0
    assert "1 fix applied" in capsys.readouterr().err
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # Jupyter has nothing left to repair
        written = nbformat.read(target, as_version=4)
        nbformat.validate(written)
    ids = [cell.id for cell in written.cells]
    assert ids[1:] == ["c1", ids[2]] and len(set(ids)) == 3
    assert ids == [c.id for c in nbprod.read_notebook(data).cells]
    assert target.stat().st_mode & 0o777 == 0o640
    assert not list(tmp_path.glob(".*.tmp"))


def test_lint_fix_tells_apart_identical_lines_in_cells_without_ids(
    tmp_path: Path,
) -> None:
    from nbprod.lint.batch import fix_file

    line = "model = RandomForestClassifier(n_estimators=500)"
    data = notebook(
        "from sklearn.ensemble import RandomForestClassifier", line, line, ids=False
    )
    target = tmp_path / "old.ipynb"
    target.write_text(json.dumps(data), encoding="utf-8")
    assert fix_file(str(target), ["NBP050", "NBP051"]) == 3  # the cell, then both
    assert nbprod.lint(target, select=["NBP051"]) == []
