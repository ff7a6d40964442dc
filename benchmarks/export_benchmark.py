"""Export speed, and the run time of the generated pipeline against papermill and a floor.

For each example notebook, in one run on one machine:

- ``nbprod.export`` time per notebook, in process: median of ``--repeat`` runs with the
  dependency versions given (``versions=``: no environment scan) and with them resolved
  from the environment (``importlib.metadata``);
- end-to-end run time, in the pipeline environment (``NBPROD_PIPELINE_PYTHON``) and in a
  scratch copy of the example: (a) the notebook executed by papermill, (b) the floor: the
  notebook's code cells concatenated into a plain script, (c) ``python -m <package> run``,
  (d) ``ploomber build`` (report step off).

Targets (issue 3): export under 1 s per notebook excluding dependency resolution;
``python -m <package> run`` within 1.2x of the floor; ``ploomber build`` faster than
papermill.

Usage: ``NBPROD_PIPELINE_PYTHON=/path/to/python python benchmarks/export_benchmark.py
[--repeat N] [--json results.json] [example ...]``.

Cold mode (issue 10: export cold from the command line, under 1 s median):
``python benchmarks/export_benchmark.py --cold FOLDER [FOLDER ...] [--sample 40]
[--runs 3] [--python PY] [--json results.json]``. Each notebook (a spread sample of the
folders' notebooks) is exported by a new ``nbprod export NB -o NEW_DIR --force`` process
(the console script's code), ``--runs`` times after one unmeasured run, each run paired
with a bare start of the same interpreter (``python -c pass``) measured right after it.
Children run with Python's bytecode cache on (``PYTHONDONTWRITEBYTECODE`` removed), as
wherever nbprod is installed with pip. Reported: median and max over the notebooks of
each notebook's median wall and CPU time, the bare start, and the median ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ("churn", "forecast")


def _export_times(notebook: Path, repeat: int) -> dict[str, float]:
    import nbprod
    from nbprod.export import dependencies

    pinned = {"pandas": "0", "numpy": "0", "scikit-learn": "0", "matplotlib": "0"}
    times: dict[str, list[float]] = {
        "export_s": [],
        "export_with_dependency_scan_s": [],
    }
    with tempfile.TemporaryDirectory() as scratch:
        for index in range(repeat):
            start = time.perf_counter()
            nbprod.export(notebook, Path(scratch) / f"p{index}", versions=pinned)
            times["export_s"].append(time.perf_counter() - start)
            dependencies._packages_distributions.cache_clear()
            start = time.perf_counter()
            nbprod.export(notebook, Path(scratch) / f"q{index}")
            times["export_with_dependency_scan_s"].append(time.perf_counter() - start)
    return {key: round(statistics.median(values), 3) for key, values in times.items()}


def _timed(args: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return round(elapsed, 2)


def _floor_script(notebook: Path) -> str:
    from nbprod.analysis.parse import _transform

    data = json.loads(notebook.read_text(encoding="utf-8"))
    parts = []
    for cell in data["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        parts.append(_transform(source) or source)
    return "get_ipython = None\n" + "\n\n".join(
        p for p in parts if "get_ipython()" not in p
    )


def _runs(example: str, python: str, repeat: int) -> dict[str, float]:
    import nbprod

    source = ROOT / "examples" / example
    results: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch) / example
        work.mkdir()
        shutil.copy(source / f"{example}.ipynb", work)
        shutil.copytree(source / "data", work / "data")
        (work / "floor.py").write_text(_floor_script(work / f"{example}.ipynb"))
        result = nbprod.export(work / f"{example}.ipynb", work / "export")
        package_dir = work / "export"
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        env.update(
            PLOOMBER_STATS_ENABLED="false",
            MPLBACKEND="Agg",
            PYTHONPATH=str(package_dir / "src"),
        )
        bindir = Path(python).parent
        for _ in range(repeat):
            for key, args, cwd in (
                (
                    "papermill_s",
                    [
                        python,
                        "-m",
                        "papermill",
                        "-k",
                        "python3",
                        f"{example}.ipynb",
                        "out.ipynb",
                    ],
                    work,
                ),
                ("floor_script_s", [python, "floor.py"], work),
                ("python_m_run_s", [python, "-m", result.package, "run"], package_dir),
                (
                    "ploomber_build_s",
                    [str(bindir / "ploomber"), "build", "--force"],
                    package_dir,
                ),
            ):
                results.setdefault(key, []).append(_timed(args, cwd, env))
    out = {key: statistics.median(values) for key, values in results.items()}
    out["run_over_floor"] = round(out["python_m_run_s"] / out["floor_script_s"], 2)
    out["build_over_papermill"] = round(out["ploomber_build_s"] / out["papermill_s"], 2)
    return out


#: The console script's own code (``nbprod = nbprod.cli:main``), run by the interpreter.
CLI = "import sys; from nbprod.cli import main; sys.exit(main())"

#: The children's environment: bytecode cached, as after ``pip install`` (the machine
#: may set PYTHONDONTWRITEBYTECODE, which would recompile nbprod on every start).
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def sample(folders: list[Path], size: int) -> list[Path]:
    """Up to ``size`` notebooks spread over the sorted notebooks of ``folders``."""
    found = sorted(
        path
        for folder in folders
        for path in folder.rglob("*.ipynb")
        if ".ipynb_checkpoints" not in path.parts
    )
    step = max(1, len(found) // max(1, size))
    return found[::step][:size]


def _timed_child(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and exit code of one child process."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=CHILD_ENV,
        check=False,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.returncode


def cold(python: str, notebooks: list[Path], runs: int) -> dict[str, object]:
    """Cold ``nbprod export`` per notebook against a bare interpreter start."""
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for index, notebook in enumerate(notebooks):

            def export(run: int, notebook: Path = notebook, index: int = index):
                out = Path(scratch) / f"n{index}-r{run}"
                command = [python, "-c", CLI, "export", str(notebook), "-o", str(out)]
                return _timed_child([*command, "--force"])

            export(-1)  # warm-up: disk and bytecode caches
            walls, cpus, bares, ratios, codes = [], [], [], [], set()
            for run in range(runs):
                wall, cpu, code = export(run)
                bare, _, _ = _timed_child([python, "-c", "pass"])
                walls.append(wall)
                cpus.append(cpu)
                bares.append(bare)
                ratios.append(wall / bare)
                codes.add(code)
            rows.append(
                {
                    "notebook": str(notebook),
                    "exit_codes": sorted(codes),
                    "wall_s": statistics.median(walls),
                    "cpu_s": statistics.median(cpus),
                    "bare_s": statistics.median(bares),
                    "ratio": statistics.median(ratios),
                }
            )
            print(
                f"{rows[-1]['wall_s']:6.3f} s wall {rows[-1]['cpu_s']:6.3f} s CPU "
                f"exit {sorted(codes)} {notebook}",
                file=sys.stderr,
            )

    def summary(key: str) -> dict[str, float]:
        values = [float(r[key]) for r in rows]  # type: ignore[arg-type]
        return {
            "median": round(statistics.median(values), 3),
            "max": round(max(values), 3),
        }

    return {
        "notebooks": len(rows),
        "runs": runs,
        "exported": sum(1 for r in rows if r["exit_codes"] == [0]),
        "wall_s": summary("wall_s"),
        "cpu_s": summary("cpu_s"),
        "bare_s": summary("bare_s"),
        "ratio": summary("ratio"),
        "rows": rows,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("examples", nargs="*", default=list(EXAMPLES))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--cold",
        action="store_true",
        help="cold `nbprod export` processes over the notebooks of the given folders",
    )
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args(argv)
    if args.cold:
        folders = [Path(f) for f in args.examples if f not in EXAMPLES] or [
            ROOT / "examples"
        ]
        result = cold(args.python, sample(folders, args.sample), args.runs)
        print(json.dumps({k: v for k, v in result.items() if k != "rows"}))
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(result, indent=2) + "\n")
        return 0
    python = os.environ.get("NBPROD_PIPELINE_PYTHON")
    report: dict[str, dict[str, float]] = {}
    for example in args.examples:
        notebook = ROOT / "examples" / example / f"{example}.ipynb"
        row = _export_times(notebook, args.repeat)
        if python:
            row.update(_runs(example, python, max(1, args.repeat // 3)))
        report[example] = row
        print(example, json.dumps(row))
    if not python:
        print(
            "NBPROD_PIPELINE_PYTHON is not set: end-to-end runs skipped",
            file=sys.stderr,
        )
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
