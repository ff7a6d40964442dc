"""nbprod's nbformat 3 upgrade gives what Jupyter's reader gives (nbformat), ids aside,
and reading a v3 notebook imports neither nbformat nor jsonschema."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbprod.notebook import read_notebook
from nbprod.upgrade_v3 import upgrade_v3

SHAPES = Path(__file__).resolve().parent.parent / "data" / "shapes"


def _code(**fields: Any) -> dict[str, Any]:
    cell = {"cell_type": "code", "language": "python", "metadata": {}, "outputs": []}
    cell.update(fields)
    return cell


#: Every v3 form the upgrade rewrites: split and joined sources, headings, html cells,
#: each output type with v3 keys, JSON payloads, collapsed cells, two worksheets.
VARIED_V3 = {
    "nbformat": 3,
    "nbformat_minor": 0,
    "metadata": {"name": "old", "signature": "sha256:00", "extra": {"x": 1}},
    "worksheets": [
        {
            "metadata": {},
            "cells": [
                {"cell_type": "heading", "level": 2, "metadata": {}, "source": "A\nB"},
                {
                    "cell_type": "heading",
                    "level": 1,
                    "metadata": {},
                    "source": ["Only"],
                },
                {"cell_type": "markdown", "metadata": {}, "source": ["a\n", "b"]},
                {"cell_type": "markdown", "metadata": {}, "source": ["a", "b"]},
                {"cell_type": "html", "metadata": {}, "source": "<b>x</b>"},
                {"cell_type": "raw", "metadata": {}, "source": "raw"},
                _code(
                    input=["import json\n", "json.dumps({})"],
                    prompt_number=3,
                    collapsed=True,
                    outputs=[
                        {
                            "output_type": "pyout",
                            "prompt_number": 3,
                            "text": ["'{}'"],
                            "html": "<p>x</p>",
                            "metadata": {"png": {"width": 3}},
                        },
                        {"output_type": "stream", "stream": "stderr", "text": "w\n"},
                        {
                            "output_type": "stream",
                            "stream": "stdout",
                            "text": ["a\n", "b\n"],
                        },
                        {
                            "output_type": "display_data",
                            "png": "iVBORw0KGgo=",
                            "json": '{"a": [1, 2]}',
                            "latex": ["$x$"],
                            "svg": "<svg/>",
                            "jpeg": "/9j/",
                            "javascript": "alert(1)",
                        },
                        {
                            "output_type": "pyerr",
                            "ename": "E",
                            "evalue": "v",
                            "traceback": ["t"],
                        },
                    ],
                ),
            ],
        },
        {"metadata": {}, "cells": [_code(input="x = 1", collapsed=False)]},
    ],
}


def _by_nbformat(data: dict[str, Any]) -> dict[str, Any]:
    """Jupyter's reader: nbformat.reads on the file's text, as plain JSON."""
    node = nbformat.reads(json.dumps(data), as_version=4)
    return json.loads(json.dumps(node))


def _without_ids(nb: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(nb)
    for cell in out["cells"]:
        assert "id" in cell
        cell.pop("id")
    return out


V3_FILES = sorted(
    path
    for path in SHAPES.glob("*.ipynb")
    if json.loads(path.read_text(encoding="utf-8")).get("nbformat") == 3
)


@pytest.mark.parametrize(
    "data",
    [VARIED_V3, *(json.loads(p.read_text(encoding="utf-8")) for p in V3_FILES)],
    ids=["varied", *(p.stem for p in V3_FILES)],
)
def test_upgrade_matches_nbformat(data: dict[str, Any]) -> None:
    before = json.dumps(data)
    ours = upgrade_v3(data)
    assert json.dumps(data) == before  # the input is left alone
    theirs = _by_nbformat(data)
    assert _without_ids(ours) == _without_ids(theirs)
    # Same key order too: a file nbprod writes back (NBP004's fix) looks like Jupyter's.
    assert [list(c) for c in ours["cells"]] == [list(c) for c in theirs["cells"]]


def test_v3_files_exist() -> None:
    assert len(V3_FILES) >= 2


def test_reading_v3_imports_neither_nbformat_nor_jsonschema() -> None:
    code = (
        "import sys; from nbprod.notebook import read_notebook; "
        f"nb = read_notebook({str(V3_FILES[0])!r}); "
        "assert nb.nbformat == 4 and nb.cells; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('nbformat', 'jsonschema')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_v3_read_gives_stable_ids_and_a_repair() -> None:
    first = read_notebook(copy.deepcopy(VARIED_V3))
    second = read_notebook(copy.deepcopy(VARIED_V3))
    assert [c.id for c in first.cells] == [c.id for c in second.cells]
    assert all(c.id and len(c.id) == 8 for c in first.cells)
    assert [r.kind for r in first.repairs] == ["nbformat-3"]
    assert first.nbformat == 4 and first.nbformat_minor == 5
