"""Test helpers: golden-file comparison and building notebooks from text fixtures."""

from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

HEADER = re.compile(r"^# %%(?P<rest>.*)$")
FIXTURE_META = "# nbprod-fixture:"
#: ``# nbprod-fixture-files: {"requirements.txt": "pandas\n"}``: files written next to the
#: notebook; the notebook is then linted from disk (rules that look at its folder).
FIXTURE_FILES = "# nbprod-fixture-files:"
#: ``# nbprod-fixture-expect-notebook: NBP123``: a notebook-level finding (no cell) is
#: expected with these codes.
FIXTURE_NOTEBOOK_EXPECT = "# nbprod-fixture-expect-notebook:"


def assert_golden(actual: str, golden: Path, update: bool) -> None:
    """Compare ``actual`` with a committed golden file; ``--update-golden`` rewrites it."""
    if update:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        return
    assert golden.exists(), f"missing golden file {golden}; run pytest --update-golden"
    expected = golden.read_text(encoding="utf-8")
    assert (
        actual == expected
    ), f"{golden} differs; review and run pytest --update-golden"


@dataclass
class FixtureCell:
    cell_type: str
    source: str
    expect: tuple[str, ...] = ()
    clean: bool = False
    options: dict[str, Any] = field(default_factory=dict)


def _options(rest: str) -> tuple[str, dict[str, Any]]:
    """Parse ``[markdown] key=value key=<json> clean`` from a cell header."""
    cell_type = "code"
    options: dict[str, Any] = {}
    text = rest.strip()
    decoder = json.JSONDecoder()
    pos = 0
    while pos < len(text):
        if text[pos].isspace():
            pos += 1
            continue
        if text.startswith("[markdown]", pos) or text.startswith("[raw]", pos):
            cell_type = text[pos + 1 : text.index("]", pos)]
            pos = text.index("]", pos) + 1
            continue
        match = re.compile(r"[\w-]+").match(text, pos)
        if match is None:
            raise ValueError(f"bad fixture header near {text[pos:]!r}")
        key = match.group(0)
        pos = match.end()
        if pos < len(text) and text[pos] == "=":
            pos += 1
            try:
                value, pos = decoder.raw_decode(text, pos)
            except json.JSONDecodeError:
                end = pos
                while end < len(text) and not text[end].isspace():
                    end += 1
                value, pos = text[pos:end], end
            options[key] = value
        else:
            options[key] = True
    return cell_type, options


def parse_fixture(text: str) -> tuple[dict[str, Any], list[FixtureCell]]:
    """Split a ``# %%`` fixture into notebook metadata and cells with expectations.

    Header keys: ``expect=NBP001,NBP002`` (the rule under test must flag this cell with
    these codes), ``clean`` (it must not flag it), ``count=N`` (execution count),
    ``tags=[...]``, ``outputs=[...]`` (nbformat outputs), ``metadata={...}``, ``id=...``
    (``id=null``: no id).
    """
    metadata: dict[str, Any] = {}
    cells: list[FixtureCell] = []
    current: FixtureCell | None = None
    lines: list[str] = []

    def close() -> None:
        if current is not None:
            current.source = "\n".join(lines).strip("\n")
            cells.append(current)

    for line in text.splitlines():
        if current is None and line.startswith(FIXTURE_META):
            metadata = json.loads(line[len(FIXTURE_META) :])
            continue
        header = HEADER.match(line)
        if header:
            close()
            cell_type, options = _options(header.group("rest"))
            expect = options.pop("expect", "")
            current = FixtureCell(
                cell_type,
                "",
                tuple(c for c in str(expect).split(",") if c) if expect else (),
                bool(options.pop("clean", False)),
                options,
            )
            lines = []
        elif current is not None:
            lines.append(line)
    close()
    return metadata, cells


def fixture_notebook(text: str) -> tuple[dict[str, Any], list[FixtureCell]]:
    """Build an nbformat 4.5 notebook dict from fixture text; returns it and its cells."""
    metadata, cells = parse_fixture(text)
    nb = nbformat.v4.new_notebook()
    nb.metadata.update(
        {
            "kernelspec": {
                "name": "python3",
                "display_name": "Python 3",
                "language": "python",
            },
            "language_info": {"name": "python"},
        }
    )
    nb.metadata.update(metadata)
    for index, spec in enumerate(cells):
        options = spec.options
        if spec.cell_type == "code":
            cell = nbformat.v4.new_code_cell(spec.source)
            cell.execution_count = options.get("count")
            cell.outputs = [nbformat.from_dict(o) for o in options.get("outputs", [])]
        elif spec.cell_type == "markdown":
            cell = nbformat.v4.new_markdown_cell(spec.source)
        else:
            cell = nbformat.v4.new_raw_cell(spec.source)
        cell.id = str(options.get("id") or f"cell-{index}")
        if "tags" in options:
            cell.metadata["tags"] = options["tags"]
        cell.metadata.update(options.get("metadata", {}))
        nb.cells.append(cell)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nbformat warns of the repeats it replaces
        data = json.loads(nbformat.writes(nb))
    # Ids exactly as the fixture says, repeats included (nbformat.writes repairs them).
    for raw, spec in zip(data["cells"], cells, strict=True):
        if "id" in spec.options:
            if spec.options["id"] is None:
                del raw["id"]
            else:
                raw["id"] = str(spec.options["id"])
    return data, cells


def fixture_setup(text: str) -> tuple[dict[str, str] | None, tuple[str, ...]]:
    """The files to write next to the notebook (None: lint in memory, with no path) and
    the codes expected as notebook-level findings, from the lines above the first cell.
    """
    files: dict[str, str] | None = None
    notebook_codes: tuple[str, ...] = ()
    for line in text.splitlines():
        if HEADER.match(line):
            break
        if line.startswith(FIXTURE_FILES):
            files = json.loads(line[len(FIXTURE_FILES) :])
        elif line.startswith(FIXTURE_NOTEBOOK_EXPECT):
            rest = line[len(FIXTURE_NOTEBOOK_EXPECT) :]
            notebook_codes = tuple(c.strip() for c in rest.split(",") if c.strip())
    return files, notebook_codes
