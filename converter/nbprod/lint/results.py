"""The outcome of linting one file: its findings, or the error that stopped it."""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostic import Diagnostic


@dataclass(frozen=True)
class FileResult:
    path: str
    diagnostics: tuple[Diagnostic, ...] = ()
    #: Why the file could not be linted (a NotebookReadError message), or None.
    error: str | None = None
