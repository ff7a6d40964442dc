"""``[tool.nbprod]`` in the nearest ``pyproject.toml``.

Keys: ``select`` and ``ignore`` (lists of selectors), ``per-file-ignores`` (a table of glob
-> selectors, globs relative to the ``pyproject.toml``), ``exclude`` (globs of files that
``nbprod lint`` skips when walking folders).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from fnmatch import fnmatch
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import ConfigError


@dataclass(frozen=True)
class Config:
    """Settings for the notebooks under one ``pyproject.toml``."""

    root: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = ()
    #: The pyproject.toml this came from, for error messages.
    source: Path | None = field(default=None, compare=False)

    def ignores_for(self, notebook: Path) -> tuple[str, ...]:
        """Selectors that ``per-file-ignores`` applies to ``notebook``."""
        if self.root is None or not self.per_file_ignores:
            return ()
        try:
            relative = PurePosixPath(
                notebook.resolve().relative_to(self.root).as_posix()
            )
        except ValueError:
            return ()
        found: list[str] = []
        for pattern, selectors in self.per_file_ignores:
            if fnmatch(relative.as_posix(), pattern) or relative.match(pattern):
                found.extend(selectors)
        return tuple(found)


def find_config(start: Path) -> Config:
    """The config of the nearest ``pyproject.toml`` at or above ``start`` (a folder)."""
    return _find(start.resolve())


@lru_cache(maxsize=256)
def _find(folder: Path) -> Config:
    for candidate in (folder, *folder.parents):
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file():
            table = _load(pyproject)
            if table is not None:
                return parse_config(table, root=candidate, source=pyproject)
    return Config()


def _load(pyproject: Path) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{pyproject}: cannot read it as TOML: {exc}") from None
    table = data.get("tool", {}).get("nbprod")
    return table if isinstance(table, dict) else None


def parse_config(
    table: dict[str, Any], *, root: Path | None = None, source: Path | None = None
) -> Config:
    """Validate a ``[tool.nbprod]`` table."""
    where = f"{source}: [tool.nbprod]" if source else "[tool.nbprod]"
    known = {"select", "ignore", "per-file-ignores", "exclude", "export"}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}")
    select = table.get("select")
    per_file = table.get("per-file-ignores", {})
    if not isinstance(per_file, dict):
        raise ConfigError(
            f"{where}: per-file-ignores must be a table of glob = [codes]"
        )
    return Config(
        root=root,
        select=None if select is None else _strings(select, f"{where}.select"),
        ignore=_strings(table.get("ignore", []), f"{where}.ignore"),
        per_file_ignores=tuple(
            (str(glob), _strings(codes, f"{where}.per-file-ignores.{glob}"))
            for glob, codes in sorted(per_file.items())
        ),
        exclude=_strings(table.get("exclude", []), f"{where}.exclude"),
        source=source,
    )


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of strings")
    return tuple(value)
