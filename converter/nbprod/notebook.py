"""Read a notebook safely: parse, upgrade to v4, validate, and index its cells.

Reading never mutates the input and never executes anything. Every way a file can fail to
be a notebook ends in a :class:`~nbprod.errors.NotebookReadError` whose message says what is
wrong, so the CLI can print it and exit 2.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
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
class Notebook:
    """A validated, v4 notebook. ``node`` keeps the full nbformat data for export."""

    path: str | None
    cells: tuple[Cell, ...]
    metadata: Mapping[str, Any]
    nbformat: int
    nbformat_minor: int
    node: Mapping[str, Any] = field(repr=False, compare=False, default_factory=dict)

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
    import nbformat  # deferred: keeps `nbprod --help` and the CLI start fast

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

    node = data
    if major == 3:
        _validate(node, 3, minor)
        try:
            node = nbformat.convert(
                nbformat.from_dict(copy.deepcopy(data)), SUPPORTED_MAJOR
            )
        except (
            Exception
        ) as exc:  # nbformat raises ValueError, KeyError, ValidationError
            raise NotebookReadError(
                f"could not upgrade this nbformat 3 notebook: {exc}"
            ) from None
        major, minor = node["nbformat"], node["nbformat_minor"]
    _validate(node, major, minor)
    return Notebook(
        path=path,
        cells=_cells(node),
        metadata=node.get("metadata", {}),
        nbformat=major,
        nbformat_minor=minor,
        node=node,
    )


def _validate(node: Any, major: int, minor: int) -> None:
    from nbformat.validator import get_validator

    try:
        # Extra keys are tolerated, as Jupyter itself does: real notebooks carry them
        # (old tools wrote `outputs` on markdown cells) and they break nothing we read.
        validator = get_validator(
            major, minor, relax_add_props=True, name="fastjsonschema"
        )
    except Exception:
        validator = None
    if validator is None:
        raise NotebookReadError(f"no schema for nbformat {major}.{minor}")
    try:
        validator.validate(node)
    except Exception:
        raise NotebookReadError(
            f"notebook does not match the nbformat {major}.{minor} schema: "
            f"{_explain_schema_error(node, major, minor)}"
        ) from None


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
    seen: dict[str, int] = {}
    for index, raw in enumerate(node.get("cells", [])):
        cell_id = raw.get("id")
        if cell_id is not None:
            if cell_id in seen:
                raise NotebookReadError(
                    f"cells {seen[cell_id]} and {index} share the id {cell_id!r}; "
                    "cell ids must be unique (re-save the notebook in JupyterLab to repair)"
                )
            seen[cell_id] = index
        metadata = raw.get("metadata", {})
        tags = metadata.get("tags", [])
        cells.append(
            Cell(
                index=index,
                id=cell_id,
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
