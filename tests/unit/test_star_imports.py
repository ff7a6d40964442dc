"""`from module import *` names are read statically from the module's source, never by
importing it; anything computed makes the import opaque (None)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from nbprod.analysis.star_imports import star_import_names
from nbprod.lint.api import lint
from nbprod.lint.config import Config

from tests.helpers import fixture_notebook


def _module(folder: Path, name: str, source: str) -> None:
    (folder / f"{name}.py").write_text(source)


@pytest.fixture
def local(tmp_path: Path) -> Path:
    canary = tmp_path / "IMPORTED"
    _module(
        tmp_path, "literal_all", f"open({str(canary)!r}, 'w')\n__all__ = ['a', 'b']\n"
    )
    _module(tmp_path, "computed_all", "__all__ = ['a']\n__all__.extend(['b'])\n")
    _module(tmp_path, "no_all", "import os\ndef f(): pass\nX = 1\n_private = 2\n")
    _module(
        tmp_path,
        "conditional",
        "try:\n    import x\nexcept ImportError:\n    x = None\n",
    )
    _module(tmp_path, "reexport", "from os import *\n")
    return tmp_path


def test_names_come_from_the_source_and_nothing_is_imported(local: Path) -> None:
    folder = str(local)
    assert star_import_names("literal_all", folder) == {"a", "b"}
    assert star_import_names("no_all", folder) == {"os", "f", "X"}
    for opaque in ("computed_all", "conditional", "reexport", "missing_module"):
        assert star_import_names(opaque, folder) is None, opaque
    assert not (local / "IMPORTED").exists()
    assert "literal_all" not in sys.modules


def test_a_known_star_import_no_longer_hides_undefined_names() -> None:
    text = (
        "# %% clean count=1\nfrom json import *\n"
        "# %% clean count=2\ntext = dumps({'a': 1})\n"
        "# %% expect=NBP011 count=3\nprint(threshold_from_a_deleted_cell)\n"
    )
    notebook, _ = fixture_notebook(text)
    found = lint(notebook, path="n.ipynb", select=["NBP011"], config=Config())
    assert [(d.cell_index, d.code) for d in found] == [(2, "NBP011")]
