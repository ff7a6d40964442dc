"""Shared by the demo-subset rules: the names a notebook declares as parameters."""

from __future__ import annotations

from ....analysis import NotebookAnalysis


def parameter_names(analysis: NotebookAnalysis) -> set[str]:
    """Names bound in the cells tagged ``parameters``."""
    names: set[str] = set()
    for ca in analysis.cells:
        if "parameters" in ca.cell.tags:
            names.update(ca.events.defines)
    return names
