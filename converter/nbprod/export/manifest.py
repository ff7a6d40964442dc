"""The package's record of how it was exported (``.nbprod/manifest.json``), read back.

A re-export (``--check``, ``--diff``, a plain export, the Productionize dialog) rebuilds
the package from the options this record holds, not from what the machine it runs on has
installed: the package name, the report step, ``force``, a versions file's pins, and the
exact version every dependency was pinned to (``pins``). An option given again that
differs from the recorded one wins, and is said (:class:`OptionChange`); ``repin`` asks for
the versions of the running environment (or of a new versions file) instead of the
recorded pins.

Manifests written before ``pins`` was recorded still read back: their pins are taken
from the recorded base copy of ``pyproject.toml`` (checked against its recorded hash).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .resources import ExportOptions

STATE_DIR = ".nbprod"
MANIFEST = f"{STATE_DIR}/manifest.json"
BASE_DIR = f"{STATE_DIR}/base"

_PIN = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([A-Za-z0-9.+!_-]+)\s*")


@dataclass(frozen=True)
class Recorded:
    """What an earlier export recorded about its options."""

    name: str | None
    package: str
    force: bool
    report: bool
    #: pins of a versions file (``--versions``), or None when pinned from the environment
    versions: Mapping[str, str] | None
    #: every exact pin the package was generated with (distribution -> version), or
    #: None when the record has none (then the environment pins, as for a new package)
    pins: Mapping[str, str] | None


@dataclass(frozen=True)
class OptionChange:
    """An option given now that differs from the one the package was exported with."""

    option: str  # the command-line spelling: "--name", "--no-report", "--versions"...
    recorded: str
    given: str

    @property
    def message(self) -> str:
        return (
            f"option {self.option} differs from the package's manifest: recorded "
            f"{self.recorded}, given {self.given}; using {self.given}"
        )


def load(output_dir: Path) -> dict[str, Any] | None:
    """The manifest as a dict with a well-formed ``files`` table, or None."""
    path = output_dir / MANIFEST
    try:
        if path.is_symlink():
            return None
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
        return None
    files = {
        k: v
        for k, v in data["files"].items()
        if isinstance(k, str) and isinstance(v, str)
    }
    return {**data, "files": files}


def read(output_dir: Path) -> Recorded | None:
    """The recorded options of the package in ``output_dir``, or None (no package yet)."""
    data = load(output_dir)
    if data is None:
        return None
    options = data.get("options")
    options = options if isinstance(options, dict) else {}
    name = options.get("name")
    package = data.get("package")
    return Recorded(
        name=name if isinstance(name, str) else None,
        package=package if isinstance(package, str) else "",
        force=options.get("force") is True,
        report=options.get("report") is not False,
        versions=_string_map(options.get("versions")),
        pins=(
            _string_map(data["pins"])
            if "pins" in data
            else _pins_of_base(output_dir, data["files"])
        ),
    )


def pins_of(requirements: Iterable[str]) -> dict[str, str]:
    """The exact pins (``name==version``) among PEP 508 requirement strings."""
    found = {}
    for requirement in requirements:
        match = _PIN.fullmatch(requirement)
        if match:
            found[match.group(1)] = match.group(2)
    return dict(sorted(found.items()))


def reconcile(
    recorded: Recorded | None,
    *,
    name: str | None = None,
    force: bool | None = None,
    report: bool | None = None,
    versions: Mapping[str, str] | None = None,
    repin: bool = False,
) -> tuple[ExportOptions, tuple[OptionChange, ...]]:
    """The options of this export: given ones win, the rest come from the record.

    ``None`` means "not given". Without a record (a new package) the defaults apply and
    the environment (or ``versions``) pins. Returns the options and, for every given
    option that differs from the recorded one, what changed.
    """
    if recorded is None:
        return (
            ExportOptions(
                name=name,
                force=bool(force),
                report=True if report is None else report,
                versions=dict(versions) if versions is not None else None,
            ),
            (),
        )
    changes: list[OptionChange] = []
    if name is not None and name not in (recorded.name, recorded.package):
        changes.append(
            OptionChange("--name", repr(recorded.package or recorded.name), repr(name))
        )
    if force is not None and force != recorded.force:
        changes.append(
            OptionChange(
                "--force",
                "--force" if recorded.force else "no --force",
                "--force" if force else "no --force",
            )
        )
    if report is not None and report != recorded.report:
        changes.append(
            OptionChange(
                "--no-report" if not report else "--report",
                "the report step" if recorded.report else "--no-report",
                "the report step" if report else "--no-report",
            )
        )
    if versions is not None and dict(versions) != dict(recorded.versions or {}):
        changes.append(
            OptionChange(
                "--versions",
                _describe_versions(recorded.versions, recorded.pins),
                f"a versions file of {_count(versions)}"
                + _pin_differences(recorded.versions or recorded.pins, versions),
            )
        )
    elif repin and versions is None and recorded.versions is not None:
        changes.append(
            OptionChange(
                "--repin",
                _describe_versions(recorded.versions, recorded.pins),
                "the versions installed here",
            )
        )
    pinned_versions: Mapping[str, str] | None
    pins: Mapping[str, str] | None = None
    if versions is not None:
        pinned_versions = dict(versions)
    elif repin:
        pinned_versions = None
    else:
        pinned_versions = recorded.versions
        if pinned_versions is None:
            pins = recorded.pins
    if name is not None and name == recorded.package and recorded.name is None:
        name = None  # the default name, given explicitly: the record stays as it was
    options = ExportOptions(
        name=name if name is not None else recorded.name,
        force=recorded.force if force is None else force,
        report=recorded.report if report is None else report,
        versions=dict(pinned_versions) if pinned_versions is not None else None,
        pins=dict(pins) if pins is not None else None,
    )
    return options, tuple(changes)


def pin_notes(
    recorded: Recorded | None, options: ExportOptions, now: Mapping[str, str]
) -> tuple[str, ...]:
    """Sentences for reviewers: which pins moved, and which came from this machine."""
    if recorded is None:
        return ()
    before = recorded.pins or {}
    notes = []
    moved = [
        f"{dist} {before[dist]} -> {version}"
        for dist, version in now.items()
        if dist in before and before[dist] != version
    ]
    if moved:
        notes.append("re-pinned: " + ", ".join(moved))
    if options.pins is not None:
        new = [
            f"{dist}=={version}" for dist, version in now.items() if dist not in before
        ]
        if new:
            notes.append(
                "pinned from the versions installed here (the package recorded no "
                "version for them): " + ", ".join(new)
            )
    elif options.versions is None and recorded.pins is None:
        notes.append(
            "the package's manifest records no pins: dependencies were pinned to the "
            "versions installed here"
        )
    return tuple(notes)


def _string_map(value: object) -> dict[str, str] | None:
    if not isinstance(value, dict):
        return None
    return {
        k: v
        for k, v in sorted(value.items())
        if isinstance(k, str) and isinstance(v, str)
    }


def _pins_of_base(output_dir: Path, files: Mapping[str, str]) -> dict[str, str] | None:
    """Pins of a manifest that predates ``pins``: from the recorded pyproject.toml."""
    digest = files.get("pyproject.toml")
    if digest is None:
        return None
    for path in (
        output_dir / BASE_DIR / "pyproject.toml",
        output_dir / "pyproject.toml",
    ):
        try:
            if path.is_symlink():
                continue
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != digest:
            continue  # edited since: not what was generated
        import tomllib

        try:
            project = tomllib.loads(text).get("project", {})
        except tomllib.TOMLDecodeError:
            return None
        requirements = list(project.get("dependencies", []))
        for extra in project.get("optional-dependencies", {}).values():
            requirements += list(extra)
        return pins_of(r for r in requirements if isinstance(r, str))
    return None


def _count(versions: Mapping[str, str]) -> str:
    return f"{len(versions)} pin{'s' if len(versions) != 1 else ''}"


def _describe_versions(
    versions: Mapping[str, str] | None, pins: Mapping[str, str] | None
) -> str:
    if versions is not None:
        return f"a versions file of {_count(versions)}"
    if pins is not None:
        return f"the {_count(pins)} recorded in its manifest"
    return "the versions installed where it was exported"


def _pin_differences(
    before: Mapping[str, str] | None, after: Mapping[str, str], limit: int = 5
) -> str:
    if not before:
        return ""
    moved = [
        f"{dist} {before[dist]} -> {version}"
        for dist, version in sorted(after.items())
        if dist in before and before[dist] != version
    ]
    if not moved:
        return ""
    more = f", and {len(moved) - limit} more" if len(moved) > limit else ""
    return " (" + ", ".join(moved[:limit]) + more + ")"
