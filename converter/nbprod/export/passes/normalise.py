"""Pass: turn the notebook's cells into :class:`WorkCell` records, outputs stripped.

Raw cells are left out; outputs, attachments and metadata other than tags never reach the
generated package (they may hold secrets or huge images).
"""

from __future__ import annotations

from dataclasses import replace

from ...analysis import analyse
from ..resources import Resources, WorkCell


def run(res: Resources) -> Resources:
    cells = []
    for cell in res.notebook.cells:
        if cell.cell_type not in ("code", "markdown"):
            continue
        lines = cell.source.splitlines()
        cells.append(
            WorkCell(
                index=cell.index,
                id=cell.id,
                kind=cell.cell_type,
                source=cell.source,
                tags=cell.tags,
                origin=tuple(range(1, len(lines) + 1)),
            )
        )
    extra = {**res.extra, "analysis": analyse(res.notebook)}
    return replace(res, cells=tuple(cells), extra=extra)
