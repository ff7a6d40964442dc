"""Hostile notebooks cannot change the structure of the generated code.

A notebook is untrusted input (SECURITY.md, "Generated code"): its file name, parameter
values, tags and headings are given hostile strings, and the structure of every generated
file (Python AST node types, YAML and TOML key paths) must equal the structure produced
from the same notebook with benign placeholders.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import nbformat
import nbprod
import pytest
import yaml

from tests.export.helpers import VERSIONS, ast_shape, yaml_paths

HOSTILE = [
    "quote' dq\" triple''' \"\"\" end",
    "back\\slash\\n and a\nnew line\r\n",
    "${{ github.token }}",
    "$(curl x)`id`",
    "{{7*7}}{% raw %}{# c #}",
    "no",
    "null",
    "!!python/object:os.system",
    "\u202eRTL override\u202c",
    "x" * 10_000,
]


def _notebook(text: str, tag: str, heading: str) -> dict:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    cells = [
        nbformat.v4.new_code_cell(f"text = {text!r}\ncount = 3"),
        nbformat.v4.new_markdown_cell(f"## {heading}"),
        nbformat.v4.new_code_cell("words = [text] * count"),
        nbformat.v4.new_code_cell("size = sum(len(w) for w in words)"),
    ]
    cells[0].metadata["tags"] = ["parameters"]
    cells[3].metadata["tags"] = [f"step:{tag}"]
    cells[2].metadata["tags"] = ["step:first"]
    for index, cell in enumerate(cells):
        cell.id = f"c{index}"
    nb.cells = cells
    return json.loads(nbformat.writes(nb))


def _export(folder: Path, file_name: str, text: str, tag: str, heading: str):
    folder.mkdir(parents=True)
    path = folder / file_name
    path.write_text(json.dumps(_notebook(text, tag, heading)), encoding="utf-8")
    return nbprod.export(path, folder / "out", versions=VERSIONS)


def _structure(result) -> dict[str, object]:
    spec = yaml.safe_load(result.files["pipeline.yaml"])
    names = [task["name"] for task in spec["tasks"]]
    rename = {f"src/{result.package}/": "src/PKG/"}
    rename.update({f"steps/{n}.py": f"steps/STEP{i}.py" for i, n in enumerate(names)})
    shape: dict[str, object] = {}
    for path, text in result.files.items():
        key = path
        for old, new in rename.items():
            key = key.replace(old, new)
        if path.endswith(".py"):
            shape[key] = ast_shape(text)
        elif path.endswith(".yaml"):
            shape[key] = yaml_paths(yaml.safe_load(text))
        elif path.endswith(".toml"):
            # The console script is named after the (sanitised) package.
            dist = result.package.replace("_", "-")
            paths = yaml_paths(tomllib.loads(text))
            shape[key] = [p.replace(f"/{dist}", "/PKG") for p in paths]
        else:
            shape[key] = None
    return shape


@pytest.mark.parametrize("hostile", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_strings_keep_the_structure_of_the_output(
    hostile: str, tmp_path: Path
) -> None:
    file_name = hostile.replace("/", "_").replace("\x00", "")[:150] + ".ipynb"
    benign = _export(
        tmp_path / "benign",
        "placeholder.ipynb",
        "placeholder",
        "placeholder",
        "placeholder",
    )
    evil = _export(tmp_path / "evil", file_name, hostile, hostile, hostile)
    assert _structure(evil) == _structure(benign)
    # The hostile value is the parameter's default, exactly.
    params = evil.files[f"src/{evil.package}/params.py"]
    namespace: dict = {}
    exec(
        compile(params, "params.py", "exec"), namespace
    )  # generated code, not the notebook's
    assert namespace["Params"]().text == hostile
    # Ploomber would render {{ }} in env.yaml with Jinja: such values stay in params.py.
    env = yaml.safe_load(evil.files["env.yaml"])
    assert env["text"] in (hostile, "nbprod:default")
    if "{" in hostile or "}" in hostile:
        assert env["text"] == "nbprod:default"


def test_package_and_step_names_are_sanitised(tmp_path: Path) -> None:
    result = _export(
        tmp_path / "x", "My Note-book (final) v2!.ipynb", "a", "../../etc/passwd", "h"
    )
    assert result.package == "my_note_book_final_v2"
    assert all(".." not in p and not p.startswith("/") for p in result.files)
    assert f"src/{result.package}/steps/etc_passwd.py" in result.files


def test_markdown_cannot_inject_html_in_the_readme(tmp_path: Path) -> None:
    result = _export(
        tmp_path / "x", "n.ipynb", "<img src=x onerror=alert(1)>", "t", "h"
    )
    assert "<img" not in result.files["README.md"]
