"""What the generated package requires: pins that install beside the notebook's, libraries
loaded on demand, and modules from the notebook's own folders (copied, never required).
"""

from __future__ import annotations

from pathlib import Path

import nbprod
import pytest
from nbprod.errors import ExportError
from nbprod.export import dependencies, local_modules, optional

from tests.export.helpers import VERSIONS, stage
from tests.helpers import fixture_notebook


def _requirements(pinned: tuple[dependencies.Pinned, ...]) -> dict[str, str]:
    return {p.text.split("<")[0].split("=")[0].split(">")[0]: p.text for p in pinned}


def test_a_soft_bound_gives_way_to_the_notebooks_pin() -> None:
    pinned = dependencies.resolve(
        (), (), {"jsonschema": "4.26.0"}, dependencies.PLOOMBER_PINS
    )
    found = _requirements(pinned)
    assert found["jsonschema"] == "jsonschema==4.26.0"
    assert found["ploomber"] == "ploomber==0.23.3"  # a hard pin stays


def test_a_soft_bound_the_pin_satisfies_becomes_the_pin() -> None:
    pinned = dependencies.resolve(
        (), (), {"jsonschema": "4.23.0"}, dependencies.PLOOMBER_PINS
    )
    assert _requirements(pinned)["jsonschema"] == "jsonschema==4.23.0"


def test_a_soft_bound_stays_when_the_notebook_pins_nothing() -> None:
    pinned = dependencies.resolve((), (), {}, dependencies.PLOOMBER_PINS)
    assert _requirements(pinned)["jsonschema"] == "jsonschema<4.24"


def test_every_requirement_knows_the_module_that_proves_it() -> None:
    pinned = dependencies.resolve(
        ["sklearn.linear_model", "pandas"], (), VERSIONS, dependencies.PLOOMBER_PINS
    )
    modules = {
        p.text.split("=")[0].split("<")[0].split(">")[0]: p.module for p in pinned
    }
    assert modules["scikit-learn"] == "sklearn"
    assert modules["pandas"] == "pandas"
    assert modules["jupyter_client"] == "jupyter_client"


def test_no_parquet_engine_is_required_unless_the_environment_pins_one() -> None:
    assert dependencies.parquet_engine({"pandas": "2.2.3"}) is None
    engine = dependencies.parquet_engine({"pyarrow": "21.0.0"})
    assert engine is not None and (engine.name, engine.specifier) == (
        "pyarrow",
        "==21.0.0",
    )
    engine = dependencies.parquet_engine({"fastparquet": "2024.11.0"})
    assert engine is not None and engine.name == "fastparquet"


@pytest.mark.parametrize(
    ("code", "wanted"),
    [
        ("s.plot.kde()", "scipy"),
        ("df['a'].plot.density(bw_method=0.3)", "scipy"),
        ("df.plot(kind='kde')", "scipy"),
        ("pd.plotting.scatter_matrix(df, diagonal='kde')", "scipy"),
        ("df.interpolate(method='spline', order=3)", "scipy"),
        ("df.corr(method='kendall')", "scipy"),
        ("pd.read_excel('a.xlsx')", "openpyxl"),
        ("df.to_excel('a.xlsx')", "openpyxl"),
        ("print(df.to_markdown())", "tabulate"),
        ("tables = pd.read_html('page.html')", "lxml"),
        ("sns.regplot(x='a', y='b', data=df, lowess=True)", "statsmodels"),
        ("X, y = load_iris(return_X_y=True, as_frame=True)", "pandas"),
        ("d = fetch_california_housing(as_frame=True)", "pandas"),
    ],
)
def test_call_patterns_name_the_library_they_load(code: str, wanted: str) -> None:
    rows = optional.needed([code])
    assert [r.distribution for r in rows if r.distribution != "matplotlib"] == [wanted]


@pytest.mark.parametrize(
    "code", ["df.plot()", "s.plot.bar()", "df.hist(bins=3)", "df.boxplot()"]
)
def test_pandas_plots_need_matplotlib(code: str) -> None:
    assert [r.distribution for r in optional.needed([code])] == ["matplotlib"]


@pytest.mark.parametrize(
    "code",
    [
        "df.interpolate()",
        "df.corr()",
        "df.corr(method='spearman')",
        "load_iris()",
        "load_iris(as_frame=False)",
        "sns.regplot(x='a', y='b', data=df)",
        "kde = 1",
        "def read_excel(: pass",  # does not parse: nothing
    ],
)
def test_calls_that_load_nothing_more_add_nothing(code: str) -> None:
    assert optional.needed([code]) == ()


def test_read_html_uses_the_parser_the_environment_has() -> None:
    rows = optional.needed(["pd.read_html('a.html')"])
    pins = {"beautifulsoup4": "4.12.3", "html5lib": "1.1"}
    names = [r.name for r in optional.requirements(rows, pins.get)]
    assert names == ["beautifulsoup4", "html5lib"]
    names = [r.name for r in optional.requirements(rows, {"lxml": "5.3.0"}.get)]
    assert names == ["lxml"]


def test_optional_libraries_are_pinned_from_the_notebooks_versions(
    tmp_path: Path,
) -> None:
    nb, _ = fixture_notebook(
        "# %%\nimport pandas as pd\n\nframe = pd.read_excel('a.xlsx')\n"
        "# %%\nsmooth = frame.interpolate(method='pchip')\n"
    )
    import json

    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    versions = {**VERSIONS, "openpyxl": "3.1.5"}
    result = nbprod.export(path, tmp_path / "out", versions=versions)
    pyproject = result.files["pyproject.toml"]
    assert '"openpyxl==3.1.5"' in pyproject
    assert '"scipy==1.14.1"' in pyproject
    tests = result.files["tests/test_dependencies.py"]
    assert '"openpyxl"' in tests and '"scipy"' in tests


def test_sys_path_folders_are_searched(tmp_path: Path) -> None:
    (tmp_path / "project" / "notebooks").mkdir(parents=True)
    (tmp_path / "project" / "src").mkdir()
    (tmp_path / "project" / "src" / "mylib.py").write_text("X = 1\n")
    dirs = local_modules.search_dirs(
        str(tmp_path / "project" / "notebooks"),
        [
            (0, "import sys, os\nsys.path.insert(0, os.path.abspath('..'))"),
            (1, "sys.path.append(os.path.join('..', 'src'))"),
            (2, "sys.path.append(some_variable)"),
        ],
    )
    assert dirs[1:] == [
        (tmp_path / "project").resolve(),
        (tmp_path / "project" / "src").resolve(),
    ]
    found = local_modules.find([("mylib", 1), ("numpy", 0), ("os", 0)], dirs)
    assert list(found) == ["mylib"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("import helpers", "from pkg.local import helpers"),
        ("import helpers as h", "from pkg.local import helpers as h"),
        ("import helpers.sub as s", "from pkg.local.helpers import sub as s"),
        (
            "import helpers.sub",
            "import pkg.local.helpers.sub\nfrom pkg.local import helpers",
        ),
        (
            "from helpers.sub import f, g as h",
            "from pkg.local.helpers.sub import f, g as h",
        ),
        ("from helpers import *", "from pkg.local.helpers import *"),
        ("import numpy as np", "import numpy as np"),
        ("from numpy import array", "from numpy import array"),
    ],
)
def test_imports_of_local_modules_point_at_the_copies(line: str, expected: str) -> None:
    assert local_modules.rewrite_line(line, {"helpers"}, "pkg") == expected


def test_imports_inside_copied_code_are_rewritten_in_place() -> None:
    text = (
        "import os\n"
        "def f():\n"
        "    from helpers import g  # nested\n"
        "    return g()\n"
        "x = 1; import helpers\n"
    )
    out = local_modules.rewrite_imports(text, {"helpers"}, "pkg")
    assert "    from pkg.local.helpers import g  # nested\n" in out
    assert out.startswith("import os\n")
    assert out.endswith("x = 1; import helpers\n")  # not a whole line: left alone


def test_local_module_copies_replace_the_pypi_requirement(tmp_path: Path) -> None:
    notebook = stage("local_modules", tmp_path)
    result = nbprod.export(notebook, notebook.parent / "out", versions=VERSIONS)
    pyproject = result.files["pyproject.toml"]
    dependencies_text = pyproject.split("dependencies = [", 1)[1].split("]", 1)[0]
    for name in ("helpers", "tools", "local_modules"):
        assert f'"{name}' not in dependencies_text
    assert '"ploomber==0.23.3"' in dependencies_text
    copied = result.files["src/local_modules/local/helpers.py"]
    assert "from local_modules.local.tools import scale" in copied
    assert "src/local_modules/local/tools/scale.py" in result.files


def test_a_local_module_too_large_to_copy_is_refused_naming_the_cell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notebook = stage("local_modules", tmp_path)
    monkeypatch.setattr(local_modules, "MAX_FILES", 1)
    with pytest.raises(ExportError, match=r"cell 1 imports 'tools'.*pip install -e"):
        nbprod.export(notebook, notebook.parent / "out", versions=VERSIONS)
