"""Golden files and invariants of ``nbprod export`` on the fixture notebooks.

``tests/data/notebooks/<case>.ipynb`` is exported and every generated file is compared
with ``tests/data/expected/<case>/...``; ``pytest --update-golden`` rewrites them (review
the diff). Invariants checked on every case: exporting twice gives identical bytes; every
``.py`` compiles and is black-stable; every YAML file re-parses with the safe loader;
pipeline.yaml names task functions that exist; no absolute path leaks.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

import black
import nbprod
import pytest
import yaml

from tests.export.helpers import CASES, EXPECTED, stage, tree, versions_for
from tests.helpers import assert_golden


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("golden")
    out = {}
    for case in CASES:
        notebook = stage(case, root)
        nbprod.export(notebook, notebook.parent / "export", versions=versions_for(case))
        out[case] = notebook.parent / "export"
    return out


def _generated(folder: Path) -> dict[str, bytes]:
    # .nbprod/base/ repeats the generated files; the manifest is compared.
    return {p: b for p, b in tree(folder).items() if not p.startswith(".nbprod/base/")}


@pytest.mark.parametrize("case", CASES)
def test_export_matches_golden_files(
    case: str, exported: dict[str, Path], update_golden: bool
) -> None:
    files = _generated(exported[case])
    expected_dir = EXPECTED / case
    for path, data in files.items():
        assert_golden(data.decode("utf-8"), expected_dir / path, update_golden)
    if expected_dir.exists():
        stale = {
            p.relative_to(expected_dir).as_posix()
            for p in expected_dir.rglob("*")
            if p.is_file()
        } - set(files)
        if update_golden:
            for path in stale:
                (expected_dir / path).unlink()
            stale = set()
        assert not stale, f"golden files no longer generated: {sorted(stale)}"


@pytest.mark.parametrize("case", CASES)
def test_exporting_twice_gives_identical_bytes(case: str, tmp_path: Path) -> None:
    notebook = stage(case, tmp_path)
    first = nbprod.export(notebook, tmp_path / "a", versions=versions_for(case))
    second = nbprod.export(notebook, tmp_path / "b", versions=versions_for(case))
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    again = nbprod.export(notebook, tmp_path / "a", versions=versions_for(case))
    assert first.written and second.written
    assert not again.written and not again.differs
    assert {o.status for o in again.outcomes} == {"unchanged"}


@pytest.mark.parametrize("case", CASES)
def test_every_python_file_compiles_and_is_black_stable(
    case: str, exported: dict[str, Path]
) -> None:
    mode = black.Mode(target_versions={black.TargetVersion.PY311})
    for path in exported[case].rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        compile(source, str(path), "exec")
        assert black.format_str(source, mode=mode) == source, path


@pytest.mark.parametrize("case", CASES)
def test_yaml_reparses_and_tasks_exist(case: str, exported: dict[str, Path]) -> None:
    folder = exported[case]
    for path in folder.glob("*.yaml"):
        assert yaml.safe_load(path.read_text(encoding="utf-8")) is not None, path
    spec = yaml.safe_load((folder / "pipeline.yaml").read_text(encoding="utf-8"))
    package = next((folder / "src").iterdir()).name
    tasks = ast.parse((folder / "src" / package / "tasks.py").read_text())
    defined = {n.name for n in tasks.body if isinstance(n, ast.FunctionDef)}
    for task in spec["tasks"]:
        module, _, function = task["source"].rpartition(".")
        assert module == f"{package}.tasks" and function in defined
        for product in task["product"].values():
            assert not os.path.isabs(product) and ".." not in product.split("/")


@pytest.mark.parametrize("case", CASES)
def test_no_absolute_path_or_user_name_leaks(
    case: str, exported: dict[str, Path]
) -> None:
    folder = exported[case]
    markers = {str(folder.parent), str(Path.home())}
    user = os.environ.get("USER") or os.environ.get("USERNAME")
    for path, data in tree(folder).items():
        text = data.decode("utf-8")
        for marker in markers:
            assert marker not in text, f"{path} contains {marker}"
        if user and len(user) > 3:
            assert f"/{user}/" not in text, path
