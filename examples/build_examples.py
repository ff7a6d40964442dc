"""Regenerate the example data and re-execute the bundled example notebooks in place.

    python examples/build_examples.py                 # all examples
    python examples/build_examples.py churn demo_day  # some of them
    python examples/build_examples.py --no-data       # keep the CSVs, re-run only

Needs the ``examples`` extra (pandas, numpy, scikit-learn, matplotlib, nbclient,
ipykernel). Run it with the Python whose packages the notebooks should use: the
kernel is that interpreter (checked after start-up).

For each example this runs ``<name>/make_data.py``, then executes ``<name>/<name>.ipynb``
with nbclient from its own folder (cwd = the notebook's folder) and writes it back with
nbformat (v4.5, the stable cell ids kept, kernelspec ``python3``), outputs and execution
counts included, as a user's saved notebook would have them. Nothing is stripped.

Execution environment (same for every notebook):

- a throw-away ``HOME`` (so no user config leaks in, and ``demo_day`` finds its
  ``~/Downloads/final_v2.csv``, a copy of ``demo_day/data/transactions.csv``);
- ``MPLBACKEND=Agg``: nothing can open a window. The kernel is started with
  ``--matplotlib=inline``, Jupyter's own (non-interactive, Agg-based) backend, so
  figures end up in the outputs as PNGs, as they do for a user in Jupyter;
- ``PYTHONHASHSEED=0``, the interpreter's ``bin`` first on ``PATH`` (so ``!pip`` is
  this environment's pip), pip told never to reach an index.

``demo_day`` reproduces a real, messy session (see ``PLANS``): two cells are never
executed (an ``input()`` and a network read), some cells are re-run after the cells
below them (so execution counts go down the page), and a scratch cell that defined
``threshold`` is run and then deleted, as it was "in real life". Its unseeded
randomness is made repeatable by seeding numpy's global generator silently (no
execution count) right after the kernel starts; nothing in the notebook shows it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.util import ensure_async

HERE = Path(__file__).resolve().parent
KERNELSPEC = {
    "name": "python3",
    "display_name": "Python 3 (ipykernel)",
    "language": "python",
}
TIMEOUT = 300


@dataclass(frozen=True)
class Plan:
    """How to execute one example notebook.

    ``order`` lists cell ids in the order they were run (a cell may appear more than
    once); ``None`` means every code cell once, top to bottom. ``skip`` are cells that
    stay unexecuted. ``ghosts`` are cells that are executed (by id in ``order``) and
    then removed from the notebook, like a scratch cell a user deleted.
    ``silent_setup`` runs right after start-up without an execution count.
    """

    order: tuple[str, ...] | None = None
    skip: frozenset[str] = frozenset()
    ghosts: dict[str, str] = field(default_factory=dict)
    silent_setup: str = ""
    pin_installs: tuple[str, ...] = ()  # ids of `!pip install` cells to pin


PLANS: dict[str, Plan] = {
    "churn": Plan(),
    "forecast": Plan(),
    "demo_day": Plan(
        order=(
            "pip-install",
            "imports",
            "aws-creds",
            "load",
            "describe",
            "fraud-rate",
            "log-amount",
            "describe",  # re-run after the log transform: now shows log(amount)
            "eda-plots",
            "subset",
            "features",
            "split",
            "train",
            "evaluate",
            "importance",
            "ghost-threshold",
            "live-scoring",
            "train",  # "one more time with a fresh forest" before saving
            "save-model",
        ),
        skip=frozenset({"fetch-latest", "ask-txn"}),
        ghosts={"ghost-threshold": "threshold = 0.3  # tweak for the demo"},
        silent_setup="import numpy\nnumpy.random.seed(20240607)",
        pin_installs=("pip-install",),
    ),
}


def make_data(name: str) -> None:
    subprocess.run([sys.executable, "make_data.py"], cwd=HERE / name, check=True)


def pin_to_installed(source: str) -> str:
    """Rewrite ``pkg==X`` pins to the installed versions, so the install is a no-op."""
    return re.sub(
        r"([A-Za-z0-9_.-]+)==[^\s]+", lambda m: f"{m[1]}=={version(m[1])}", source
    )


def kernel_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        HOME=str(home),
        MPLBACKEND="Agg",
        PYTHONHASHSEED="0",
        PATH=str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", ""),
        PIP_NO_INDEX="1",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PIP_NO_INPUT="1",
        PIP_ROOT_USER_ACTION="ignore",
    )
    env.pop("JPY_SESSION_NAME", None)
    return env


def prepare(nb: nbformat.NotebookNode, plan: Plan) -> None:
    nb.nbformat, nb.nbformat_minor = 4, 5
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    ids = [cell.get("id") for cell in nb.cells]
    if None in ids or len(set(ids)) != len(ids):
        raise SystemExit(f"cells need unique stable ids, got {ids}")
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
            if cell.id in plan.pin_installs:
                cell.source = pin_to_installed(cell.source)


async def execute(name: str, plan: Plan, home: Path) -> nbformat.NotebookNode:
    folder = HERE / name
    path = folder / f"{name}.ipynb"
    nb = nbformat.read(path, as_version=4)
    prepare(nb, plan)

    by_id = {cell.id: cell for cell in nb.cells}
    for ghost_id, source in plan.ghosts.items():
        ghost = nbformat.v4.new_code_cell(source)
        ghost.id = ghost_id
        nb.cells.append(ghost)  # executed, then removed before saving
        by_id[ghost_id] = ghost
    if plan.order is None:
        order = [c.id for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    else:
        order = list(plan.order)
    order = [cell_id for cell_id in order if cell_id not in plan.skip]

    client = NotebookClient(
        nb,
        kernel_name=KERNELSPEC["name"],
        timeout=TIMEOUT,
        record_timing=False,
        allow_errors=False,
        extra_arguments=["--matplotlib=inline"],
        resources={"metadata": {"path": str(folder)}},
    )
    client.reset_execution_trackers()
    async with client.async_setup_kernel(env=kernel_env(home)):
        kc = client.kc
        assert kc is not None
        reply = await client.async_wait_for_reply(await ensure_async(kc.kernel_info()))
        assert reply is not None
        nb.metadata["language_info"] = reply["content"]["language_info"]
        await check_interpreter(client)
        if plan.silent_setup:
            await kc.execute_interactive(
                plan.silent_setup, silent=True, store_history=False, timeout=TIMEOUT
            )
        for cell_id in order:
            cell = by_id[cell_id]
            print(f"  [{name}] {cell_id}", flush=True)
            await client.async_execute_cell(cell, nb.cells.index(cell))

    nb.cells = [cell for cell in nb.cells if cell.id not in plan.ghosts]
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    return nb


async def check_interpreter(client: NotebookClient) -> None:
    assert client.kc is not None
    reply = await client.kc.execute_interactive(
        "",
        silent=True,
        store_history=False,
        user_expressions={"exe": "__import__('sys').executable"},
        timeout=TIMEOUT,
    )
    exe = reply["content"]["user_expressions"]["exe"]["data"]["text/plain"].strip("'\"")
    if Path(exe).resolve() != Path(sys.executable).resolve():
        raise SystemExit(f"kernel runs {exe}, expected {sys.executable}")


def check(name: str, nb: nbformat.NotebookNode, plan: Plan, home: Path) -> None:
    """Sanity checks on the saved notebook, so a rebuild cannot silently drift."""
    text = nbformat.writes(nb)
    if str(home) in text or str(HERE) in text:
        raise SystemExit(f"{name}: outputs mention a machine-specific path")
    errors = [
        cell.id
        for cell in nb.cells
        for out in cell.get("outputs", [])
        if out.output_type == "error" or getattr(out, "name", "") == "stderr"
    ]
    if errors:
        raise SystemExit(f"{name}: errors or warnings in outputs of {errors}")
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    for cell in code:
        executed = cell.execution_count is not None
        if executed == (cell.id in plan.skip):
            raise SystemExit(f"{name}: cell {cell.id} executed={executed} unexpectedly")
    counts = [c.execution_count for c in code if c.execution_count is not None]
    monotonic = counts == sorted(counts)
    if plan.order is None and not monotonic:
        raise SystemExit(f"{name}: execution counts are not in order")
    if plan.order is not None and monotonic:
        raise SystemExit(f"{name}: expected out-of-order execution counts")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help=", ".join(PLANS))
    parser.add_argument("--no-data", action="store_true", help="keep existing CSVs")
    args = parser.parse_args()
    names = args.names or list(PLANS)
    unknown = sorted(set(names) - set(PLANS))
    if unknown:
        parser.error(f"unknown example(s): {', '.join(unknown)}")

    with tempfile.TemporaryDirectory(prefix="nbprod-examples-") as tmp:
        home = Path(tmp)
        (home / "Downloads").mkdir()
        for name in names:
            print(f"{name}:", flush=True)
            if not args.no_data:
                make_data(name)
            if name == "demo_day":  # the notebook reads ~/Downloads/final_v2.csv
                shutil.copy(
                    HERE / name / "data" / "transactions.csv",
                    home / "Downloads" / "final_v2.csv",
                )
            plan = PLANS[name]
            nb = asyncio.run(execute(name, plan, home))
            check(name, nb, plan, home)
            nbformat.validate(nb)
            path = HERE / name / f"{name}.ipynb"
            nbformat.write(nb, path)
            print(f"  wrote {path.relative_to(HERE)} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
