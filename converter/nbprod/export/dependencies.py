"""Map the notebook's imports to pinned distributions.

Versions come from ``options.versions`` when given, else from the pins an earlier export
recorded (a re-export), else from the environment nbprod runs in (``importlib.metadata``); an explicit pin in the notebook (``!pip install x==1``) wins
over both. Ploomber's own known-good pins are added (see the project's toolchain notes:
ploomber 0.23.3 pins ``notebook<7``; ``jupyter_client>=8`` keeps a modern kernel stack and
``networkx<3.6`` keeps ``ploomber plot`` working).

Every requirement must install beside the notebook's own pins: a bound the package adds
for convenience (``soft``) yields to a pinned version that does not satisfy it, and a
requirement the notebook's environment pins is always pinned to that version.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import Any

from .resources import Requirement

#: Import names whose distribution has another name, for packages not installed here.
KNOWN_DISTRIBUTIONS = {
    "sklearn": "scikit-learn",
    "cv2": "opencv-python",
    "PIL": "pillow",
    "yaml": "pyyaml",
    "bs4": "beautifulsoup4",
    "skimage": "scikit-image",
    "dateutil": "python-dateutil",
    "dotenv": "python-dotenv",
    "Bio": "biopython",
    "mpl_toolkits": "matplotlib",
}

#: Known-good pins of the pipeline runtime (toolchain notes).
PLOOMBER_PINS = (
    Requirement("ploomber", "==0.23.3", "runs pipeline.yaml", "ploomber"),
    Requirement(
        "jupyter_client",
        ">=8",
        "with ploomber's notebook<7 pin",
        "jupyter_client",
        True,
    ),
    Requirement("networkx", "<3.6", "ploomber plot fails with 3.6", "networkx", True),
    # jsonschema 4.24+ pulls in rfc3987-syntax, whose grammar takes about 1.2 s to build
    # at import; ploomber imports jsonschema (through nbformat) on every start. Only a
    # fast-start wish: a notebook that pins jsonschema 4.24+ keeps its version.
    Requirement(
        "jsonschema", "<4.24", "keeps ploomber's start-up fast", "jsonschema", True
    ),
)
REPORT_PINS = (
    Requirement("papermill", "==2.7.0", "runs the report notebook", "papermill"),
    Requirement("ipykernel", "", "kernel of the report notebook", "ipykernel"),
)
#: Engines pandas can write Parquet with, in the order it tries them.
PARQUET_ENGINES = (("pyarrow", "pyarrow"), ("fastparquet", "fastparquet"))
IGNORED = frozenset({"__future__", "IPython", "ipywidgets", "google.colab", "google"})


@cache
def _packages_distributions() -> Mapping[str, list[str]]:
    from importlib.metadata import packages_distributions

    return packages_distributions()


def distribution_for(module: str) -> str | None:
    top = module.split(".")[0]
    if (
        not top
        or top in sys.stdlib_module_names
        or top in IGNORED
        or module.startswith(".")
    ):
        return None
    if top in KNOWN_DISTRIBUTIONS:
        return KNOWN_DISTRIBUTIONS[top]
    # Most distributions are named like their module (numpy, pandas, scipy...): asking
    # for that one distribution costs a few ms, where mapping every installed
    # distribution to its modules reads hundreds of RECORD files (about 0.8 s in a
    # Jupyter environment, more than the rest of a cold export).
    named = _distribution_named(top)
    if named:
        return named
    if not _importable(top):
        return top  # not installed here: no distribution to find
    found = _packages_distributions().get(top)
    if found:
        return sorted(found)[0]
    return top


@cache
def _distribution_named(top: str) -> str | None:
    """The installed distribution named ``top``, if it provides the module ``top``."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        dist = distribution(top)
    except (PackageNotFoundError, ValueError):
        return None
    if _provides(dist, top) is False:
        return None  # a distribution of that name that installs other modules
    name = dist.metadata["Name"]
    return name if isinstance(name, str) and name else None


def _provides(dist: Any, top: str) -> bool | None:
    """Whether a distribution installs the top-level module ``top`` (as
    ``packages_distributions`` finds out: ``top_level.txt``, else its RECORD, here
    read as text: pandas' RECORD has thousands of lines), or None when it does not say.
    """
    names = dist.read_text("top_level.txt")
    if names:
        return top in {line.strip() for line in names.splitlines()}
    record = dist.read_text("RECORD")
    if not record:
        return None
    record = "\n" + record
    return f"\n{top}/" in record or f"\n{top}." in record


def _importable(top: str) -> bool:
    from importlib.util import find_spec

    try:
        return find_spec(top) is not None
    except (ImportError, ValueError):
        return False


#: The pins an earlier export recorded (canonical name -> version), while a re-export
#: runs (:func:`recorded_pins`): they stand for the environment the package was pinned
#: from, so every version lookup reproduces them whatever is installed here.
_RECORDED: ContextVar[Mapping[str, str] | None] = ContextVar(
    "nbprod_recorded_pins", default=None
)


@contextmanager
def recorded_pins(pins: Mapping[str, str] | None) -> Iterator[None]:
    """Within this block, :func:`installed_version` answers from ``pins`` first."""
    token = _RECORDED.set(
        {canonical(k): v for k, v in pins.items()} if pins is not None else None
    )
    try:
        yield
    finally:
        _RECORDED.reset(token)


def installed_version(dist: str) -> str | None:
    """The version the package pins ``dist`` to when no versions file is given: the one
    an earlier export recorded (see :func:`recorded_pins`), else the one installed here.
    """
    from importlib.metadata import PackageNotFoundError, version

    recorded = _RECORDED.get()
    if recorded is not None and canonical(dist) in recorded:
        return recorded[canonical(dist)]
    try:
        return version(dist)
    except PackageNotFoundError:
        return None


def parse_versions(text: str) -> dict[str, str]:
    """Pins from requirements-style text: every ``name==version`` line (others ignored)."""
    found: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        match = re.fullmatch(
            r"([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([A-Za-z0-9.+!_-]+)", line
        )
        if match:
            found[match.group(1)] = match.group(2)
    return found


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass(frozen=True)
class Pinned:
    """One requirement of the package: its PEP 508 text and the module that proves it."""

    text: str
    #: importable module of the distribution ("" when not known: no import test)
    module: str


def pinned_version(dist: str, versions: Mapping[str, str] | None) -> str | None:
    """The version the notebook's environment has: ``versions`` when given, else here."""
    if versions is None:
        return installed_version(dist)
    lookup = {canonical(k): v for k, v in versions.items()}
    return lookup.get(canonical(dist))


def parquet_engine(versions: Mapping[str, str] | None) -> Requirement | None:
    """A Parquet engine the notebook's environment has, pinned; None when it has none.

    Never an unpinned engine: the newest pyarrow needs NumPy 2 and fails to import beside
    a pinned NumPy 1 ("Unable to find a usable engine").
    """
    for dist, module in PARQUET_ENGINES:
        known = pinned_version(dist, versions)
        if known:
            return Requirement(dist, f"=={known}", "parquet products", module)
    return None


def _fits(version: str, specifier: str) -> bool:
    from packaging.specifiers import InvalidSpecifier, SpecifierSet
    from packaging.version import InvalidVersion, Version

    try:
        return Version(version) in SpecifierSet(specifier)
    except (InvalidSpecifier, InvalidVersion):
        return False


def resolve(
    modules: Iterable[str],
    explicit: Iterable[Requirement],
    versions: Mapping[str, str] | None,
    extra: Iterable[Requirement] = (),
) -> tuple[Pinned, ...]:
    """One pinned requirement per distribution, sorted by name.

    ``modules`` are the notebook's imports, ``explicit`` its own ``!pip install`` pins
    (they win), ``extra`` what the package adds. A version the notebook's environment has
    pins every requirement without a specifier; a ``soft`` bound that this version does
    not satisfy gives way to the version, so the package installs beside the notebook's
    pins.
    """
    wanted: dict[str, Requirement] = {}
    module_of: dict[str, str] = {}
    for module in modules:
        dist = distribution_for(module)
        if dist:
            key = canonical(dist)
            wanted.setdefault(key, Requirement(dist, "", f"import {module}"))
            module_of.setdefault(key, module.split(".")[0])
    for req in extra:
        key = canonical(req.name)
        wanted.setdefault(key, req)
        if req.module:
            module_of.setdefault(key, req.module)
    for req in explicit:  # the notebook's own pins win
        key = canonical(req.name)
        if req.specifier or key not in wanted:
            wanted[key] = req
    out = []
    for key, req in sorted(wanted.items()):
        spec = req.specifier
        if not spec or req.soft:
            known = pinned_version(req.name, versions)
            if known and (not spec or _fits(known, spec) or versions is not None):
                spec = f"=={known}"
        out.append(Pinned(f"{req.name}{spec}", module_of.get(key, "")))
    return tuple(out)
