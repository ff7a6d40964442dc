"""Where a notebook's dependencies are declared, and what those files declare.

Walking up from the notebook's folder, the first folder holding a declaration file wins:
``requirements*.txt`` (and ``requirements/*.txt``), ``pyproject.toml`` with a ``[project]``
dependency list, ``[tool.poetry]`` dependencies or ``[dependency-groups]``,
``environment.yml`` / ``environment.yaml`` (read only when PyYAML is importable; nbprod does
not depend on it), ``setup.cfg`` ``install_requires`` and ``Pipfile``. The walk stops at a
repository root (a folder holding ``.git``). Files are read as text and never executed.
"""

from __future__ import annotations

import configparser
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ....analysis import NotebookAnalysis

#: Import names whose distribution has another name (several for variants).
IMPORT_TO_DISTRIBUTIONS: dict[str, tuple[str, ...]] = {
    "sklearn": ("scikit-learn",),
    "skimage": ("scikit-image",),
    "cv2": (
        "opencv-python",
        "opencv-python-headless",
        "opencv-contrib-python",
        "opencv-contrib-python-headless",
        "opencv",
        "py-opencv",
    ),
    "PIL": ("pillow",),
    "yaml": ("pyyaml",),
    "bs4": ("beautifulsoup4",),
    "dateutil": ("python-dateutil",),
    "dotenv": ("python-dotenv",),
    "Crypto": ("pycryptodome", "pycrypto"),
    "jwt": ("pyjwt",),
    "attr": ("attrs",),
    "google": (
        "protobuf",
        "google-cloud-storage",
        "google-cloud-bigquery",
        "google-auth",
    ),
    "googleapiclient": ("google-api-python-client",),
    "tensorflow": (
        "tensorflow",
        "tensorflow-cpu",
        "tensorflow-gpu",
        "tensorflow-macos",
    ),
    "torch": ("torch", "pytorch"),
    "xgboost": ("xgboost", "py-xgboost"),
    "mpl_toolkits": ("matplotlib",),
    "pkg_resources": ("setuptools",),
    "docx": ("python-docx",),
    "pptx": ("python-pptx",),
    "fitz": ("pymupdf",),
    "magic": ("python-magic",),
    "serial": ("pyserial",),
    "umap": ("umap-learn",),
    "psycopg2": ("psycopg2", "psycopg2-binary"),
    "MySQLdb": ("mysqlclient",),
    "OpenSSL": ("pyopenssl",),
    "zmq": ("pyzmq",),
    "osgeo": ("gdal",),
    "git": ("gitpython",),
    "github": ("pygithub",),
    "Bio": ("biopython",),
    "lightgbm": ("lightgbm",),
    "gi": ("pygobject",),
    "Levenshtein": ("levenshtein", "python-levenshtein"),
    "sentence_transformers": ("sentence-transformers",),
    "faiss": ("faiss-cpu", "faiss-gpu", "faiss"),
    "snowflake": ("snowflake-connector-python", "snowflake-snowpark-python"),
    "azure": ("azure-storage-blob", "azure-identity", "azure-ai-ml"),
    "ruamel": ("ruamel.yaml",),
    "jose": ("python-jose",),
    "multipart": ("python-multipart",),
    "slugify": ("python-slugify",),
    "Levenshtein_": (),
}
#: Modules that the Jupyter kernel itself provides; export drops their uses.
KERNEL_MODULES = frozenset({"IPython", "ipykernel", "ipywidgets", "google.colab"})

REQUIREMENT_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
EGG = re.compile(r"#egg=([A-Za-z0-9][A-Za-z0-9._-]*)")


@dataclass(frozen=True)
class Declarations:
    """The dependency files of the nearest folder that has any, and their names."""

    folder: Path
    files: tuple[Path, ...]
    #: Normalised distribution names (PEP 503).
    names: frozenset[str]
    #: True when a file declares dependencies nbprod cannot read (dynamic, unreadable).
    incomplete: bool = False
    #: The project's own name (a ``pyproject.toml`` ``[project] name``), normalised.
    project: str | None = None


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def notebook_folder(path: str | None) -> Path | None:
    """The folder of a notebook that exists on disk, or None (a display name only)."""
    if not path:
        return None
    file = Path(path)
    try:
        if not file.is_file():
            return None
        return file.resolve().parent
    except OSError:
        return None


def find_declarations(folder: Path) -> Declarations | None:
    """The nearest declarations walking up from ``folder`` (None if there are none).

    Not cached: a long-lived server lints again after the user adds a requirements file.
    """
    current = folder
    for _ in range(64):
        found = _read_folder(current)
        if found is not None:
            return found
        if (current / ".git").exists() or current.parent == current:
            return None
        current = current.parent
    return None


def declarations_for(analysis: NotebookAnalysis, folder: Path) -> Declarations | None:
    """:func:`find_declarations` once per lint of a notebook, shared by the rules."""
    return analysis.memo((find_declarations, folder), lambda: find_declarations(folder))


def _read_folder(folder: Path) -> Declarations | None:
    files: list[Path] = []
    names: set[str] = set()
    incomplete = False
    project: str | None = None
    try:
        requirements = sorted(folder.glob("requirements*.txt"))
        requirements += sorted((folder / "requirements").glob("*.txt"))
    except OSError:
        requirements = []
    for file in requirements:
        if file.is_file():
            files.append(file)
            names |= _requirements(file, depth=0)
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        declared = _pyproject(pyproject)
        if declared is not None:
            found, dynamic, project = declared
            files.append(pyproject)
            names |= found
            incomplete = incomplete or (dynamic and not requirements)
    for env_name in ("environment.yml", "environment.yaml"):
        env = folder / env_name
        if env.is_file():
            files.append(env)
            found_env = _environment(env)
            if found_env is None:
                incomplete = True
            else:
                names |= found_env
    setup_cfg = folder / "setup.cfg"
    if setup_cfg.is_file():
        found_cfg = _setup_cfg(setup_cfg)
        if found_cfg is not None:
            files.append(setup_cfg)
            names |= found_cfg
    pipfile = folder / "Pipfile"
    if pipfile.is_file():
        files.append(pipfile)
        names |= _pipfile(pipfile)
    if not files:
        return None
    return Declarations(folder, tuple(files), frozenset(names), incomplete, project)


def _text(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8", errors="replace")[:1_000_000]
    except OSError:
        return ""


def requirement_name(line: str) -> str | None:
    """The distribution named by one requirement line (``name[extra]>=1 ; marker``)."""
    line = line.split(" #", 1)[0].strip()
    if not line or line.startswith("#"):
        return None
    egg = EGG.search(line)
    if egg:
        return normalise(egg.group(1))
    if line.startswith("-"):
        return None
    if "://" in line and "@" not in line.split("://", 1)[0]:
        return None
    match = REQUIREMENT_NAME.match(line)
    return normalise(match.group(1)) if match else None


def _requirements(file: Path, depth: int) -> set[str]:
    names: set[str] = set()
    for raw in _text(file).splitlines():
        line = raw.strip()
        for option in ("-r ", "--requirement "):
            if line.startswith(option) and depth < 5:
                included = (file.parent / line[len(option) :].strip()).resolve()
                if included.is_file():
                    names |= _requirements(included, depth + 1)
        name = requirement_name(line)
        if name:
            names.add(name)
    return names


def _pyproject(file: Path) -> tuple[set[str], bool, str | None] | None:
    try:
        data = tomllib.loads(_text(file))
    except tomllib.TOMLDecodeError:
        return None
    names: set[str] = set()
    declares = False
    dynamic = False
    project = data.get("project")
    project_name = None
    if isinstance(project, dict):
        if isinstance(project.get("name"), str):
            project_name = normalise(project["name"])
        deps = project.get("dependencies")
        if isinstance(deps, list):
            declares = True
            names |= {
                n for d in deps if isinstance(d, str) and (n := requirement_name(d))
            }
        optional = project.get("optional-dependencies")
        if isinstance(optional, dict):
            for group in optional.values():
                if isinstance(group, list):
                    names |= {
                        n
                        for d in group
                        if isinstance(d, str) and (n := requirement_name(d))
                    }
        if "dependencies" in (project.get("dynamic") or []):
            declares = dynamic = True
    groups = data.get("dependency-groups")
    if isinstance(groups, dict):
        for group in groups.values():
            if isinstance(group, list):
                declares = True
                names |= {
                    n
                    for d in group
                    if isinstance(d, str) and (n := requirement_name(d))
                }
    poetry = _get(data, "tool", "poetry")
    if isinstance(poetry, dict):
        tables: list[Any] = [poetry.get("dependencies"), poetry.get("dev-dependencies")]
        for group in (poetry.get("group") or {}).values():
            if isinstance(group, dict):
                tables.append(group.get("dependencies"))
        for table in tables:
            if isinstance(table, dict):
                declares = True
                names |= {normalise(k) for k in table if k.lower() != "python"}
    if not declares:
        return None
    return names, dynamic, project_name


def _get(data: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)  # type: ignore[assignment]
    return data


def _environment(file: Path) -> set[str] | None:
    try:
        import yaml  # optional: nbprod does not depend on PyYAML
    except ImportError:
        return None
    try:
        data = yaml.safe_load(_text(file))
    except yaml.YAMLError:
        return None
    names: set[str] = set()
    deps = data.get("dependencies") if isinstance(data, dict) else None
    for dep in deps or []:
        if isinstance(dep, str):
            match = REQUIREMENT_NAME.match(dep.split("::")[-1])
            if match:
                names.add(normalise(match.group(1)))
        elif isinstance(dep, dict) and isinstance(dep.get("pip"), list):
            names |= {
                n
                for d in dep["pip"]
                if isinstance(d, str) and (n := requirement_name(d))
            }
    return names


def _setup_cfg(file: Path) -> set[str] | None:
    parser = configparser.ConfigParser()
    try:
        parser.read_string(_text(file))
    except configparser.Error:
        return None
    if not parser.has_option("options", "install_requires"):
        return None
    value = parser.get("options", "install_requires")
    return {n for line in value.splitlines() if (n := requirement_name(line))}


def _pipfile(file: Path) -> set[str]:
    try:
        data = tomllib.loads(_text(file))
    except tomllib.TOMLDecodeError:
        return set()
    names: set[str] = set()
    for table in ("packages", "dev-packages"):
        section = data.get(table)
        if isinstance(section, dict):
            names |= {normalise(k) for k in section}
    return names


def candidates(module: str) -> tuple[str, ...]:
    """Normalised distribution names that may provide the import of ``module``."""
    parts = module.split(".")
    top_level = parts[0]
    names = [top_level, *IMPORT_TO_DISTRIBUTIONS.get(top_level, ())]
    if len(parts) > 1 and top_level in {"google", "azure"}:
        names.insert(0, f"{top_level}-{parts[1]}")
        if len(parts) > 2:
            names.insert(0, f"{top_level}-{parts[1]}-{parts[2]}")
    return tuple(dict.fromkeys(map(normalise, names)))


def suggested_distribution(module: str) -> str:
    """The distribution to declare for an import (``PIL`` -> ``pillow``)."""
    parts = module.split(".")
    if len(parts) > 1 and parts[0] in {"google", "azure"}:
        return candidates(module)[0]
    known = IMPORT_TO_DISTRIBUTIONS.get(parts[0])
    return normalise(known[0]) if known else normalise(parts[0])


@cache
def _installed_map() -> dict[str, tuple[str, ...]]:
    """importlib.metadata's import-name -> distributions map (computed once)."""
    try:
        from importlib.metadata import packages_distributions

        return {
            k: tuple(map(normalise, v)) for k, v in packages_distributions().items()
        }
    except Exception:  # a broken installed distribution must not break lint
        return {}


def is_declared(module: str, declared: frozenset[str]) -> bool:
    """Whether a declared distribution provides the import of ``module``."""
    if any(name in declared for name in candidates(module)):
        return True
    top_level = module.split(".")[0]
    if top_level in IMPORT_TO_DISTRIBUTIONS:
        return False
    return any(name in declared for name in _installed_map().get(top_level, ()))
