"""The exceptions nbprod raises. Every message says what went wrong and what to do."""

from __future__ import annotations


class NbprodError(Exception):
    """Root of every error nbprod raises on purpose (the CLI maps it to exit code 2)."""


class NotebookReadError(NbprodError):
    """The input is not a notebook nbprod can read (bad JSON, wrong shape, bad schema)."""


class ConfigError(NbprodError):
    """A `[tool.nbprod]` table or a command-line option is invalid."""


class UnknownRuleError(ConfigError):
    """A rule code or prefix matches no rule."""


class ExportError(NbprodError):
    """The notebook cannot be exported as asked; the message says what to change."""


class LintGateError(ExportError):
    """Lint found errors that export cannot resolve; fix them or pass ``--force``."""


class UnsafeOutputError(ExportError):
    """The output folder or a generated name would escape it or follow a symlink."""
