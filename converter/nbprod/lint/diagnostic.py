"""The records a lint run produces: findings, fixes and their edits, and rule crashes.

These are the wire format too: :meth:`Diagnostic.to_json` gives exactly the object that
``nbprod lint --format json`` prints and the JupyterLab extension consumes, described by
``findings.schema.json`` next to this module.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.StrEnum):
    """How much a finding matters; ``error`` stops an export unless forced."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


class Category(enum.StrEnum):
    """The fixed category vocabulary of PRODUCT.md; every rule declares exactly one."""

    EXECUTION_ORDER = "execution-order"
    HIDDEN_STATE = "hidden-state"
    HARDCODED_PATH = "hardcoded-path"
    SECRET = "secret"
    SHELL_INSTALL = "shell-install"
    MISSING_PARAMETERS = "missing-parameters"
    UNSEEDED_RANDOMNESS = "unseeded-randomness"
    DATA_LEAKAGE = "data-leakage"
    LOCAL_ARTIFACT = "local-artifact"
    INTERACTIVE = "interactive"
    DEMO_OUTPUT = "demo-output"
    DEMO_SUBSET = "demo-subset"
    DEPENDENCY = "dependency"
    SILENCED_WARNINGS = "silenced-warnings"
    NETWORK_FETCH = "network-fetch"


class Applicability(enum.StrEnum):
    """Whether a fix can be applied without review (after ruff's fix safety)."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True)
class Edit:
    """One change to a notebook.

    ``kind`` is ``replace`` (replace the 1-based range of cell ``cell_index`` by
    ``content``), ``insert_cell`` (insert a new code cell with ``content`` and ``tags`` at
    position ``cell_index``), or ``set_tags`` (set the tags of cell ``cell_index``).
    """

    kind: str
    cell_index: int
    cell_id: str | None = None
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    content: str = ""
    tags: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "cell_index": self.cell_index,
            "cell_id": self.cell_id,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "content": self.content,
            "tags": list(self.tags),
        }


@dataclass(frozen=True)
class Fix:
    """A set of edits that together resolve a finding."""

    message: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    def to_json(self) -> dict[str, Any]:
        return {
            "message": self.message,
            "applicability": self.applicability.value,
            "edits": [edit.to_json() for edit in self.edits],
        }


@dataclass(frozen=True)
class Diagnostic:
    """A finding. Positions are 1-based within the cell; all None for the notebook."""

    path: str
    cell_index: int | None
    line: int | None
    column: int | None
    code: str
    end_line: int | None = None
    end_column: int | None = None
    name: str = field(default="", compare=False)
    category: Category = field(default=Category.DEPENDENCY, compare=False)
    severity: Severity = field(default=Severity.WARNING, compare=False)
    message: str = field(default="", compare=False)
    cell_id: str | None = field(default=None, compare=False)
    fix: Fix | None = field(default=None, compare=False)

    def sort_key(self) -> tuple[Any, ...]:
        return (
            self.path,
            -1 if self.cell_index is None else self.cell_index,
            self.line or 0,
            self.column or 0,
            self.code,
            self.message,
        )

    def to_json(self) -> dict[str, Any]:
        """The wire format (``findings.schema.json``): exactly these keys."""
        return {
            "path": self.path,
            "code": self.code,
            "name": self.name,
            "category": self.category.value,
            "severity": self.severity.value,
            "message": self.message,
            "cell_id": self.cell_id,
            "cell_index": self.cell_index,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "fix": self.fix.to_json() if self.fix else None,
        }


@dataclass(frozen=True)
class RuleCrash:
    """A rule that raised an exception instead of returning its findings: a bug in nbprod.

    It carries the rule and the exception's type only: an exception's message or
    traceback can quote the notebook (a secret in a literal), so neither leaves nbprod
    (``NBPROD_DEBUG=1`` re-raises it instead, for whoever debugs nbprod).
    """

    path: str
    code: str
    name: str
    exception: str

    @property
    def message(self) -> str:
        return (
            f"rule {self.code} ({self.name}) crashed with {self.exception}, so its "
            "findings may be incomplete; this is a bug in nbprod, please report it "
            "(NBPROD_DEBUG=1 shows the traceback)"
        )

    def to_json(self) -> dict[str, Any]:
        """The wire format (``RuleCrash`` of ``findings.schema.json``)."""
        return {
            "path": self.path,
            "code": self.code,
            "name": self.name,
            "exception": self.exception,
            "message": self.message,
        }
