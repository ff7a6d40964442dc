"""Rows of the real-notebook harness: what each notebook reached, why it stopped, the report.

Pure functions over text and numbers (no process is run here), so the harness's judgement
can be tested on its own: which line of a failing command's output is "the first error",
which cause a failure belongs to, the success rate and the Markdown and JSON reports.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

# The stages a notebook goes through, in order. A notebook that fails "papermill" does not
# run in its own environment: it is "not runnable" and left out of the success rate.
STAGES = ("papermill", "export", "install", "build", "run", "test")
PASSED = "passed"
NOT_RUNNABLE = "not runnable"

# Exceptions that only wrap the one that matters (papermill's, ploomber's, subprocess's):
# the first error shown is the first one that is not a wrapper.
_WRAPPERS = {
    "PapermillExecutionError",
    "TaskBuildError",
    "DAGBuildError",
    "DAGBuildEarlyStop",
    "CalledProcessError",
    "BuildError",
    "RuntimeError: Error building task",
}
_ERROR_LINE = re.compile(
    r"^(?:E\s+)?(?:[A-Za-z_][\w]*\.)*"
    r"(?P<name>[A-Za-z_]\w*(?:Error|Exception|Exit|Interrupt)|StopIteration)"
    r"(?::\s*(?P<message>.*))?$"
)
_PYTEST_SUMMARY = re.compile(r"^(?:FAILED|ERROR) (?P<test>\S+)(?: - (?P<message>.*))?$")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_MAX_ERROR = 160


def shorten(text: str, limit: int = _MAX_ERROR) -> str:
    """One line of at most ``limit`` characters: whitespace collapsed, object addresses
    blanked, cut with an ellipsis."""
    line = " ".join(_ANSI.sub("", text).split())
    # Object addresses differ per run; the report and expected.json must not.
    line = re.sub(r"\b0x[0-9a-fA-F]{6,}\b", "0x…", line)
    return line if len(line) <= limit else line[: limit - 1] + "…"


def first_error(output: str) -> str:
    """The line of a failed command's output that says what went wrong, shortened.

    In order of preference: the resolver's reason when uv finds no solution; uv's other
    errors (with its hint on why a requirement was wanted); the first
    exception line that is not a wrapper around another (ploomber's TaskBuildError,
    papermill's execution error; pytest's ``E   XError: ...``); pytest's short summary
    (``FAILED test - message``); the last line of output.
    """
    lines = [_ANSI.sub("", line).rstrip() for line in output.splitlines()]
    lines = [line for line in lines if line.strip()]
    if not lines:
        return ""
    for index, line in enumerate(lines):
        if "No solution found when resolving dependencies" in line:
            reasons = [
                item.strip().lstrip("╰─▶").strip()
                for item in lines[index + 1 :]
                if "because" in item.lower()
            ]
            if reasons:
                return shorten(reasons[0].removeprefix("cause:").strip())
            return shorten(line)
    for index, line in enumerate(lines):
        # nbprod's own refusal: what it found, then the first finding (cell and rule).
        if line.startswith("nbprod: error: "):
            detail = lines[index + 1].strip() if index + 1 < len(lines) else ""
            return shorten(f"{line.removeprefix('nbprod: error: ')} {detail}")
    for line in lines:
        # uv's other errors: "error: Failed to build X", often with a hint saying why X
        # was wanted at all (the package's own requirement, or another's).
        if line.startswith("error: "):
            hints = [item for item in lines if item.startswith("hint: ")]
            reason = line.removeprefix("error: ")
            return shorten(
                reason + (f" ({hints[0].removeprefix('hint: ')})" if hints else "")
            )
    for line in lines:
        match = _ERROR_LINE.match(line.strip())
        if match and match.group("name") not in _WRAPPERS:
            return shorten(re.sub(r"^E\s+", "", line.strip()))
    for line in lines:
        summary = _PYTEST_SUMMARY.match(line.strip())
        if summary:
            return shorten(
                summary.group("message") or f"{summary.group('test')} failed"
            )
    return shorten(lines[-1])


# Causes, for grouping failures in the report: the pattern is looked up in the first
# error (case-insensitively), the first match wins. Numbered as in issue 10 where they
# match one of its causes.
CAUSES: tuple[tuple[str, str], ...] = (
    ("timed out", "timeout"),
    (r"lint found|refus", "export refused (lint errors)"),
    (
        r"usable engine|pyarrow|fastparquet",
        "1. parquet engine / dependency beside the pins",
    ),
    (
        r"you require|unsatisfiable|no solution found|we can conclude|cannot be used",
        "1. dependency conflict with the pins",
    ),
    (
        r"no matching distribution|not found in the package registry|failed to (download|build)",
        "1. dependency not installable",
    ),
    (r"did not produce", "2. generated test: step without outputs"),
    (r"changed shape|changed type|changed length", "2. generated test: rebound name"),
    (r"not aligned|does not support item assignment", "3. step sees another binding"),
    (r"FileNotFoundError|No such file|does not exist", "4. data file not found"),
    (r"pickl", "5. value cannot be pickled"),
    (
        r"ModuleNotFoundError|No module named|ImportError",
        "a module the package does not require (optional dependency)",
    ),
    (r"NameError", "name not defined in a step"),
)


def cause(stage: str, error: str) -> str:
    """The cause a failure is grouped under in the report."""
    for pattern, label in CAUSES:
        if re.search(pattern, error, flags=re.IGNORECASE):
            return label
    name = _ERROR_LINE.match(error)
    if name:
        return f"other: {name.group('name')} at {stage}"
    return f"other: at {stage}"


@dataclass
class Row:
    """One notebook's result.

    ``stage`` is where it stopped: one of ``STAGES`` (that stage failed), or ``PASSED``.
    ``times`` holds wall seconds per stage run, plus ``script`` (the notebook's code run as
    a plain script, for the speed comparison; its failure stops nothing), and CPU seconds
    as ``STAGE_cpu`` (papermill, script, export, build, run, test).
    """

    notebook: str
    stage: str
    error: str = ""
    times: dict[str, float] = field(default_factory=dict)
    script_error: str = ""
    strict_error: str = ""
    steps: int | None = None

    @property
    def runnable(self) -> bool:
        return self.stage != "papermill"

    @property
    def passed(self) -> bool:
        return self.stage == PASSED

    @property
    def result(self) -> str:
        """What the table says: "passed", "not runnable" or "failed at STAGE"."""
        relaxed = " (relaxed pins)" if self.strict_error else ""
        if self.passed:
            return PASSED + relaxed
        if not self.runnable:
            return NOT_RUNNABLE
        return f"failed at {self.stage}{relaxed}"

    def ratio(
        self, numerator: str, denominator: str, cpu: bool = False
    ) -> float | None:
        """``times[numerator] / times[denominator]`` when both ran (and passed).

        With ``cpu``, the CPU times of the same commands: steadier when other work shares
        the machine (``--jobs`` above 1).
        """
        if cpu:
            numerator, denominator = f"{numerator}_cpu", f"{denominator}_cpu"
        if numerator not in self.times or denominator not in self.times:
            return None
        stages = (numerator.removesuffix("_cpu"), denominator.removesuffix("_cpu"))
        if "script" in stages and self.script_error:
            return None
        if not all(self._stage_passed(stage) for stage in stages):
            return None
        if self.times[denominator] <= 0:
            return None
        return round(self.times[numerator] / self.times[denominator], 2)

    def _stage_passed(self, stage: str) -> bool:
        if stage not in STAGES or self.passed:
            return True
        return STAGES.index(stage) < STAGES.index(self.stage)

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["result"] = self.result
        data["run_vs_script"] = self.ratio("run", "script")
        data["build_vs_papermill"] = self.ratio("build", "papermill")
        data["cause"] = (
            None if self.passed or not self.runnable else cause(self.stage, self.error)
        )
        return data

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Row:
        times = data.get("times") or {}
        assert isinstance(times, dict)
        return cls(
            notebook=str(data["notebook"]),
            stage=str(data["stage"]),
            error=str(data.get("error") or ""),
            times={str(k): float(v) for k, v in times.items()},
            script_error=str(data.get("script_error") or ""),
            strict_error=str(data.get("strict_error") or ""),
            steps=int(steps) if isinstance(steps := data.get("steps"), int) else None,
        )


@dataclass
class Summary:
    """Totals over rows: the success rate counts runnable notebooks only."""

    notebooks: int
    runnable: int
    passed: int
    passed_strict: int
    install_conflicts: int
    multi_step: int
    multi_step_passed: int
    export_median_s: float | None
    export_max_s: float | None
    export_cpu_median_s: float | None
    run_vs_script_median: float | None
    run_within_target: int
    run_compared: int
    build_vs_papermill_median: float | None
    build_faster: int
    build_compared: int
    cpu_total_s: float
    #: the same ratios where the plain script runs LONG_SCRIPT_S or more (start-up does
    #: not dominate), and both ratios by CPU time
    run_vs_script_median_long: float | None = None
    run_within_target_long: int = 0
    run_compared_long: int = 0
    run_vs_script_cpu_median: float | None = None
    build_vs_papermill_cpu_median: float | None = None

    @property
    def success_rate(self) -> float | None:
        return round(100 * self.passed / self.runnable, 1) if self.runnable else None


RUN_TARGET = 1.2  # python -m PKG run at most 1.2x the plain script (issue 10)
#: Below this, a plain script is mostly interpreter start-up (0.01-0.05 s), and the
#: package's few imports of its own decide the ratio.
LONG_SCRIPT_S = 1.0


def summarize(rows: list[Row]) -> Summary:
    """The success rate over runnable notebooks, export cold times and speed ratios."""
    runnable = [row for row in rows if row.runnable]
    exports = [row.times["export"] for row in runnable if "export" in row.times]
    run_ratios = [
        r for r in (row.ratio("run", "script") for row in rows) if r is not None
    ]
    build_ratios = [
        r for r in (row.ratio("build", "papermill") for row in rows) if r is not None
    ]
    long_ratios = [
        r
        for row in rows
        if row.times.get("script", 0) >= LONG_SCRIPT_S
        and (r := row.ratio("run", "script")) is not None
    ]
    run_cpu = [r for row in rows if (r := row.ratio("run", "script", cpu=True))]
    build_cpu = [r for row in rows if (r := row.ratio("build", "papermill", cpu=True))]
    return Summary(
        notebooks=len(rows),
        runnable=len(runnable),
        passed=sum(row.passed for row in rows),
        passed_strict=sum(row.passed and not row.strict_error for row in rows),
        install_conflicts=sum(bool(row.strict_error) for row in rows),
        multi_step=sum(row.runnable and (row.steps or 0) > 1 for row in rows),
        multi_step_passed=sum(row.passed and (row.steps or 0) > 1 for row in rows),
        export_median_s=_median(exports),
        export_max_s=round(max(exports), 2) if exports else None,
        export_cpu_median_s=_median(
            [row.times["export_cpu"] for row in runnable if "export_cpu" in row.times]
        ),
        run_vs_script_median=_median(run_ratios),
        run_within_target=sum(r <= RUN_TARGET for r in run_ratios),
        run_compared=len(run_ratios),
        build_vs_papermill_median=_median(build_ratios),
        build_faster=sum(r < 1 for r in build_ratios),
        build_compared=len(build_ratios),
        cpu_total_s=round(
            sum(v for row in rows for k, v in row.times.items() if k.endswith("_cpu")),
            1,
        ),
        run_vs_script_median_long=_median(long_ratios),
        run_within_target_long=sum(r <= RUN_TARGET for r in long_ratios),
        run_compared_long=len(long_ratios),
        run_vs_script_cpu_median=_median(run_cpu),
        build_vs_papermill_cpu_median=_median(build_cpu),
    )


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 2) if values else None


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    text = str(value).replace("|", "\\|")
    return text


_TIME_COLUMNS = (
    "papermill",
    "script",
    "export",
    "export_cpu",
    "install",
    "build",
    "run",
    "test",
)


def markdown(rows: list[Row], notes: Iterable[str] = ()) -> str:
    """The report: one row per notebook, then the totals, then failures by cause."""
    strict = any(row.strict_error for row in rows)
    out = [*notes, *([""] if notes else [])]
    out += [
        "| notebook | result | first error | steps | "
        + " | ".join(f"{name.replace('_cpu', ' CPU')} s" for name in _TIME_COLUMNS)
        + " | run / script | build / papermill |"
        + (" strict install error |" if strict else ""),
        "|---|---|---|---:|"
        + "---:|" * (len(_TIME_COLUMNS) + 2)
        + ("---|" if strict else ""),
    ]
    for row in rows:
        cells: list[object] = [row.notebook, row.result, row.error, row.steps]
        cells += [row.times.get(name) for name in _TIME_COLUMNS]
        cells += [row.ratio("run", "script"), row.ratio("build", "papermill")]
        cells += [conflict_key(row.strict_error)] if strict else []
        out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    out += ["", *summary_lines(summarize(rows))]
    groups = by_cause(rows)
    if groups:
        out += ["", "Failures by cause (runnable notebooks):", ""]
        for label, members in groups.items():
            out.append(f"- **{label}** ({len(members)}):")
            for row in members[:2]:
                out.append(f"  - `{row.notebook}` ({row.result}): {row.error}")
    conflicts: dict[str, list[Row]] = {}
    for row in rows:
        if row.strict_error:
            conflicts.setdefault(conflict_key(row.strict_error), []).append(row)
    if conflicts:
        out += ["", "Install with every pin (strict) failed:", ""]
        for error, members in sorted(
            conflicts.items(), key=lambda i: (-len(i[1]), i[0])
        ):
            out.append(f"- {len(members)}x: {error} (e.g. `{members[0].notebook}`)")
    return "\n".join(out) + "\n"


def summary_lines(summary: Summary) -> list[str]:
    """The totals under the table."""
    rate = summary.success_rate
    lines = [
        f"- notebooks: {summary.notebooks}; runnable (papermill passed): {summary.runnable}; "
        f"passed every stage: {summary.passed}",
        f"- **success rate over runnable notebooks: "
        f"{'n/a' if rate is None else f'{rate}%'}** ({summary.passed}/{summary.runnable})",
    ]
    if summary.multi_step:
        lines.append(
            f"- notebooks exported to more than one step: {summary.multi_step_passed}/"
            f"{summary.multi_step} passed (a one-step package runs the notebook's code as one "
            "function: nothing passes between steps)"
        )
    if summary.install_conflicts:
        strict = summary.passed_strict
        lines.append(
            f"- with every pin of the notebook's environment (strict): "
            f"{strict}/{summary.runnable} passed; {summary.install_conflicts} packages could "
            "not be installed beside the pins and were measured with relaxed pins "
            '(column "strict install error")'
        )
    if summary.export_median_s is not None:
        lines.append(
            f"- `nbprod export` cold (a new process): median {summary.export_median_s:.2f} s, "
            f"max {summary.export_max_s:.2f} s"
            + (
                f"; CPU median {summary.export_cpu_median_s:.2f} s"
                if summary.export_cpu_median_s is not None
                else ""
            )
        )
    if summary.cpu_total_s:
        lines.append(
            f"- CPU time of the measured commands, all notebooks: {summary.cpu_total_s:.1f} s"
        )
    if summary.run_compared:
        lines.append(
            f"- `python -m PKG run` / plain script: median {summary.run_vs_script_median:.2f}x; "
            f"within {RUN_TARGET}x: {summary.run_within_target}/{summary.run_compared}"
        )
    if summary.run_compared_long:
        lines.append(
            f"- the same where the plain script runs {LONG_SCRIPT_S:g} s or more: median "
            f"{summary.run_vs_script_median_long:.2f}x; within {RUN_TARGET}x: "
            f"{summary.run_within_target_long}/{summary.run_compared_long}"
        )
    if summary.build_compared:
        lines.append(
            f"- `ploomber build` / papermill: median {summary.build_vs_papermill_median:.2f}x; "
            f"faster: {summary.build_faster}/{summary.build_compared}"
        )
    if summary.run_vs_script_cpu_median and summary.build_vs_papermill_cpu_median:
        lines.append(
            f"- by CPU time: run / script median {summary.run_vs_script_cpu_median:.2f}x, "
            f"build / papermill median {summary.build_vs_papermill_cpu_median:.2f}x "
            "(papermill's kernel is a child it waits for, so its CPU counts)"
        )
    return lines


def conflict_key(error: str) -> str:
    """What a resolver failure is about, without the package's own name (for grouping)."""
    found = re.search(r"depends on (.+?), we can conclude", error)
    return f"the package requires {found.group(1)}" if found else error


def by_cause(rows: list[Row]) -> dict[str, list[Row]]:
    """Failed runnable notebooks grouped by cause, largest group first (then by name)."""
    groups: dict[str, list[Row]] = {}
    for row in rows:
        if row.runnable and not row.passed:
            groups.setdefault(cause(row.stage, row.error), []).append(row)
    return dict(sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])))


def unexpected(rows: list[Row], expected: dict[str, dict[str, object]]) -> list[str]:
    """Regressions against ``expected`` (notebook -> {"pass": bool, "stage": str}).

    A notebook expected to pass that does not, or that was not run; a notebook expected to
    fail at a stage that now stops at an earlier one (a fix elsewhere may move it later,
    which is progress, not a regression).
    """
    seen = {row.notebook: row for row in rows}
    order = [*STAGES, PASSED]
    problems = []
    for notebook, want in sorted(expected.items()):
        row = seen.get(notebook)
        if row is None:
            problems.append(f"{notebook}: expected, not run")
            continue
        if want.get("pass"):
            if not row.passed:
                problems.append(
                    f"{notebook}: expected to pass, {row.result}: {row.error}"
                )
            continue
        stage = str(want.get("stage") or STAGES[0])
        if stage in order and order.index(row.stage) < order.index(stage):
            problems.append(
                f"{notebook}: expected to reach {stage}, {row.result}: {row.error}"
            )
    return problems


def expectations(rows: list[Row]) -> dict[str, dict[str, object]]:
    """What ``unexpected`` checks against: per notebook, passed, or the stage it stops at
    with its first error (for the reader; only "pass" and "stage" are checked)."""
    out: dict[str, dict[str, object]] = {}
    for row in rows:
        if row.passed:
            out[row.notebook] = {"pass": True}
        else:
            out[row.notebook] = {"pass": False, "stage": row.stage, "error": row.error}
    return out


def newly_passing(rows: list[Row], expected: dict[str, dict[str, object]]) -> list[str]:
    """Notebooks that passed although ``expected`` says they fail (update it)."""
    return sorted(
        row.notebook
        for row in rows
        if row.passed
        and row.notebook in expected
        and not expected[row.notebook].get("pass")
    )


def main(argv: list[str] | None = None) -> int:
    """Print the Markdown report of a harness run from its ``--json`` file."""
    import argparse
    import json
    from pathlib import Path

    parser = argparse.ArgumentParser(prog="python -m benchmarks.real_notebooks_report")
    parser.add_argument(
        "json", type=Path, help="a file written by the harness's --json"
    )
    args = parser.parse_args(argv)
    data = json.loads(args.json.read_text(encoding="utf-8"))
    print(markdown([Row.from_json(row) for row in data["rows"]]), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
