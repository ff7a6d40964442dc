"""A real Jupyter server with nbprod's extension, through pytest-jupyter."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip(
    "pytest_jupyter",
    reason="the server tests need `pip install 'pytest-jupyter[server]'`",
)
pytest.importorskip("jupyter_server")

# pytest_plugins only works in the rootdir conftest; importing the fixtures and hooks
# here keeps pytest-jupyter out of the rest of the suite.
from pytest_jupyter.jupyter_server import *  # noqa: F403


@pytest.fixture
def jp_server_config() -> dict[str, Any]:
    return {
        "ServerApp": {
            "jpserver_extensions": {"nbprod": True},
            "allow_root": True,
        }
    }


def make_notebook(cells: list[tuple[str, int | None]], **meta: Any) -> dict[str, Any]:
    """An nbformat 4.5 notebook of code cells ``(source, execution_count)``."""
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {
            "kernelspec": {
                "name": "python3",
                "display_name": "Python 3",
                "language": "python",
            },
            **meta,
        },
        "cells": [
            {
                "cell_type": "code",
                "id": f"cell-{index}",
                "metadata": {},
                "execution_count": count,
                "outputs": [],
                "source": source,
            }
            for index, (source, count) in enumerate(cells)
        ],
    }


#: Cell 2 never ran while cell 3 did: NBP002 (unexecuted-cell) flags it.
MESSY = make_notebook([("import os\nx = 1", 1), ("y = x + 1", None), ("print(x)", 2)])


@pytest.fixture
def messy_path(jp_root_dir: Path) -> str:
    folder = jp_root_dir / "work"
    folder.mkdir(exist_ok=True)
    (folder / "messy.ipynb").write_text(json.dumps(MESSY), encoding="utf-8")
    return "work/messy.ipynb"
