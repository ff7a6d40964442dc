"""Find the notebooks under the paths given on the command line.

Folders are walked recursively; ``.ipynb_checkpoints``, hidden folders, what ``.gitignore``
files exclude (those in the walked folders and above them up to the repository root), and
``[tool.nbprod] exclude`` globs are skipped. Files named explicitly are always linted.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

SKIP_DIRS = frozenset({".ipynb_checkpoints", "__pycache__", "node_modules", ".git"})


def find_notebooks(paths: Iterable[str], exclude: Iterable[str] = ()) -> Iterator[str]:
    """Yield notebook paths in a stable order (explicit files first, as given)."""
    excluded = _spec(list(exclude))
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            yield given
            continue
        yield from _walk(path, excluded)


def _spec(patterns: list[str]):
    if not patterns:
        return None
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _walk(root: Path, excluded) -> Iterator[str]:
    ignores = _parent_gitignores(root)
    for folder, dirnames, filenames in os.walk(root):
        here = Path(folder)
        local = _read_gitignore(here)
        if local is not None:
            ignores = [*ignores, (here.resolve(), local)]
        dirnames[:] = sorted(
            d
            for d in dirnames
            if d not in SKIP_DIRS
            and not d.startswith(".")
            and not _ignored(here / d, True, ignores)
        )
        for name in sorted(filenames):
            file = here / name
            if not name.endswith(".ipynb") or _ignored(file, False, ignores):
                continue
            relative = file.relative_to(root).as_posix()
            if excluded is not None and excluded.match_file(relative):
                continue
            yield str(file)


def _read_gitignore(folder: Path):
    file = folder / ".gitignore"
    if not file.is_file():
        return None
    import pathspec

    try:
        lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return pathspec.GitIgnoreSpec.from_lines(lines)


def _parent_gitignores(root: Path) -> list:
    """``.gitignore`` files above ``root``, up to the enclosing repository's root."""
    found = []
    resolved = root.resolve()
    for parent in resolved.parents:
        spec = _read_gitignore(parent)
        if spec is not None:
            found.append((parent, spec))  # parents of a resolved path are resolved
        if (parent / ".git").exists():
            break
    else:
        return []  # not in a repository: parent .gitignore files do not apply
    return list(reversed(found))


def _ignored(path: Path, is_dir: bool, ignores: list) -> bool:
    if not ignores:
        return False
    absolute = path.resolve()
    for base, spec in ignores:
        try:
            relative = absolute.relative_to(base)
        except ValueError:
            continue
        if spec.match_file(relative.as_posix() + ("/" if is_dir else "")):
            return True
    return False
