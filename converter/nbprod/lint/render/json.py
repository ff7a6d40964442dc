"""A JSON array of findings in the wire format of ``findings.schema.json``."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..results import FileResult


def render(results: Sequence[FileResult]) -> str:
    findings = [d.to_json() for result in results for d in result.diagnostics]
    return json.dumps(findings, indent=2, ensure_ascii=False) + "\n"
