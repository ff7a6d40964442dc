"""``nbprod.export``: a notebook in, a runnable, parameterized Ploomber pipeline package out.

One code path for the CLI, the server extension and the tests: the passes
(:mod:`nbprod.export.passes`) turn the notebook into :class:`Resources`, ``plan`` builds the
view model, :mod:`~nbprod.export.render` produces the files, and
:mod:`~nbprod.export.writer` (the only module that touches disk) writes them atomically.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .._version import __version__
from ..lint.diagnostic import Diagnostic
from ..notebook import Notebook, NotebookSource, read_notebook
from .resources import ExportOptions, Resources
from .writer import FileOutcome, WritePlan

__all__ = ["ExportOptions", "ExportResult", "export", "generate"]


@dataclass(frozen=True)
class ExportResult:
    """What an export did (or, with ``check``/``dry_run``, would do)."""

    output_dir: Path
    package: str
    files: Mapping[str, str]  # generated text by relative path
    outcomes: tuple[FileOutcome, ...]
    conflicts: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]
    notes: tuple[str, ...]
    #: True when the destination differs from what would be written (``check``).
    differs: bool
    written: bool
    diff: str = ""

    @property
    def ok(self) -> bool:
        return not self.conflicts


def generate(
    notebook: Notebook, output_dir: Path, options: ExportOptions
) -> tuple[Resources, dict[str, str]]:
    """Run the passes and render: every file's text, nothing written."""
    from .passes import plan as plan_pass
    from .passes import run_passes
    from .render import render

    name = Path(notebook.path).name if notebook.path else "notebook.ipynb"
    res = Resources(
        notebook=notebook,
        notebook_name=name,
        notebook_dir=(
            os.path.abspath(os.path.dirname(notebook.path)) if notebook.path else None
        ),
        output_dir=os.path.abspath(output_dir),
        options=options,
    )
    res = run_passes(res)
    view = plan_pass.build(res)
    files = render(view, options.to_json())
    from .passes import secret_net

    secret_net.check(files, notebook, res.extra.get("secret_values", ()))
    return res, files


def export(
    notebook_path: NotebookSource,
    output_dir: str | os.PathLike[str],
    *,
    name: str | None = None,
    force: bool = False,
    report: bool = True,
    versions: Mapping[str, str] | None = None,
    check: bool = False,
    diff: bool = False,
) -> ExportResult:
    """Export a notebook as a pipeline package into ``output_dir``.

    ``name`` is the Python package name (default: from the notebook's file name).
    ``force`` exports despite lint errors. ``report`` adds the papermill report step.
    ``versions`` pins distributions to these versions instead of the running
    environment's. With ``check`` or ``diff`` nothing is written: the result says whether
    the folder differs (and holds the unified diff). Raises
    :class:`~nbprod.errors.NotebookReadError`, :class:`~nbprod.errors.LintGateError`,
    :class:`~nbprod.errors.ExportError` or :class:`~nbprod.errors.UnsafeOutputError`;
    merge conflicts are reported in the result, never raised, and never overwritten.
    """
    from . import writer

    raw = (
        Path(notebook_path).read_bytes()
        if not isinstance(notebook_path, bytes | Mapping)
        else None
    )
    notebook = read_notebook(notebook_path)
    out = Path(output_dir)
    options = ExportOptions(
        name=name,
        force=force,
        report=report,
        versions=dict(versions) if versions else None,
    )
    res, files = generate(notebook, out, options)
    import json

    source_bytes = (
        raw if raw is not None else json.dumps(notebook.node, sort_keys=True).encode()
    )
    manifest = {
        "nbprod": __version__,
        "source": {"name": res.notebook_name, "sha256": writer.sha_bytes(source_bytes)},
        "options": options.to_json(),
        "package": files and _package(files),
    }
    plan: WritePlan = writer.plan_write(out, files, manifest)
    differs = plan.differs()
    text = plan.diff() if diff else ""
    written = False
    if not check and not diff and differs:
        writer.write(plan)
        written = True
    return ExportResult(
        output_dir=out,
        package=_package(files),
        files=files,
        outcomes=plan.outcomes,
        conflicts=plan.conflicts,
        diagnostics=res.diagnostics,
        notes=res.notes,
        differs=differs,
        written=written,
        diff=text,
    )


def _package(files: Mapping[str, str]) -> str:
    for path in files:
        if (
            path.startswith("src/")
            and path.endswith("/__init__.py")
            and path.count("/") == 2
        ):
            return path.split("/")[1]
    return ""
