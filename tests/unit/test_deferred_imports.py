"""Deferred imports: a stand-in that becomes the real module on first use, and a secret
scan that never imports requests or multiprocessing."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_stand_in_imports_the_real_module_on_first_use() -> None:
    out = _run("""
        import sys
        from nbprod._deferred import deferred_imports
        assert "tarfile" not in sys.modules
        with deferred_imports("tarfile", "surely_not_a_module_xyz"):
            import tarfile
            assert "surely_not_a_module_xyz" not in sys.modules
        assert "tarfile" not in sys.modules  # the stand-in is not handed out again
        opener = tarfile.open  # first use: the real module is imported
        import tarfile as real
        print(opener is real.open, sys.modules["tarfile"] is real, type(real).__name__)
        """)
    assert out == "True True module"


def test_modules_already_imported_are_left_alone() -> None:
    out = _run("""
        import sys, json
        from nbprod._deferred import deferred_imports
        with deferred_imports("json"):
            import json as again
        print(again is json)
        """)
    assert out == "True"


def test_secret_scan_finds_secrets_without_requests(tmp_path: Path) -> None:
    token = "ghp_" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tV9wX1yZ3bC5"
    notebook = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [
            {
                "cell_type": "code",
                "id": "c1",
                "metadata": {},
                "execution_count": None,
                "outputs": [],
                "source": f"token = '{token}'\nimport requests\n",
            }
        ],
    }
    path = tmp_path / "secret.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    out = _run(f"""
        import sys
        from nbprod.lint.api import lint
        codes = sorted({{d.code for d in lint({str(path)!r}, select=["secret"])}})
        heavy = [m for m in ("urllib3", "requests", "multiprocessing.pool")
                 if m in sys.modules]
        print(codes, heavy)
        """)
    codes, heavy = out.split("] ", 1)
    assert "NBP030" in codes
    assert heavy == "[]"
