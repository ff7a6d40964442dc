"""SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.

A result's region points at the line of the ``.ipynb`` file holding the flagged source
line (see :mod:`ipynb_lines`); the cell index, cell id and in-cell position are kept in the
result's ``properties`` so no information is lost.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from ..._version import __version__
from ..registry import active_rules
from ..results import FileResult
from .ipynb_lines import IpynbLineMap

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
DOCS = "https://nbprod.readthedocs.io/en/latest/rules/"


def _uri(path: str) -> str:
    return PurePath(path).as_posix()


def _rule(rule: Any) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.section("Why is this bad?")},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "helpUri": f"{DOCS}{rule.code}/",
        "defaultConfiguration": {"level": LEVEL[rule.spec.severity.value]},
        "properties": {
            "category": rule.spec.category.value,
            "tags": [rule.spec.category.value],
        },
    }


def _rule_reference(code: str, index: dict[str, int]) -> dict[str, Any]:
    if code in index:
        return {"id": code, "index": index[code]}
    return {"id": code}


def render(results: Sequence[FileResult]) -> str:
    rules = active_rules()
    index = {rule.code: i for i, rule in enumerate(rules)}
    sarif_results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for result in results:
        if result.error is not None:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": f"{result.path}: {result.error}"},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": _uri(result.path)}
                            }
                        }
                    ],
                }
            )
            continue
        for crash in result.crashes:
            # SARIF's place for "a rule failed to run" (§3.58): a notification that
            # names the rule, next to the results the other rules produced.
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": f"{result.path}: {crash.message}"},
                    "associatedRule": _rule_reference(crash.code, index),
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": _uri(result.path)}
                            }
                        }
                    ],
                }
            )
        lines = IpynbLineMap.for_path(result.path)
        for d in result.diagnostics:
            location: dict[str, Any] = {"artifactLocation": {"uri": _uri(d.path)}}
            file_line = lines.file_line(d.cell_index, d.line) if lines else None
            if file_line is not None:
                location["region"] = {"startLine": file_line}
            sarif_results.append(
                {
                    "ruleId": d.code,
                    "ruleIndex": index[d.code],
                    "level": LEVEL[d.severity.value],
                    "message": {"text": d.message},
                    "locations": [{"physicalLocation": location}],
                    "properties": {
                        "category": d.category.value,
                        "cellIndex": d.cell_index,
                        "cellId": d.cell_id,
                        "cellLine": d.line,
                        "cellColumn": d.column,
                        "cellEndLine": d.end_line,
                        "cellEndColumn": d.end_column,
                    },
                }
            )
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "nbprod",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": "https://github.com/nbprod/nbprod",
                "rules": [_rule(rule) for rule in rules],
            }
        },
        "results": sarif_results,
        "columnKind": "unicodeCodePoints",
    }
    if notifications:
        run["invocations"] = [
            {"executionSuccessful": False, "toolExecutionNotifications": notifications}
        ]
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
