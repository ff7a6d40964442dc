"""Renderers of findings: ``text``, ``json``, ``sarif`` and ``github``.

Each takes the per-file results of a run and returns the whole output as a string; the
CLI only prints it. All share :meth:`~nbprod.lint.diagnostic.Diagnostic.to_json`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..results import FileResult

FORMATS = ("text", "json", "sarif", "github")


def renderer(name: str) -> Callable[[Sequence[FileResult]], str]:
    if name == "text":
        from .text import render
    elif name == "json":
        from .json import render
    elif name == "sarif":
        from .sarif import render
    elif name == "github":
        from .github import render
    else:
        raise ValueError(f"unknown format {name!r}; choose one of {', '.join(FORMATS)}")
    return render
