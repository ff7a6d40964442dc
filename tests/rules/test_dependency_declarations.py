"""NBP122/NBP123 against real files next to the notebook (the fixture lints in memory)."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbprod.lint.api import lint
from nbprod.lint.config import Config


def _write_notebook(folder: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "analysis.ipynb"
    path.write_text(nbformat.writes(nb), encoding="utf-8")
    return path


def _codes(source: Path | dict, **kwargs: str) -> list[tuple[str, str]]:
    findings = lint(source, select=["NBP122", "NBP123"], config=Config(), **kwargs)
    return [(d.code, d.message.split(" ", 1)[0]) for d in findings]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # the walk up stops at the repository root
    return tmp_path


def test_requirements_in_a_parent_folder_declare_imports(repo: Path) -> None:
    (repo / "requirements.txt").write_text("pandas==2.2.1\nscikit-learn\n")
    nb = _write_notebook(repo / "notebooks", "import pandas as pd\nimport sklearn")
    assert _codes(nb) == []


def test_undeclared_import_is_flagged_with_its_distribution(repo: Path) -> None:
    (repo / "requirements.txt").write_text("pandas\n")
    nb = _write_notebook(repo, "import pandas\nimport cv2\nfrom yaml import safe_load")
    assert _codes(nb) == [("NBP122", "`cv2`"), ("NBP122", "`yaml`")]


def test_pyproject_project_and_poetry_dependencies_count(repo: Path) -> None:
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "churn"\ndependencies = ["pandas>=2", "Pillow"]\n'
        '[project.optional-dependencies]\nplots = ["matplotlib"]\n'
        '[tool.poetry.group.dev.dependencies]\npytest = "*"\n'
    )
    nb = _write_notebook(
        repo,
        "import pandas\nfrom PIL import Image\nimport matplotlib.pyplot as plt\n"
        "import pytest\nimport churn\nimport requests",
    )
    assert _codes(nb) == [("NBP122", "`requests`")]


def test_pyproject_without_dependencies_is_not_a_declaration(repo: Path) -> None:
    (repo / "pyproject.toml").write_text("[tool.black]\nline-length = 88\n")
    nb = _write_notebook(repo, "import pandas")
    assert _codes(nb) == [("NBP123", "the")]


def test_nearest_folder_wins(repo: Path) -> None:
    (repo / "requirements.txt").write_text("pandas\nrequests\n")
    (repo / "sub").mkdir()
    (repo / "sub" / "requirements.txt").write_text("pandas\n")
    nb = _write_notebook(repo / "sub", "import pandas\nimport requests")
    assert _codes(nb) == [("NBP122", "`requests`")]


def test_environment_yml_is_read_when_yaml_is_available(repo: Path) -> None:
    pytest.importorskip("yaml")
    (repo / "environment.yml").write_text(
        "dependencies:\n  - python=3.11\n  - conda-forge::numpy=1.26\n"
        "  - pip:\n    - lightgbm==4.3\n"
    )
    nb = _write_notebook(repo, "import numpy\nimport lightgbm\nimport xgboost")
    assert _codes(nb) == [("NBP122", "`xgboost`")]


def test_local_modules_stdlib_and_guarded_imports_are_not_dependencies(
    repo: Path,
) -> None:
    (repo / "requirements.txt").write_text("pandas\n")
    (repo / "helpers.py").write_text("")
    nb = _write_notebook(
        repo,
        "import os, json\nimport helpers\nfrom . import sibling\n"
        "try:\n    import ujson\nexcept ImportError:\n    ujson = None",
    )
    assert _codes(nb) == []


def test_no_declaration_is_one_notebook_finding(repo: Path) -> None:
    nb = _write_notebook(repo, "import pandas\nimport numpy\nimport os")
    findings = lint(nb, select=["NBP122", "NBP123"], config=Config())
    assert [(d.code, d.cell_index) for d in findings] == [("NBP123", None)]
    assert "pandas, numpy" in findings[0].message


def test_only_stdlib_imports_need_no_declaration(repo: Path) -> None:
    nb = _write_notebook(repo, "import os\nimport json")
    assert _codes(nb) == []


def test_a_notebook_without_a_file_on_disk_is_skipped(repo: Path) -> None:
    nb = _write_notebook(repo, "import pandas")
    data = json.loads(nb.read_text())
    assert _codes(data, path="not/on/disk.ipynb") == []
    assert _codes(data) == []


def test_a_new_requirements_file_is_seen_on_the_next_lint(repo: Path) -> None:
    nb = _write_notebook(repo, "import pandas")
    assert _codes(nb) == [("NBP123", "the")]
    (repo / "requirements.txt").write_text("pandas\n")
    assert _codes(nb) == []
