"""The view model: everything a template prints, already rendered as safe text.

Templates only loop and branch over these records. Every string that came from the
notebook is here either as Python source produced by ``repr()`` (``*_code`` fields), as a
sanitised identifier (``name`` fields: ``[a-z0-9_]`` or a name the Python parser accepted),
or as Markdown-escaped text (``*_md`` fields). Notebook *code* is the one exception: it is
the user's program, copied as code into step bodies.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ParamView:
    name: str
    type_code: str  # annotation: int, float, str, bool, list, dict, object
    default_code: str  # a Python expression (repr-built)
    field_code: str  # what follows ``name: type = `` in the dataclass
    env_key: str  # the key in env.yaml
    arg: str  # argument name of the ploomber task function (and key of its params)
    #: False when ploomber would change the value (it renders ``{{ }}`` with Jinja and
    #: casts numeric-looking text): env.yaml then says "use the default of params.py".
    env_safe: bool
    default_md: str
    origin_md: str
    is_path: bool


@dataclass(frozen=True)
class InputView:
    name: str
    step: str
    key: str  # product key of the upstream task
    #: the step changes the value in place: an in-memory run passes a copy
    copy: bool = False


@dataclass(frozen=True)
class OutputView:
    name: str
    format: str
    path: str  # product path relative to the package folder
    where_code: str  # repr of "cell N" for error messages


@dataclass(frozen=True)
class FileView:
    key: str
    path: str
    path_code: str


@dataclass(frozen=True)
class StepView:
    name: str
    header: str  # comment lines, each starting with "# "
    title_code: str
    cells_text: str  # "3, 4, 5"
    imports: tuple[str, ...]
    definitions: tuple[str, ...]  # names imported from definitions.py
    inputs: tuple[InputView, ...]
    params: tuple[ParamView, ...]
    secrets: tuple[str, ...]  # environment variable names (identifier-like)
    outputs: tuple[OutputView, ...]
    files: tuple[FileView, ...]
    upstream: tuple[str, ...]
    body: str  # indented code of the step function
    #: the cells use top-level ``await`` (IPython runs them in an event loop)
    is_async: bool = False
    #: sources of functions re-emitted here because they read notebook globals
    local_defs: tuple[str, ...] = ()
    is_report: bool = False


@dataclass(frozen=True)
class Plan:
    package: str
    dist_name: str
    notebook_code: str  # repr of the notebook's file name
    notebook_md: str
    header: str
    params: tuple[ParamView, ...]
    steps: tuple[StepView, ...]  # pipeline steps in order (report excluded)
    report: StepView | None
    report_imports: tuple[str, ...]
    report_cells: tuple[str, ...]  # cleaned source of each report cell
    #: per report cell, the products loaded before it (as the notebook had them there)
    report_loads: tuple[tuple[InputView, ...], ...]
    definitions_imports: tuple[str, ...]
    definitions_code: str  # hoisted functions and classes, as in the notebook
    has_definitions: bool
    requirements: tuple[str, ...]  # requirement strings, PEP 508
    report_requirements: tuple[str, ...]
    #: one importable module per requirement whose module is known (tested by the package)
    dependency_modules: tuple[str, ...]
    #: modules copied from the notebook's folders: (path under src/<package>/, source)
    local_files: tuple[tuple[str, str], ...]
    secrets: tuple[tuple[str, str], ...]  # (env var, variable markdown)
    cell_map: tuple[tuple[str, str, str], ...]  # (cells, file, function) markdown
    findings: tuple[str, ...]  # markdown bullet texts
    notes: tuple[str, ...]  # markdown bullet texts
    version: str

    @property
    def copies_inputs(self) -> bool:
        """Whether some step changes an input in place (the in-memory run copies it)."""
        return any(i.copy for s in self.steps for i in s.inputs)
