"""The generated packages really run: a real ``ploomber build``, ``python -m <package>
run`` and the package's own tests, in a separate environment that has the pipeline's
dependencies (ploomber 0.23.3, pandas, scikit-learn, pyarrow, joblib, papermill, ...).

``NBPROD_PIPELINE_PYTHON`` names that environment's Python; without it these tests are
skipped (CI sets it: see docs/export.md for the exact install steps).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import nbprod
import pytest

from tests.export.helpers import CASE_VERSIONS, CASES, stage

ROOT = Path(__file__).resolve().parents[2]
PYTHON = os.environ.get("NBPROD_PIPELINE_PYTHON")
EXAMPLES = ("churn", "forecast")

pytestmark = [
    pytest.mark.pipeline,
    pytest.mark.skipif(not PYTHON, reason="set NBPROD_PIPELINE_PYTHON to run"),
]


def _env(package_dir: Path) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")
    }
    env["PYTHONPATH"] = str(package_dir / "src")
    env["PLOOMBER_STATS_ENABLED"] = "false"
    env["MPLBACKEND"] = "Agg"
    for name in ("API_TOKEN",):  # the report_secrets fixture's secret
        env.setdefault(name, "placeholder-for-tests")
    return env


def _run(args: list[str], cwd: Path) -> str:
    done = subprocess.run(
        args, cwd=cwd, env=_env(cwd), capture_output=True, text=True, timeout=1200
    )
    assert (
        done.returncode == 0
    ), f"{' '.join(args)} failed in {cwd}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def _ploomber() -> str:
    assert PYTHON is not None
    return str(Path(PYTHON).with_name("ploomber"))


def _check_package(package_dir: Path, package: str, *, report: bool) -> None:
    _run([_ploomber(), "build", "--force"], package_dir)
    for product in (package_dir / "products").rglob("*"):
        assert product.stat().st_size >= 0
    if report and (package_dir / "pipeline.report.yaml").exists():
        _run([_ploomber(), "build", "-e", "pipeline.report.yaml"], package_dir)
        assert (package_dir / "products" / "report.ipynb").is_file()
    shutil.rmtree(package_dir / "products", ignore_errors=True)
    _run([str(PYTHON), "-m", package, "run"], package_dir)
    _run([str(PYTHON), "-m", "pytest", "-q", "-p", "no:cacheprovider"], package_dir)


@pytest.mark.parametrize("case", CASES)
def test_fixture_package_builds_runs_and_passes_its_tests(
    case: str, tmp_path: Path
) -> None:
    notebook = stage(case, tmp_path)
    # Pins from this environment, except for cases about other environments' pins.
    result = nbprod.export(
        notebook, notebook.parent / "export", versions=CASE_VERSIONS.get(case)
    )
    _check_package(notebook.parent / "export", result.package, report=True)


@pytest.mark.parametrize("example", EXAMPLES)
def test_example_package_builds_runs_and_passes_its_tests(
    example: str, tmp_path: Path
) -> None:
    source = ROOT / "examples" / example
    if not (source / f"{example}.ipynb").exists():
        pytest.fail(f"examples/{example}/{example}.ipynb is missing")
    work = tmp_path / example
    work.mkdir()
    shutil.copy(source / f"{example}.ipynb", work)
    shutil.copytree(source / "data", work / "data")
    result = nbprod.export(work / f"{example}.ipynb", work / "export")
    _check_package(work / "export", result.package, report=True)


def test_parameter_override_reaches_the_steps(tmp_path: Path) -> None:
    notebook = stage("no_headings", tmp_path)
    result = nbprod.export(notebook, notebook.parent / "export")
    package_dir = notebook.parent / "export"
    _run([str(PYTHON), "-m", result.package, "run", "--param", "scale=10"], package_dir)
    out = _run(
        [
            str(PYTHON),
            "-c",
            "import json; print(json.load(open('products/main/total.json')))",
        ],
        package_dir,
    )
    assert float(out) == 10 * 36 + 72.9


#: Fixture notebooks whose step outputs must equal the notebook's own values: step ->
#: names whose final products are compared with running the notebook's cells in order.
NOTEBOOK_VALUES = {
    "mutation": {"use": ("score", "names", "first", "width")},
    "data_paths": {"main": ("total", "words")},
    "figures": {"main": ("kind", "count")},
    "numpy_files": {"load": ("total",)},
    "definitions_versions": {
        "use": ("squares", "shifted", "first_label"),
        "redefine": ("second_label", "shifted_again", "header"),
    },
}

_NOTEBOOK_RUNNER = """
import json, sys
import nbformat
nb = nbformat.read(sys.argv[1], as_version=4)
namespace = {"__name__": "__main__"}
for cell in nb.cells:
    if cell.cell_type == "code":
        exec(compile(cell.source, "<cell>", "exec"), namespace)
        if "matplotlib.pyplot" in sys.modules:  # Jupyter's inline backend
            sys.modules["matplotlib.pyplot"].close("all")
print(json.dumps({n: repr(namespace[n]) for n in sys.argv[2:]}))
"""

_PRODUCT_READER = """
import json, sys
from {package} import serialize
from {package}.__main__ import PRODUCTS
step = sys.argv[1]
print(json.dumps({{
    n: repr(serialize.load(PRODUCTS[step][n], name=n)) for n in sys.argv[2:]
}}))
"""


def _json_run(args: list[str], cwd: Path) -> dict[str, str]:
    import json

    return json.loads(_run(args, cwd).strip().splitlines()[-1])


@pytest.mark.parametrize("case", sorted(NOTEBOOK_VALUES))
def test_products_hold_the_notebooks_values(case: str, tmp_path: Path) -> None:
    """Both runners store, for every compared name, the value the notebook had."""
    notebook = stage(case, tmp_path)
    package_dir = notebook.parent / "export"
    result = nbprod.export(notebook, package_dir)
    reader = _PRODUCT_READER.format(package=result.package)
    for runner in (
        [_ploomber(), "build", "--force"],
        [str(PYTHON), "-m", result.package, "run"],
    ):
        shutil.rmtree(package_dir / "products", ignore_errors=True)
        _run(runner, package_dir)
        for step, names in NOTEBOOK_VALUES[case].items():
            expected = _json_run(
                [str(PYTHON), "-c", _NOTEBOOK_RUNNER, str(notebook), *names],
                notebook.parent,
            )
            stored = _json_run([str(PYTHON), "-c", reader, step, *names], package_dir)
            assert stored == expected, f"{runner[-1]}: step {step}"
