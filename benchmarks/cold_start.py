"""Cold start: ``nbprod lint one.ipynb`` in a new process, per nbformat version.

What a user waits for when CI or a pre-commit hook lints one notebook: a fresh
interpreter that imports nbprod, reads the file, runs every rule and prints. Judged
against the bare start of the same interpreter (``python -c pass``), timed in the same
run, interleaved pair by pair (lint, bare, lint, bare...) so that a machine whose speed
drifts affects both alike.

For each nbformat version found in the given folders (3, 4.0 ... 4.5), up to
``--per-version`` notebooks are taken (spread over the sorted list) and each is linted
``--runs`` times after one unmeasured run (which warms the disk cache and writes
Python's bytecode cache, as pip does when it installs nbprod). Reported per version:
median wall and CPU (user + system) time of the lint process, of the bare start, and the
median of the per-pair wall ratios. Wall time on a shared machine is noisy; CPU time
shows what the process itself costs.

Usage::

    python benchmarks/cold_start.py FOLDER [FOLDER ...] [--runs 7] [--per-version 3]
        [--json benchmarks/results/cold_start.json]

With no folder, the notebook shapes of the test suite (``tests/data/shapes``) are used.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: The console script's own code (``nbprod = nbprod.cli:main``), run by the interpreter.
LINT = "import sys; from nbprod.cli import main; sys.exit(main())"


def version_of(path: Path) -> str | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("nbformat"), int):
        return None
    major, minor = data["nbformat"], data.get("nbformat_minor", 0)
    return str(major) if major < 4 else f"{major}.{minor}"


def pick(folders: list[Path], per_version: int) -> dict[str, list[Path]]:
    """Up to ``per_version`` notebooks per nbformat version, spread over each list."""
    found: dict[str, list[Path]] = defaultdict(list)
    for folder in folders:
        for path in sorted(folder.rglob("*.ipynb")):
            if ".ipynb_checkpoints" in path.parts:
                continue
            version = version_of(path)
            if version is not None:
                found[version].append(path)
    chosen = {}
    for version, paths in found.items():
        step = max(1, len(paths) // per_version)
        chosen[version] = paths[::step][:per_version]
    return dict(sorted(chosen.items(), key=lambda item: _version_key(item[0])))


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


#: The children's environment: Python may cache bytecode, as it does wherever nbprod is
#: installed with pip (PYTHONDONTWRITEBYTECODE would recompile nbprod on every start).
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and exit code of one child process."""
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


def measure(python: str, notebooks: dict[str, list[Path]], runs: int) -> list[dict]:
    bare = [python, "-c", "pass"]
    rows = []
    for version, paths in notebooks.items():
        lint_wall, lint_cpu, bare_wall, bare_cpu, ratios = [], [], [], [], []
        codes = set()
        for path in paths:
            lint = [python, "-c", LINT, "lint", "--no-progress", str(path)]
            timed(lint)  # warm-up: disk and bytecode caches
            timed(bare)
            for _ in range(runs):
                wall, cpu, code = timed(lint)
                codes.add(code)
                base_wall, base_cpu, _ = timed(bare)
                lint_wall.append(wall)
                lint_cpu.append(cpu)
                bare_wall.append(base_wall)
                bare_cpu.append(base_cpu)
                ratios.append(wall / base_wall)
        rows.append(
            {
                "nbformat": version,
                "notebooks": [str(p) for p in paths],
                "runs": len(lint_wall),
                "exit_codes": sorted(codes),
                "lint_wall_ms": 1000 * statistics.median(lint_wall),
                "lint_cpu_ms": 1000 * statistics.median(lint_cpu),
                "bare_wall_ms": 1000 * statistics.median(bare_wall),
                "bare_cpu_ms": 1000 * statistics.median(bare_cpu),
                "ratio": statistics.median(ratios),
            }
        )
    return rows


def table(rows: list[dict]) -> str:
    lines = [
        "| nbformat | notebooks x runs | lint wall (ms) | lint CPU (ms) "
        "| bare start wall (ms) | ratio (wall, per pair) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['nbformat']} | {len(row['notebooks'])} x "
            f"{row['runs'] // max(1, len(row['notebooks']))} "
            f"| {row['lint_wall_ms']:.0f} | {row['lint_cpu_ms']:.0f} "
            f"| {row['bare_wall_ms']:.0f} | {row['ratio']:.1f}x |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--per-version", type=int, default=3)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    folders = args.folders or [ROOT / "tests" / "data" / "shapes"]
    notebooks = pick(folders, args.per_version)
    if not notebooks:
        print("no notebooks found", file=sys.stderr)
        return 2
    rows = measure(args.python, notebooks, args.runs)
    print(table(rows))
    if any(set(row["exit_codes"]) - {0, 1} for row in rows):
        print("warning: some lint runs exited with an error", file=sys.stderr)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
