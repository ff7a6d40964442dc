"""The only code of the export that touches disk.

Writing is atomic and never silently overwrites a person's work:

- the new files are written to a staging folder next to the destination, then committed
  (a record written atomically) and moved into place; a crash before the commit leaves the
  old package, one after it is rolled forward by the next export: old or new, never a mix;
- names are checked before anything is written: absolute names, ``..``, backslashes and
  NUL bytes are refused, and so is a destination that is, or contains, a symlink;
- ``.nbprod/manifest.json`` records the hash of every generated file and
  ``.nbprod/base/`` the generated text itself. On regeneration a file still equal to its
  record is replaced; a file the user edited is merged three-way (record, user's, new) with
  ``merge3``; a conflicting edit is left alone and reported. Files the user added are kept.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import shutil
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UnsafeOutputError
from .manifest import BASE_DIR, MANIFEST, STATE_DIR
from .manifest import load as _load_manifest

__all__ = ["BASE_DIR", "MANIFEST", "STATE_DIR", "FileOutcome", "WritePlan"]
STAGING_SUFFIX = ".nbprod-staging"
#: In the staging folder: the list of moves, written atomically (the commit point).
COMMIT = ".nbprod-commit.json"


@dataclass(frozen=True)
class FileOutcome:
    """What happened (or would happen) to one file."""

    path: str
    #: created, updated, unchanged, merged, conflict, removed, kept (edited, no longer
    #: generated)
    status: str


@dataclass(frozen=True)
class WritePlan:
    """The destination's next state, computed without writing anything."""

    output_dir: Path
    contents: Mapping[str, str]  # final text of every generated file
    base: Mapping[str, str]  # text recorded in .nbprod/base
    removed: tuple[str, ...]
    outcomes: tuple[FileOutcome, ...]
    manifest: str
    current: Mapping[str, str | None] = field(repr=False, default_factory=dict)

    @property
    def conflicts(self) -> tuple[str, ...]:
        return tuple(o.path for o in self.outcomes if o.status == "conflict")

    def differs(self) -> bool:
        """Whether writing would change the destination (``--check``)."""
        if any(
            o.status in ("created", "updated", "merged", "removed")
            for o in self.outcomes
        ):
            return True
        if self.conflicts:
            return True
        return _read(self.output_dir / MANIFEST) != self.manifest or any(
            _read(self.output_dir / BASE_DIR / p) != text
            for p, text in self.base.items()
        )

    def diff(self) -> str:
        """A unified diff of the destination against what would be written."""
        chunks: list[str] = []
        for path, text in self.contents.items():
            old = self.current.get(path)
            if old == text:
                continue
            chunks.extend(
                difflib.unified_diff(
                    (old or "").splitlines(keepends=True),
                    text.splitlines(keepends=True),
                    fromfile=f"a/{path}" if old is not None else "/dev/null",
                    tofile=f"b/{path}",
                )
            )
        for path in self.removed:
            old = self.current.get(path) or ""
            chunks.extend(
                difflib.unified_diff(
                    old.splitlines(keepends=True),
                    [],
                    fromfile=f"a/{path}",
                    tofile="/dev/null",
                )
            )
        return "".join(line if line.endswith("\n") else line + "\n" for line in chunks)


def check_name(path: str) -> str:
    """Refuse a generated name that could leave the destination."""
    if (
        not path
        or "\x00" in path
        or "\\" in path
        or path.startswith("/")
        or (len(path) > 1 and path[1] == ":")
    ):
        raise UnsafeOutputError(f"refusing to write {path!r}: not a relative name")
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts) or len(path) > 1024:
        raise UnsafeOutputError(
            f"refusing to write {path!r}: it would leave the folder"
        )
    return path


def check_destination(output_dir: Path) -> None:
    """Refuse a destination that is, or contains, a symlink."""
    if output_dir.is_symlink():
        raise UnsafeOutputError(
            f"{output_dir.name!r} is a symlink; export into a real folder"
        )
    if output_dir.exists() and not output_dir.is_dir():
        raise UnsafeOutputError(f"{output_dir.name!r} exists and is not a folder")
    if not output_dir.exists():
        return
    for root, dirs, files in os.walk(output_dir):
        for name in dirs + files:
            if os.path.islink(os.path.join(root, name)):
                rel = os.path.relpath(os.path.join(root, name), output_dir)
                raise UnsafeOutputError(
                    f"the output folder contains the symlink {rel!r}; nbprod never "
                    "writes through symlinks: remove it or export elsewhere"
                )


def plan_write(
    output_dir: Path, generated: Mapping[str, str], manifest_data: Mapping[str, Any]
) -> WritePlan:
    """Decide every file's next content: replace, merge, or keep (conflict)."""
    # Absolute, so that "." has a name and a parent: the staging folder is a sibling.
    output_dir = Path(os.path.abspath(output_dir))
    recover(output_dir)
    check_destination(output_dir)
    for path in generated:
        check_name(path)
    old_manifest = _load_manifest(output_dir)
    recorded: dict[str, str] = old_manifest.get("files", {}) if old_manifest else {}
    contents: dict[str, str] = {}
    base: dict[str, str] = {}
    outcomes: list[FileOutcome] = []
    current: dict[str, str | None] = {}
    for path, new in generated.items():
        cur = _read(output_dir / path)
        current[path] = cur
        old_base = _read(output_dir / BASE_DIR / path) if path in recorded else None
        if old_base is not None and _sha(old_base) != recorded[path]:
            old_base = None  # the record was edited: do not trust it
        base[path] = new
        if cur is None:
            contents[path], status = new, "created"
        elif cur == new:
            contents[path], status = new, "unchanged"
        elif path in recorded and _sha(cur) == recorded[path]:
            contents[path], status = new, "updated"
        elif old_base is not None:
            merged = _merge(old_base, cur, new)
            if merged is None:
                contents[path], status = cur, "conflict"
                base[path] = old_base
            else:
                contents[path], status = merged, (
                    "merged" if merged != cur else "unchanged"
                )
        else:
            contents[path], status = cur, "conflict"
            base.pop(path)
        outcomes.append(FileOutcome(path, status))
    removed: list[str] = []
    for path, digest in sorted(recorded.items()):
        if path in generated:
            continue
        check_name(path)
        cur = _read(output_dir / path)
        current[path] = cur
        if cur is None:
            continue
        if _sha(cur) == digest:
            removed.append(path)
            outcomes.append(FileOutcome(path, "removed"))
        else:
            outcomes.append(FileOutcome(path, "kept"))
    manifest = dict(manifest_data)
    manifest["files"] = {p: _sha(t) for p, t in sorted(base.items())}
    text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    return WritePlan(
        output_dir, contents, base, tuple(removed), tuple(outcomes), text, current
    )


def write(plan: WritePlan) -> None:
    """Apply a plan atomically: stage every file, commit, then move them into place.

    Everything is written to a staging folder next to the destination first. A new
    destination is then one ``rename``. An existing one gets a commit record (written
    atomically) and then one ``os.replace`` per file; a crash before the record leaves
    the old package, a crash after it is rolled forward by :func:`recover`, which every
    export runs first. The destination folder itself is never replaced, so a shell whose
    current folder is the package keeps working, and files the user added stay put.
    """
    target = Path(os.path.abspath(plan.output_dir))
    parent = target.parent
    if target == parent:
        raise UnsafeOutputError("refusing to export into the file system root")
    parent.mkdir(parents=True, exist_ok=True)
    staging = _staging(target)
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    try:
        files = dict(plan.contents)
        files.update({f"{BASE_DIR}/{p}": t for p, t in plan.base.items()})
        files[MANIFEST] = plan.manifest
        for path, text in files.items():
            _write_text(staging / path, text)
        if not target.exists():
            os.rename(staging, target)
            return
        stale_base = [
            f"{BASE_DIR}/{p}" for p in _recorded_base(target) if p not in plan.base
        ]
        journal = {"replace": sorted(files), "remove": [*plan.removed, *stale_base]}
        _write_text(staging / f"{COMMIT}.tmp", json.dumps(journal))
        os.replace(staging / f"{COMMIT}.tmp", staging / COMMIT)  # the commit point
        _roll_forward(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def recover(output_dir: Path) -> None:
    """Finish a write a crash interrupted after its commit point, or drop its staging."""
    target = Path(os.path.abspath(output_dir))
    staging = _staging(target)
    if not staging.is_dir() or staging.is_symlink():
        return
    if (staging / COMMIT).is_file() and target.is_dir() and not target.is_symlink():
        _roll_forward(staging, target)
    shutil.rmtree(staging, ignore_errors=True)


def _staging(target: Path) -> Path:
    return target.parent / f".{target.name}{STAGING_SUFFIX}"


def _roll_forward(staging: Path, target: Path) -> None:
    journal = json.loads((staging / COMMIT).read_text(encoding="utf-8"))
    for path in journal["replace"]:
        source = staging / check_name(path)
        if not source.exists():
            continue  # moved before the crash
        destination = target / path
        _safe_parents(target, path)
        os.replace(source, destination)
    for path in journal["remove"]:
        destination = target / check_name(path)
        _safe_parents(target, path)
        if destination.is_file() and not destination.is_symlink():
            destination.unlink()


def _safe_parents(target: Path, path: str) -> None:
    """Create the folders of ``path`` inside ``target``, refusing any symlink on the way."""
    current = target
    for part in path.split("/")[:-1]:
        current = current / part
        if current.is_symlink():
            raise UnsafeOutputError(f"refusing to write through the symlink {part!r}")
        if not current.exists():
            current.mkdir()


def _recorded_base(target: Path) -> list[str]:
    manifest = _load_manifest(target)
    return sorted(manifest["files"]) if manifest else []


def _write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR | stat.S_IRGRP | stat.S_IROTH)


def _merge(base: str, mine: str, theirs: str) -> str | None:
    import merge3

    m = merge3.Merge3(
        base.splitlines(keepends=True),
        mine.splitlines(keepends=True),
        theirs.splitlines(keepends=True),
    )
    if any(region[0] == "conflict" for region in m.merge_regions()):
        return None
    return "".join(m.merge_lines())


def _read(path: Path) -> str | None:
    try:
        if path.is_symlink():
            raise UnsafeOutputError(f"refusing to read the symlink {path.name!r}")
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None
    except UnicodeDecodeError:
        return "\ufffd"  # not text: never equal to generated text, so never replaced


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sha_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
