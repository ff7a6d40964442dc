"""``nbprod.export``: a notebook in, a runnable, parameterized Ploomber pipeline package out.

One code path for the CLI, the server extension and the tests: the passes
(:mod:`nbprod.export.passes`) turn the notebook into :class:`Resources`, ``plan`` builds the
view model, :mod:`~nbprod.export.render` produces the files, and
:mod:`~nbprod.export.writer` (the only module that touches disk) writes them atomically.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from .._version import __version__
from ..lint.diagnostic import Diagnostic
from ..notebook import Notebook, NotebookSource, read_notebook
from .manifest import OptionChange
from .resources import ExportOptions, Resources
from .writer import FileOutcome, WritePlan

__all__ = ["ExportOptions", "ExportResult", "OptionChange", "export", "generate"]


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
    #: Options given that differ from those the package was exported with (given win).
    changes: tuple[OptionChange, ...] = ()
    #: The options this export used (given, else recorded, else defaults).
    options: ExportOptions = field(default_factory=ExportOptions)
    #: Pins that moved against the manifest's, or came from this machine (also in notes).
    pin_notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.conflicts


def generate(
    notebook: Notebook, output_dir: Path, options: ExportOptions, jobs: int | None = 1
) -> tuple[Resources, dict[str, str]]:
    """Run the passes and render: every file's text, nothing written. ``jobs``:
    processes formatting the Python (None: one per core; only for a single-threaded
    caller such as the command line)."""
    from . import dependencies
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
    with dependencies.recorded_pins(options.pins):
        res = run_passes(res)
        view = plan_pass.build(res)
    # The manifest records the exact pins, so a re-export elsewhere can reproduce them.
    requirements = view.requirements + view.report_requirements
    res = replace(res, extra={**res.extra, "requirements": requirements})
    files = render(view, options.to_json(), jobs)
    from .passes import secret_net

    secret_net.check(files, notebook, res.extra.get("secret_values", ()))
    return res, files


def export(
    notebook_path: NotebookSource,
    output_dir: str | os.PathLike[str],
    *,
    name: str | None = None,
    force: bool | None = None,
    report: bool | None = None,
    versions: Mapping[str, str] | None = None,
    repin: bool = False,
    check: bool = False,
    diff: bool = False,
    jobs: int | None = 1,
) -> ExportResult:
    """Export a notebook as a pipeline package into ``output_dir``.

    ``name`` is the Python package name (default: from the notebook's file name).
    ``force`` exports despite lint errors. ``report`` adds the papermill report step.
    ``versions`` pins distributions to these versions instead of the running
    environment's. An option left as ``None`` takes the value the package in
    ``output_dir`` was exported with (its manifest), else the default; dependencies are
    pinned to the versions the manifest records unless ``repin`` (then: ``versions``, or
    the running environment). A given option that differs from the recorded one wins
    and is listed in :attr:`ExportResult.changes`. With ``check`` or ``diff`` nothing is
    written: the result says whether the folder differs (and holds the unified diff).
    ``jobs`` formats the generated Python in that many forked processes (None: one per
    core); the output is the same, but only a single-threaded caller may fork. Raises :class:`~nbprod.errors.NotebookReadError`,
    :class:`~nbprod.errors.LintGateError`, :class:`~nbprod.errors.ExportError` or
    :class:`~nbprod.errors.UnsafeOutputError`; merge conflicts are reported in the
    result, never raised, and never overwritten.
    """
    from . import manifest, writer

    raw = (
        Path(notebook_path).read_bytes()
        if not isinstance(notebook_path, bytes | Mapping)
        else None
    )
    notebook = read_notebook(notebook_path)
    out = Path(output_dir)
    recorded = manifest.read(Path(os.path.abspath(out)))
    options, changes = manifest.reconcile(
        recorded, name=name, force=force, report=report, versions=versions, repin=repin
    )
    res, files = generate(notebook, out, options, jobs)
    pins = manifest.pins_of(res.extra.get("requirements", ()))
    repinned = manifest.pin_notes(recorded, options, pins)
    source_bytes = (
        raw
        if raw is not None
        else json.dumps(notebook.node, sort_keys=True).encode("utf-8")
    )
    record = {
        "nbprod": __version__,
        "source": {"name": res.notebook_name, "sha256": writer.sha_bytes(source_bytes)},
        "options": options.to_json(),
        "package": files and _package(files),
        "pins": pins,
    }
    plan: WritePlan = writer.plan_write(out, files, record)
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
        notes=res.notes + repinned,
        differs=differs,
        written=written,
        diff=text,
        changes=changes,
        options=options,
        pin_notes=repinned,
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
