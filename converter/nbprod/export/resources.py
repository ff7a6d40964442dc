"""The typed records that flow through the export passes.

A pass takes a :class:`Resources` and returns a new one (``dataclasses.replace``); records
are frozen, so a pass can never change what an earlier pass produced behind its back.
:class:`Resources` is the only channel from the passes to the view model and templates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..lint.diagnostic import Diagnostic
from ..notebook import Notebook


@dataclass(frozen=True)
class ExportOptions:
    """What the user chose. Recorded in the manifest, so keep every field JSON-able."""

    #: Python package name of the generated package (default: from the notebook's name).
    name: str | None = None
    #: Export even when the lint gate finds errors.
    force: bool = False
    #: Include the optional papermill report step in ``pipeline.report.yaml``.
    report: bool = True
    #: Pin versions from this mapping (distribution -> version) instead of the running
    #: environment; tests use it so golden files do not depend on what is installed.
    versions: Mapping[str, str] | None = None
    #: The exact pins of an earlier export (distribution -> version), read back from the
    #: package's manifest: used before the running environment's versions, so that a
    #: re-export on another machine reproduces the package. Recorded in the manifest's
    #: ``pins``, not among the options.
    pins: Mapping[str, str] | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "force": self.force,
            "report": self.report,
            "versions": dict(sorted(self.versions.items())) if self.versions else None,
        }


@dataclass(frozen=True)
class WorkCell:
    """A cell as the export sees it; ``source`` is rewritten by the passes.

    ``origin`` maps each line of ``source`` (1-based, by position) to the line of the
    notebook cell it came from, or 0 for a line the export wrote; lint positions refer to
    the notebook's lines, so passes that consume findings translate through it.
    """

    index: int
    id: str | None
    kind: str  # "code" or "markdown"
    source: str
    tags: tuple[str, ...] = ()
    origin: tuple[int, ...] = ()
    #: Moved to the optional report step (display and plotting code).
    report: bool = False

    @property
    def number(self) -> int:
        """The cell number people use (1-based)."""
        return self.index + 1

    def line_of(self, notebook_line: int) -> int | None:
        """The line of ``source`` that holds notebook line ``notebook_line``, if kept."""
        for position, original in enumerate(self.origin, start=1):
            if original == notebook_line:
                return position
        return None


@dataclass(frozen=True)
class Requirement:
    """A distribution the generated package needs."""

    name: str
    #: A PEP 440 specifier (``==1.2.3``) or "" when no version is known.
    specifier: str = ""
    #: Why: "import pandas", "!pip install", "ploomber", ...
    reason: str = ""
    #: The module to import to check it is installed ("" when not known).
    module: str = ""
    #: A bound the package adds for its own convenience (fast start, working ``plot``):
    #: dropped when the notebook pins another version.
    soft: bool = False


@dataclass(frozen=True)
class Param:
    """A pipeline parameter with its default."""

    name: str
    default: Any
    type_name: str  # "int", "float", "str", "bool", "list", "dict", "None"
    cell_index: int
    origin: str  # "parameters cell", "NBP051", "heuristic: ...", ...
    #: A file the notebook reads: the default is relative to the package folder.
    is_path: bool = False


@dataclass(frozen=True)
class Secret:
    """A secret literal replaced by an environment-variable lookup."""

    variable: str
    env_var: str
    cell_index: int


@dataclass(frozen=True)
class Step:
    """A group of consecutive code cells that becomes one module and one task."""

    name: str
    title: str
    cells: tuple[int, ...]  # notebook cell indexes
    is_report: bool = False


@dataclass(frozen=True)
class Flow:
    """The dataflow of one step: what it reads from earlier steps and what it gives."""

    step: str
    #: name -> step that produces it
    inputs: Mapping[str, str]
    params: tuple[str, ...]
    secrets: tuple[str, ...]
    outputs: tuple[str, ...]
    #: output name -> "parquet", "json" or "pickle"
    formats: Mapping[str, str]
    #: output name -> notebook cell index that last defines it
    defined_in: Mapping[str, int]
    #: steps this one must run after (dataflow plus files written then read)
    after: tuple[str, ...]
    #: files the step writes (relative to the package folder), declared as products
    files: tuple[str, ...] = ()
    #: definitions re-emitted in this step because they read notebook globals
    local_defs: tuple[str, ...] = ()
    #: inputs the step changes in place: an in-memory run passes it a copy, so the
    #: upstream step's value stays what that step returned (as its stored product is)
    mutates: tuple[str, ...] = ()
    #: the report only: ``(cell index, name, step)``, the products loaded before each
    #: report cell (a name rebound further down is loaded as each cell saw it)
    loads: tuple[tuple[int, str, str], ...] = ()


@dataclass(frozen=True)
class Resources:
    """Everything the passes learn; the only input to the view model."""

    notebook: Notebook
    notebook_name: str
    notebook_dir: str | None
    output_dir: str | None
    options: ExportOptions
    package: str = ""
    cells: tuple[WorkCell, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    requirements: tuple[Requirement, ...] = ()
    params: tuple[Param, ...] = ()
    secrets: tuple[Secret, ...] = ()
    steps: tuple[Step, ...] = ()
    flows: tuple[Flow, ...] = ()
    #: names of top-level functions/classes hoisted to ``definitions.py``
    hoisted: tuple[str, ...] = ()
    #: import statements (source text) by the name they bind, in notebook order
    imports: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    def cell(self, index: int) -> WorkCell:
        for cell in self.cells:
            if cell.index == index:
                return cell
        raise KeyError(index)

    @property
    def code_cells(self) -> tuple[WorkCell, ...]:
        return tuple(c for c in self.cells if c.kind == "code")
