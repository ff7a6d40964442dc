"""What ``from module import *`` binds, read from the installed module's source.

A star import hides which names a cell defines, so the hidden-state rules used to give up
on any notebook with one. For most libraries the answer is written down: a literal
``__all__`` in the module's source. This module finds that source on ``sys.path`` and
reads it with ``ast``; it never imports or runs anything (``importlib.util.find_spec``
would import parent packages, so the search is done by hand).
"""

from __future__ import annotations

import ast
import sys
from functools import lru_cache
from pathlib import Path

#: Source files larger than this are not read (bounded cost per star import).
MAX_SOURCE_BYTES = 2_000_000


def star_import_names(
    module: str, notebook_dir: str | None = None
) -> frozenset[str] | None:
    """The names ``from module import *`` binds, or None when that cannot be known
    without running code (no source found, ``__all__`` computed, nested star imports).

    The notebook's own folder is searched first (a local ``helpers.py`` is what the
    notebook imports), then installed packages; never nbprod's working directory.
    """
    return _names(module, notebook_dir)


@lru_cache(maxsize=256)
def _names(module: str, notebook_dir: str | None) -> frozenset[str] | None:
    if not module or module.startswith("."):
        return None
    source = _find_source(module.split("."), notebook_dir)
    if source is None:
        return None
    try:
        if source.stat().st_size > MAX_SOURCE_BYTES:
            return None
        tree = ast.parse(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError, RecursionError):
        return None
    return _exported(tree)


def _find_source(parts: list[str], notebook_dir: str | None) -> Path | None:
    cwd = Path.cwd()
    installed = [Path(e) for e in sys.path if e and Path(e).resolve() != cwd]
    for base in [*([Path(notebook_dir)] if notebook_dir else []), *installed]:
        if not base.is_dir():
            continue
        found = _in_folder(base, parts)
        if found is not None:
            return found
    return None


def _in_folder(base: Path, parts: list[str]) -> Path | None:
    folder = base
    for part in parts[:-1]:
        folder = folder / part
        if not (folder / "__init__.py").is_file():
            return None
    last = parts[-1]
    for candidate in (folder / last / "__init__.py", folder / f"{last}.py"):
        if candidate.is_file():
            return candidate
    return None


def _exported(tree: ast.Module) -> frozenset[str] | None:
    mentions = sum(
        1 for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == "__all__"
    )
    literal_assignments = 0
    declared: list[str] | None = None
    public: set[str] = set()
    conditional = False
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
                values = _strings(stmt.value)
                if values is None:
                    return None  # computed __all__: unknowable statically
                if isinstance(stmt, ast.AugAssign):
                    declared = [*(declared or []), *values]
                else:
                    declared = values
                literal_assignments += 1
                continue
        star = isinstance(stmt, ast.ImportFrom) and any(
            a.name == "*" for a in stmt.names
        )
        if star and declared is None:
            return None  # re-exports whatever another module exports
        if isinstance(stmt, ast.If | ast.Try | ast.For | ast.While | ast.With):
            conditional = True  # names bound in blocks: only __all__ is reliable
        public |= _bound_names(stmt)
    if declared is not None:
        if mentions != literal_assignments:
            return None  # `__all__.extend(...)` and the like: computed after all
        return frozenset(declared)
    if conditional:
        return None
    return frozenset(name for name in public if not name.startswith("_"))


def _strings(value: ast.expr | None) -> list[str] | None:
    if isinstance(value, ast.List | ast.Tuple) and all(
        isinstance(e, ast.Constant) and isinstance(e.value, str) for e in value.elts
    ):
        return [e.value for e in value.elts]  # type: ignore[attr-defined]
    return None


def _bound_names(stmt: ast.stmt) -> set[str]:
    if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return {stmt.name}
    if isinstance(stmt, ast.Import):
        return {(a.asname or a.name).split(".")[0] for a in stmt.names}
    if isinstance(stmt, ast.ImportFrom):
        return {a.asname or a.name for a in stmt.names if a.name != "*"}
    targets: list[ast.expr] = []
    if isinstance(stmt, ast.Assign):
        targets = list(stmt.targets)
    elif isinstance(stmt, ast.AnnAssign | ast.AugAssign):
        targets = [stmt.target]
    return {
        n.id for target in targets for n in ast.walk(target) if isinstance(n, ast.Name)
    }
