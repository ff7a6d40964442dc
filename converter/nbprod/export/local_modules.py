"""Modules the notebook imports from its own folder: copied into the package, not required.

A notebook that does ``import helpers`` next to ``helpers.py``, or ``sys.path.append('..')``
then ``from utils import f``, imports code that is not on PyPI: declaring it as a
requirement makes the package uninstallable (or, worse, installs someone else's ``utils``).
The export copies such modules (a ``.py`` file or a package folder) under
``src/<package>/local/`` and rewrites the imports to ``from <package>.local import ...``.
Only the notebook's folder and the folders the notebook adds to ``sys.path`` with a literal
path are searched; nothing is imported or run.
"""

from __future__ import annotations

import ast
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import ExportError

#: Subpackage of the generated package that holds the copies.
FOLDER = "local"
#: Bounds of what is copied: a "module" larger than this is not a helper file.
MAX_FILES = 200
MAX_BYTES = 5_000_000
_SKIP_DIRS = frozenset({"__pycache__", ".ipynb_checkpoints", ".git"})


@dataclass(frozen=True)
class LocalModule:
    """A module found beside the notebook."""

    name: str  # top-level import name
    path: Path  # the .py file or the package folder
    cell: int  # notebook cell index of the first import


def search_dirs(notebook_dir: str, sources: Iterable[tuple[int, str]]) -> list[Path]:
    """The notebook's folder, then every literal folder given to ``sys.path``."""
    base = Path(notebook_dir)
    found = [base]
    for _index, source in sources:
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("append", "insert")
                and ast.unparse(node.func.value) == "sys.path"
                and node.args
            ):
                continue
            literal = _literal_path(node.args[-1])
            if literal is not None:
                folder = (base / literal).resolve()
                if folder.is_dir() and folder not in found:
                    found.append(folder)
    return found


def _literal_path(node: ast.expr) -> str | None:
    """``'..'``, ``os.path.abspath('..')``, ``os.path.join('..', 'src')``, ``str(Path('..'))``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Call) and node.args:
        func = ast.unparse(node.func)
        parts = [_literal_path(a) for a in node.args]
        if any(p is None for p in parts):
            return None
        if func in (
            "os.path.abspath",
            "os.path.realpath",
            "str",
            "Path",
            "pathlib.Path",
        ):
            return parts[0] if len(parts) == 1 else None
        if func == "os.path.join":
            return os.path.join(*[p for p in parts if p is not None])
    return None


def find(
    modules: Iterable[tuple[str, int]], dirs: list[Path]
) -> dict[str, LocalModule]:
    """Local modules among ``(import name, cell index)`` pairs, by top-level name."""
    found: dict[str, LocalModule] = {}
    for module, cell in modules:
        top = module.split(".")[0]
        if not top or top in found or top in sys.stdlib_module_names:
            continue
        for folder in dirs:
            file = folder / f"{top}.py"
            package = folder / top / "__init__.py"
            if package.is_file():
                found[top] = LocalModule(top, package.parent, cell)
                break
            if file.is_file():
                found[top] = LocalModule(top, file, cell)
                break
    return found


def copies(local: dict[str, LocalModule], package: str) -> dict[str, str]:
    """The copied sources by path relative to ``src/<package>/``, imports rewritten."""
    files: dict[str, str] = {}
    for mod in local.values():
        if mod.path.is_file():
            members = [(f"{mod.name}.py", mod.path)]
        else:
            members = [
                (f"{mod.name}/{p.relative_to(mod.path).as_posix()}", p)
                for p in sorted(mod.path.rglob("*.py"))
                if not _SKIP_DIRS & set(p.relative_to(mod.path).parts)
            ]
        size = sum(p.stat().st_size for _r, p in members)
        if len(members) > MAX_FILES or size > MAX_BYTES:
            raise ExportError(
                f"cell {mod.cell + 1} imports {mod.name!r} from {mod.path}, which is too "
                f"large to copy into the package ({len(members)} files, {size} bytes); "
                "install it as a package (pip install -e) and import it from there"
            )
        for relative, path in members:
            text = path.read_text(encoding="utf-8", errors="replace")
            files[f"{FOLDER}/{relative}"] = rewrite_imports(text, set(local), package)
    if files:
        files[f"{FOLDER}/__init__.py"] = (
            '"""Modules the notebook imported from its own folder, copied by nbprod."""\n'
        )
    return dict(sorted(files.items()))


def rewrite_line(line: str, local: set[str], package: str) -> str:
    """One ``import``/``from`` line of the notebook, pointed at the copies."""
    try:
        tree = ast.parse(line)
    except SyntaxError:
        return line
    if len(tree.body) != 1:
        return line
    return _rewrite(tree.body[0], local, package) or line


def _rewrite(stmt: ast.stmt, local: set[str], package: str) -> str | None:
    prefix = f"{package}.{FOLDER}"
    if isinstance(stmt, ast.ImportFrom) and stmt.level == 0 and stmt.module:
        if stmt.module.split(".")[0] not in local:
            return None
        names = ", ".join(
            a.name + (f" as {a.asname}" if a.asname else "") for a in stmt.names
        )
        return f"from {prefix}.{stmt.module} import {names}"
    if isinstance(stmt, ast.Import):
        if not any(a.name.split(".")[0] in local for a in stmt.names):
            return None
        lines = []
        for a in stmt.names:
            top, _, rest = a.name.partition(".")
            if top not in local:
                lines.append(
                    f"import {a.name}" + (f" as {a.asname}" if a.asname else "")
                )
            elif a.asname and rest:
                head, _, last = a.name.rpartition(".")
                lines.append(f"from {prefix}.{head} import {last} as {a.asname}")
            elif a.asname:
                lines.append(f"from {prefix} import {top} as {a.asname}")
            else:
                if rest:  # ``import a.b`` binds ``a`` and loads ``a.b``
                    lines.append(f"import {prefix}.{a.name}")
                lines.append(f"from {prefix} import {top}")
        return "\n".join(lines)
    return None


def rewrite_imports(text: str, local: set[str], package: str) -> str:
    """A copied module's absolute imports of other copied modules, pointed at the copies.

    Only whole import statements change; a module that does not parse is copied as is.
    """
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return text
    # ast counts lines at \r\n, \r and \n only (str.splitlines also splits at \f ...)
    lines = re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)
    edits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            new = _rewrite(node, local, package)
            if new is not None and node.end_lineno is not None:
                edits.append((node.lineno, node.end_lineno, node, new))
    for start, end, node, new in sorted(edits, key=lambda e: e[:2], reverse=True):
        first = lines[start - 1].encode("utf-8")
        head = first[: node.col_offset].decode("utf-8", "replace")
        if head.strip():  # ``x = 1; import a``: left as it is
            continue
        last = lines[end - 1].encode("utf-8")
        rest = last[node.end_col_offset or 0 :].decode("utf-8", "replace")
        lines[start - 1 : end] = [head + ("\n" + head).join(new.split("\n")) + rest]
    return "".join(lines)


def module_imports(text: str) -> list[str]:
    """Top-level absolute imports of a copied module (what it needs installed).

    Imports inside ``try``, functions or ``if`` blocks are optional by intent and left out.
    """
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    found: list[str] = []
    for stmt in tree.body:
        if isinstance(stmt, ast.Import):
            found += [a.name for a in stmt.names]
        elif isinstance(stmt, ast.ImportFrom) and stmt.level == 0 and stmt.module:
            found.append(stmt.module)
    return found
