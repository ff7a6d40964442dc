"""Render the view model into the package's files (a mapping of relative path -> text).

Python and Markdown come from the Jinja templates under ``templates/`` (``StrictUndefined``:
a missing field is an error, never an empty string); Python is then formatted with black.
YAML is never templated: it is built as data and emitted with ``yaml.safe_dump``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import ExportError
from .formatting import format_all, format_python
from .plan import Plan, StepView

__all__ = ["USE_DEFAULT", "format_python", "render", "templates_dir"]

#: The env.yaml value that means "the default in params.py" (see ParamView.env_safe).
USE_DEFAULT = "nbprod:default"

#: Where a wheel ships the templates (pyproject force-include) ...
PACKAGED_TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
#: ... and where they are in a source checkout / editable install.
SOURCE_TEMPLATES = Path(__file__).resolve().parents[3] / "templates"


#: The package's ``.gitattributes``: the copies under ``.nbprod/base/`` (the record the
#: three-way merge of a person's edits needs) repeat every generated file; marked
#: generated and without a text diff, each change to generated code shows once in a
#: pull request (``git diff``, GitHub's review), in the file itself.
GITATTRIBUTES = """\
# nbprod's record of what it generated, for merging your edits on re-export: not
# for review. Each change shows once, in the generated file itself.
.nbprod/** linguist-generated=true
.nbprod/base/** -diff
"""


def templates_dir() -> Path:
    for folder in (PACKAGED_TEMPLATES, SOURCE_TEMPLATES):
        if (folder / "package" / "params.py.j2").is_file():
            return folder
    raise ExportError("nbprod's templates are missing; reinstall nbprod")


@cache
def _environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        bytecode_cache=_bytecode_cache(jinja2),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["toml"] = lambda value: json.dumps(str(value))
    return env


def _bytecode_cache(jinja2: Any) -> Any:
    """Compiled templates kept between runs (about 0.15 s of a cold export to compile).

    Jinja's own cache: a folder of the user's under the temporary directory, created
    private (0700) and refused if anyone else owns it; entries are keyed by template
    name and checked against the template's source, so an edited template recompiles.
    No cache when that folder cannot be made safe or written (then templates compile).
    """
    try:
        from .._version import __version__

        cache = jinja2.FileSystemBytecodeCache(pattern=f"nbprod-{__version__}-%s.cache")
        probe = Path(cache.directory) / ".nbprod-probe"
        probe.touch()
        probe.unlink()
        return cache
    except (OSError, RuntimeError):
        return None


def render(plan: Plan, options: dict[str, Any], jobs: int | None = 1) -> dict[str, str]:
    """Every generated file, by POSIX path relative to the package folder.

    ``jobs``: processes formatting the Python files (see :mod:`.formatting`)."""
    env = _environment()
    pkg = f"src/{plan.package}"
    files: dict[str, str] = {}

    def put(path: str, template: str, **context: Any) -> None:
        files[path] = env.get_template(template).render(plan=plan, **context)

    put(f"{pkg}/__init__.py", "package/__init__.py.j2")
    put(f"{pkg}/__main__.py", "package/__main__.py.j2")
    put(f"{pkg}/params.py", "package/params.py.j2")
    put(f"{pkg}/serialize.py", "package/serialize.py.j2")
    put(f"{pkg}/tasks.py", "package/tasks.py.j2")
    put(f"{pkg}/steps/__init__.py", "package/steps/__init__.py.j2")
    for step in plan.steps:
        put(f"{pkg}/steps/{step.name}.py", "package/steps/step.py.j2", step=step)
    if plan.has_definitions:
        put(f"{pkg}/definitions.py", "package/definitions.py.j2")
    if plan.report is not None:
        put("notebooks/report.py", "notebooks/report.py.j2")
    files["tests/__init__.py"] = ""
    put("tests/conftest.py", "tests/conftest.py.j2")
    put("tests/test_steps.py", "tests/test_steps.py.j2")
    put("tests/test_pipeline.py", "tests/test_pipeline.py.j2")
    put("tests/test_dependencies.py", "tests/test_dependencies.py.j2")
    put("README.md", "README.md.j2")
    put("pyproject.toml", "pyproject.toml.j2")
    put(".gitignore", "gitignore.j2")
    if plan.secrets:
        put(".env.example", "env.example.j2")
    header = plan.header + ".\n"
    files[".gitattributes"] = header + GITATTRIBUTES
    files["pipeline.yaml"] = header + _yaml(_pipeline(plan, report=False))
    if plan.report is not None:
        files["pipeline.report.yaml"] = header + _yaml(_pipeline(plan, report=True))
    env_values = {
        p.env_key: _env_value(plan, p.name) if p.env_safe else USE_DEFAULT
        for p in plan.params
    }
    files["env.yaml"] = header + _yaml(env_values)
    python = {p: t for p, t in files.items() if p.endswith(".py") and t}
    files.update(format_all(python, jobs))
    for relative, text in plan.local_files:
        # The notebook's own modules, copied as they are (not reformatted).
        files[f"{pkg}/{relative}"] = text
    return dict(sorted(files.items()))


def _env_value(plan: Plan, name: str) -> Any:
    import ast

    for p in plan.params:
        if p.name == name:
            return (
                ast.literal_eval(p.default_code)
                if "float(" not in p.default_code
                else None
            )
    raise KeyError(name)


def _pipeline(plan: Plan, *, report: bool) -> dict[str, Any]:
    tasks: list[dict[str, Any]] = []
    for step in plan.steps:
        tasks.append(_task(plan, step))
    if report and plan.report is not None:
        r = plan.report
        task: dict[str, Any] = {
            "source": "notebooks/report.py",
            "name": "report",
            "product": "products/report.ipynb",
        }
        if r.upstream:
            task["upstream"] = list(r.upstream)
        params = {p.name: "{{" + p.env_key + "}}" for p in r.params}  # notebook names
        if params:
            task["params"] = params
        tasks.append(task)
    return {
        "meta": {"extract_upstream": False, "extract_product": False},
        "executor": {
            "dotted_path": "ploomber.executors.Serial",
            "build_in_subprocess": False,
        },
        "tasks": tasks,
    }


def _task(plan: Plan, step: StepView) -> dict[str, Any]:
    product = {o.name: o.path for o in step.outputs}
    product.update({f.key: f.path for f in step.files})
    task: dict[str, Any] = {
        "source": f"{plan.package}.tasks.{step.name}",
        "name": step.name,
        "product": product,
    }
    if step.upstream:
        task["upstream"] = list(step.upstream)
    params = {p.arg: "{{" + p.env_key + "}}" for p in step.params}
    if params:
        task["params"] = params
    return task


def _yaml(data: Any) -> str:
    import yaml

    return yaml.safe_dump(
        data, sort_keys=False, default_flow_style=False, allow_unicode=False, width=88
    )
