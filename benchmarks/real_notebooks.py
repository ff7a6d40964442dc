"""Real-notebook harness: does the exported package of each notebook run? (issue 10)

For each notebook, as a new user would, in a scratch copy of the notebook's folder tree:

1. ``papermill``: run it in its own environment (``--env-python``), its folder as working
   directory, within ``--timeout`` seconds. A notebook that fails here is *not runnable*
   and left out of the success rate. Its code is also run as a plain script (nbconvert's
   Python export, run by the environment's Python; IPython when it has magics) for the
   speed comparison; that run's failure stops nothing.
2. ``export``: ``nbprod export NB -o DIR --versions FREEZE`` in a new process (cold), with
   the ``pip freeze`` of the notebook's environment as pins, from a fresh copy of the tree.
3. ``install``: a fresh environment (``uv venv``) on the same interpreter, into which the
   package is installed (``uv pip install 'DIR[test]'``) with the freeze as constraints.
4. ``build``, ``run``, ``test``: ``ploomber build``, ``python -m PKG run`` and the
   package's own ``pytest``, from the package folder.

Prints one row per notebook (stage reached, first error, seconds per stage, ``run`` against
the plain script and ``build`` against papermill) and the success rate over runnable
notebooks, as Markdown (``--json FILE`` for JSON). ``--expected FILE`` exits 1 when a
notebook expected to pass does not (CI).

Usage::

    python -m benchmarks.real_notebooks FOLDER --env-python ENV/bin/python [--jobs N]
    python -m benchmarks.real_notebooks --list NOTEBOOKS.txt --root DIR --env-python ...

The scratch copy is of the first-level folder under the root that holds the notebook (the
root itself for a notebook directly in it), so data read from ``../data`` is found.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from benchmarks.real_notebooks_report import (
    PASSED,
    Row,
    expectations,
    first_error,
    markdown,
    newly_passing,
    shorten,
    summarize,
    unexpected,
)

ROOT = Path(__file__).resolve().parent.parent
# Never copied into a workspace: version control, checkpoints, earlier harness output.
_IGNORE = shutil.ignore_patterns(
    ".git", ".ipynb_checkpoints", "__pycache__", "*_nbprod"
)


@dataclass(frozen=True)
class Config:
    """What every notebook's run shares."""

    env_python: Path
    freeze: Path
    relaxed: Path | None
    out: Path
    nbprod: tuple[str, ...]
    uv: str
    timeout: float
    stage_timeout: float
    nice: int
    keep: bool
    force: bool
    script: bool = True


@dataclass(frozen=True)
class Candidate:
    """A notebook, the tree copied for it, and the name it has in the report."""

    path: Path
    tree: Path
    name: str


# --- finding notebooks ---------------------------------------------------------------


def notebooks_in(folder: Path) -> list[Path]:
    """Every notebook under ``folder``, sorted by path, checkpoints left out."""
    return sorted(
        path
        for path in folder.rglob("*.ipynb")
        if ".ipynb_checkpoints" not in path.parts
        and not any(part.endswith("_nbprod") for part in path.parts)
    )


def candidate(path: Path, root: Path) -> Candidate:
    """The notebook with its tree: the first-level folder under ``root`` holding it."""
    path, root = path.resolve(), root.resolve()
    relative = path.relative_to(root)
    tree = root / relative.parts[0] if len(relative.parts) > 1 else root
    return Candidate(path=path, tree=tree, name=relative.as_posix())


def interleave(candidates: list[Candidate]) -> list[Candidate]:
    """Round-robin across trees (each tree's notebooks in path order), trees by name.

    So that a selection of the first N runnable notebooks spans the collections instead of
    exhausting the first one; deterministic.
    """
    by_tree: dict[Path, list[Candidate]] = {}
    for item in sorted(candidates, key=lambda c: c.name):
        by_tree.setdefault(item.tree, []).append(item)
    queues = [by_tree[tree] for tree in sorted(by_tree)]
    ordered: list[Candidate] = []
    for index in range(max((len(q) for q in queues), default=0)):
        ordered += [queue[index] for queue in queues if index < len(queue)]
    return ordered


def slug(name: str) -> str:
    """A folder name for a notebook's scratch space."""
    text = re.sub(r"[^A-Za-z0-9]+", "_", name.removesuffix(".ipynb")).strip("_")
    return text[-80:] or "notebook"


# --- running commands ----------------------------------------------------------------


@dataclass
class Outcome:
    ok: bool
    seconds: float
    output: str
    cpu: float = 0.0


def run_command(
    args: list[str],
    cwd: Path,
    env: dict[str, str],
    timeout: float,
    log: Path,
    nice: int = 0,
) -> Outcome:
    """Run ``args`` in its own process group; on timeout the whole group is killed.

    Output (stdout and stderr interleaved) goes to ``log`` and is returned, with the wall
    time and the CPU time of the process and the children it waited for (``os.wait4``):
    on a shared machine, CPU time is the steadier measure.
    """
    command = (["nice", "-n", str(nice)] if nice else []) + args
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        errors="replace",
        start_new_session=True,
    )
    timed_out = threading.Event()

    def kill() -> None:
        # A kernel or a ploomber subprocess would otherwise outlive its parent.
        timed_out.set()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)

    chunks: list[str] = []
    assert process.stdout is not None
    reader = threading.Thread(target=lambda: chunks.append(process.stdout.read()))
    reader.start()
    timer = threading.Timer(timeout, kill)
    timer.start()
    _, status, usage = os.wait4(process.pid, 0)
    timer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = round(time.perf_counter() - start, 2)
    reader.join(timeout=10)
    if reader.is_alive():  # a child left running still holds the output pipe
        kill()
        reader.join()
    output = "".join(chunks)
    if timed_out.is_set():
        output += f"\nharness: timed out after {timeout:g} s\n"
    ok = process.returncode == 0 and not timed_out.is_set()
    log.write_text(f"$ {' '.join(command)}\n(cwd {cwd})\n\n{output}", encoding="utf-8")
    return Outcome(ok, seconds, output, round(usage.ru_utime + usage.ru_stime, 2))


def _error_of(outcome: Outcome) -> str:
    if "harness: timed out after" in outcome.output:
        return shorten(
            outcome.output.strip().splitlines()[-1].removeprefix("harness: ")
        )
    return first_error(outcome.output) or "failed (no output)"


def env_without_ours() -> dict[str, str]:
    """The environment for the notebook's and the package's processes.

    Without our PYTHONPATH (it points at nbprod's sources), without an inherited virtual
    environment, with a non-interactive matplotlib backend and Ploomber's telemetry off.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "MPLBACKEND"}
    }
    env["PLOOMBER_STATS_ENABLED"] = "false"
    env["UV_PYTHON_DOWNLOADS"] = "never"
    env["UV_NO_PROGRESS"] = "1"
    env["NO_COLOR"] = "1"
    return env


def freeze(env_python: Path, out: Path, uv: str) -> Path:
    """The notebook environment's ``pip freeze``, pinned lines only, written to ``out``.

    Read with ``uv pip freeze``: environments made by uv have no pip.
    """
    done = subprocess.run(
        [uv, "pip", "freeze", "--python", str(env_python)],
        capture_output=True,
        text=True,
        check=True,
        env=env_without_ours(),
    )
    # Pins only: editable installs and direct URLs cannot be reproduced elsewhere, and
    # pip/setuptools are the installer's business.
    lines = sorted(
        line
        for line in done.stdout.splitlines()
        if "==" in line
        and not line.startswith("-e")
        and line.split("==")[0].lower() not in {"pip", "setuptools", "wheel"}
    )
    path = out / "freeze.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def plain_script(notebook: Path) -> str:
    """The notebook's code as nbconvert exports it to a Python script."""
    from nbconvert import PythonExporter

    source, _ = PythonExporter().from_filename(str(notebook))
    return source


def package_name(package: Path) -> str | None:
    """The import name of an exported package: the folder under ``src`` with a __main__."""
    found = sorted(path.parent.name for path in package.glob("src/*/__main__.py"))
    return found[0] if found else None


def step_count(package: Path, name: str) -> int:
    """How many steps the exported package has (modules of ``src/PKG/steps``)."""
    steps = package / "src" / name / "steps"
    return sum(1 for path in steps.glob("*.py") if path.name != "__init__.py")


# --- one notebook --------------------------------------------------------------------


def run_notebook(item: Candidate, config: Config) -> Row:
    """Every stage for one notebook; stops at the first that fails."""
    space = config.out / slug(item.name)
    if space.exists():
        shutil.rmtree(space)
    space.mkdir(parents=True)
    row = Row(notebook=item.name, stage="papermill")
    relative = item.path.relative_to(item.tree)
    env = env_without_ours()
    plain_env = {**env, "MPLBACKEND": "Agg"}
    python = str(config.env_python)
    try:
        # 1. papermill (and the plain script) in one copy of the tree.
        run_tree = space / "run"
        shutil.copytree(item.tree, run_tree, ignore=_IGNORE, symlinks=True)
        notebook = run_tree / relative
        outcome = run_command(
            [
                *(
                    python,
                    "-m",
                    "papermill",
                    str(notebook),
                    str(space / "papermill.ipynb"),
                ),
                *("-k", "python3", "--cwd", str(notebook.parent), "--no-progress-bar"),
            ],
            cwd=notebook.parent,
            env=env,
            timeout=config.timeout,
            log=space / "papermill.log",
            nice=config.nice,
        )
        row.times["papermill"] = outcome.seconds
        row.times["papermill_cpu"] = outcome.cpu
        if not outcome.ok:
            row.error = _error_of(outcome)
            return row
        if config.script:
            _plain_run(item, notebook, space, config, row, plain_env)
        if not config.keep:
            shutil.rmtree(run_tree)

        # 2. export, cold, from a fresh copy of the tree.
        row.stage = "export"
        pkg_tree = space / "pkg"
        shutil.copytree(item.tree, pkg_tree, ignore=_IGNORE, symlinks=True)
        notebook = pkg_tree / relative
        package = notebook.parent / f"{slug(notebook.stem)}_nbprod"
        export = [*config.nbprod, "export", str(notebook), "-o", str(package)]
        export += ["--versions", str(config.freeze)] + (
            ["--force"] if config.force else []
        )
        outcome = run_command(
            export,
            cwd=notebook.parent,
            env=dict(os.environ),
            timeout=config.stage_timeout,
            log=space / "export.log",
        )
        row.times["export"] = outcome.seconds
        row.times["export_cpu"] = outcome.cpu
        name = package_name(package) if outcome.ok else None
        if name is not None:
            row.steps = step_count(package, name)
        if not outcome.ok or name is None:
            row.error = (
                _error_of(outcome) if not outcome.ok else "no package was written"
            )
            return row

        # 3. a fresh environment with the notebook's pins, the package installed into it.
        row.stage = "install"
        venv = space / "venv"
        start = time.perf_counter()
        outcome = run_command(
            [config.uv, "venv", "--quiet", str(venv), "--python", python],
            cwd=space,
            env=env,
            timeout=config.stage_timeout,
            log=space / "venv.log",
        )
        if outcome.ok:
            outcome = _install(
                config, venv, package, config.freeze, space / "install.log"
            )
            if not outcome.ok and config.relaxed is not None:
                # Say why the pins fail, then go on with the named pins left out, so the
                # later stages are still measured.
                row.strict_error = _error_of(outcome)
                outcome = _install(
                    config, venv, package, config.relaxed, space / "install-relaxed.log"
                )
        row.times["install"] = round(time.perf_counter() - start, 2)
        if not outcome.ok:
            row.error = _error_of(outcome)
            return row

        # 4. the package runs: ploomber build, python -m PKG run, its own tests.
        package_env = {
            **plain_env,
            "PATH": f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
            "VIRTUAL_ENV": str(venv),
        }
        venv_python = str(venv / "bin" / "python")
        for stage, args in (
            ("build", [str(venv / "bin" / "ploomber"), "build"]),
            ("run", [venv_python, "-m", name, "run"]),
            ("test", [venv_python, "-m", "pytest", "-q", "-p", "no:cacheprovider"]),
        ):
            row.stage = stage
            outcome = run_command(
                args,
                cwd=package,
                env=package_env,
                timeout=config.stage_timeout,
                log=space / f"{stage}.log",
                nice=config.nice,
            )
            row.times[stage] = outcome.seconds
            row.times[f"{stage}_cpu"] = outcome.cpu
            if not outcome.ok:
                row.error = _error_of(outcome)
                return row
        row.stage = PASSED
        return row
    except Exception as error:  # the harness's own failure is a row, not a crash
        row.error = shorten(f"harness: {type(error).__name__}: {error}")
        return row
    finally:
        if not config.keep:
            _tidy(space)


def _plain_run(
    item: Candidate,
    notebook: Path,
    space: Path,
    config: Config,
    row: Row,
    env: dict[str, str],
) -> None:
    """Time the notebook's code as a plain script, from the notebook's folder.

    nbconvert's Python export; magics become ``get_ipython()`` calls, which only IPython
    defines, so such a script runs under IPython (as nbconvert's users would have to).
    """
    script = space / "script.py"
    source = plain_script(item.path)
    script.write_text(source, encoding="utf-8")
    python = str(config.env_python)
    runner = (
        [python, "-m", "IPython", "--no-banner", "--quick", "--colors=NoColor"]
        if "get_ipython()" in source
        else [python]
    )
    outcome = run_command(
        [*runner, str(script)],
        cwd=notebook.parent,
        env=env,
        timeout=config.stage_timeout,
        log=space / "script.log",
        nice=config.nice,
    )
    row.times["script"] = outcome.seconds
    row.times["script_cpu"] = outcome.cpu
    if not outcome.ok:
        row.script_error = _error_of(outcome)


def _install(
    config: Config, venv: Path, package: Path, constraints: Path, log: Path
) -> Outcome:
    # --compile-bytecode: pip writes every module's bytecode at install time and uv does
    # not; without it each later run compiles the libraries again (with
    # PYTHONDONTWRITEBYTECODE set, every run), which the notebook's own environment never
    # pays, and the time ratios would measure the installer, not the package.
    return run_command(
        [
            *(config.uv, "pip", "install", "--python", str(venv / "bin" / "python")),
            *("--compile-bytecode", "--constraint", str(constraints)),
            f"{package}[test]",
        ],
        cwd=package,
        env=env_without_ours(),
        timeout=config.stage_timeout,
        log=log,
    )


def relax(freeze: Path, names: Iterable[str]) -> Path | None:
    """The freeze without the pins of ``names`` (written beside it), or None if none."""
    drop = {_canonical(name) for name in names}
    if not drop:
        return None
    lines = freeze.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if _canonical(line.split("==")[0]) not in drop]
    path = freeze.with_name("freeze-relaxed.txt")
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return path


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _tidy(space: Path) -> None:
    """Keep logs, the papermill output and the package; drop copies and the environment."""
    shutil.rmtree(space / "venv", ignore_errors=True)
    shutil.rmtree(space / "run", ignore_errors=True)
    pkg_tree = space / "pkg"
    if pkg_tree.exists():
        for package in pkg_tree.rglob("*_nbprod"):
            if (package / "pyproject.toml").exists():
                shutil.move(str(package), str(space / "package"))
                break
        shutil.rmtree(pkg_tree, ignore_errors=True)


# --- many notebooks ------------------------------------------------------------------


def run_all(
    candidates: list[Candidate],
    config: Config,
    jobs: int,
    select: int | None,
    on_row: Callable[[list[Row]], None] | None = None,
) -> list[Row]:
    """Run notebooks ``jobs`` at a time, in order; rows come back in candidate order.

    With ``select``, stop starting notebooks once ``select`` runnable ones have finished
    and keep the candidates up to the ``select``-th runnable one in order, so the
    selection does not depend on which job finished first.
    """
    done: dict[int, Row] = {}
    pending = iter(enumerate(candidates))
    running: dict[Future[Row], int] = {}

    def enough() -> bool:
        # Only the finished prefix counts: notebooks still running before the N-th
        # runnable one may be runnable themselves.
        if select is None:
            return False
        runnable, index = 0, 0
        while index in done:
            runnable += done[index].runnable
            index += 1
        return runnable >= select

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        while True:
            while len(running) < jobs and not enough():
                try:
                    index, item = next(pending)
                except StopIteration:
                    break
                running[pool.submit(run_notebook, item, config)] = index
            if not running:
                break
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                index = running.pop(future)
                row = future.result()
                done[index] = row
                print(
                    f"[{len(done)}] {row.notebook}: {row.result}"
                    + (f": {row.error}" if row.error else ""),
                    file=sys.stderr,
                    flush=True,
                )
                if on_row is not None:
                    on_row(_kept(done, select))
    return _kept(done, select)


def _kept(done: dict[int, Row], select: int | None) -> list[Row]:
    rows = [done[i] for i in sorted(done)]
    if select is None:
        return rows
    kept, runnable = [], 0
    for row in rows:
        if runnable >= select:
            break
        kept.append(row)
        runnable += row.runnable
    return kept


def _read_list(path: Path, base: Path) -> list[Path]:
    """Notebook paths from a list file; relative ones are under ``base``."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return [
        (base / line) if not Path(line).is_absolute() else Path(line)
        for line in lines
        if line and not line.startswith("#")
    ]


def _default_uv() -> str:
    # uv beside the running interpreter (nbprod's dev extra installs it), else on PATH.
    beside = Path(sys.executable).parent / "uv"
    return str(beside) if beside.exists() else (shutil.which("uv") or "uv")


def parse_args(argv: Iterable[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.real_notebooks",
        description="Run, export, install, build and test real notebooks (issue 10).",
    )
    parser.add_argument("folder", nargs="?", type=Path, help="a folder of notebooks")
    parser.add_argument(
        "--list", type=Path, help="a file of notebook paths, one a line"
    )
    parser.add_argument(
        "--root", type=Path, help="the root the listed notebooks' trees are under"
    )
    parser.add_argument(
        "--env-python",
        type=Path,
        required=True,
        help="the notebooks' environment's python",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/real")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument(
        "--timeout", type=float, default=90, help="seconds for papermill (default 90)"
    )
    parser.add_argument(
        "--stage-timeout", type=float, default=300, help="seconds for every other stage"
    )
    parser.add_argument(
        "--nice", type=int, default=10, help="niceness of runs (0: off)"
    )
    parser.add_argument(
        "--select", type=int, help="stop after this many runnable notebooks (in order)"
    )
    parser.add_argument(
        "--interleave",
        action="store_true",
        help="order notebooks round-robin across the root's first-level folders",
    )
    parser.add_argument(
        "--save-runnable", type=Path, help="write the runnable notebooks here"
    )
    parser.add_argument(
        "--json", type=Path, help="write the rows and totals as JSON here"
    )
    parser.add_argument(
        "--markdown", type=Path, help="write the report here, after each row"
    )
    parser.add_argument(
        "--expected",
        type=Path,
        help="exit 1 if a notebook this JSON expects to pass fails",
    )
    parser.add_argument(
        "--write-expected",
        type=Path,
        help="write this run's results as the expected ones (review the diff)",
    )
    parser.add_argument("--uv", default=_default_uv())
    parser.add_argument(
        "--nbprod",
        default=f"{sys.executable} -m nbprod.cli",
        help="the command that runs nbprod (default: this interpreter's)",
    )
    parser.add_argument(
        "--unconstrain",
        action="append",
        default=[],
        metavar="NAME",
        help="when the install with every pin fails, retry without NAME's pin (repeatable);"
        " the row keeps the strict failure",
    )
    parser.add_argument("--force", action="store_true", help="export with --force")
    parser.add_argument(
        "--no-script",
        action="store_true",
        help="skip the plain-script run (only used for the run / script ratio)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep copies and environments"
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    if (args.folder is None) == (args.list is None):
        parser.error("give a folder or --list, not both")
    return args


def main(argv: Iterable[str] | None = None) -> int:
    args = parse_args(argv)
    if args.folder is not None:
        root = args.folder
        paths = notebooks_in(args.folder)
    else:
        base = args.root or args.list.resolve().parent
        paths = _read_list(args.list, base)
        root = args.root or Path(os.path.commonpath([p.resolve() for p in paths]))
    candidates = [candidate(path, root) for path in paths]
    if args.interleave:
        candidates = interleave(candidates)
    args.out.mkdir(parents=True, exist_ok=True)
    pins = freeze(args.env_python.absolute(), args.out.resolve(), args.uv)
    config = Config(
        env_python=args.env_python.absolute(),
        freeze=pins,
        relaxed=relax(pins, args.unconstrain),
        out=args.out.resolve(),
        nbprod=tuple(args.nbprod.split()),
        uv=args.uv,
        timeout=args.timeout,
        stage_timeout=args.stage_timeout,
        nice=args.nice,
        keep=args.keep,
        force=args.force,
        script=not args.no_script,
    )

    notes = [
        f"Notebook environment: `{args.env_python}` (papermill timeout {args.timeout:g} s, "
        f"other stages {args.stage_timeout:g} s); pins and install constraints: its "
        f"`pip freeze`"
        + (
            f"; when the install with every pin fails, retried without the pins of "
            f"{', '.join(args.unconstrain)}"
            if args.unconstrain
            else ""
        )
        + "."
    ]

    def write(rows: list[Row]) -> None:
        if args.markdown:
            args.markdown.write_text(markdown(rows, notes), encoding="utf-8")
        if args.json:
            data = {
                "rows": [row.to_json() for row in rows],
                "summary": {
                    **summarize(rows).__dict__,
                    "success_rate": summarize(rows).success_rate,
                },
            }
            args.json.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        if args.save_runnable:
            runnable = [row.notebook for row in rows if row.runnable]
            args.save_runnable.write_text(
                "".join(f"{name}\n" for name in runnable), encoding="utf-8"
            )

    rows = run_all(candidates, config, args.jobs, args.select, on_row=write)
    write(rows)
    print(markdown(rows, notes), end="")
    if args.write_expected:
        args.write_expected.write_text(
            json.dumps(expectations(rows), indent=1, sort_keys=True) + "\n",
            encoding="utf-8",
        )
    if args.expected:
        expected = json.loads(args.expected.read_text(encoding="utf-8"))
        for name in newly_passing(rows, expected):
            print(f"note: {name} passes now; update {args.expected}", file=sys.stderr)
        problems = unexpected(rows, expected)
        for problem in problems:
            print(f"UNEXPECTED {problem}", file=sys.stderr)
        if problems:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
