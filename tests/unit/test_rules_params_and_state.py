"""Notebook-level behaviour of the hidden-state and missing-parameters rules that one
fixture notebook cannot show: silence on unknowable names, and the lift fixes' edits."""

from __future__ import annotations

from typing import Any

from nbprod.lint.api import lint
from nbprod.lint.config import Config
from nbprod.lint.diagnostic import Diagnostic, Edit

from tests.helpers import fixture_notebook


def _lint(text: str, code: str) -> list[Diagnostic]:
    notebook, _cells = fixture_notebook(text)
    return lint(notebook, path="t.ipynb", select=[code], config=Config())


def _edits(d: Diagnostic) -> tuple[Edit, ...]:
    assert d.fix is not None
    return d.fix.edits


# -- hidden state ---------------------------------------------------------------------


def test_undefined_name_is_silent_with_a_star_import_or_run() -> None:
    for opaque in ("from helpers import *", "%run helpers.py", "exec(code)"):
        text = f"# %% clean\n{opaque}\n# %% clean\nprint(undefined_thing)\n"
        assert _lint(text, "NBP011") == [], opaque
    text = "# %% clean\nimport os\n# %% expect=NBP011\nprint(undefined_thing)\n"
    assert [d.cell_index for d in _lint(text, "NBP011")] == [1]


def test_later_definition_is_not_reported_below_a_star_import() -> None:
    text = "# %%\nfrom helpers import *\n# %%\nprint(x)\n# %%\nx = 1\n"
    assert _lint(text, "NBP010") == []
    text = "# %%\nprint(x)\n# %%\nfrom helpers import *\n# %%\nx = 1\n"
    assert [d.cell_index for d in _lint(text, "NBP010")] == [0]


def test_function_reading_a_later_global_is_fine_when_called_after_it() -> None:
    text = (
        "# %%\ndef f():\n    return helper_value\n"
        "# %%\nhelper_value = 1\n# %%\nf()\n"
    )
    assert _lint(text, "NBP010") == []
    text = (
        "# %%\ndef f():\n    return g()\n\n\ndef g():\n    return helper_value\n"
        "# %%\nf()\n# %%\nhelper_value = 1\n"
    )
    found = _lint(text, "NBP010")
    assert [(d.cell_index, d.line) for d in found] == [(1, 1)]
    assert "`helper_value`" in found[0].message and "cell 3" in found[0].message


def test_deleted_name_defined_again_by_store_magic() -> None:
    text = "# %%\nx = 1\ndel x\n# %%\n%store -r x\n# %%\nprint(x)\n"
    assert _lint(text, "NBP012") == []


# -- missing parameters ---------------------------------------------------------------


def test_parameters_cell_present_or_no_code_means_no_finding() -> None:
    assert _lint('# %% tags=["parameters"]\nx = 1\n# %%\nprint(x)\n', "NBP050") == []
    assert _lint("# %% [markdown]\n# Title\n# %%\n\n", "NBP050") == []


def test_missing_parameters_fix_tags_a_literal_cell() -> None:
    text = (
        "# %% [markdown]\n# Title\n# %%\nimport pandas as pd\n"
        '# %% tags=["setup"]\ninput_path = "data.csv"\nn_rows: int = 100\n'
        "# %%\ndf = pd.read_csv(input_path, nrows=n_rows)\n"
    )
    (finding,) = _lint(text, "NBP050")
    assert finding.cell_index is None
    (edit,) = _edits(finding)
    assert (edit.kind, edit.cell_index, edit.tags) == (
        "set_tags",
        2,
        ("setup", "parameters"),
    )


def test_missing_parameters_fix_inserts_a_cell_after_the_imports() -> None:
    text = "# %% [markdown]\n# Title\n# %%\nimport pandas as pd\n# %%\ndf = pd.read_csv('x')\n"
    (finding,) = _lint(text, "NBP050")
    (edit,) = _edits(finding)
    assert (edit.kind, edit.cell_index, edit.tags) == (
        "insert_cell",
        2,
        ("parameters",),
    )


def test_lift_appends_to_the_parameters_cell() -> None:
    text = (
        '# %% tags=["parameters"]\nseed = 0\n# %%\nfrom sklearn.svm import SVC\n'
        "# %%\nmodel = SVC(C=1.0, gamma=0.01, random_state=seed)\n"
    )
    found = _lint(text, "NBP051")
    assert [d.message.split()[1] for d in found] == ["`C`", "`gamma`"]
    replace, define = _edits(found[1])
    assert (replace.kind, replace.cell_index, replace.line, replace.column) == (
        "replace",
        2,
        1,
        26,
    )
    assert (replace.end_column, replace.content) == (30, "gamma")
    assert (define.kind, define.cell_index, define.line, define.column) == (
        "replace",
        0,
        1,
        9,
    )
    assert define.content == "\ngamma = 0.01"


def _apply_replace(source: str, edit: Edit) -> str:
    lines = source.split("\n")
    assert edit.line == edit.end_line and edit.line is not None
    line = lines[edit.line - 1]
    start, end = (edit.column or 1) - 1, (edit.end_column or 1) - 1
    lines[edit.line - 1] = line[:start] + edit.content + line[end:]
    return "\n".join(lines)


def test_lift_inserts_a_parameters_cell_and_names_paths_after_the_file() -> None:
    text = (
        "# %%\nimport pandas as pd\n# %%\ndf = pd.read_csv('data/train.csv')\n"
        "df.to_csv(f'out/2024-01.csv')\n"
    )
    found = _lint(text, "NBP052")
    assert len(found) == 2
    replace, insert = _edits(found[0])
    assert replace.content == "train_path"
    assert _apply_replace("df = pd.read_csv('data/train.csv')", replace) == (
        "df = pd.read_csv(train_path)"
    )
    assert (insert.kind, insert.cell_index, insert.tags) == (
        "insert_cell",
        1,
        ("parameters",),
    )
    assert insert.content == "# Parameters\ntrain_path = 'data/train.csv'"
    # a stem that is not an identifier falls back to the direction of the call
    assert _edits(found[1])[0].content == "output_path"


def test_no_lift_when_the_name_is_taken_or_the_parameters_cell_is_below() -> None:
    text = (
        "# %%\nfrom sklearn.svm import SVC\nC = 3\n"
        '# %%\nmodel = SVC(C=1.0)\n# %% tags=["parameters"]\nx = 1\n'
    )
    (finding,) = _lint(text, "NBP051")
    assert finding.fix is None  # parameters cell below the literal
    text = "# %%\nfrom sklearn.svm import SVC\n# %%\nC = 3\nmodel = SVC(C=1.0)\n"
    (finding,) = _lint(text, "NBP051")
    replace, _define = _edits(finding)
    assert replace.content == "C_2"  # `C` is taken


def test_each_lifted_literal_gets_its_own_name() -> None:
    text = (
        "# %%\nfrom sklearn.ensemble import RandomForestClassifier as RF\n"
        "# %%\na = RF(n_estimators=100)\nb = RF(n_estimators=300)\n"
    )
    names: list[Any] = [_edits(d)[0].content for d in _lint(text, "NBP051")]
    assert names == ["n_estimators", "n_estimators_2"]
