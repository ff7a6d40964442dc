"""Upgrade an nbformat 3 notebook to nbformat 4, as Jupyter's reader does, on plain JSON.

Jupyter reads a v3 file with ``nbformat.reads``: ``nbformat.v3.to_notebook_json`` rejoins
the sources and outputs stored as lists of lines, then ``nbformat.v4.upgrade`` flattens the
worksheets and renames the v3 keys. This module performs the same steps on the parsed JSON
(dicts and lists), in the same order and with the same key order, so the result is what
nbformat gives, cell ids aside (nbformat draws random ones; the caller gives stable ones).

Why not call nbformat: importing any part of it imports ``nbformat.validator`` and so
jsonschema, whose current versions build an RFC 3987 grammar at import (a second or more
per process). The test suite compares this upgrade with nbformat's on varied v3 notebooks.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Any

#: Output keys that v3 writers split into lists of lines (nbformat.v3.rwbase).
_MULTILINE_OUTPUT_KEYS = ("text", "html", "svg", "latex", "javascript", "json")

#: v3 output keys and the MIME types v4 stores them under, in nbformat's order.
_MIME_KEYS = (
    ("text", "text/plain"),
    ("html", "text/html"),
    ("svg", "image/svg+xml"),
    ("png", "image/png"),
    ("jpeg", "image/jpeg"),
    ("latex", "text/latex"),
    ("json", "application/json"),
    ("javascript", "application/javascript"),
)

#: The nbformat version an upgrade produces (nbformat.v4.nbbase).
TARGET_MAJOR, TARGET_MINOR = 4, 5

#: The id every upgraded cell gets here; the caller replaces them all.
PLACEHOLDER_ID = ""


def upgrade_v3(data: Mapping[str, Any]) -> dict[str, Any]:
    """The v4 form of a (schema-valid) v3 notebook; ``data`` is left unchanged.

    Raises ``KeyError``, ``TypeError``, ``AttributeError`` or ``ValueError`` for input that
    nbformat could not upgrade either.
    """
    nb: dict[str, Any] = copy.deepcopy(dict(data))
    _rejoin_lines(nb)
    orig_major = nb.pop("orig_nbformat", None)
    orig_minor = nb.pop("orig_nbformat_minor", None)
    metadata = nb["metadata"]
    metadata["orig_nbformat"] = orig_major or 3
    metadata["orig_nbformat_minor"] = orig_minor or 0
    nb["nbformat"] = TARGET_MAJOR
    nb["nbformat_minor"] = TARGET_MINOR
    cells: list[dict[str, Any]] = []
    nb["cells"] = cells
    for worksheet in nb.pop("worksheets", []):
        for cell in worksheet["cells"]:
            cells.append(_upgrade_cell(cell))
    metadata.pop("name", "")
    metadata.pop("signature", "")
    return nb


def _join_lines(lines: list[str]) -> str:
    # Lines written by splitlines(True) keep their endings; by splitlines(), not.
    if lines and lines[0].endswith(("\n", "\r")):
        return "".join(lines)
    return "\n".join(lines)


def _rejoin_lines(nb: dict[str, Any]) -> None:
    for worksheet in nb["worksheets"]:
        for cell in worksheet["cells"]:
            if cell["cell_type"] == "code":
                if isinstance(cell.get("input"), list):
                    cell["input"] = _join_lines(cell["input"])
                for output in cell["outputs"]:
                    for key in _MULTILINE_OUTPUT_KEYS:
                        if isinstance(output.get(key), list):
                            output[key] = _join_lines(output[key])
            else:
                for key in ("source", "rendered"):
                    if isinstance(cell.get(key), list):
                        cell[key] = _join_lines(cell[key])


def _upgrade_cell(cell: dict[str, Any]) -> dict[str, Any]:
    cell.setdefault("metadata", {})
    cell["id"] = PLACEHOLDER_ID
    if cell["cell_type"] == "code":
        cell.pop("language", "")
        if "collapsed" in cell:
            cell["metadata"]["collapsed"] = cell.pop("collapsed")
        cell["source"] = cell.pop("input", "")
        cell["execution_count"] = cell.pop("prompt_number", None)
        cell["outputs"] = [_upgrade_output(output) for output in cell["outputs"]]
    elif cell["cell_type"] == "heading":
        cell["cell_type"] = "markdown"
        level = cell.pop("level", 1)
        text = " ".join(cell.get("source", "").splitlines())
        cell["source"] = f"{'#' * level} {text}"
    elif cell["cell_type"] == "html":
        cell["cell_type"] = "markdown"
    return cell


def _upgrade_output(output: dict[str, Any]) -> dict[str, Any]:
    kind = output["output_type"]
    if kind in ("pyout", "display_data"):
        output.setdefault("metadata", {})
        if kind == "pyout":
            output["output_type"] = "execute_result"
            output["execution_count"] = output.pop("prompt_number", None)
        data = {}
        for key in list(output):
            if key not in ("output_type", "execution_count", "metadata"):
                data[key] = output.pop(key)
        _to_mime_keys(data)
        output["data"] = data
        _to_mime_keys(output["metadata"])
        if "application/json" in data:
            data["application/json"] = json.loads(data["application/json"])
    elif kind == "pyerr":
        output["output_type"] = "error"
    elif kind == "stream":
        output["name"] = output.pop("stream", "stdout")
    return output


def _to_mime_keys(mapping: dict[str, Any]) -> None:
    for alias, mime in _MIME_KEYS:
        if alias in mapping:
            mapping[mime] = mapping.pop(alias)
