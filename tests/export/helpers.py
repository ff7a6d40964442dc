"""Shared helpers of the export tests: exporting a fixture notebook in a scratch folder."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parents[1] / "data"
NOTEBOOKS = DATA / "notebooks"
EXPECTED = DATA / "expected"
CASES = sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb"))

#: Pins for golden files: independent of what the test environment has installed.
VERSIONS = {
    "pandas": "2.2.3",
    "numpy": "2.1.3",
    "scikit-learn": "1.5.2",
    "matplotlib": "3.9.2",
    "joblib": "1.4.2",
    "pyarrow": "18.1.0",
    "ipykernel": "6.29.5",
    "requests": "2.32.3",
    "scipy": "1.14.1",
    "jsonschema": "4.26.0",
}
#: Cases exported with other pins: an environment without a Parquet engine.
CASE_VERSIONS = {
    "frames_without_parquet": {k: v for k, v in VERSIONS.items() if k != "pyarrow"},
}


def versions_for(case: str) -> dict[str, str]:
    """The pins a case is exported with (golden files, pipeline runs)."""
    return CASE_VERSIONS.get(case, VERSIONS)


def stage(case: str, root: Path) -> Path:
    """Copy a fixture notebook and its data folder into ``root``; return the notebook.

    Files of ``<case>.files/`` (modules beside the notebook) are copied beside it.
    """
    folder = root / case
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(NOTEBOOKS / f"{case}.ipynb", folder / f"{case}.ipynb")
    extra = NOTEBOOKS / f"{case}.files"
    if extra.is_dir():
        shutil.copytree(extra, folder, dirs_exist_ok=True)
    if not (folder / "data").exists():
        shutil.copytree(NOTEBOOKS / "data", folder / "data")
    return folder / f"{case}.ipynb"


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by POSIX relative path."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def ast_shape(source: str) -> list[str]:
    """The sequence of AST node types: the structure of a Python file."""
    return [type(node).__name__ for node in ast.walk(ast.parse(source))]


def yaml_paths(data: Any, prefix: str = "") -> list[str]:
    """The key paths of a YAML document (list positions as [i])."""
    found = [prefix or "/"]
    if isinstance(data, dict):
        for key, value in data.items():
            found += yaml_paths(value, f"{prefix}/{key}")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += yaml_paths(value, f"{prefix}[{index}]")
    return found


def load_yaml(text: str) -> Any:
    return yaml.safe_load(text)
