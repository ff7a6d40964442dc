"""Imports, aliases, and the qualified names of what a notebook calls.

``import numpy as np`` then ``np.random.seed(0)`` resolves to ``numpy.random.seed``;
``from sklearn.model_selection import train_test_split as tts`` then ``tts(X, y)`` resolves
to ``sklearn.model_selection.train_test_split``. Rules match on these names, so an alias
never hides a pattern.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .names import BUILTIN_NAMES


@dataclass(frozen=True)
class ImportRecord:
    """One imported name: ``module`` is the full dotted module, ``name`` the object."""

    module: str
    name: str | None
    bound_as: str
    node: ast.stmt = field(compare=False, repr=False)

    @property
    def qualified(self) -> str:
        return f"{self.module}.{self.name}" if self.name else self.module

    @property
    def top_level(self) -> str:
        return self.module.split(".")[0]

    @property
    def is_star(self) -> bool:
        return self.name == "*"


def imports_of(nodes: Iterable[ast.AST]) -> tuple[ImportRecord, ...]:
    """Every import statement among a cell's nodes (including inside functions)."""
    found: list[ImportRecord] = []
    for node in nodes:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    found.append(ImportRecord(alias.name, None, alias.asname, node))
                else:
                    top = alias.name.split(".")[0]
                    found.append(ImportRecord(alias.name, None, top, node))
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            for alias in node.names:
                bound = alias.asname or alias.name
                found.append(ImportRecord(module, alias.name, bound, node))
    found.sort(key=lambda rec: (rec.node.lineno, rec.node.col_offset))
    return tuple(found)


def alias_table(imports: list[ImportRecord]) -> dict[str, str]:
    """Map each bound name to the dotted name it stands for."""
    table: dict[str, str] = {}
    for rec in imports:
        if rec.is_star:
            continue
        if rec.name is None and rec.bound_as == rec.top_level and "." in rec.module:
            table.setdefault(rec.bound_as, rec.top_level)  # `import os.path` binds `os`
        else:
            table[rec.bound_as] = rec.qualified
    return table


def qualified_name(node: ast.AST, aliases: Mapping[str, str]) -> str | None:
    """The dotted name an expression refers to, resolved through imports.

    Returns ``builtins.<name>`` for unshadowed builtins, and ``None`` for anything that is
    not a chain of attributes on an imported name (``df.head`` is a method on data).
    """
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    base = aliases.get(node.id)
    if base is None:
        if node.id in BUILTIN_NAMES and not parts:
            return f"builtins.{node.id}"
        return None
    return ".".join([base, *reversed(parts)])


def dotted(node: ast.AST) -> str | None:
    """The literal dotted text of a name or attribute chain (``df.head``), or None."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return ".".join([node.id, *reversed(parts)])
    return None
