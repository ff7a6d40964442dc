"""Human-readable lines: ``path:cell 3:2:5: NBP021 message``.

Cell numbers here are 1-based, as a person counts cells; JSON's ``cell_index`` is 0-based.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..diagnostic import Diagnostic
from ..results import FileResult


def location(diagnostic: Diagnostic) -> str:
    if diagnostic.cell_index is None:
        return diagnostic.path
    return (
        f"{diagnostic.path}:cell {diagnostic.cell_index + 1}:"
        f"{diagnostic.line}:{diagnostic.column}"
    )


def line(diagnostic: Diagnostic) -> str:
    fixable = " [*]" if diagnostic.fix is not None else ""
    return f"{location(diagnostic)}: {diagnostic.code}{fixable} {diagnostic.message}"


def render(results: Sequence[FileResult]) -> str:
    out: list[str] = []
    counts: Counter[str] = Counter()
    errors = crashes = 0
    for result in results:
        if result.error is not None:
            errors += 1
            out.append(f"{result.path}: error: {result.error}")
            continue
        for diagnostic in result.diagnostics:
            counts[diagnostic.severity.value] += 1
            out.append(line(diagnostic))
        for crash in result.crashes:
            crashes += 1
            out.append(f"{result.path}: error: {crash.message}")
    total = sum(counts.values())
    if total:
        parts = [f"{counts[s]} {s}" for s in ("error", "warning", "info") if counts[s]]
        fixable = sum(1 for r in results for d in r.diagnostics if d.fix is not None)
        summary = (
            f"Found {total} finding{'s' if total != 1 else ''} ({', '.join(parts)})"
        )
        if fixable:
            summary += f"; {fixable} with a quick fix [*]"
        out.append(summary + ".")
    elif not errors and not crashes:
        out.append("All checks passed.")
    if errors:
        out.append(f"{errors} file{'s' if errors != 1 else ''} could not be linted.")
    if crashes:
        out.append(
            f"{crashes} rule crash{'es' if crashes != 1 else ''}: the findings above "
            "are those of the other rules."
        )
    return "\n".join(out) + "\n"
