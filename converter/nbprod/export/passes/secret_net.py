"""The last net: no generated file may hold a secret from the notebook, whoever put it there.

Runs after rendering, over every generated file, with the detection of the ``secret``
lint rules in its strict form (Python files as code, other files as text where a
credential name followed by any non-placeholder value counts). It does not trust the
passes: a secret that a template, a heading or a pass let through stops the export.

A match counts when its text comes from the notebook (it occurs in a cell's source,
output or metadata): the generator's own strings (``"db_password": "cell 1"`` in a table
of where values come from) are not the notebook's secrets. Every value the secrets pass
replaced is also searched for verbatim. The message names the file, the line and the
kind of secret, never the value.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterable, Mapping

from ...errors import ExportError
from ...notebook import Notebook


def check(
    files: Mapping[str, str], notebook: Notebook, values: Iterable[str] = ()
) -> None:
    """Raise :class:`ExportError` if any file of ``files`` holds a secret."""
    from ...lint.rules.secret._detect import _Lines, article, scan_source, scan_text

    origin = _notebook_text(notebook)
    for path, text in files.items():
        if path.endswith(".py"):
            matches = scan_source(text, _parse(text))
        else:
            matches = scan_text(text, prose=False)
        lines = _Lines(text)
        for match in matches:
            start = lines.offset(match.line, match.column)
            end = lines.offset(match.end_line, match.end_column)
            if not _from_notebook(text[start:end], origin):
                continue
            raise ExportError(
                f"{path}, line {match.line}: {article(match.kind)} from the notebook "
                "would be written; export stopped. Read it with os.environ[...] in the "
                "notebook (or remove it), then revoke it"
            )
    for value in values:
        if len(value) < 4:
            continue
        for path, text in files.items():
            if value in text:
                raise ExportError(
                    f"a secret value would be written to {path}; export stopped "
                    "(this is a bug in nbprod: please report it without the value)"
                )


def _notebook_text(notebook: Notebook) -> str:
    """Everything a secret could come from: sources, outputs, metadata (as JSON too)."""
    parts: list[str] = []
    for cell in notebook.cells:
        parts.append(cell.source)
        parts.append(_dump(getattr(cell, "outputs", None)))
        parts.append(_dump(getattr(cell, "metadata", None)))
    parts.append(_dump(notebook.metadata))
    return "\n".join(parts)


def _dump(value: object) -> str:
    if not value:
        return ""
    try:
        return json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError, RecursionError):
        return ""


def _from_notebook(found: str, origin: str) -> bool:
    value = found.strip()
    if not value:
        return False
    candidates = {value, value.strip("'\"")}
    try:
        decoded = ast.literal_eval(value)
    except (ValueError, SyntaxError, MemoryError, RecursionError, TypeError):
        decoded = None
    if isinstance(decoded, bytes):
        decoded = decoded.decode("latin-1")
    if isinstance(decoded, str):
        candidates.add(decoded)
    return any(len(c) >= 4 and c in origin for c in candidates)


def _parse(text: str) -> ast.Module | None:
    try:
        return ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
