"""Lint never runs, imports or unpickles notebook code, and never uses the network:
canary cells that would write a file never write it."""

from __future__ import annotations

import json
import os
import pickle
import socket
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbprod.lint.api import lint


def _notebook(tmp_path: Path, canary: Path) -> Path:
    payload = pickle.dumps({"x": 1}).hex()
    sources = [
        f"open({str(canary)!r}, 'w').write('ran')",
        f"!touch {canary}",
        f"%%bash\ntouch {canary}",
        f"%system touch {canary}",
        f"get_ipython().system('touch {canary}')",
        "import canary_module",
        f"import pickle\npickle.loads(bytes.fromhex({payload!r}))",
        "%pip install definitely-not-a-real-package-nbprod",
        f"%%writefile {canary}\nran",
        "!rm -rf /",
    ]
    nb = nbformat.v4.new_notebook()
    for index, source in enumerate(sources):
        cell = nbformat.v4.new_code_cell(source)
        cell.id = f"c{index}"
        nb.cells.append(cell)
    path = tmp_path / "canary.ipynb"
    nbformat.write(nb, path)
    (tmp_path / "canary_module.py").write_text(
        f"open({str(canary)!r}, 'w').write('imported')\n"
    )
    return path


def test_canary_cells_never_run_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    canary = tmp_path / "CANARY"
    notebook = _notebook(tmp_path, canary)
    before = notebook.read_bytes()
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("lint tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(subprocess, "Popen", no_network)
    monkeypatch.setattr(os, "system", no_network)
    lint(notebook)
    assert not canary.exists()
    assert "canary_module" not in sys.modules
    assert notebook.read_bytes() == before


def test_canary_cells_never_run_from_the_cli(tmp_path: Path) -> None:
    canary = tmp_path / "CANARY"
    notebook = _notebook(tmp_path, canary)
    done = subprocess.run(
        [sys.executable, "-m", "nbprod.cli", "lint", "--format", "json", str(notebook)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    json.loads(done.stdout)
    assert not canary.exists()
