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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("examples", nargs="*", default=list(EXAMPLES))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
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
