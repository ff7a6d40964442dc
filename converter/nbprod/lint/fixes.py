"""Apply a finding's quick fix to notebook JSON.

One code path for every client: the server's ``POST /nbprod/fix`` calls
:func:`apply_fix` and sends back the :class:`FixResult` changes, which the JupyterLab
frontend applies through the notebook model (one undoable edit); ``nbprod lint --fix``
applies every safe fix with :func:`fix_notebook` and writes the file with
:func:`write_notebook`. The input is never modified; the result holds an edited copy.
"""

from __future__ import annotations

import contextlib
import copy
import itertools
import os
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import NbprodError
from .diagnostic import Applicability, Diagnostic, Edit, Fix


class FixError(NbprodError):
    """A fix does not apply to this notebook (it changed since it was linted?)."""


@dataclass(frozen=True)
class CellChange:
    """One change the frontend makes to its notebook model.

    ``kind`` is ``set_source`` or ``set_tags`` (on the existing cell ``cell_id``, or at
    ``cell_index`` of the original notebook when the cell has no id), or ``insert_cell``
    (a new code cell at ``cell_index`` of the notebook as it is after the earlier
    insertions of the list, so applying the list in order gives the edited notebook).
    """

    kind: str
    cell_index: int
    cell_id: str | None = None
    source: str | None = None
    tags: tuple[str, ...] | None = None
    cell_type: str = "code"

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "cell_index": self.cell_index,
            "cell_id": self.cell_id,
        }
        if self.source is not None:
            data["source"] = self.source
        if self.tags is not None:
            data["tags"] = list(self.tags)
        if self.kind == "insert_cell":
            data["cell_type"] = self.cell_type
        return data


@dataclass(frozen=True)
class FixResult:
    """The edited notebook and the changes that turn the original into it."""

    message: str
    applicability: Applicability
    changes: tuple[CellChange, ...]
    notebook: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {
            "message": self.message,
            "applicability": self.applicability.value,
            "changes": [change.to_json() for change in self.changes],
        }


def apply_fix(
    notebook_json: Mapping[str, Any],
    diagnostic_or_fix: Diagnostic | Fix | Mapping[str, Any],
) -> FixResult:
    """Apply the edits of a fix (or of a finding's fix, or their wire JSON) to a notebook.

    ``replace`` edits are applied per cell from the last position to the first, so that
    the 1-based positions of every edit refer to the original source; ``set_tags`` edits
    replace the cell's tags; ``insert_cell`` edits are applied last, in position order.
    Positions and cell ids refer to the notebook as nbprod reads it: a notebook that
    needed repair (nbformat 3, missing or repeated cell ids) is repaired first, so the
    result is always the repaired notebook (which is all NBP004's fix asks for).
    Raises :class:`FixError` when an edit does not fit the notebook.
    """
    fix = _as_fix(diagnostic_or_fix)
    notebook = copy.deepcopy(dict(_as_read(notebook_json)))
    cells = notebook.get("cells")
    if not isinstance(cells, list):
        raise FixError("the notebook has no 'cells' list")
    replaces: dict[int, list[Edit]] = {}
    tag_edits: dict[int, Edit] = {}
    inserts: list[Edit] = []
    for edit in fix.edits:
        if edit.kind == "insert_cell":
            if not 0 <= edit.cell_index <= len(cells):
                raise FixError(f"cannot insert a cell at position {edit.cell_index}")
            inserts.append(edit)
            continue
        index = _cell_index(cells, edit)
        if edit.kind == "replace":
            replaces.setdefault(index, []).append(edit)
        elif edit.kind == "set_tags":
            tag_edits[index] = edit
        else:
            raise FixError(f"unknown edit kind {edit.kind!r}")

    changes: list[CellChange] = []
    for index in sorted(set(replaces) | set(tag_edits)):
        cell = cells[index]
        cell_id = cell.get("id") if isinstance(cell.get("id"), str) else None
        if index in replaces:
            source = _apply_replaces(_source(cell), replaces[index], index)
            cell["source"] = source
            changes.append(CellChange("set_source", index, cell_id, source=source))
        if index in tag_edits:
            tags = tuple(dict.fromkeys(tag_edits[index].tags))
            metadata = cell.setdefault("metadata", {})
            if tags:
                metadata["tags"] = list(tags)
            else:
                metadata.pop("tags", None)
            changes.append(CellChange("set_tags", index, cell_id, tags=tags))

    # Stable sort: several insertions at one position keep the fix's order.
    for offset, edit in enumerate(sorted(inserts, key=lambda e: e.cell_index)):
        position = edit.cell_index + offset
        tags = tuple(dict.fromkeys(edit.tags))
        new_cell: dict[str, Any] = {
            "cell_type": "code",
            "execution_count": None,
            "metadata": {"tags": list(tags)} if tags else {},
            "outputs": [],
            "source": edit.content,
        }
        if _has_ids(notebook):
            new_cell["id"] = _fresh_id(cells, edit.cell_id)
        cells.insert(position, new_cell)
        changes.append(
            CellChange(
                "insert_cell",
                position,
                new_cell.get("id"),
                source=edit.content,
                tags=tags,
            )
        )
    return FixResult(fix.message, fix.applicability, tuple(changes), notebook)


def _as_read(notebook_json: Mapping[str, Any]) -> Mapping[str, Any]:
    """The notebook as lint saw it: repaired if reading it repaired anything."""
    from ..errors import NotebookReadError
    from ..notebook import read_notebook

    try:
        notebook = read_notebook(notebook_json)
    except NotebookReadError:
        return notebook_json  # the edits are checked against what is there
    return notebook.node if notebook.repairs else notebook_json


def _as_fix(value: Diagnostic | Fix | Mapping[str, Any]) -> Fix:
    if isinstance(value, Fix):
        return value
    if isinstance(value, Diagnostic):
        if value.fix is None:
            raise FixError(f"finding {value.code} has no quick fix")
        return value.fix
    if isinstance(value, Mapping):
        data = value.get("fix", value) if "edits" not in value else value
        if not isinstance(data, Mapping) or not isinstance(data.get("edits"), list):
            raise FixError("no fix with a list of edits was given")
        try:
            edits = tuple(_edit_from_json(e) for e in data["edits"])
            applicability = Applicability(data.get("applicability", "safe"))
        except (TypeError, ValueError) as exc:
            raise FixError(f"malformed fix: {exc}") from None
        return Fix(str(data.get("message", "")), edits, applicability)
    raise FixError("expected a Diagnostic, a Fix or their JSON")


def _edit_from_json(data: Any) -> Edit:
    if not isinstance(data, Mapping):
        raise TypeError("an edit must be an object")
    ints = ("line", "column", "end_line", "end_column")
    for key in ("cell_index", *ints):
        value = data.get(key)
        optional = key != "cell_index" and value is None
        if not optional and (not isinstance(value, int) or isinstance(value, bool)):
            raise TypeError(f"edit field {key!r} must be an integer")
    tags = data.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise TypeError("edit field 'tags' must be a list of strings")
    content = data.get("content", "")
    cell_id = data.get("cell_id")
    if not isinstance(content, str) or not (
        cell_id is None or isinstance(cell_id, str)
    ):
        raise TypeError("edit fields 'content' and 'cell_id' must be strings")
    return Edit(
        kind=str(data.get("kind")),
        cell_index=data["cell_index"],
        cell_id=cell_id,
        line=data.get("line"),
        column=data.get("column"),
        end_line=data.get("end_line"),
        end_column=data.get("end_column"),
        content=content,
        tags=tuple(tags),
    )


def _cell_index(cells: list[Any], edit: Edit) -> int:
    """The cell an edit targets: by id when it has one (ids survive reordering)."""
    if edit.cell_id is not None:
        for index, cell in enumerate(cells):
            if isinstance(cell, Mapping) and cell.get("id") == edit.cell_id:
                return index
        raise FixError(
            f"no cell has the id {edit.cell_id!r}; lint the notebook again and retry"
        )
    if not 0 <= edit.cell_index < len(cells) or not isinstance(
        cells[edit.cell_index], Mapping
    ):
        raise FixError(f"the notebook has no cell {edit.cell_index + 1}")
    return edit.cell_index


def _source(cell: Mapping[str, Any]) -> str:
    source = cell.get("source", "")
    if isinstance(source, list):
        return "".join(str(part) for part in source)
    return str(source)


def _apply_replaces(source: str, edits: list[Edit], index: int) -> str:
    # Lines as the analysis counts them (str.splitlines), keeping their endings.
    lines = source.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(line: int | None, column: int | None) -> int:
        if line is None or column is None:
            raise FixError(f"a replace edit in cell {index + 1} has no position")
        if line == len(lines) + 1 and column == 1:
            return len(source)
        if not 1 <= line <= len(lines):
            raise FixError(f"cell {index + 1} has no line {line}; lint it again")
        text = lines[line - 1].rstrip("\r\n")
        if not 1 <= column <= len(text) + 1:
            raise FixError(f"cell {index + 1} line {line} has no column {column}")
        return starts[line - 1] + column - 1

    spans = []
    for edit in edits:
        start = offset(edit.line, edit.column)
        end = offset(
            edit.end_line if edit.end_line is not None else edit.line,
            edit.end_column if edit.end_column is not None else edit.column,
        )
        if end < start:
            raise FixError(f"a replace edit in cell {index + 1} ends before it starts")
        spans.append((start, end, edit.content))
    spans.sort(key=lambda s: (s[0], s[1]))
    for (_, end_a, _), (start_b, _, _) in itertools.pairwise(spans):
        if start_b < end_a:
            raise FixError(f"two edits of one fix overlap in cell {index + 1}")
    for start, end, content in reversed(spans):
        source = source[:start] + content + source[end:]
    return source


def _has_ids(notebook: Mapping[str, Any]) -> bool:
    major = notebook.get("nbformat", 4)
    minor = notebook.get("nbformat_minor", 0)
    return (
        isinstance(major, int) and isinstance(minor, int) and (major, minor) >= (4, 5)
    )


def _fresh_id(cells: list[Any], wanted: str | None) -> str:
    import uuid

    taken = {c.get("id") for c in cells if isinstance(c, Mapping)}
    if wanted and wanted not in taken:
        return wanted
    while True:
        candidate = uuid.uuid4().hex[:8]
        if candidate not in taken:
            return candidate


#: Rounds of lint-then-fix before ``fix_notebook`` gives up on fixes that keep coming.
MAX_FIX_ROUNDS = 10


@dataclass(frozen=True)
class FixRun:
    """What ``fix_notebook`` did: how many fixes it applied, and the fixed notebook (None
    when nothing changed)."""

    applied: int
    notebook: dict[str, Any] | None


def fix_notebook(
    notebook_json: Mapping[str, Any],
    lint_once: Callable[[Mapping[str, Any]], Any],
) -> FixRun:
    """Apply every safe quick fix that ``lint_once`` (a :func:`~nbprod.lint.api.lint_report`
    on a notebook mapping) finds, lint again, and repeat until no safe fix is left.

    As ruff does, each round merges the fixes of one lint into a single set of edits
    against the notebook that lint saw, skipping a fix whose edits would overlap those
    already taken (it comes back in the next round's lint), and taking at most one fix
    that inserts a cell. Unsafe fixes are never applied; a fix whose finding survives it
    is not applied twice. A rule crash stops the run: fixing from an incomplete lint could
    fight the rule that crashed.
    """
    from .api import RuleCrashed

    current: Mapping[str, Any] = notebook_json
    applied = 0
    changed = False
    done: set[tuple[Any, ...]] = set()
    for _ in range(MAX_FIX_ROUNDS):
        report = lint_once(current)
        if report.crashes:
            raise RuleCrashed(report)
        seen = _as_read(current)
        edits: list[Edit] = []
        taken = 0
        inserts = False
        for finding in report.findings:
            fix = finding.fix
            # Cells of notebooks before nbformat 4.5 have no id: their index tells them
            # apart (lines repeat across cells: model.compile(...) in ten of them).
            key = (
                finding.code,
                finding.cell_id or finding.cell_index,
                finding.line,
                finding.column,
                finding.message,
            )
            if fix is None or fix.applicability != Applicability.SAFE or key in done:
                continue
            inserting = any(edit.kind == "insert_cell" for edit in fix.edits)
            if inserting and inserts:
                continue
            try:
                _check_edits(seen, [*edits, *fix.edits])
            except FixError:
                continue
            edits.extend(fix.edits)
            done.add(key)
            taken += 1
            inserts = inserts or inserting
        if not taken:
            break
        current = apply_fix(current, Fix("", tuple(edits))).notebook
        applied += taken
        changed = True
    return FixRun(applied, dict(current) if changed else None)


def _check_edits(notebook: Mapping[str, Any], edits: list[Edit]) -> None:
    """Raise :class:`FixError` unless ``edits`` apply together (fit, no overlap, one tag
    change per cell), without copying the notebook: the replace edits of each cell are
    applied to its source only."""
    cells = notebook.get("cells")
    if not isinstance(cells, list):
        raise FixError("the notebook has no 'cells' list")
    by_cell: dict[int, list[Edit]] = {}
    tagged: set[int] = set()
    for edit in edits:
        if edit.kind == "replace":
            by_cell.setdefault(_cell_index(cells, edit), []).append(edit)
        elif edit.kind == "set_tags":
            index = _cell_index(cells, edit)
            if index in tagged:
                raise FixError(f"two fixes set the tags of cell {index + 1}")
            tagged.add(index)
    for index, cell_edits in by_cell.items():
        _apply_replaces(_source(cells[index]), cell_edits, index)


def write_notebook(
    path: str | os.PathLike[str], notebook_json: Mapping[str, Any]
) -> None:
    """Write a notebook in Jupyter's own layout (``nbformat.write``) atomically: a temporary
    file in the same folder, renamed over the original (which keeps its permissions)."""
    import tempfile

    import nbformat

    target = Path(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nbformat warns about what it would repair
        text = nbformat.writes(nbformat.from_dict(copy.deepcopy(dict(notebook_json))))
    if not text.endswith("\n"):
        text += "\n"
    mode = target.stat().st_mode & 0o7777 if target.exists() else 0o644
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
