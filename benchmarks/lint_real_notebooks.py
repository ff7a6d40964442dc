"""Lint speed on real notebooks: cold start per nbformat version and whole-run throughput.

Point it at any folders of notebooks (public collections you clone; nothing is
committed). In one run, on one machine, it measures:

- **cold latency per nbformat version**: a fresh ``nbprod lint one.ipynb`` process (the
  console script's code) on up to ``--per-version`` notebooks of each version, ``--runs``
  times each, interleaved with a bare start of the same interpreter (``python -c pass``);
  median and max wall time, median CPU time, and the median of the per-pair ratios;
- **throughput**: one ``nbprod lint`` process over every notebook found (all cores, as the
  CLI does by default), ``--rounds`` times, each round paired with the **floor**: a
  single-process ``json.load`` of every file plus ``ast.parse`` of every code cell, the
  least any notebook linter must do. Reported: median wall time of both and the median
  per-round ratio.

Children run with Python's bytecode cache enabled (``PYTHONDONTWRITEBYTECODE`` removed
from their environment), as wherever nbprod is installed with pip; one unmeasured run
first writes the cache. Wall time on a shared machine is noisy: quote medians and the
ratios, which pair measurements taken seconds apart.

Usage::

    python benchmarks/lint_real_notebooks.py FOLDER [FOLDER ...] [--runs 5] [--per-version 4]
        [--rounds 3] [--jobs N] [--json benchmarks/results/lint_real_notebooks.json]
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cold_start import LINT, pick, timed, version_of


def notebooks_in(folders: list[Path]) -> list[Path]:
    """Every readable notebook under ``folders`` (checkpoints left out), sorted."""
    found = []
    for folder in folders:
        for path in sorted(folder.rglob("*.ipynb")):
            if ".ipynb_checkpoints" not in path.parts and version_of(path):
                found.append(path)
    return found


def floor_seconds(paths: list[Path]) -> float:
    """``json.load`` every file and ``ast.parse`` every code cell, in this process."""
    started = time.perf_counter()
    for path in paths:
        with path.open(encoding="utf-8-sig") as file:
            data = json.load(file)
        cells = data.get("cells")
        if cells is None:  # nbformat 3: cells live in worksheets
            cells = [c for ws in data.get("worksheets", []) for c in ws["cells"]]
        for cell in cells:
            if cell.get("cell_type") != "code":
                continue
            source = cell.get("source", cell.get("input", ""))
            text = source if isinstance(source, str) else "".join(source)
            # IPython syntax fails to parse: trying is still the cost.
            with contextlib.suppress(SyntaxError, ValueError):
                ast.parse(text)
    return time.perf_counter() - started


def cold(python: str, chosen: dict[str, list[Path]], runs: int) -> list[dict]:
    bare = [python, "-c", "pass"]
    rows = []
    for version, paths in chosen.items():
        walls, cpus, bare_walls, ratios, codes = [], [], [], [], set()
        for path in paths:
            lint = [python, "-c", LINT, "lint", "--no-progress", str(path)]
            timed(lint)  # unmeasured: disk and bytecode caches
            for _ in range(runs):
                wall, cpu, code = timed(lint)
                base, _cpu, _ = timed(bare)
                walls.append(wall)
                cpus.append(cpu)
                bare_walls.append(base)
                ratios.append(wall / base)
                codes.add(code)
        rows.append(
            {
                "nbformat": version,
                "notebooks": len(paths),
                "runs": len(walls),
                "exit_codes": sorted(codes),
                "wall_median_ms": 1000 * statistics.median(walls),
                "wall_max_ms": 1000 * max(walls),
                "cpu_median_ms": 1000 * statistics.median(cpus),
                "bare_median_ms": 1000 * statistics.median(bare_walls),
                "ratio_median": statistics.median(ratios),
            }
        )
    return rows


def throughput(python: str, paths: list[Path], rounds: int, jobs: int | None) -> dict:
    command = [python, "-c", LINT, "lint", "--no-progress", "--exit-zero"]
    if jobs:
        command += ["--jobs", str(jobs)]
    command += [str(p) for p in paths]
    timed(command)  # unmeasured: caches
    floor_seconds(paths)
    walls, cpus, floors, ratios, codes = [], [], [], [], set()
    for _ in range(rounds):
        floor = floor_seconds(paths)
        wall, cpu, code = timed(command)
        walls.append(wall)
        cpus.append(cpu)
        floors.append(floor)
        ratios.append(wall / floor)
        codes.add(code)
    return {
        "notebooks": len(paths),
        "rounds": rounds,
        "jobs": jobs or "all cores",
        "exit_codes": sorted(codes),
        "lint_wall_s": statistics.median(walls),
        "lint_cpu_s": statistics.median(cpus),
        "floor_s": statistics.median(floors),
        "ratio_median": statistics.median(ratios),
        "notebooks_per_s": len(paths) / statistics.median(walls),
    }


def cold_table(rows: list[dict]) -> str:
    lines = [
        "| nbformat | notebooks x runs | wall median (ms) | wall max (ms) "
        "| CPU median (ms) | bare start (ms) | ratio to bare (median) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['nbformat']} | {row['notebooks']} x "
            f"{row['runs'] // max(1, row['notebooks'])} | {row['wall_median_ms']:.0f} "
            f"| {row['wall_max_ms']:.0f} | {row['cpu_median_ms']:.0f} "
            f"| {row['bare_median_ms']:.1f} | {row['ratio_median']:.1f}x |"
        )
    return "\n".join(lines)


def throughput_line(run: dict) -> str:
    return (
        f"Whole run: {run['notebooks']} notebooks, jobs: {run['jobs']}, median of "
        f"{run['rounds']}: lint {run['lint_wall_s']:.2f} s wall "
        f"({run['lint_cpu_s']:.2f} s CPU, {run['notebooks_per_s']:.0f} notebooks/s); "
        f"floor {run['floor_s']:.2f} s; ratio {run['ratio_median']:.1f}x "
        f"(exit codes {run['exit_codes']})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--per-version", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--skip-cold", action="store_true")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    paths = notebooks_in(args.folders)
    if not paths:
        print("no notebooks found", file=sys.stderr)
        return 2
    rows: list[dict] = []
    if not args.skip_cold:
        rows = cold(args.python, pick(args.folders, args.per_version), args.runs)
        print(cold_table(rows), flush=True)
    run: dict = {}
    if not args.skip_throughput:
        run = throughput(args.python, paths, args.rounds, args.jobs)
        print(throughput_line(run))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps({"cold": rows, "throughput": run}, indent=2) + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
