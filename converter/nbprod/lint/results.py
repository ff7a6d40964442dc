"""The outcome of linting one file: its findings, or the error that stopped it."""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostic import Diagnostic, RuleCrash


@dataclass(frozen=True)
class FileResult:
    path: str
    diagnostics: tuple[Diagnostic, ...] = ()
    #: Why the file could not be linted (a NotebookReadError message), or None.
    error: str | None = None
    #: Rules that crashed on this file; every other rule's findings are in diagnostics.
    crashes: tuple[RuleCrash, ...] = ()

    @property
    def failed(self) -> bool:
        """The file could not be read, or a rule crashed on it (exit code 2)."""
        return self.error is not None or bool(self.crashes)
