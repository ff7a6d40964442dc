"""What a rule's ``check`` receives, and the helpers that turn matches into findings."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cached_property

from ..analysis import CellAnalysis, NotebookAnalysis, analyse
from ..notebook import Cell, Notebook
from .diagnostic import Diagnostic, Fix
from .rule import RuleSpec


@dataclass(frozen=True)
class LintContext:
    """A notebook under lint. Rules read it and never modify it."""

    notebook: Notebook
    path: str

    @cached_property
    def analysis(self) -> NotebookAnalysis:
        return analyse(self.notebook)

    def at_node(
        self,
        spec: RuleSpec,
        cell: CellAnalysis,
        node: ast.AST,
        message: str,
        fix: Fix | None = None,
    ) -> Diagnostic:
        """A finding on the source range of an AST node."""
        line, column, end_line, end_column = cell.span(node)
        return self.at_range(
            spec, cell.cell, (line, column, end_line, end_column), message, fix
        )

    def at_range(
        self,
        spec: RuleSpec,
        cell: Cell,
        span: tuple[int, int, int, int],
        message: str,
        fix: Fix | None = None,
    ) -> Diagnostic:
        """A finding on an explicit 1-based ``(line, column, end_line, end_column)``."""
        line, column, end_line, end_column = span
        return Diagnostic(
            path=self.path,
            cell_index=cell.index,
            line=line,
            column=column,
            code=spec.code,
            end_line=end_line,
            end_column=end_column,
            name=spec.name,
            category=spec.category,
            severity=spec.severity,
            message=message,
            cell_id=cell.id,
            fix=fix,
        )

    def at_cell(
        self, spec: RuleSpec, cell: Cell, message: str, fix: Fix | None = None
    ) -> Diagnostic:
        """A finding on a whole cell (its first line; e.g. about its outputs)."""
        lines = cell.source.splitlines() or [""]
        return self.at_range(spec, cell, (1, 1, 1, len(lines[0]) + 1), message, fix)

    def on_notebook(
        self, spec: RuleSpec, message: str, fix: Fix | None = None
    ) -> Diagnostic:
        """A notebook-level finding: no cell, no position."""
        return Diagnostic(
            path=self.path,
            cell_index=None,
            line=None,
            column=None,
            code=spec.code,
            name=spec.name,
            category=spec.category,
            severity=spec.severity,
            message=message,
            fix=fix,
        )
