"""Suppression: # noqa, cell tags, notebook metadata, and [tool.nbprod] in pyproject.toml."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbprod.errors import ConfigError
from nbprod.lint.api import lint
from nbprod.lint.config import Config


def _nb(*cells: tuple[str, list[str]], metadata: dict | None = None) -> dict:
    nb = nbformat.v4.new_notebook()
    for index, (source, tags) in enumerate(cells):
        cell = nbformat.v4.new_code_cell(source)
        cell.id = f"c{index}"
        if tags:
            cell.metadata["tags"] = tags
        nb.cells.append(cell)
    nb.metadata.update(metadata or {})
    return json.loads(nbformat.writes(nb))


def _codes(nb: dict, **kwargs) -> list[tuple[int | None, str]]:  # type: ignore[no-untyped-def]
    kwargs.setdefault("config", Config())
    return [(d.cell_index, d.code) for d in lint(nb, path="t.ipynb", **kwargs)]


BROKEN = "x = (  "


def test_noqa_with_code_bare_and_other_code() -> None:
    assert _codes(_nb((BROKEN, [])), select=["NBP009"]) == [(0, "NBP009")]
    assert _codes(_nb((BROKEN + "# noqa: NBP009", [])), select=["NBP009"]) == []
    assert _codes(_nb((BROKEN + "# noqa", [])), select=["NBP009"]) == []
    assert _codes(_nb((BROKEN + "# noqa: NBP001", [])), select=["NBP009"]) == [
        (0, "NBP009")
    ]


def test_cell_tag_ignores_listed_codes_or_all() -> None:
    assert _codes(_nb((BROKEN, ["nbprod:ignore=NBP009"])), select=["NBP009"]) == []
    two_tags = ["nbprod:ignore=NBP001", "nbprod:ignore=NBP009"]
    assert _codes(_nb((BROKEN, two_tags)), select=["NBP009"]) == []
    assert _codes(_nb((BROKEN, ["nbprod:ignore"])), select=["NBP009"]) == []
    assert _codes(_nb((BROKEN, ["nbprod:ignore=NBP001"])), select=["NBP009"]) == [
        (0, "NBP009")
    ]


def test_notebook_metadata_ignores() -> None:
    nb = _nb((BROKEN, []), metadata={"nbprod": {"ignore": ["execution-order"]}})
    assert _codes(nb, select=["NBP009"]) == []


def test_pyproject_select_ignore_and_per_file_ignores(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.nbprod]\n"
        'select = ["NBP00"]\n'
        'ignore = ["NBP001"]\n'
        '[tool.nbprod.per-file-ignores]\n"drafts/*.ipynb" = ["NBP009"]\n'
    )
    nb = _nb(("x = 1", []), (BROKEN, []))
    nb["cells"][0]["execution_count"] = 2
    nb["cells"][1]["execution_count"] = 1
    for folder in ("", "drafts"):
        (tmp_path / folder).mkdir(exist_ok=True)
        (tmp_path / folder / "n.ipynb").write_text(json.dumps(nb))
    top = [(d.cell_index, d.code) for d in lint(tmp_path / "n.ipynb")]
    assert top == [(1, "NBP009")]  # NBP001 ignored by config
    assert lint(tmp_path / "drafts" / "n.ipynb") == []  # per-file ignore
    explicit = lint(tmp_path / "n.ipynb", ignore=["NBP009"])
    assert explicit == []


def test_invalid_config_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.nbprod]\nselect = "NBP001"\n')
    (tmp_path / "n.ipynb").write_text(json.dumps(_nb(("x = 1", []))))
    with pytest.raises(ConfigError, match="select must be a list of strings"):
        lint(tmp_path / "n.ipynb")


def test_unknown_selectors_inside_a_notebook_suppress_nothing_and_do_not_fail() -> None:
    nb = _nb((BROKEN, ["nbprod:ignore=NBP998"]), metadata={"nbprod": {"ignore": ["x"]}})
    assert _codes(nb, select=["NBP009"]) == [(0, "NBP009")]
