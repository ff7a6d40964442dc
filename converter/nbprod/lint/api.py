"""``nbprod.lint``: the one code path behind the CLI, the server extension and the tests.

:func:`lint_report` runs every enabled rule and keeps going when one of them crashes: the
report holds every other rule's findings and one :class:`RuleCrash` per crashed rule. The
CLI, the batch runner and the server present both. :func:`lint` (``nbprod.lint``) is the
strict form for callers that want findings only: it raises :class:`RuleCrashed`, which
carries the report, when a rule crashed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import NbprodError
from ..notebook import Notebook, NotebookSource, read_notebook
from .config import Config, find_config
from .context import LintContext
from .diagnostic import Diagnostic, RuleCrash
from .registry import active_rules
from .selection import enabled_codes
from .suppress import is_suppressed, metadata_ignores


@dataclass(frozen=True)
class LintReport:
    """What linting one notebook found: the findings, sorted by cell and position, and
    the rules that crashed (whose findings are missing)."""

    findings: list[Diagnostic]
    crashes: tuple[RuleCrash, ...] = ()


class RuleCrashed(NbprodError):
    """A rule raised an exception: a bug in nbprod. ``report`` holds what the other
    rules found."""

    def __init__(self, report: LintReport) -> None:
        super().__init__("; ".join(crash.message for crash in report.crashes))
        self.report = report


def lint(
    source: NotebookSource | Notebook,
    *,
    path: str | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    config: Config | None = None,
) -> list[Diagnostic]:
    """Lint one notebook and return its findings, sorted by cell and position.

    ``source`` is a path, raw bytes, a parsed JSON mapping or a :class:`Notebook`.
    ``path`` is the name findings carry (default: the given path). ``select`` and
    ``ignore`` add to the ``[tool.nbprod]`` settings of the nearest ``pyproject.toml``
    (looked up from the notebook's folder unless ``config`` is given). Raises
    :class:`~nbprod.errors.NotebookReadError` for input that is not a notebook, and
    :class:`RuleCrashed` (which carries the other rules' findings) when a rule crashed.
    Never executes notebook code and never modifies the input.
    """
    report = lint_report(source, path=path, select=select, ignore=ignore, config=config)
    if report.crashes:
        raise RuleCrashed(report)
    return report.findings


def lint_report(
    source: NotebookSource | Notebook,
    *,
    path: str | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    config: Config | None = None,
) -> LintReport:
    """Lint one notebook like :func:`lint`, but report crashed rules instead of raising:
    one rule's failure never hides the other rules' findings."""
    notebook = (
        source if isinstance(source, Notebook) else read_notebook(source, path=path)
    )
    display = path or notebook.path or "<notebook>"
    if config is None:
        folder = Path(notebook.path).parent if notebook.path else None
        config = find_config(folder) if folder is not None else Config()
    rules = active_rules()
    chosen_select = select if select is not None else config.select
    extra_ignores: list[str] = [*config.ignore, *ignore]
    if notebook.path:
        extra_ignores.extend(config.ignores_for(Path(notebook.path)))
    enabled = enabled_codes(rules, chosen_select, extra_ignores)
    return lint_notebook(notebook, display, enabled)


def lint_notebook(
    notebook: Notebook, display_path: str, enabled: Iterable[str]
) -> LintReport:
    """Run the enabled rules on a read notebook and apply in-notebook suppressions.

    A rule that raises is reported as a :class:`RuleCrash`; the findings it yielded
    before failing are kept, and the other rules run as if it had not failed.
    """
    rules = active_rules()
    wanted = frozenset(enabled)
    context = LintContext(notebook, display_path)
    ignored_here = metadata_ignores(notebook, rules)
    found: list[Diagnostic] = []
    crashes: list[RuleCrash] = []
    for rule in rules:
        if rule.code not in wanted:
            continue
        try:
            for diagnostic in rule.check(context):
                if not is_suppressed(diagnostic, notebook, rules, ignored_here):
                    found.append(diagnostic)
        except RecursionError:
            continue  # hostile nesting; the parse rule reports such cells
        except NbprodError:
            raise
        except Exception as exc:
            if os.environ.get("NBPROD_DEBUG"):
                raise
            crashes.append(
                RuleCrash(display_path, rule.code, rule.name, type(exc).__name__)
            )
    found.sort(key=Diagnostic.sort_key)
    return LintReport(_dedupe(found), tuple(crashes))


def _dedupe(found: list[Diagnostic]) -> list[Diagnostic]:
    seen: set[tuple[Any, ...]] = set()
    unique: list[Diagnostic] = []
    for diagnostic in found:
        key = diagnostic.sort_key()
        if key not in seen:
            seen.add(key)
            unique.append(diagnostic)
    return unique
