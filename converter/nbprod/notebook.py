"""Read a notebook safely: parse, upgrade to v4, repair, validate, and index its cells.

nbprod reads every notebook Jupyter opens, and repairs what Jupyter repairs on open:
nbformat 3 notebooks are upgraded as nbformat's reader and converter do
(:mod:`nbprod.upgrade_v3`), and cells of an nbformat 4.5 notebook that lack an id or
repeat one get a new id. Unlike Jupyter's random ids, these are derived from the cell, so
the same file always reads the same way.
Each repair is recorded on the :class:`Notebook` (rule NBP004 reports it).

Reading never mutates the input and never executes anything. Every way a file can fail to
be a notebook ends in a :class:`~nbprod.errors.NotebookReadError` whose message says what is
wrong, so the CLI can print it and exit 2.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .errors import NotebookReadError

#: Files above this size are refused before parsing (bounded memory on hostile input).
MAX_NOTEBOOK_BYTES = 512 * 1024 * 1024

#: Highest nbformat major version nbprod understands.
SUPPORTED_MAJOR = 4

NotebookSource = str | os.PathLike[str] | bytes | Mapping[str, Any]


@dataclass(frozen=True)
class Cell:
    """One cell of a notebook, in the shape the analysis and rules need."""

    index: int
    id: str | None
    cell_type: str
    source: str
    tags: tuple[str, ...] = ()
    execution_count: int | None = None
    outputs: tuple[Mapping[str, Any], ...] = ()
    metadata: Mapping[str, Any] = field(default_factory=dict)

    @property
    def is_code(self) -> bool:
        return self.cell_type == "code"

    @property
    def lines(self) -> list[str]:
        """The source split into lines, without line endings."""
        return self.source.splitlines()


@dataclass(frozen=True)
class Repair:
    """A change reading made to the notebook so that it is valid nbformat 4.

    ``kind`` is ``nbformat-3`` (upgraded from nbformat 3), ``missing-id`` or
    ``duplicate-id``; ``cells`` are the 0-based indices of the cells concerned (none for
    an upgrade, which concerns them all); ``message`` says what was wrong.
    """

    kind: str
    cells: tuple[int, ...]
    message: str


@dataclass(frozen=True)
class Notebook:
    """A validated, v4 notebook. ``node`` keeps the full nbformat data for export.

    ``node`` is the notebook as read, with the :attr:`repairs` made: writing it gives the
    repaired file.
    """

    path: str | None
    cells: tuple[Cell, ...]
    metadata: Mapping[str, Any]
    nbformat: int
    nbformat_minor: int
    node: Mapping[str, Any] = field(repr=False, compare=False, default_factory=dict)
    repairs: tuple[Repair, ...] = ()

    @property
    def code_cells(self) -> tuple[Cell, ...]:
        return tuple(cell for cell in self.cells if cell.is_code)

    @property
    def language(self) -> str:
        info = self.metadata.get("language_info") or {}
        kernel = self.metadata.get("kernelspec") or {}
        name = info.get("name") if isinstance(info, Mapping) else None
        if not name and isinstance(kernel, Mapping):
            name = kernel.get("language")
        return str(name or "python").lower()


def read_notebook(source: NotebookSource, *, path: str | None = None) -> Notebook:
    """Read a notebook from a file path, raw bytes, or an already-parsed JSON mapping.

    ``path`` names the notebook in findings when ``source`` is not a path. A caller's
    mapping is never modified: it is only read, and copied before a v3 upgrade.
    """
    if isinstance(source, Mapping):
        data: Any = source
    else:
        if isinstance(source, bytes):
            raw = source
        else:
            path = path or os.fspath(source)
            raw = _read_bytes(Path(source))
        data = _parse_json(raw)
    return _from_json(data, path)


def read_notebook_json(file: str | os.PathLike[str]) -> Any:
    """The JSON of a notebook file as stored: not upgraded, repaired or validated (raises
    :class:`~nbprod.errors.NotebookReadError` when it is not JSON)."""
    return _parse_json(_read_bytes(Path(file)))


def _read_bytes(file: Path) -> bytes:
    try:
        size = file.stat().st_size
        if size > MAX_NOTEBOOK_BYTES:
            raise NotebookReadError(
                f"notebook is {size // (1024 * 1024)} MB, above the "
                f"{MAX_NOTEBOOK_BYTES // (1024 * 1024)} MB limit; clear its outputs first"
            )
        return file.read_bytes()
    except FileNotFoundError:
        raise NotebookReadError("file not found") from None
    except IsADirectoryError:
        raise NotebookReadError("is a directory, not a notebook file") from None
    except PermissionError:
        raise NotebookReadError("permission denied while reading the file") from None


def _parse_json(raw: bytes) -> Any:
    if not raw.strip():
        raise NotebookReadError("file is empty; a notebook is a JSON object")
    try:
        # utf-8-sig: a BOM is not valid JSON, but editors add one and it is harmless.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NotebookReadError(
            f"file is not valid UTF-8 (byte {exc.start}); notebooks are UTF-8 JSON"
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotebookReadError(
            f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg} "
            "(is the file truncated?)"
        ) from None
    except RecursionError:
        raise NotebookReadError("JSON is nested too deeply to be a notebook") from None


def _from_json(data: Any, path: str | None) -> Notebook:
    if not isinstance(data, Mapping):
        raise NotebookReadError(
            f"top-level JSON value is {_json_type(data)}, but a notebook is an object"
        )
    major = data.get("nbformat")
    minor = data.get("nbformat_minor", 0)
    if not isinstance(major, int) or isinstance(major, bool):
        raise NotebookReadError("missing or non-integer 'nbformat' version field")
    if not isinstance(minor, int) or isinstance(minor, bool):
        raise NotebookReadError("non-integer 'nbformat_minor' field")
    if major > SUPPORTED_MAJOR or major < 3:
        raise NotebookReadError(
            f"nbformat {major} is not supported; nbprod reads nbformat 3 and 4 notebooks"
        )

    repairs: list[Repair] = []
    node: Mapping[str, Any] = data
    if major == 3:
        _validate(node, 3, minor)
        node = _upgrade_v3(data)
        repairs.append(
            Repair(
                "nbformat-3",
                (),
                f"this is an nbformat 3.{minor} notebook (Jupyter and nbprod upgrade it "
                f"to nbformat 4.{node['nbformat_minor']} each time they read it)",
            )
        )
        major, minor = node["nbformat"], node["nbformat_minor"]
        # The upgrade gives every cell a placeholder id: replace them by stable ones.
        node = _with_ids(node, dict.fromkeys(range(len(node["cells"]))))
    else:
        node, id_repairs = _repair_cell_ids(node, require_ids=(major, minor) >= (4, 5))
        repairs.extend(id_repairs)
    _validate(node, major, minor)
    return Notebook(
        path=path,
        cells=_cells(node),
        metadata=node.get("metadata", {}),
        nbformat=major,
        nbformat_minor=minor,
        node=node,
        repairs=tuple(repairs),
    )


def _upgrade_v3(data: Mapping[str, Any]) -> Mapping[str, Any]:
    """Upgrade a v3 notebook as Jupyter's reader does (see :mod:`nbprod.upgrade_v3`),
    on a copy: the caller's mapping is never modified."""
    from .upgrade_v3 import upgrade_v3

    try:
        return upgrade_v3(data)
    except Exception as exc:  # KeyError, TypeError, ValueError... as nbformat would
        raise NotebookReadError(
            f"could not upgrade this nbformat 3 notebook: {type(exc).__name__}"
        ) from None


def _repair_cell_ids(
    node: Mapping[str, Any], *, require_ids: bool
) -> tuple[Mapping[str, Any], list[Repair]]:
    """Give cells without an id (nbformat >= 4.5) and every repeat of an id a new one.

    This is the repair Jupyter makes when it validates a notebook it opens
    (``nbformat.validator.normalize``), except that the new ids are derived from the
    cell's position and content, so the same file always gets the same ids. The input is
    left alone: repaired cells are copies in a copied notebook.
    """
    cells = node.get("cells")
    if not isinstance(cells, list):
        return node, []  # the schema check reports it
    missing: list[int] = []
    repeated: list[int] = []
    seen: set[str] = set()
    for index, cell in enumerate(cells):
        if not isinstance(cell, Mapping):
            continue
        if "id" not in cell:
            if require_ids:
                missing.append(index)
            continue
        cell_id = cell["id"]
        if not isinstance(cell_id, str):
            continue  # not an id the schema accepts; the schema check reports it
        if cell_id in seen:
            repeated.append(index)
        seen.add(cell_id)
    repairs = []
    if missing:
        repairs.append(
            Repair(
                "missing-id",
                tuple(missing),
                f"{_cells_phrase(missing)} no id, which nbformat 4.5 requires (Jupyter "
                "gives such cells a new random id each time it opens the file)",
            )
        )
    if repeated:
        repairs.append(
            Repair(
                "duplicate-id",
                tuple(repeated),
                f"{_cells_phrase(repeated)} the id of an earlier cell (ids must be "
                "unique; Jupyter replaces repeats with random ids when it opens the "
                "file)",
            )
        )
    if not repairs:
        return node, []
    return _with_ids(node, dict.fromkeys([*missing, *repeated])), repairs


def _with_ids(
    node: Mapping[str, Any], replace: Mapping[int, None]
) -> Mapping[str, Any]:
    """A copy of ``node`` where the cells at the indices in ``replace`` get stable ids."""
    cells = node["cells"]
    taken = {
        cell.get("id")
        for index, cell in enumerate(cells)
        if index not in replace and isinstance(cell, Mapping)
    }
    new_cells = list(cells)
    for index in replace:
        cell = cells[index]
        new_id = stable_cell_id(index, cell, taken)
        taken.add(new_id)
        new_cells[index] = {**cell, "id": new_id}
    return {**node, "cells": new_cells}


def stable_cell_id(index: int, cell: Mapping[str, Any], taken: set[Any]) -> str:
    """An id for a cell that has none: 8 hex digits (the length Jupyter uses) of a hash
    of the cell's position, type and source, so that reading the same file again gives
    the same id; a collision with an id in ``taken`` moves on to the next hash."""
    import hashlib  # deferred: only notebooks that need repair use it

    source = cell.get("source", "")
    text = source if isinstance(source, str) else "".join(map(str, source))
    seed = f"{index}\0{cell.get('cell_type')}\0{text}"
    for attempt in range(1000):
        digest = hashlib.sha256(f"{seed}\0{attempt}".encode()).hexdigest()[:8]
        if digest not in taken:
            return digest
    raise NotebookReadError("could not give the notebook's cells unique ids")


def _cells_phrase(indices: list[int]) -> str:
    numbers = [str(index + 1) for index in indices]
    if len(numbers) > 6:
        numbers = [*numbers[:5], f"{len(numbers) - 5} more"]
    if len(numbers) == 1:
        return f"cell {numbers[0]} has"
    return f"cells {', '.join(numbers[:-1])} and {numbers[-1]} have"


def _validate(node: Any, major: int, minor: int) -> None:
    validate = _schema_validator(major, minor)
    if validate is None:
        raise NotebookReadError(f"no schema for nbformat {major}.{minor}")
    try:
        validate(node)
    except Exception:
        raise NotebookReadError(
            f"notebook does not match the nbformat {major}.{minor} schema: "
            f"{_explain_schema_error(node, major, minor)}"
        ) from None


@cache
def _schema_validator(major: int, minor: int) -> Callable[[Any], Any] | None:
    """A fast validator of nbformat's own schema for this version, or None.

    Extra keys are tolerated, as Jupyter itself does: real notebooks carry them (old
    tools wrote `outputs` on markdown cells) and they break nothing we read.

    For the versions whose schema file nbformat ships (3.0, and 4.0 to 4.5 today), the
    schema is loaded from nbformat's package folder and compiled with fastjsonschema,
    without importing nbformat: its validator module imports jsonschema, which takes a
    second or more to import in current versions and is not needed to check a valid
    notebook. Other versions (future minors) go through nbformat's ``get_validator``.
    """
    schema = _shipped_schema(major, minor)
    if schema is not None:
        import fastjsonschema

        # Without detailed exceptions the generated validator is a third of the size
        # and compiles three times faster; the failure message comes from jsonschema
        # anyway (_explain_schema_error).
        return fastjsonschema.compile(
            _relax_additional_properties(schema), detailed_exceptions=False
        )
    from nbformat.validator import get_validator

    try:
        validator = get_validator(
            major, minor, relax_add_props=True, name="fastjsonschema"
        )
    except Exception:
        return None
    return None if validator is None else validator.validate


def _shipped_schema(major: int, minor: int) -> Any:
    from importlib.util import find_spec

    if major != SUPPORTED_MAJOR and (major, minor) != (3, 0):
        return None
    spec = find_spec("nbformat")  # locates the package without importing it
    if spec is None or spec.origin is None:
        return None
    # nbformat ships one v3 schema, for 3.0 (later 3.x minors go through nbformat).
    name = (
        "nbformat.v3.schema.json" if major == 3 else f"nbformat.v4.{minor}.schema.json"
    )
    file = Path(spec.origin).parent / f"v{major}" / name
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _relax_additional_properties(schema: Any) -> Any:
    """``additionalProperties: true`` everywhere: nbformat's ``relax_add_props``."""
    if isinstance(schema, dict):
        return {
            key: (
                True
                if key == "additionalProperties"
                else _relax_additional_properties(value)
            )
            for key, value in schema.items()
        }
    if isinstance(schema, list):
        return [_relax_additional_properties(value) for value in schema]
    return schema


def _explain_schema_error(node: Any, major: int, minor: int) -> str:
    """A precise message for the failure path, built without echoing the bad value.

    fastjsonschema (fast, used above) says little about *where* a notebook is invalid;
    jsonschema does, but its messages embed the offending value, which could be a secret.
    """
    from jsonschema.exceptions import best_match
    from nbformat.validator import get_validator

    try:
        strict = get_validator(major, minor, relax_add_props=True, name="jsonschema")
        errors = list(strict.iter_errors(node))
    except Exception:
        return "the notebook structure is invalid"
    if not errors:
        return "the notebook structure is invalid"
    error = _specific(best_match(errors))
    where = "/".join(str(p) for p in error.absolute_path) or "top level"
    kind = error.validator
    if kind == "required":
        missing = [p for p in error.validator_value if p not in (error.instance or {})]
        detail = f"missing required field(s) {', '.join(map(repr, missing))}"
    elif kind == "type":
        detail = f"expected {error.validator_value}"
    elif kind == "additionalProperties":
        detail = "unexpected field(s)"
    elif kind in ("enum", "const"):
        detail = "value not allowed here"
    elif kind in ("oneOf", "anyOf"):
        detail = "has the wrong type or shape"
    elif kind == "pattern":
        detail = "value has the wrong format"
    else:
        detail = f"fails the {kind!r} constraint"
    return _shorten(f"at {where}: {detail}")


def _specific(error: Any) -> Any:
    """Descend through ``oneOf`` alternatives to the one matching the discriminator.

    A cell is one of markdown/code/raw: the useful errors are those of the alternative
    whose ``cell_type`` (or ``output_type``) matches, not of the others.
    """
    while error.validator in ("oneOf", "anyOf") and error.context:
        groups: dict[Any, list[Any]] = {}
        for sub in error.context:
            groups.setdefault(sub.relative_schema_path[0], []).append(sub)
        matching = [
            group
            for group in groups.values()
            if not any(
                sub.validator in ("enum", "const")
                and sub.absolute_path
                and sub.absolute_path[-1] in ("cell_type", "output_type")
                for sub in group
            )
        ]
        if not matching:
            break
        group = min(matching, key=len)
        error = next((sub for sub in group if sub.validator == "required"), group[0])
    return error


def _cells(node: Mapping[str, Any]) -> tuple[Cell, ...]:
    cells: list[Cell] = []
    for index, raw in enumerate(node.get("cells", [])):
        # Before nbformat 4.5 an id is no part of the format; keep it only if usable.
        cell_id = raw.get("id")
        metadata = raw.get("metadata", {})
        tags = metadata.get("tags", [])
        cells.append(
            Cell(
                index=index,
                id=cell_id if isinstance(cell_id, str) else None,
                cell_type=raw["cell_type"],
                source=_join(raw.get("source", "")),
                tags=tuple(tag for tag in tags if isinstance(tag, str)),
                execution_count=raw.get("execution_count"),
                outputs=tuple(raw.get("outputs", ())),
                metadata=metadata,
            )
        )
    return tuple(cells)


def _join(source: str | list[str]) -> str:
    return source if isinstance(source, str) else "".join(source)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    return {list: "an array", str: "a string", bool: "a boolean"}.get(
        type(value), "a number"
    )


def _shorten(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
