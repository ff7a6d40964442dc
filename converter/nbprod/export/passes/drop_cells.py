"""Pass: apply the scope tags and refuse interactive code.

A cell tagged ``nbprod:drop`` is left out; a cell tagged ``nbprod:end`` ends the exported
part (it and everything below stay in the notebook only). A kept cell that waits for a
person (``input()``, ``breakpoint()``, ``getpass``, a debugger, widgets) cannot run in a
pipeline: export refuses it, naming the cell, until the cell is tagged ``nbprod:drop``.
"""

from __future__ import annotations

from dataclasses import replace

from ...errors import ExportError
from ..resources import Resources

DROP_TAG = "nbprod:drop"
END_TAG = "nbprod:end"

INTERACTIVE_CALLS = frozenset(
    {
        "builtins.input",
        "builtins.breakpoint",
        "getpass.getpass",
        "pdb.set_trace",
        "ipdb.set_trace",
        "code.interact",
        "ipywidgets.interact",
        "ipywidgets.interactive",
        "ipywidgets.interact_manual",
    }
)


def run(res: Resources) -> Resources:
    kept = []
    for cell in res.cells:
        if END_TAG in cell.tags:
            break
        if DROP_TAG in cell.tags:
            continue
        kept.append(cell)
    kept_indexes = {cell.index for cell in kept}
    analysis = res.extra["analysis"]
    refused = []
    for site in analysis.calls:
        if site.cell.index in kept_indexes and site.qualname in INTERACTIVE_CALLS:
            line, _col, _end, _endcol = site.cell.span(site.node)
            name = site.qualname.removeprefix("builtins.")
            refused.append(f"cell {site.cell.index + 1}, line {line}: {name}()")
    if refused:
        raise ExportError(
            "interactive code cannot run in a pipeline:\n  "
            + "\n  ".join(refused)
            + f"\nTag these cells `{DROP_TAG}` to leave them out of the export, or "
            "replace the interactive call by a parameter."
        )
    return replace(res, cells=tuple(kept))
