"""The export passes, in order. Each takes and returns a :class:`Resources`; none touches
disk. ``plan`` turns the final resources into the view model the templates print."""

from __future__ import annotations

from collections.abc import Callable

from ..resources import Resources
from . import (
    dataflow,
    drop_cells,
    lint_gate,
    mask_magics,
    normalise,
    parameters,
    secrets,
    split_steps,
    strip_display,
)

Pass = Callable[[Resources], Resources]

PASSES: tuple[tuple[str, Pass], ...] = (
    ("normalise", normalise.run),
    ("lint_gate", lint_gate.run),
    ("drop_cells", drop_cells.run),
    ("mask_magics", mask_magics.run),
    ("secrets", secrets.run),
    ("parameters", parameters.run),
    ("split_steps", split_steps.run),
    ("strip_display", strip_display.run),
    ("dataflow", dataflow.run),
)


def run_passes(res: Resources) -> Resources:
    for _name, step in PASSES:
        res = step(res)
    return res
