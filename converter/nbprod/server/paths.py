"""Confine request paths to the server root.

Every path a client sends is relative to the root the contents manager serves. Anything
that could name a file elsewhere, or a hidden file, is refused before the file system is
touched: ``..`` segments (also percent-encoded), absolute and drive paths, backslashes,
NUL, hidden segments, and symlinks whose target leaves the root.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from ..errors import NbprodError

#: Longest relative path accepted (characters).
MAX_PATH_CHARS = 4096

_DRIVE = re.compile(r"^[A-Za-z]:")


class PathRefused(NbprodError):
    """A client path is not a plain relative path inside the server root."""


def check_relative(path: object, *, field: str = "path") -> str:
    """Validate the shape of a client path and return it in normalised POSIX form."""
    if not isinstance(path, str):
        raise PathRefused(
            f"'{field}' must be a string path relative to the server root"
        )
    if not path or len(path) > MAX_PATH_CHARS:
        raise PathRefused(
            f"'{field}' must be a non-empty path of at most 4096 characters"
        )
    for candidate in {path, unquote(path)}:
        if "\x00" in candidate:
            raise PathRefused(f"'{field}' contains a NUL character")
        if "\\" in candidate or _DRIVE.match(candidate):
            raise PathRefused(
                f"'{field}' must use '/' separators and be relative to the server root"
            )
        if candidate.startswith("/"):
            raise PathRefused(
                f"'{field}' must be relative to the server root, not absolute"
            )
        segments = [s for s in candidate.split("/") if s not in ("", ".")]
        if not segments:
            raise PathRefused(f"'{field}' names the server root, not a file")
        for segment in segments:
            if segment == "..":
                raise PathRefused(f"'{field}' must not contain '..' segments")
            if segment.startswith("."):
                raise PathRefused(
                    f"'{field}' names a hidden file or folder; nbprod refuses those"
                )
    return "/".join(s for s in path.split("/") if s not in ("", "."))


def resolve_inside(
    root_dir: str, path: object, *, field: str = "path"
) -> tuple[str, Path]:
    """Return ``(relative, absolute)`` for a client path, refusing any escape from the root.

    The absolute path has its symlinks resolved; it must lie inside the resolved root
    (compared by path components, so ``/root-secrets`` is not inside ``/root``). The file
    need not exist.
    """
    relative = check_relative(path, field=field)
    root = Path(root_dir).resolve()
    target = (root / relative).resolve()
    if target != root and not target.is_relative_to(root):
        raise PathRefused(
            f"'{field}' leads outside the server root (through a symlink?)"
        )
    if target == root:
        raise PathRefused(f"'{field}' names the server root, not a file")
    return relative, target
