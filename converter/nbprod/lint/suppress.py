"""Suppressions: ``# noqa`` comments, cell tags, and notebook metadata.

- ``# noqa: NBP020, NBP021`` on a line suppresses those codes on that line;
  a bare ``# noqa`` suppresses every code there.
- A cell tag ``nbprod:ignore=NBP020`` suppresses that selector in the cell (nbformat
  forbids commas in tags: add one tag per selector); a bare ``nbprod:ignore`` tag
  suppresses every code in the cell.
- Notebook metadata ``{"nbprod": {"ignore": ["NBP020"]}}`` suppresses codes everywhere in
  the notebook. Selectors there may be codes, prefixes, names or categories.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..errors import UnknownRuleError
from ..notebook import Cell, Notebook
from .diagnostic import Diagnostic
from .rule import Rule
from .selection import resolve

NOQA = re.compile(
    r"#\s*noqa(?::\s*(?P<codes>[A-Za-z0-9]+(?:[\s,]+[A-Za-z0-9]+)*))?", re.I
)
TAG_PREFIX = "nbprod:ignore"


def line_noqa(line: str) -> frozenset[str] | None:
    """Codes a line's ``# noqa`` suppresses; ``{"*"}`` for a bare noqa; None if none."""
    match = NOQA.search(line)
    if match is None:
        return None
    codes = match.group("codes")
    if not codes:
        return frozenset({"*"})
    return frozenset(code.upper() for code in re.split(r"[\s,]+", codes) if code)


def tag_ignores(cell: Cell, rules: Iterable[Rule]) -> frozenset[str]:
    """Codes suppressed in a cell by ``nbprod:ignore`` tags."""
    found: set[str] = set()
    for tag in cell.tags:
        if tag == TAG_PREFIX:
            return frozenset({"*"})
        if tag.startswith(TAG_PREFIX + "="):
            found |= _tolerant(tag.split("=", 1)[1], rules)
    return frozenset(found)


def metadata_ignores(notebook: Notebook, rules: Iterable[Rule]) -> frozenset[str]:
    """Codes suppressed for the whole notebook by its ``nbprod.ignore`` metadata."""
    section = notebook.metadata.get("nbprod")
    selectors = section.get("ignore", []) if isinstance(section, dict) else []
    found: set[str] = set()
    for selector in selectors if isinstance(selectors, list) else []:
        if isinstance(selector, str):
            found |= _tolerant(selector, rules)
    return frozenset(found)


def _tolerant(selector: str, rules: Iterable[Rule]) -> set[str]:
    """Resolve a selector written in a notebook; unknown ones (say, a rule of a newer
    nbprod) suppress nothing instead of failing the run."""
    if not selector.strip():
        return set()
    try:
        return resolve(selector, rules)
    except UnknownRuleError:
        return set()


def is_suppressed(
    diagnostic: Diagnostic,
    notebook: Notebook,
    rules: tuple[Rule, ...],
    notebook_ignores: frozenset[str],
) -> bool:
    """Whether any suppression mechanism covers ``diagnostic``."""
    if diagnostic.code in notebook_ignores:
        return True
    if diagnostic.cell_index is None:
        return False
    cell = notebook.cells[diagnostic.cell_index]
    ignored = tag_ignores(cell, rules)
    if "*" in ignored or diagnostic.code in ignored:
        return True
    if diagnostic.line is None:
        return False
    lines = cell.source.splitlines()
    last = diagnostic.end_line or diagnostic.line
    for number in range(diagnostic.line, min(last, len(lines)) + 1):
        codes = line_noqa(lines[number - 1])
        if codes is not None and ("*" in codes or diagnostic.code in codes):
            return True
    return False
