"""Bad notebook input (SECURITY.md, "Notebook input"): a clear error, exit 2, no traceback,
and the input file byte-identical afterwards."""

from __future__ import annotations

import json
import time
from pathlib import Path

import nbformat
import pytest
from nbprod.cli import main
from nbprod.errors import NotebookReadError
from nbprod.lint.api import lint
from nbprod.notebook import read_notebook


def _notebook(*sources: str) -> dict:
    nb = nbformat.v4.new_notebook()
    for index, source in enumerate(sources):
        cell = nbformat.v4.new_code_cell(source)
        cell.id = f"c{index}"
        nb.cells.append(cell)
    return json.loads(nbformat.writes(nb))


VALID = _notebook("import os\nx = 1")

BAD_INPUTS = {
    "truncated": (json.dumps(VALID)[:40].encode(), "not valid JSON"),
    "empty": (b"", "file is empty"),
    "whitespace": (b"  \n", "file is empty"),
    "invalid-utf8": (b'{"cells": "\xff\xfe"}', "not valid UTF-8"),
    "array": (b"[]", "is an array"),
    "string": (b'"x"', "is a string"),
    "null": (b"null", "is null"),
    "nbformat-99": (
        json.dumps({**VALID, "nbformat": 99}).encode(),
        "nbformat 99 is not supported",
    ),
    "nbformat-missing": (
        json.dumps({k: v for k, v in VALID.items() if k != "nbformat"}).encode(),
        "'nbformat'",
    ),
    "schema-invalid": (
        json.dumps({**VALID, "cells": [{**VALID["cells"][0], "source": 5}]}).encode(),
        "at cells/0/source",
    ),
    "deeply-nested-json": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_a_clear_error_with_exit_2_and_file_untouched(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw, expected = BAD_INPUTS[case]
    file = tmp_path / f"{case}.ipynb"
    file.write_bytes(raw)
    assert main(["lint", str(file)]) == 2
    out, err = capsys.readouterr()
    assert expected in out + err
    assert "Traceback" not in out + err
    assert file.read_bytes() == raw
    with pytest.raises(NotebookReadError):
        read_notebook(file)


def test_json_format_reports_read_errors_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "broken.ipynb"
    file.write_bytes(b"[]")
    assert main(["lint", "--format", "json", str(file)]) == 2
    out, err = capsys.readouterr()
    assert json.loads(out) == []
    assert "is an array" in err


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    file = tmp_path / "bom.ipynb"
    raw = b"\xef\xbb\xbf" + json.dumps(_notebook("x = 1")).encode()
    file.write_bytes(raw)
    assert read_notebook(file).cells[0].source == "x = 1"
    assert file.read_bytes() == raw


def test_v3_notebook_is_upgraded_and_linted(tmp_path: Path) -> None:
    v3 = {
        "nbformat": 3,
        "nbformat_minor": 0,
        "metadata": {"name": "old"},
        "worksheets": [
            {
                "cells": [
                    {
                        "cell_type": "code",
                        "input": "print(undefined_name)\n",
                        "language": "python",
                        "outputs": [],
                        "prompt_number": 3,
                        "collapsed": False,
                        "metadata": {},
                    }
                ],
                "metadata": {},
            }
        ],
    }
    file = tmp_path / "v3.ipynb"
    raw = json.dumps(v3).encode()
    file.write_bytes(raw)
    notebook = read_notebook(file)
    assert notebook.nbformat == 4
    assert notebook.cells[0].source == "print(undefined_name)\n"
    assert notebook.cells[0].execution_count == 3
    lint(file)  # lints without error
    assert file.read_bytes() == raw


def test_reading_a_mapping_does_not_mutate_it() -> None:
    data = json.loads(json.dumps(VALID))
    before = json.dumps(data, sort_keys=True)
    read_notebook(data)
    assert json.dumps(data, sort_keys=True) == before


def test_older_v4_minor_without_ids_is_read_with_null_ids() -> None:
    data = json.loads(json.dumps(VALID))
    data["nbformat_minor"] = 4
    del data["cells"][0]["id"]
    notebook = read_notebook(data)
    assert notebook.cells[0].id is None
    assert notebook.repairs == ()  # ids are no part of nbformat before 4.5


HOSTILE_CELLS = {
    "100k-characters": "x = 1\n" * 16_667,
    "10k-nested-brackets": "x = " + "[" * 10_000 + "]" * 10_000,
    "10k-nested-parens": "x = " + "(" * 10_000 + ")" * 10_000,
    "deep-unary": "x = " + "-" * 100_000 + "1",
    "deep-binop": "x = " + "+".join(["1"] * 50_000),
    "null-byte": "x = 1\x00",
    "huge-cell": "y = 2\n" * 200_000,
}


@pytest.mark.parametrize("case", sorted(HOSTILE_CELLS))
def test_hostile_cells_are_bounded(case: str) -> None:
    started = time.perf_counter()
    findings = lint(_notebook(HOSTILE_CELLS[case], "z = 3"), path="h.ipynb")
    assert time.perf_counter() - started < 20
    assert all(d.cell_index in (None, 0, 1) for d in findings)


def test_fifty_thousand_cells_lint_in_bounded_time() -> None:
    nb = _notebook(*[f"v{i} = {i}" for i in range(50_000)])
    started = time.perf_counter()
    lint(nb, path="many.ipynb")
    assert time.perf_counter() - started < 120


def test_large_base64_outputs_are_not_a_problem(tmp_path: Path) -> None:
    nb = _notebook("import matplotlib")
    image = "iVBORw0KGgo" + "A" * 20_000_000
    nb["cells"][0]["outputs"] = [
        {"output_type": "display_data", "data": {"image/png": image}, "metadata": {}}
    ]
    file = tmp_path / "image.ipynb"
    file.write_text(json.dumps(nb))
    started = time.perf_counter()
    lint(file)
    assert time.perf_counter() - started < 60


def test_extra_keys_are_tolerated_as_jupyter_does() -> None:
    # Old tools wrote `outputs` on markdown cells; Jupyter opens such notebooks.
    data = json.loads(json.dumps(VALID))
    data["cells"].append(
        {
            "cell_type": "markdown",
            "id": "m",
            "metadata": {},
            "source": "# T",
            "outputs": [],
        }
    )
    assert [c.cell_type for c in read_notebook(data).cells] == ["code", "markdown"]


def test_a_200_mb_output_is_linted_in_bounded_time_and_memory(tmp_path: Path) -> None:
    import resource
    import subprocess
    import sys

    nb = _notebook("print('log')")
    nb["cells"][0]["outputs"] = [
        {
            "output_type": "stream",
            "name": "stdout",
            "text": "a log line 1234\n" * 13_000_000,
        }
    ]
    file = tmp_path / "big.ipynb"
    file.write_text(json.dumps(nb))
    assert file.stat().st_size > 200_000_000

    def limit_memory() -> None:  # 3 GiB of address space for the linting process
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "nbprod.cli", "lint", "--format", "json", str(file)],
        capture_output=True,
        text=True,
        preexec_fn=limit_memory,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr[-2000:]
    assert time.perf_counter() - started < 60
