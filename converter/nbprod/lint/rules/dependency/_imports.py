"""Helpers shared by the dependency rules: which imports are deliberate exceptions."""

from __future__ import annotations

import ast

#: Exceptions that mark a ``try: import x`` as an optional-dependency guard.
GUARD_EXCEPTIONS = frozenset({"ImportError", "ModuleNotFoundError", "Exception"})


def guarded_imports(tree: ast.Module | None) -> set[int]:
    """``id()`` of import statements inside ``try`` blocks that catch ImportError."""
    found: set[int] = set()
    if tree is None:
        return found
    for node in ast.walk(tree):
        if isinstance(node, ast.Try | ast.TryStar) and any(
            _catches_import_error(handler) for handler in node.handlers
        ):
            for stmt in node.body:
                for inner in ast.walk(stmt):
                    if isinstance(inner, ast.Import | ast.ImportFrom):
                        found.add(id(inner))
    return found


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(isinstance(t, ast.Name) and t.id in GUARD_EXCEPTIONS for t in types)
