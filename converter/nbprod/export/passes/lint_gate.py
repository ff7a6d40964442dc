"""Pass: lint the notebook; error findings that export cannot resolve stop it.

Findings the export itself resolves (secrets become environment lookups, hard-coded
literals become parameters, shell installs become dependencies, display code moves to the
report) do not block. Every finding is kept in ``resources.diagnostics``: later passes
consume the fix data of some of them, and the README lists those that remain.
"""

from __future__ import annotations

from dataclasses import replace

from ...errors import LintGateError
from ...lint.diagnostic import Category, Diagnostic, Severity
from ..resources import Resources

#: Categories whose findings the export resolves by construction.
RESOLVED_BY_EXPORT = frozenset(
    {
        Category.SECRET,
        Category.SHELL_INSTALL,
        Category.MISSING_PARAMETERS,
        Category.DEMO_OUTPUT,
        Category.INTERACTIVE,  # refused or dropped by the drop_cells pass
    }
)


def run(res: Resources) -> Resources:
    from ...lint.api import lint

    found = tuple(lint(res.notebook, path=res.notebook_name))
    blocking = [d for d in found if is_blocking(d)]
    if blocking and not res.options.force:
        raise LintGateError(_message(blocking))
    return replace(res, diagnostics=found)


def is_blocking(diagnostic: Diagnostic) -> bool:
    return (
        diagnostic.severity == Severity.ERROR
        and diagnostic.category not in RESOLVED_BY_EXPORT
    )


def _message(blocking: list[Diagnostic]) -> str:
    lines = [
        f"lint found {len(blocking)} error(s) that export cannot resolve:",
    ]
    for d in blocking[:20]:
        where = f"cell {d.cell_index + 1}" if d.cell_index is not None else "notebook"
        if d.line:
            where += f", line {d.line}"
        lines.append(f"  {where}: {d.code} {d.name}: {d.message}")
    if len(blocking) > 20:
        lines.append(f"  ... and {len(blocking) - 20} more")
    lines.append(
        "Fix them in the notebook (`nbprod lint` shows them), suppress a finding with "
        "`# noqa: CODE`, or export anyway with --force."
    )
    return "\n".join(lines)
