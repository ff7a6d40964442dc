"""Lint speed: per-notebook latency against a floor measured in the same run.

The floor is the least any notebook linter must do: ``json.load`` the file and
``ast.parse`` each code cell. Reported, in one run on one machine:

- in-process median latency of ``nbprod.lint`` per notebook (examples and synthetic
  notebooks of 20, 50, 200 and 2,000 cells) and its ratio to the floor;
- the median wall time of a cold ``nbprod lint one.ipynb`` process (and of
  ``python -c pass`` for scale);
- whole-corpus CLI throughput with one worker and with all cores.

Usage: ``python benchmarks/lint_benchmark.py [--quick] [--json results.json]``.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent

#: Cells in the style of real data science notebooks, cycled to build synthetic ones.
CELL_TEMPLATES = [
    "import numpy as np\nimport pandas as pd\nfrom sklearn.ensemble import "
    "RandomForestClassifier\nfrom sklearn.model_selection import train_test_split",
    "df{i} = pd.read_csv('data/part_{i}.csv')\ndf{i}.head()",
    "df{i} = df{i}.dropna(subset=['amount'])\ndf{i}['ratio'] = df{i}['a'] / df{i}['b']",
    "features_{i} = [c for c in df{i}.columns if c.startswith('f_')]\n"
    "X{i} = df{i}[features_{i}]\ny{i} = df{i}['target']",
    "X_train{i}, X_test{i}, y_train{i}, y_test{i} = train_test_split(\n"
    "    X{i}, y{i}, test_size=0.2, random_state=42\n)",
    "model{i} = RandomForestClassifier(n_estimators=200, random_state=0)\n"
    "model{i}.fit(X_train{i}, y_train{i})",
    "def summarize_{i}(frame, column='amount'):\n    grouped = frame.groupby('segment')"
    "[column]\n    return grouped.agg(['mean', 'std', 'count'])\n\nsummary_{i} = "
    "summarize_{i}(df{i})",
    "%matplotlib inline\nimport matplotlib.pyplot as plt\nfig, ax = plt.subplots()\n"
    "ax.hist(df{i}['amount'], bins=30)\nplt.show()",
    "scores_{i} = {{name: est.score(X_test{i}, y_test{i}) for name, est in "
    "[('rf', model{i})]}}\nprint(scores_{i})",
    "for col in ['a', 'b', 'c']:\n    df{i}[col + '_log'] = np.log1p(df{i}[col])\n"
    "total_{i} = sum(df{i}[c].sum() for c in ['a', 'b'])",
]
MARKDOWN = "## Section {i}\nSome explanation of what happens next, with *emphasis*."


def synthetic_notebook(cells: int, seed: int = 0) -> dict:
    """A realistic-looking notebook with ``cells`` cells (about 1 in 5 is markdown)."""
    rng = random.Random(seed)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    count = 0
    for index in range(cells):
        if index % 5 == 4:
            cell = nbformat.v4.new_markdown_cell(MARKDOWN.format(i=index))
        else:
            template = CELL_TEMPLATES[rng.randrange(len(CELL_TEMPLATES))]
            count += 1
            cell = nbformat.v4.new_code_cell(
                template.format(i=index // 10), execution_count=count
            )
            cell.outputs = [
                nbformat.v4.new_output("stream", name="stdout", text="ok\n" * 3)
            ]
        cell.id = f"cell-{index}"
        nb.cells.append(cell)
    return json.loads(nbformat.writes(nb))


def floor(path: Path) -> None:
    """json.load + ast.parse of each code cell: the least any linter must do."""
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    for cell in data["cells"]:
        if cell["cell_type"] == "code":
            source = "".join(cell["source"])
            with contextlib.suppress(SyntaxError):
                ast.parse(source)


def median_seconds(fn: Callable[[], object], repeat: int, budget: float = 5.0) -> float:
    times: list[float] = []
    started = time.perf_counter()
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
        if time.perf_counter() - started > budget and len(times) >= 3:
            break
    return statistics.median(times)


def in_process(corpus: dict[str, Path], repeat: int) -> list[dict]:
    import nbprod
    from nbprod.lint.config import Config

    config = Config()
    rows = []
    for name, path in corpus.items():
        nbprod.lint(path, config=config)  # warm imports and caches
        lint_s = median_seconds(lambda p=path: nbprod.lint(p, config=config), repeat)
        floor_s = median_seconds(lambda p=path: floor(p), repeat)
        rows.append(
            {
                "notebook": name,
                "lint_ms": lint_s * 1000,
                "floor_ms": floor_s * 1000,
                "ratio": lint_s / floor_s if floor_s else float("nan"),
            }
        )
    return rows


def cold_cli(path: Path, repeat: int) -> dict:
    nbprod_cmd = [sys.executable, "-m", "nbprod.cli", "lint", "--exit-zero", str(path)]
    baseline_cmd = [sys.executable, "-c", "pass"]

    def run(cmd: list[str]) -> None:
        subprocess.run(cmd, check=True, capture_output=True)

    run(nbprod_cmd)  # warm the OS file cache and .pyc files
    return {
        "nbprod_lint_ms": median_seconds(lambda: run(nbprod_cmd), repeat, 30) * 1000,
        "python_startup_ms": median_seconds(lambda: run(baseline_cmd), repeat, 30)
        * 1000,
    }


def throughput(folder: Path, count: int) -> dict:
    result = {"notebooks": count}
    for jobs in (1, os.cpu_count() or 1):
        cmd = [
            sys.executable,
            "-m",
            "nbprod.cli",
            "lint",
            "--exit-zero",
            "--no-progress",
            "--jobs",
            str(jobs),
            "--format",
            "json",
            str(folder),
        ]
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        seconds = time.perf_counter() - t0
        result[f"jobs{jobs}_s"] = seconds
        result[f"jobs{jobs}_per_s"] = count / seconds
    cores = os.cpu_count() or 1
    if cores > 1:
        result["parallel_speedup"] = result["jobs1_s"] / result[f"jobs{cores}_s"]
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    repeat = 5 if args.quick else 25

    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        corpus: dict[str, Path] = {}
        for example in sorted((ROOT / "examples").glob("*/*.ipynb")):
            corpus[f"example:{example.stem}"] = example
        for cells in (20, 50, 200, 2000):
            path = workdir / f"synthetic_{cells}.ipynb"
            path.write_text(json.dumps(synthetic_notebook(cells)), encoding="utf-8")
            corpus[f"synthetic:{cells}"] = path

        rows = in_process(corpus, repeat)
        cold = cold_cli(corpus["synthetic:50"], 5 if args.quick else 15)
        batch = workdir / "batch"
        batch.mkdir()
        count = 100 if args.quick else 400
        for i in range(count):
            (batch / f"nb_{i:04}.ipynb").write_text(
                json.dumps(synthetic_notebook(50, seed=i)), encoding="utf-8"
            )
        corpus_figures = throughput(batch, count)

    print("| notebook | nbprod lint (ms) | floor (ms) | ratio |")
    print("|---|---:|---:|---:|")
    for row in rows:
        print(
            f"| {row['notebook']} | {row['lint_ms']:.1f} | {row['floor_ms']:.2f} "
            f"| {row['ratio']:.1f}x |"
        )
    print()
    print(
        f"Cold `nbprod lint` on a 50-cell notebook: {cold['nbprod_lint_ms']:.0f} ms "
        f"median (bare `python -c pass`: {cold['python_startup_ms']:.0f} ms)."
    )
    cores = os.cpu_count() or 1
    line = (
        f"Corpus of {corpus_figures['notebooks']} 50-cell notebooks via the CLI: "
        f"{corpus_figures['jobs1_per_s']:.0f} notebooks/s with 1 worker"
    )
    if cores > 1:
        line += (
            f", {corpus_figures[f'jobs{cores}_per_s']:.0f}/s with {cores} "
            f"({corpus_figures['parallel_speedup']:.2f}x)"
        )
    print(line + ".")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(
                {"in_process": rows, "cold": cold, "corpus": corpus_figures}, indent=2
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
