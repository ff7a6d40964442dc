"""Helpers shared by the `network-fetch` rules: string values and URL pinning."""

from __future__ import annotations

import ast
import re

from ....analysis import CallSite, CellAnalysis
from ...context import LintContext

REMOTE = re.compile(r"^(?:https?|s3|s3a|gs|gcs|az|abfss?|ftp|hf)://", re.I)

#: A URL that names one immutable version: a commit hash, an object version, a DOI.
PINNED_URL = re.compile(
    r"/[0-9a-f]{40}(?:/|$)|[?&](?:versionId|generation|version|rev)=|@sha256:"
    r"|zenodo\.org/records?/|doi\.org/|/releases/download/|/refs/tags/|/v?\d+\.\d+(?:\.\d+)*/",
    re.I,
)


def module_strings(ctx: LintContext) -> dict[str, list[tuple[int, str]]]:
    """Module-level ``NAME = "literal"`` assignments: name -> [(cell index, value)]."""
    found: dict[str, list[tuple[int, str]]] = {}
    for ca in ctx.analysis.cells:
        if ca.tree is None:
            continue
        for stmt in ca.tree.body:
            if (
                isinstance(stmt, ast.Assign)
                and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], ast.Name)
            ):
                value = literal_prefix(stmt.value, {})
                if value is not None:
                    found.setdefault(stmt.targets[0].id, []).append((ca.index, value))
    return found


def literal_prefix(
    expr: ast.expr | None,
    strings: dict[str, list[tuple[int, str]]],
    cell: CellAnalysis | None = None,
) -> str | None:
    """The string an expression starts with, when it is known without running anything.

    A literal; the literal head of an f-string (``f"https://x/{name}.csv"`` gives
    ``https://x/``); ``a + b`` by its left side; a name bound to a literal at module level
    in this cell or the nearest cell above.
    """
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value
    if isinstance(expr, ast.JoinedStr):
        head = ""
        for part in expr.values:
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                head += part.value
            else:
                break
        return head or None
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
        return literal_prefix(expr.left, strings, cell)
    if isinstance(expr, ast.Name) and cell is not None:
        above = [
            value for index, value in strings.get(expr.id, []) if index <= cell.index
        ]
        return above[-1] if above else None
    return None


def argument(site: CallSite, position: int, keyword: str) -> ast.expr | None:
    """A call's argument by keyword or position."""
    value = site.keyword(keyword)
    if value is not None:
        return value
    positional = [a for a in site.node.args if not isinstance(a, ast.Starred)]
    return positional[position] if len(positional) > position else None


def checksum_in(ca: CellAnalysis) -> bool:
    """Whether the cell visibly verifies a hash (``hashlib``, ``pooch.file_hash``...)."""
    for node in ca.walk():
        if isinstance(node, ast.Attribute) and node.attr in {
            "hexdigest",
            "file_digest",
            "file_hash",
            "compare_digest",
        }:
            return True
        if isinstance(node, ast.Name) and node.id in {"hashlib", "file_hash"}:
            return True
    return False


def scheme(url: str) -> str:
    return url.split("://", 1)[0].lower()
