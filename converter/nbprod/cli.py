"""The ``nbprod`` command: argument parsing and printing only.

Every command calls the same library functions as the server extension and the tests.
Exit codes: 0 clean, 1 findings (or ``--check`` differences), 2 error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ._version import __version__

if TYPE_CHECKING:
    from .lint.results import FileResult

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

#: Show a progress bar on a terminal when a batch has at least this many files.
PROGRESS_THRESHOLD = 50


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_ERROR
    from .errors import NbprodError

    try:
        return int(args.run(args))
    except NbprodError as exc:
        print(f"nbprod: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nbprod",
        description="Flag demo-only patterns in notebooks and export them as "
        "production pipeline packages.",
    )
    parser.add_argument("--version", action="version", version=f"nbprod {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    lint = sub.add_parser("lint", help="flag demo-only patterns in notebooks")
    lint.add_argument("paths", nargs="+", metavar="PATH", help="notebooks or folders")
    lint.add_argument(
        "--format", choices=("text", "json", "sarif", "github"), default="text"
    )
    lint.add_argument(
        "--select",
        action="append",
        metavar="SELECTORS",
        help="only these rules (codes, prefixes, names or categories; comma-separated)",
    )
    lint.add_argument(
        "--ignore", action="append", metavar="SELECTORS", help="skip these rules"
    )
    lint.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when there are findings"
    )
    lint.add_argument(
        "--fix",
        action="store_true",
        help="apply every safe quick fix and write the notebooks (in Jupyter's "
        "layout), then report the findings that remain",
    )
    lint.add_argument(
        "--jobs", type=int, default=None, help="worker processes (default: all cores)"
    )
    lint.add_argument(
        "--no-progress", action="store_true", help="never show a progress bar"
    )
    lint.set_defaults(run=_lint)

    rules = sub.add_parser("rules", help="list the rules")
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    rules.set_defaults(run=_rules)

    rule = sub.add_parser("rule", help="show one rule's documentation")
    rule.add_argument("code", help="a rule code (NBP001) or name")
    rule.set_defaults(run=_rule)

    export = sub.add_parser(
        "export", help="export a notebook as a runnable pipeline package"
    )
    export.add_argument("notebook", metavar="NB", help="the notebook to export")
    export.add_argument(
        "-o", "--output", required=True, metavar="DIR", help="the package folder"
    )
    export.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if DIR differs from what would be generated",
    )
    export.add_argument(
        "--diff", action="store_true", help="write nothing; print a unified diff"
    )
    recorded = (
        " (default: as recorded in DIR's .nbprod/manifest.json, else %s; an option "
        "that differs from the recorded one is reported)"
    )
    export.add_argument(
        "--force",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="export even when lint finds errors" + recorded % "off",
    )
    export.add_argument(
        "--name",
        metavar="PKG",
        help="Python package name" + recorded % "from NB's name",
    )
    export.add_argument(
        "--report",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="include the papermill report step" + recorded % "on",
    )
    export.add_argument(
        "--versions",
        metavar="FILE",
        help="pin dependencies to the name==version lines of FILE (default: the "
        "versions DIR's manifest records, so a check on another machine reproduces "
        "the package; for a new package, the versions installed here)",
    )
    export.add_argument(
        "--repin",
        action="store_true",
        help="pin dependencies again, to the versions installed here (or to "
        "--versions FILE), instead of those DIR's manifest records",
    )
    export.add_argument(
        "--jobs",
        type=int,
        default=None,
        help="processes formatting the generated code (default: all cores)",
    )
    export.set_defaults(run=_export)
    return parser


def _split(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [
        part.strip() for value in values for part in value.split(",") if part.strip()
    ]


def _lint(args: argparse.Namespace) -> int:
    from .lint.batch import lint_files
    from .lint.files import find_notebooks
    from .lint.registry import active_rules
    from .lint.render import renderer
    from .lint.selection import enabled_codes

    select, ignore = _split(args.select), _split(args.ignore) or []
    enabled_codes(active_rules(), select, ignore)  # fail early on unknown selectors
    paths = list(find_notebooks(args.paths))
    if args.fix:
        _fix(paths, select, ignore)
    progress = _progress(len(paths), args)
    try:
        results = list(
            lint_files(
                paths,
                select,
                ignore,
                jobs=args.jobs,
                on_done=progress.step if progress else None,
            )
        )
    finally:
        if progress:
            progress.close()
    sys.stdout.write(renderer(args.format)(results))
    if args.format in ("json", "sarif"):  # these carry findings only; errors go here
        for result in results:
            if result.error is not None:
                print(f"nbprod: error: {result.path}: {result.error}", file=sys.stderr)
            for crash in result.crashes:
                print(f"nbprod: error: {result.path}: {crash.message}", file=sys.stderr)
    if any(result.failed for result in results):
        return EXIT_ERROR
    if any(result.diagnostics for result in results) and not args.exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _fix(paths: list[str], select: list[str] | None, ignore: list[str]) -> None:
    from .errors import NbprodError
    from .lint.batch import fix_file

    for path in paths:
        try:
            applied = fix_file(path, select, ignore)
        except NbprodError:
            continue  # the lint that follows reports why
        if applied:
            fixes = f"{applied} fix{'es' if applied != 1 else ''}"
            print(f"nbprod: fixed {path} ({fixes} applied)", file=sys.stderr)


class _Progress:
    """A rich progress bar on stderr; only for terminals and human-readable formats."""

    def __init__(self, total: int) -> None:
        from rich.progress import Progress

        self._bar = Progress(transient=True, console=None)
        self._bar.start()
        self._task = self._bar.add_task("Linting notebooks", total=total)

    def step(self, _result: FileResult) -> None:
        self._bar.advance(self._task)

    def close(self) -> None:
        self._bar.stop()


def _progress(total: int, args: argparse.Namespace) -> _Progress | None:
    if (
        args.no_progress
        or args.format not in ("text", "github")
        or total < PROGRESS_THRESHOLD
        or not sys.stderr.isatty()
        or os.environ.get("CI")
    ):
        return None
    try:
        return _Progress(total)
    except ImportError:
        return None


def _rules(args: argparse.Namespace) -> int:
    from .lint.registry import active_rules

    rules = active_rules()
    if args.format == "json":
        import json

        rows = [
            {
                "code": r.code,
                "name": r.name,
                "category": r.spec.category.value,
                "severity": r.spec.severity.value,
                "fix": r.spec.fix,
                "summary": r.summary,
            }
            for r in rules
        ]
        print(json.dumps(rows, indent=2))
        return EXIT_CLEAN
    if args.format == "markdown":
        from .lint.docs import rules_markdown

        sys.stdout.write(rules_markdown(rules))
        return EXIT_CLEAN
    width = max(len(r.name) for r in rules)
    for r in rules:
        fix = "*" if r.spec.fix != "none" else " "
        print(
            f"{r.code} {fix} {r.name:<{width}}  {r.spec.category.value:<20}"
            f" {r.spec.severity.value:<8} {r.summary}"
        )
    return EXIT_CLEAN


def _rule(args: argparse.Namespace) -> int:
    from .lint.registry import get_rule

    rule = get_rule(args.code)
    if rule is None:
        print(
            f"nbprod: error: no rule {args.code!r}; `nbprod rules` lists them",
            file=sys.stderr,
        )
        return EXIT_ERROR
    spec = rule.spec
    print(f"# {spec.code} {spec.name}\n")
    print(
        f"Category: {spec.category.value}. Severity: {spec.severity.value}. "
        f"Fix: {spec.fix}. Since: {spec.since}.\n"
    )
    print(rule.doc)
    return EXIT_CLEAN


def _export(args: argparse.Namespace) -> int:
    from .errors import ConfigError
    from .export import export
    from .export.dependencies import parse_versions

    versions = None
    if args.versions:
        try:
            with open(args.versions, encoding="utf-8") as handle:
                versions = parse_versions(handle.read())
        except OSError as exc:
            raise ConfigError(
                f"cannot read --versions {args.versions}: {exc}"
            ) from None
    result = export(
        args.notebook,
        args.output,
        name=args.name,
        force=args.force,
        report=args.report,
        versions=versions,
        repin=args.repin,
        check=args.check,
        diff=args.diff,
        jobs=args.jobs,
    )
    for change in result.changes:
        print(f"nbprod: {change.message}", file=sys.stderr)
    for note in result.pin_notes:
        print(f"nbprod: {note}", file=sys.stderr)
    if args.diff:
        sys.stdout.write(result.diff)
    for outcome in result.outcomes:
        if outcome.status == "conflict":
            print(
                f"conflict: {outcome.path}: your edit and the new version overlap; "
                "the file was left as you edited it (merge by hand, or delete it and "
                "export again)",
                file=sys.stderr,
            )
        elif outcome.status == "kept":
            print(f"kept: {outcome.path}: edited, no longer generated", file=sys.stderr)
        elif not (args.check or args.diff) and outcome.status != "unchanged":
            print(f"{outcome.status}: {outcome.path}")
    if args.check or args.diff:
        if result.differs:
            print(f"would change {args.output}", file=sys.stderr)
            return EXIT_FINDINGS
        return EXIT_CLEAN
    if result.conflicts:
        return EXIT_FINDINGS
    state = "written" if result.written else "up to date"
    print(f"exported {result.package} to {args.output} ({state})")
    return EXIT_CLEAN


if __name__ == "__main__":
    sys.exit(main())
