"""Code inside IPython magics keeps exact positions, and fixes on it apply cleanly.

``%%time`` and friends run their body as Python, ``%time stmt`` its statement: the
analysis parses that Python, and every span and fix edit must point at the right line
and column of the cell's source (a quick fix on a literal inside ``%%time`` used to raise
IndexError and hide every finding of the notebook).
"""

from __future__ import annotations

import ast

import pytest
from nbprod.analysis.parse import parse_cell
from nbprod.lint.api import lint
from nbprod.lint.config import Config
from nbprod.lint.fixes import apply_fix

READ = 'df = pd.read_csv("data/train.csv")'
FIT = "model = RandomForestClassifier(n_estimators=500).fit(X, y)"

#: Cell sources with the two statements inside a magic.
WRAPPED = {
    "cell %%time": f"%%time\n{READ}\n{FIT}",
    "cell %%capture": f"%%capture\n{READ}\n{FIT}",
    "cell %%capture with a name": f"%%capture captured\n{READ}\n{FIT}",
    "cell %%timeit with options": f"%%timeit -n 5 -r 1\n{READ}\n{FIT}",
    "cell %%prun with options": f"%%prun -s cumulative -q\n{READ}\n{FIT}",
    "blank lines before %%time": f"\n\n%%time\n{READ}\n{FIT}",
    "windows line endings": f"%%time\r\n{READ}\r\n{FIT}\r\n",
    "%%capture over shell and line magics": f"%%capture\n!pip install -q pandas\n%time {READ}\n{FIT}",
    "line %time": f"%time {READ}\n%time {FIT}",
    "line %timeit with options": f"%timeit -n 5 -r 1 {READ}\n%timeit -n5 {FIT}",
    "line %prun with options": f"%prun -s cumulative {READ}\n{FIT}",
    "line %time in a loop": f"for _ in range(3):\n    %time {READ}\n    %time {FIT}",
    "non-ASCII before the literal": f'%time título = "é"; {READ}\n{FIT}',
}

IMPORTS = "import pandas as pd\nfrom sklearn.ensemble import RandomForestClassifier"


def _notebook(source: str) -> dict:
    cells = [
        {
            "cell_type": "code",
            "id": f"c{index}",
            "metadata": {},
            "execution_count": None,
            "outputs": [],
            "source": text,
        }
        for index, text in enumerate([IMPORTS, source])
    ]
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells}


def _text_at(source: str, span: tuple[int, int, int, int]) -> str:
    line, column, end_line, end_column = span
    assert line == end_line
    return source.splitlines()[line - 1][column - 1 : end_column - 1]


@pytest.mark.parametrize("case", sorted(WRAPPED))
def test_literals_inside_magics_are_flagged_at_their_exact_position(case: str) -> None:
    source = WRAPPED[case]
    findings = lint(
        _notebook(source), path="m.ipynb", select=["NBP051", "NBP052"], config=Config()
    )
    found = {d.code: d for d in findings if d.cell_index == 1}
    assert set(found) == {"NBP051", "NBP052"}, case
    for code, literal in (("NBP052", '"data/train.csv"'), ("NBP051", "500")):
        d = found[code]
        assert d.line is not None and d.column is not None
        assert d.end_line is not None and d.end_column is not None
        span = (d.line, d.column, d.end_line, d.end_column)
        assert _text_at(source, span) == literal, (case, code, span)


@pytest.mark.parametrize("case", sorted(WRAPPED))
def test_lifting_a_literal_inside_a_magic_gives_the_intended_source(case: str) -> None:
    source = WRAPPED[case]
    nb = _notebook(source)
    for code, literal, name in (
        ("NBP052", '"data/train.csv"', "train_path"),
        ("NBP051", "500", "n_estimators"),
    ):
        (finding,) = [
            d
            for d in lint(nb, path="m.ipynb", select=[code], config=Config())
            if d.cell_index == 1
        ]
        assert finding.fix is not None, (case, code)
        fixed = apply_fix(nb, finding).notebook
        cells = [c["source"] for c in fixed["cells"]]
        assert cells[2] == source.replace(literal, name, 1), (case, code)
        assert cells[1] == f"# Parameters\n{name} = {literal}"


def test_every_node_of_an_inlined_body_maps_inside_its_source_line() -> None:
    source = '%%time\nimport os\nx = {"k": [1, 2]}\ndef f(a, *, b=3):\n    return a\n'
    parsed = parse_cell(source)
    assert parsed.tree is not None
    lines = source.splitlines()
    for node in ast.walk(parsed.tree):
        if not hasattr(node, "lineno") or getattr(node, "end_col_offset", None) is None:
            continue
        line, column, end_line, end_column = parsed.span(node)
        segment = ast.get_source_segment(parsed.python, node)
        assert segment is not None
        if line == end_line:
            assert lines[line - 1][column - 1 : end_column - 1] == segment


def test_a_body_ipython_rewrote_keeps_whole_line_spans_and_offers_no_fix() -> None:
    # Prompts are stripped by IPython: the body is not the source text, so positions
    # fall back to whole lines, and the literal's fix is withheld rather than wrong.
    source = f">>> %%time\n... {READ}"
    nb = _notebook(source)
    (finding,) = [
        d
        for d in lint(nb, path="m.ipynb", select=["NBP052"], config=Config())
        if d.cell_index == 1
    ]
    assert (finding.line, finding.column) == (2, 1)
    assert finding.fix is None
