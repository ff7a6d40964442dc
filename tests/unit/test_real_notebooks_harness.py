"""The real-notebook harness's own judgement (benchmarks/real_notebooks*.py).

Which line of a failed command is its first error, which cause a failure is grouped
under, what a row reached, the success rate, the report, the CI check against
expected.json, the deterministic order and selection of notebooks, and the one piece of
process handling that must never hang: a timed-out command's whole group is killed.
The outputs below are the shapes the real tools print (ploomber, papermill, pytest, uv).
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

import pytest

from benchmarks.real_notebooks import (
    Candidate,
    _kept,
    candidate,
    interleave,
    notebooks_in,
    relax,
    run_command,
    slug,
)
from benchmarks.real_notebooks_report import (
    PASSED,
    Row,
    by_cause,
    cause,
    first_error,
    markdown,
    newly_passing,
    summarize,
    summary_lines,
    unexpected,
)

PLOOMBER_BUILD = """\
Loading pipeline...
Building task 'load': 100%|##########| 4/4
=============================== DAG build failed ===============================
- PythonCallable: load -> MetaProduct({'sales': File('products/load/sales.parquet')}) -
Traceback (most recent call last):
  File "pandas/io/parquet.py", line 67, in get_engine
    raise ImportError(
ImportError: Unable to find a usable engine; tried using: 'pyarrow', 'fastparquet'.
A suitable version of pyarrow or fastparquet is required for parquet support.

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File "ploomber/tasks/tasks.py", line 215, in run
ploomber.exceptions.TaskBuildError: Error building task "load"
=============================== DAG build failed ===============================
"""

PYTEST = """\
..F.F                                                                    [100%]
=================================== FAILURES ===================================
____________________ test_ploomber_build_produces_every_product ________________
>       assert serialize.same_shape(before, after), f"{name} changed shape"
E       AssertionError: x changed shape
E       assert False
tests/test_pipeline.py:45: AssertionError
=========================== short test summary info ============================
FAILED tests/test_pipeline.py::test_ploomber_build_produces_every_product - A...
1 failed, 4 passed in 13.62s
"""

UV_CONFLICT = """\
Using Python 3.11.7 environment at: /tmp/venv
  x No solution found when resolving dependencies:
  cause: Because pkg==0.1.0 depends on jsonschema<4.24 and jsonschema==4.26.0, we can \
conclude that pkg==0.1.0 cannot be used.
"""

UV_BUILD = """\
Using Python 3.11.7 environment at: /tmp/venv
error: Failed to download and build `cleaning==1.0.0`
  cause: `/cache/cleaning/src` does not appear to be a Python project

hint: `cleaning` (v1.0.0) was included because `local-module` (v0.1.0) depends on `cleaning`
"""

PAPERMILL = """\
Executing notebook with kernel: python3
Traceback (most recent call last):
  File "papermill/execute.py", line 251, in raise_for_execution_errors
papermill.exceptions.PapermillExecutionError:
---------------------------------------------------------------------------
Exception encountered at "In [3]":
---------------------------------------------------------------------------
FileNotFoundError                         Traceback (most recent call last)
Cell In[3], line 1
----> 1 pd.read_csv("./data/bikes.csv")

FileNotFoundError: [Errno 2] No such file or directory: './data/bikes.csv'
"""


def test_first_error_skips_ploomber_wrappers() -> None:
    assert first_error(PLOOMBER_BUILD) == (
        "ImportError: Unable to find a usable engine; tried using: 'pyarrow', 'fastparquet'."
    )


def test_first_error_of_pytest_is_the_first_failing_assertion() -> None:
    assert first_error(PYTEST) == "AssertionError: x changed shape"


def test_first_error_of_pytest_without_detail_is_its_summary() -> None:
    text = "FAILED tests/test_steps.py::test_step_load - KeyError: 'x'\n1 failed\n"
    assert first_error(text) == "KeyError: 'x'"


def test_first_error_of_uv_says_which_requirements_conflict() -> None:
    error = first_error(UV_CONFLICT)
    assert error.startswith("Because pkg==0.1.0 depends on jsonschema<4.24")
    assert cause("install", error) == "1. dependency conflict with the pins"


def test_first_error_of_uv_build_keeps_the_hint() -> None:
    error = first_error(UV_BUILD)
    assert error.startswith("Failed to download and build `cleaning==1.0.0`")
    assert "`local-module` (v0.1.0) depends on `cleaning`" in error
    assert cause("install", error) == "1. dependency not installable"


def test_first_error_of_papermill_is_the_notebooks_exception() -> None:
    error = first_error(PAPERMILL)
    assert (
        error
        == "FileNotFoundError: [Errno 2] No such file or directory: './data/bikes.csv'"
    )


def test_first_error_of_an_export_refusal_names_the_cell() -> None:
    text = (
        "nbprod: error: lint found 1 error(s) that export cannot resolve:\n"
        "  cell 4, line 2: NBP011 undefined-name: `np` is read inside a function body\n"
        "Fix them in the notebook (`nbprod lint` shows them), or export with --force.\n"
    )
    error = first_error(text)
    assert error.startswith(
        "lint found 1 error(s) that export cannot resolve: cell 4, line 2"
    )
    assert cause("export", error) == "export refused (lint errors)"


def test_first_error_is_one_short_line() -> None:
    error = first_error("ValueError: " + "x " * 500 + "\n")
    assert "\n" not in error and len(error) <= 160 and error.endswith("…")
    assert first_error("") == ""
    pickling = (
        "_pickle.PicklingError: Can't pickle <function <lambda> at 0x7f5c01f13e20>"
    )
    assert first_error(pickling).endswith("<function <lambda> at 0x…>")
    assert first_error("no exception here\nlast words\n") == "last words"


@pytest.mark.parametrize(
    ("error", "label"),
    [
        ("harness: timed out after 90 s", "timeout"),
        ("AssertionError: step report did not produce done", "2. generated test"),
        ("AssertionError: data changed shape", "2. generated test: rebound name"),
        ("ValueError: shapes (3,4) and (2,3) not aligned", "3. step sees another"),
        ("TypeError: 'str' object does not support item assignment", "3. step sees"),
        ("FileNotFoundError: File data/events.json does not exist", "4. data file"),
        ("_pickle.PicklingError: Can't pickle <function <lambda>>", "5. value cannot"),
        ("TypeError: cannot pickle 'generator' object", "5. value cannot be pickled"),
        (
            "ModuleNotFoundError: No module named 'scipy'",
            "a module the package does not",
        ),
    ],
)
def test_causes_follow_issue_10(error: str, label: str) -> None:
    assert cause("build", error).startswith(label)


def test_an_unknown_failure_is_named_by_its_exception_and_stage() -> None:
    assert cause("run", "KeyError: 'region'") == "other: KeyError at run"
    assert cause("test", "something odd") == "other: at test"


def _row(name: str, stage: str, error: str = "", **times: float) -> Row:
    return Row(notebook=name, stage=stage, error=error, times=dict(times))


def test_what_a_row_reached() -> None:
    assert _row("a", "papermill", "NameError: x").result == "not runnable"
    assert _row("b", "build", "KeyError: y").result == "failed at build"
    assert _row("c", PASSED).result == "passed"
    relaxed = Row(
        "d", PASSED, strict_error="Because pkg depends on jsonschema<4.24 ..."
    )
    assert relaxed.result == "passed (relaxed pins)"


def test_ratios_only_between_stages_that_ran_and_passed() -> None:
    done = _row("a", PASSED, papermill=4.0, script=2.0, build=3.0, run=3.0)
    assert done.ratio("run", "script") == 1.5
    assert done.ratio("build", "papermill") == 0.75
    # run failed: its time measures a crash, not the pipeline.
    crashed = _row(
        "b", "run", "KeyError", papermill=4.0, script=2.0, build=3.0, run=0.5
    )
    assert crashed.ratio("run", "script") is None
    assert crashed.ratio("build", "papermill") == 0.75
    broken_script = Row(
        "c", PASSED, times={"script": 1.0, "run": 1.0}, script_error="X"
    )
    assert broken_script.ratio("run", "script") is None


def test_success_rate_counts_runnable_notebooks_only() -> None:
    rows = [
        _row("a", "papermill", "URLError", papermill=1.0),
        _row("b", PASSED, papermill=4.0, script=2.0, export=1.0, build=3.0, run=2.2),
        _row("c", "test", "AssertionError: x changed shape", export=3.0),
        _row("d", PASSED, export=2.0),
    ]
    summary = summarize(rows)
    assert (summary.notebooks, summary.runnable, summary.passed) == (4, 3, 2)
    assert summary.success_rate == 66.7
    assert (summary.export_median_s, summary.export_max_s) == (2.0, 3.0)
    assert (summary.run_compared, summary.run_within_target) == (1, 1)
    assert (summary.build_compared, summary.build_faster) == (1, 1)
    assert summarize([_row("a", "papermill")]).success_rate is None


def test_run_ratio_is_also_given_where_start_up_does_not_dominate_and_by_cpu() -> None:
    quick = _row("a", PASSED, papermill=1.0, script=0.01, build=2.0, run=0.04)
    slow = _row("b", PASSED, papermill=6.0, script=4.0, build=5.0, run=3.0)
    quick.times.update(script_cpu=0.01, run_cpu=0.04, papermill_cpu=1.0, build_cpu=2.0)
    slow.times.update(script_cpu=4.0, run_cpu=2.0, papermill_cpu=6.0, build_cpu=3.0)
    summary = summarize([quick, slow])
    assert (summary.run_compared, summary.run_within_target) == (2, 1)
    assert summary.run_compared_long == summary.run_within_target_long == 1
    assert summary.run_vs_script_median_long == 0.75
    assert summary.run_vs_script_cpu_median == 2.25  # (4.0 + 0.5) / 2
    assert summary.build_vs_papermill_cpu_median == 1.25  # (2.0 + 0.5) / 2
    text = "\n".join(summary_lines(summary))
    assert "where the plain script runs 1 s or more: median 0.75x" in text
    assert "by CPU time: run / script median 2.25x" in text


def test_markdown_has_a_row_per_notebook_totals_and_causes() -> None:
    rows = [
        _row("x|y.ipynb", "build", "ImportError: Unable to find a usable engine"),
        _row("z.ipynb", PASSED, export=1.25),
        _row("w.ipynb", "papermill", "URLError: no network"),
    ]
    text = markdown(rows, notes=["Environment: test."])
    lines = text.splitlines()
    assert lines[0] == "Environment: test."
    table = [line for line in lines if line.startswith("| ")]
    assert len(table) == 1 + len(rows)  # the header, then one row per notebook
    assert "x\\|y.ipynb" in text  # a pipe in a name does not break the table
    assert "| z.ipynb | passed |  |  |  |  | 1.25 |" in text
    separator = next(line for line in lines if line.startswith("|---"))
    columns = {len(re.findall(r"(?<!\\)\|", line)) for line in [*table, separator]}
    assert len(columns) == 1  # every row has as many cells as the header
    assert "**success rate over runnable notebooks: 50.0%** (1/2)" in text
    assert "- **1. parquet engine / dependency beside the pins** (1):" in text
    assert "strict install error" not in text


def test_one_step_packages_are_told_apart() -> None:
    rows = [
        Row("one", PASSED, steps=1),
        Row("two", PASSED, steps=3),
        Row("three", "build", "KeyError: 'x'", steps=4),
    ]
    assert "more than one step: 1/2 passed" in markdown(rows)
    again = Row.from_json(json.loads(json.dumps(rows[1].to_json())))
    assert again == rows[1]


def test_markdown_shows_strict_install_errors_when_pins_were_relaxed() -> None:
    rows = [Row("a", PASSED, strict_error="Because a depends on jsonschema<4.24")]
    text = markdown(rows)
    assert "strict install error" in text
    assert "(strict): 0/1 passed" in text
    assert "- 1x: Because a depends on jsonschema<4.24 (e.g. `a`)" in text
    same = "Because {}==0.1.0 depends on jsonschema<4.24 and jsonschema==4.26.0, we can conclude"
    rows = [Row(name, PASSED, strict_error=same.format(name)) for name in ("a", "b")]
    assert (
        "- 2x: the package requires jsonschema<4.24 and jsonschema==4.26.0 (e.g. `a`)"
        in markdown(rows)
    )


def test_causes_are_grouped_largest_first() -> None:
    rows = [
        _row("a", "test", "AssertionError: x changed shape"),
        _row("b", "build", "TypeError: cannot pickle 'generator' object"),
        _row("c", "test", "AssertionError: data changed shape"),
        _row("d", "papermill", "AssertionError: data changed shape"),  # not runnable
    ]
    groups = by_cause(rows)
    assert list(groups) == [
        "2. generated test: rebound name",
        "5. value cannot be pickled",
    ]
    assert [row.notebook for row in groups["2. generated test: rebound name"]] == [
        "a",
        "c",
    ]


def test_expected_results_catch_regressions_not_progress() -> None:
    expected = {
        "pass.ipynb": {"pass": True},
        "build.ipynb": {"pass": False, "stage": "build"},
        "later.ipynb": {"pass": False, "stage": "install"},
        "missing.ipynb": {"pass": True},
        "fixed.ipynb": {"pass": False, "stage": "test"},
    }
    rows = [
        _row("pass.ipynb", "test", "AssertionError: x changed shape"),
        _row("build.ipynb", "export", "SyntaxError"),  # stops earlier: a regression
        _row("later.ipynb", "run", "KeyError"),  # gets further: progress
        _row("fixed.ipynb", PASSED),
    ]
    problems = unexpected(rows, expected)
    assert problems == [
        "build.ipynb: expected to reach build, failed at export: SyntaxError",
        "missing.ipynb: expected, not run",
        "pass.ipynb: expected to pass, failed at test: AssertionError: x changed shape",
    ]
    assert newly_passing(rows, expected) == ["fixed.ipynb"]


def test_committed_expectations_name_the_committed_notebooks() -> None:
    folder = Path(__file__).resolve().parents[2] / "benchmarks" / "notebooks"
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    names = sorted(candidate(path, folder).name for path in notebooks_in(folder))
    assert sorted(expected) == names
    for value in expected.values():
        assert isinstance(value["pass"], bool)
        assert value["pass"] or value["stage"] in {
            "export",
            "install",
            "build",
            "run",
            "test",
        }


def test_notebooks_are_interleaved_across_trees(tmp_path: Path) -> None:
    for path in ("b/2.ipynb", "b/1.ipynb", "a/x/1.ipynb", "a/2.ipynb", "c/1.ipynb"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("{}", encoding="utf-8")
    (tmp_path / "a" / ".ipynb_checkpoints").mkdir()
    (tmp_path / "a" / ".ipynb_checkpoints" / "2-checkpoint.ipynb").write_text("{}")
    found = [candidate(path, tmp_path) for path in notebooks_in(tmp_path)]
    assert [c.name for c in interleave(found)] == [
        "a/2.ipynb",
        "b/1.ipynb",
        "c/1.ipynb",
        "a/x/1.ipynb",
        "b/2.ipynb",
    ]
    assert found[0].tree == (tmp_path / "a").resolve()
    top = tmp_path / "top.ipynb"
    top.write_text("{}", encoding="utf-8")
    assert candidate(top, tmp_path).tree == tmp_path.resolve()


def test_selection_keeps_candidates_up_to_the_nth_runnable() -> None:
    done = {
        0: _row("a", "papermill"),
        1: _row("b", PASSED),
        2: _row("c", "build"),
        3: _row("d", PASSED),  # finished too, after the selection was complete
    }
    assert [row.notebook for row in _kept(done, 2)] == ["a", "b", "c"]
    assert [row.notebook for row in _kept(done, None)] == ["a", "b", "c", "d"]


def test_slug_is_a_folder_name() -> None:
    assert slug("pandas_exercises/01_Getting_&_Knowing/Exercises.ipynb") == (
        "pandas_exercises_01_Getting_Knowing_Exercises"
    )


def test_relaxed_pins_leave_out_only_the_named_packages(tmp_path: Path) -> None:
    freeze = tmp_path / "freeze.txt"
    freeze.write_text(
        "jsonschema==4.26.0\nnumpy==1.26.4\nPyYAML==6.0.4\n", encoding="utf-8"
    )
    relaxed = relax(freeze, ["JSONSchema", "pyyaml"])
    assert relaxed is not None
    assert relaxed.read_text(encoding="utf-8") == "numpy==1.26.4\n"
    assert relax(freeze, []) is None


def test_a_timed_out_command_is_killed_with_its_children(tmp_path: Path) -> None:
    # The child starts a grandchild that would outlive it (as a kernel would papermill).
    script = (
        "import subprocess, sys, time\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
        "print('started', child.pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    start = time.perf_counter()
    outcome = run_command(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin"},
        timeout=2,
        log=tmp_path / "log.txt",
    )
    assert time.perf_counter() - start < 30
    assert not outcome.ok
    assert "started" in outcome.output
    assert first_error(outcome.output).endswith("timed out after 2 s")
    assert (tmp_path / "log.txt").read_text(encoding="utf-8").startswith("$ ")
    grandchild = int(outcome.output.split()[1])
    assert _gone(grandchild)


def _gone(pid: int) -> bool:
    """The process has ended (or is a zombie waiting for init to reap it)."""
    for _ in range(50):
        stat = Path(f"/proc/{pid}/stat")
        try:
            state = stat.read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state in {"Z", "X"}:
            return True
        time.sleep(0.1)
    return False


def test_a_command_that_succeeds(tmp_path: Path) -> None:
    outcome = run_command(
        [sys.executable, "-c", "print('ok')"],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin"},
        timeout=60,
        log=tmp_path / "log.txt",
    )
    assert outcome.ok and outcome.output == "ok\n" and outcome.seconds >= 0


def test_cpu_time_counts_the_children_waited_for(tmp_path: Path) -> None:
    busy = "import time\nend = time.process_time() + 0.4\nwhile time.process_time() < end: pass"
    parent = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {busy!r}])"
    outcome = run_command(
        [sys.executable, "-c", parent],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin"},
        timeout=60,
        log=tmp_path / "log.txt",
    )
    assert outcome.ok and outcome.cpu >= 0.4


def test_candidate_name_is_relative_to_the_root(tmp_path: Path) -> None:
    path = tmp_path / "collection" / "nbs" / "one.ipynb"
    path.parent.mkdir(parents=True)
    path.write_text("{}", encoding="utf-8")
    assert candidate(path, tmp_path) == Candidate(
        path=path.resolve(),
        tree=(tmp_path / "collection").resolve(),
        name="collection/nbs/one.ipynb",
    )
