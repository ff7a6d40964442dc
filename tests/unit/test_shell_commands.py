"""Shell commands found in magics, shell lines, cell-magic bodies and subprocess calls."""

from __future__ import annotations

import nbformat
import pytest
from nbprod.analysis import analyse, parse_cell
from nbprod.analysis.io import io_sites
from nbprod.analysis.shell import (
    invocation,
    pip_install,
    shell_commands,
    split_commands,
)
from nbprod.notebook import read_notebook


def _analysis(*sources: str):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    return analyse(read_notebook(nbformat.writes(nb).encode()))


@pytest.mark.parametrize(
    ("source", "packages"),
    [
        ("!pip install pandas==2.2.1 scikit-learn", ("pandas==2.2.1", "scikit-learn")),
        ("%pip install -q numpy", ("numpy",)),
        ("import sys\n!{sys.executable} -m pip install x", ("x",)),
        ("!python3 -m pip install -U 'a>=1'", ("a>=1",)),
        ("%uv pip install polars", ("polars",)),
        ("!sudo -H pip3 install lxml", ("lxml",)),
        ("%%bash\necho start\npip install foo", ("foo",)),
        ("%%script bash\npip install z", ("z",)),
        ("%%capture\n!pip install -q shap", ("shap",)),
        (
            "import subprocess, sys\n"
            "subprocess.run([sys.executable, '-m', 'pip', 'install', 'lightgbm'])",
            ("lightgbm",),
        ),
        ("import os\nos.system('pip install -q xgboost')", ("xgboost",)),
    ],
)
def test_pip_install_is_found_in_every_spelling(source: str, packages: tuple) -> None:
    found = [pip_install(c) for c in shell_commands(_analysis(source))]
    installs = [p for p in found if p is not None]
    assert len(installs) == 1
    assert installs[0].packages == packages


@pytest.mark.parametrize(
    "source",
    ["!pip list", "!pip freeze > req.txt", "%pip show pandas", "x = !pip -q list"],
)
def test_other_pip_subcommands_are_not_installs(source: str) -> None:
    assert all(pip_install(c) is None for c in shell_commands(_analysis(source)))


def test_requirement_files_and_editables_are_separated() -> None:
    found = pip_install(
        ("pip", "install", "-r", "req.txt", "-e", ".", "-i", "http://x", "y")
    )
    assert found is not None
    assert found.packages == ("y",)
    assert found.requirement_files == ("req.txt",)
    assert found.editables == (".",)


def test_compound_lines_split_into_commands_and_redirections_drop() -> None:
    assert split_commands(
        "apt-get update && apt-get install -y git 2>&1 > /dev/null"
    ) == [
        ["apt-get", "update"],
        ["apt-get", "install", "-y", "git"],
    ]


def test_invocation_resolves_python_m_and_prefixes() -> None:
    assert invocation(
        ["FOO=1", "sudo", "-u", "root", "python3.11", "-m", "pip", "x"]
    ) == (
        "pip",
        ["x"],
        True,
    )
    assert invocation(["/usr/bin/apt-get", "install"])[0] == "apt-get"


def test_cell_body_commands_point_at_their_line() -> None:
    commands = shell_commands(_analysis("%%bash\necho hi\npip install foo"))
    assert [c.span[0] for c in commands] == [2, 3]
    assert all(c.standalone for c in commands)


def test_compound_bash_bodies_are_not_standalone() -> None:
    commands = shell_commands(_analysis("%%bash\nif true; then\n  pip install x\nfi"))
    assert commands and not any(c.standalone for c in commands)


def test_assigned_or_nested_shell_lines_are_not_standalone() -> None:
    commands = shell_commands(
        _analysis("x = !pip install a", "if True:\n    !pip install b")
    )
    assert len(commands) == 2
    assert not any(c.standalone for c in commands)


def test_shell_lines_under_capture_are_inlined_with_their_line() -> None:
    parsed = parse_cell("%%capture\n!pip install -q x\nimport y")
    assert parsed.tree is not None
    assert [parsed.span(stmt)[0] for stmt in parsed.tree.body] == [2, 3]


def test_nested_cell_magics_under_capture_stay_a_magic_call() -> None:
    parsed = parse_cell("%%capture\n%%bash\npip install x")
    assert parsed.tree is not None
    assert len(parsed.tree.body) == 1


def test_model_saving_calls_are_file_writes() -> None:
    analysis = _analysis(
        "import torch, pandas as pd\n"
        "torch.jit.save(m, 'm.pt')\n"
        "model.save_pretrained('out/')\n"
        "model.save_weights(filepath='w.h5')\n"
        "pd.to_pickle(df, 'df.pkl')"
    )
    writes = [(s.api, s.path) for s in io_sites(analysis.calls) if s.kind == "write"]
    assert writes == [
        ("torch.jit.save", "m.pt"),
        (".save_pretrained", "out/"),
        (".save_weights", "w.h5"),
        ("pandas.to_pickle", "df.pkl"),
    ]
