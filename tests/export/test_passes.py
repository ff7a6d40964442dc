"""Behaviour of the export passes, one promise per test."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import nbprod
import pytest
from nbprod.errors import ExportError, LintGateError
from nbprod.export import passes
from nbprod.lint import registry

from tests.export.helpers import NOTEBOOKS, VERSIONS, stage


def _write(
    tmp_path: Path, *cells: tuple[str, str, list[str]], name: str = "nb"
) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    for index, (kind, source, tags) in enumerate(cells):
        cell = (
            nbformat.v4.new_code_cell(source)
            if kind == "code"
            else nbformat.v4.new_markdown_cell(source)
        )
        cell.id = f"c{index}"
        if tags:
            cell.metadata["tags"] = tags
        nb.cells.append(cell)
    path = tmp_path / f"{name}.ipynb"
    path.write_text(nbformat.writes(nb), encoding="utf-8")
    return path


def _export(path: Path, **kwargs):
    return nbprod.export(path, path.parent / "out", versions=VERSIONS, **kwargs)


def test_interactive_call_is_refused_naming_the_cell(tmp_path: Path) -> None:
    path = _write(
        tmp_path, ("code", "x = 1", []), ("code", "name = input('name? ')", [])
    )
    with pytest.raises(ExportError, match=r"cell 2, line 1: input\(\)"):
        _export(path)
    assert not (tmp_path / "out").exists()


def test_interactive_cell_tagged_drop_is_left_out(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        ("code", "x = 1", []),
        ("code", "breakpoint()", ["nbprod:drop"]),
        ("code", "y = x + 1", []),
        ("code", "z = input()", ["nbprod:end"]),
        ("code", "w = 2", []),
    )
    result = _export(path)
    step = result.files["src/nb/steps/main.py"]
    assert "breakpoint" not in step and "input" not in step and "w = 2" not in step
    assert "y = x + 1" in step


def test_lint_errors_stop_the_export_unless_forced(tmp_path: Path) -> None:
    path = _write(tmp_path, ("code", "x = 1", []), ("code", "def broken(:\n  pass", []))
    with pytest.raises(LintGateError, match="--force"):
        _export(path)
    result = _export(path, force=True)
    assert any("not valid Python" in note for note in result.notes)
    assert "broken" not in result.files["src/nb/steps/main.py"]


def test_an_undefined_name_stops_export_only_where_the_code_runs(
    tmp_path: Path,
) -> None:
    # A function no cell calls runs neither in the notebook nor in the package: its
    # undefined name is a warning, exported as written; once a cell calls it, an error.
    unused = ("code", "def swap(a, b):\n    temp = np.copy(a)\n    return temp", [])
    path = _write(tmp_path, ("code", "x = 1", []), unused)
    result = _export(path)
    assert "temp = np.copy(a)" in "".join(result.files.values())
    called = _write(
        tmp_path, ("code", "x = 1", []), unused, ("code", "swap(x, x)", []), name="c"
    )
    with pytest.raises(LintGateError, match="NBP011"):
        _export(called)


def test_secret_value_never_reaches_the_output(tmp_path: Path) -> None:
    notebook = stage("report_secrets", tmp_path)
    result = _export(notebook)
    token = "ghp_Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0Lz9Xc8"
    for path in (tmp_path / "report_secrets" / "out").rglob("*"):
        if path.is_file():
            assert token.encode() not in path.read_bytes(), path
    step = result.files["src/report_secrets/steps/main.py"]
    assert 'api_token = os.environ["API_TOKEN"]' in step
    assert "API_TOKEN=" in result.files[".env.example"]


def test_secret_heuristic_works_without_the_secret_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = tuple(r for r in registry.active_rules() if not r.code.startswith("NBP03"))
    monkeypatch.setattr(registry, "active_rules", lambda: rules)
    monkeypatch.setattr(sys.modules["nbprod.lint.api"], "active_rules", lambda: rules)
    path = _write(tmp_path, ("code", 'db_password = "hunter2-but-longer"\nn = 1', []))
    result = _export(path)
    assert "hunter2" not in json.dumps(result.files)
    assert 'os.environ["DB_PASSWORD"]' in result.files["src/nb/steps/main.py"]


def test_hyperparameters_lifted_without_the_hyperparameter_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = tuple(
        r for r in registry.active_rules() if r.code not in ("NBP051", "NBP052")
    )
    monkeypatch.setattr(registry, "active_rules", lambda: rules)
    monkeypatch.setattr(sys.modules["nbprod.lint.api"], "active_rules", lambda: rules)
    path = _write(
        tmp_path,
        (
            "code",
            "from sklearn.linear_model import Ridge\nimport pandas as pd\n"
            "EPOCHS = 5\nframe = pd.read_csv('data/points.csv')\n"
            "model = Ridge(alpha=0.3)",
            [],
        ),
    )
    result = _export(path)
    params = result.files["src/nb/params.py"]
    assert "EPOCHS: int = 5" in params
    assert "alpha: float = 0.3" in params
    assert "points_path: str = '../data/points.csv'" in params or (
        'points_path: str = "../data/points.csv"' in params
    )
    step = result.files["src/nb/steps/main.py"]
    assert "Ridge(alpha=alpha)" in step and "pd.read_csv(points_path)" in step


def test_relative_data_paths_are_rebased_on_the_package(tmp_path: Path) -> None:
    notebook = stage("no_headings", tmp_path)
    result = nbprod.export(
        notebook, tmp_path / "deep" / "er" / "pkg", versions=VERSIONS
    )
    assert "../../../no_headings/data/points.csv" in result.files["env.yaml"]


def test_functions_reading_globals_get_the_values_passed_in(tmp_path: Path) -> None:
    notebook = stage("functions_globals", tmp_path)
    result = _export(notebook)
    use = result.files["src/functions_globals/steps/use.py"]
    # `above` reads the globals `scale` and `bar`: re-emitted with both passed in.
    assert "def above(values):" in use
    signature = use[use.index("def run(") : use.index(") -> dict")]
    assert "scale" in signature and "bar" in signature
    # `norm` reads no notebook variable: shared from definitions.py.
    assert "from ..definitions import norm" in use
    assert "def norm(values):" in result.files["src/functions_globals/definitions.py"]


def test_file_written_then_read_orders_the_steps(tmp_path: Path) -> None:
    import yaml

    notebook = stage("files_roundtrip", tmp_path)
    result = _export(notebook)
    tasks = yaml.safe_load(result.files["pipeline.yaml"])["tasks"]
    by_name = {t["name"]: t for t in tasks}
    assert by_name["read_back"]["upstream"] == ["write"]
    assert "intermediate.csv" in by_name["write"]["product"].values()


def test_shell_install_pins_win(tmp_path: Path) -> None:
    notebook = stage("magics", tmp_path)
    result = nbprod.export(notebook, tmp_path / "out", versions={"requests": "9.9.9"})
    assert '"requests==2.32.3"' in result.files["pyproject.toml"]
    assert '"ploomber==0.23.3"' in result.files["pyproject.toml"]
    step = result.files["src/magics/steps/main.py"]
    assert "get_ipython" not in step and "matplotlib" not in step
    assert '_nbprod_file.write("first line\\nsecond line\\n")' in step


def test_headings_of_any_level_split_steps(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        ("markdown", "# Title", []),
        ("markdown", "### Deep load", []),
        ("code", "a = 1", []),
        ("markdown", "# Use\ntext", []),
        ("code", "b = a + 1", []),
    )
    result = _export(path)
    assert {"src/nb/steps/deep_load.py", "src/nb/steps/use.py"} <= set(result.files)


def test_display_cells_move_to_the_report(tmp_path: Path) -> None:
    notebook = stage("report_secrets", tmp_path)
    result = _export(notebook)
    report = result.files["notebooks/report.py"]
    assert 'plt.title("points")' in report and "df.describe()" in report
    assert "plt." not in result.files["src/report_secrets/steps/main.py"]
    assert "pipeline.report.yaml" in result.files
    without = nbprod.export(
        notebook, tmp_path / "plain", versions=VERSIONS, report=False
    )
    assert "notebooks/report.py" not in without.files


def test_pass_order_is_explicit() -> None:
    assert [name for name, _ in passes.PASSES] == [
        "normalise",
        "lint_gate",
        "drop_cells",
        "mask_magics",
        "secrets",
        "parameters",
        "split_steps",
        "strip_display",
        "dataflow",
    ]


def test_export_never_modifies_the_notebook(tmp_path: Path) -> None:
    notebook = stage("magics", tmp_path)
    before = notebook.read_bytes()
    _export(notebook)
    assert notebook.read_bytes() == before
    assert not (tmp_path / "magics" / "notes.txt").exists()  # never runs notebook code
    assert NOTEBOOKS.exists()


def test_versions_file_pins_dependencies(tmp_path: Path) -> None:
    from nbprod.cli import main

    notebook = stage("step_tags", tmp_path)
    pins = tmp_path / "pins.txt"
    pins.write_text("# pins\npandas==1.2.3\nscikit-learn == 4.5.6\nnetworkx<3.6\n")
    out = tmp_path / "out"
    assert main(["export", str(notebook), "-o", str(out), "--versions", str(pins)]) == 0
    pyproject = (out / "pyproject.toml").read_text()
    assert '"pandas==1.2.3"' in pyproject and '"scikit-learn==4.5.6"' in pyproject
    assert '"networkx<3.6"' in pyproject and '"ploomber==0.23.3"' in pyproject
    assert main(["export", str(notebook), "-o", str(out), "--versions", "nope"]) == 2


def test_top_level_await_makes_an_async_step(tmp_path: Path) -> None:
    notebook = stage("top_level_await", tmp_path)
    result = _export(notebook)
    step = result.files["src/top_level_await/steps/main.py"]
    assert "async def run() -> dict:" in step
    assert (
        "asyncio.run(_step_main.run())" in result.files["src/top_level_await/tasks.py"]
    )


def test_timeit_options_are_removed_and_the_statement_kept(tmp_path: Path) -> None:
    # Hands-On ML's `%timeit -n 50 KMeans(...).fit(X)` once produced invalid Python.
    path = _write(
        tmp_path,
        ("code", "data = list(range(10))", []),
        ("code", "%timeit -n 50 -r 2 total = sum(data)\nprint(total)", []),
    )
    _export(path)
    steps = (tmp_path / "out" / "src" / "nb" / "steps").glob("*.py")
    code = "\n".join(p.read_text() for p in steps)
    assert "total = sum(data)" in code
    assert "-n 50" not in code


def test_display_statements_leave_mixed_cells_but_work_stays(tmp_path: Path) -> None:
    # `display` is not defined outside IPython: left in a step, it raised NameError.
    path = _write(
        tmp_path,
        ("code", "import pandas as pd\nimport matplotlib.pyplot as plt", []),
        (
            "code",
            "df = pd.DataFrame({'a': [1, 2]})\ndisplay(df)\ndf.head()\n"
            "df.sort_values('a', inplace=True)\nplt.show()\ntotal = int(df['a'].sum())",
            [],
        ),
        ("code", "df.plot()\nplt.show()", []),
        ("code", "print(total)", []),
    )
    _export(path)
    out = tmp_path / "out"
    steps = "\n".join(
        p.read_text() for p in (out / "src" / "nb" / "steps").glob("*.py")
    )
    assert (
        "display(" not in steps and ".head()" not in steps and "plt.show" not in steps
    )
    assert 'df.sort_values("a", inplace=True)' in steps  # work with effects stays
    assert "total = int(" in steps
    report = (out / "notebooks" / "report.py").read_text()
    assert "df.plot()" in report and "plt.show()" in report  # the report keeps charts


def test_drawing_on_a_figure_that_is_saved_stays_in_the_step(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        ("code", "import matplotlib.pyplot as plt", []),
        (
            "code",
            "values = [1, 2, 3]\nfig, ax = plt.subplots()\nax.plot(values)\n"
            "fig.savefig('chart.png')\nplt.show()",
            [],
        ),
    )
    _export(path)
    steps = (tmp_path / "out" / "src" / "nb" / "steps").glob("*.py")
    code = "\n".join(p.read_text() for p in steps)
    assert "ax.plot(values)" in code and "plt.show" not in code


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ('name = "points"\nb = pd.read_csv("data/" + name + ".csv")', '"../data/" +'),
        (
            'name = "points.csv"\nb = pd.read_csv(os.path.join("data", name))',
            'os.path.join("../data", name)',
        ),
        (
            'name = "points"\nb = pd.read_csv(f"data/{name}.csv")',
            'f"../data/{name}.csv"',
        ),
    ],
)
def test_a_literal_folder_in_front_of_a_computed_name_is_rebased(
    tmp_path: Path, code: str, expected: str
) -> None:
    path = _write(tmp_path, ("code", f"import os\nimport pandas as pd\n{code}", []))
    (tmp_path / "out").mkdir()
    step = _export(path).files["src/nb/steps/main.py"]
    assert expected in step


def test_text_that_is_no_file_name_is_not_rebased(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        (
            "code",
            "import pandas as pd\ntext = '[{\"a\": 1}]'\nb = pd.read_json(text)",
            [],
        ),
    )
    result = _export(path)
    assert "text = '[{\"a\": 1}]'" in result.files["src/nb/steps/main.py"]


def test_a_value_changed_in_place_is_passed_on_by_the_step_that_changes_it(
    tmp_path: Path,
) -> None:
    path = _write(
        tmp_path,
        ("markdown", "# One", []),
        ("code", "items = [1]\ncounts = {}", []),
        ("markdown", "# Two", []),
        ("code", "items.append(2)\ncounts['a'] = 1", []),
        ("markdown", "# Three", []),
        ("code", "n = len(items) + len(counts)", []),
    )
    result = _export(path)
    three = result.files["src/nb/steps/three.py"]
    main = result.files["src/nb/__main__.py"]
    flat = main.replace("\n", "").replace(" ", "")
    # Step three reads the changed list from step two, which got a copy of step one's.
    assert 'items=values["two"]["items"]' in flat
    assert 'items=copy.deepcopy(values["one"]["items"])' in flat
    assert "items" in three and "counts" in three


def test_steps_sharing_a_generator_become_one_step(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        ("markdown", "# Data", []),
        ("code", "import numpy as np\nfrom sklearn.model_selection import KFold", []),
        ("code", "X = np.arange(12).reshape(6, 2)", []),
        ("markdown", "# Folds", []),
        ("code", "folds = KFold(n_splits=3).split(X)", []),
        ("markdown", "# Fit", []),
        ("code", "sizes = [len(test) for _, test in folds]", []),
        ("markdown", "# Sum", []),
        ("code", "total = sum(sizes)", []),
    )
    result = _export(path)
    steps = sorted(
        p.rsplit("/", 1)[1]
        for p in result.files
        if "/steps/" in p and not p.endswith("__init__.py")
    )
    assert steps == ["data.py", "folds.py", "sum.py"]
    folds = result.files[next(p for p in result.files if p.endswith("steps/folds.py"))]
    assert "folds = KFold(n_splits=3).split(X)" in folds and "sizes = [" in folds
    note = "`folds` is a generator (a cross-validation split)"
    assert any(note in n for n in result.notes)


def test_a_call_of_the_notebooks_generator_function_is_a_generator(
    tmp_path: Path,
) -> None:
    gen = "def gen():\n    for n in range(3):\n        yield n * n\n\n\nG2 = gen()"
    path = _write(
        tmp_path,
        ("markdown", "# Make", []),
        ("code", gen, []),
        ("markdown", "# Use", []),
        ("code", "first = next(G2)", []),
        ("markdown", "# Other", []),
        ("code", "L1 = [n for n in range(3)]\nG3 = gen()\nprint(*G3)", []),
    )
    result = _export(path)
    steps = sorted(
        p.rsplit("/", 1)[1]
        for p in result.files
        if "/steps/" in p and not p.endswith("__init__.py")
    )
    assert steps == ["make.py", "other.py"]  # make and use share G2: one step
    assert any("`G2` is a generator (from `gen()`)" in n for n in result.notes)
    assert any(
        "`G3` is not stored as a product (a generator (from `gen()`) cannot be "
        "pickled)" in n
        for n in result.notes
    )
    pipeline = result.files["pipeline.yaml"]
    assert "G3" not in pipeline and "L1" in pipeline


def test_the_report_sees_each_binding_as_its_cell_did(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        ("markdown", "# Load", []),
        ("code", "data = [3, 1, 2]", []),
        ("code", "data", []),  # display only: goes to the report
        ("markdown", "# Double", []),
        ("code", "data = [v * 2 for v in data]", []),
        ("code", "data", []),
    )
    result = _export(path, report=True)
    report = result.files["notebooks/report.py"]
    first = 'data = _nbprod_serialize.load(str(upstream["load"]["data"]), name="data")'
    second = 'str(upstream["double"]["data"])'
    assert first in report and second in report
    assert report.index(first) < report.index("# %%\ndata\n") < report.index(second)
    assert "- load\n  - double" in result.files["pipeline.report.yaml"] or (
        "- double\n  - load" in result.files["pipeline.report.yaml"]
    )


def test_a_folder_variable_joined_into_a_read_path_is_rebased(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "events.json").write_text('[{"kind": "a"}]')
    path = _write(
        tmp_path,
        ("code", "import os\nimport pandas as pd", []),
        (
            "code",
            'DATA_DIR = "data"\nevents_path = os.path.join(DATA_DIR, "events.json")',
            [],
        ),
        ("code", "events = pd.read_json(events_path)", []),
    )
    result = _export(path)
    params = result.files[next(p for p in result.files if p.endswith("/params.py"))]
    assert 'DATA_DIR: str = "../data"' in params
