"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` a finding.

Lines point into the ``.ipynb`` file itself, so annotations land on the right line of the
pull request's diff; the cell and in-cell position are in the title.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..results import FileResult
from .ipynb_lines import IpynbLineMap

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(results: Sequence[FileResult]) -> str:
    out: list[str] = []
    for result in results:
        if result.error is not None:
            out.append(
                f"::error file={_escape_property(result.path)},"
                f"title=nbprod::{_escape_data(result.error)}"
            )
            continue
        lines = IpynbLineMap.for_path(result.path)
        for d in result.diagnostics:
            props = [f"file={_escape_property(d.path)}"]
            file_line = lines.file_line(d.cell_index, d.line) if lines else None
            if file_line is not None:
                props.append(f"line={file_line}")
            where = (
                "notebook"
                if d.cell_index is None
                else (f"cell {d.cell_index + 1}, line {d.line}, column {d.column}")
            )
            props.append(f"title={_escape_property(f'{d.code} {d.name} ({where})')}")
            out.append(
                f"::{LEVEL[d.severity.value]} {','.join(props)}::"
                f"{_escape_data(d.message)}"
            )
        for crash in result.crashes:
            out.append(
                f"::error file={_escape_property(result.path)},"
                f"title={_escape_property(f'nbprod {crash.code} crashed')}::"
                f"{_escape_data(crash.message)}"
            )
    return "\n".join(out) + ("\n" if out else "")
