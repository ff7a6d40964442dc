"""Hostile notebooks cannot change the structure of the generated code.

A notebook is untrusted input (SECURITY.md, "Generated code"): its file name, parameter
values, tags and headings are given hostile strings, and the structure of every generated
file (Python AST node types, YAML and TOML key paths) must equal the structure produced
from the same notebook with benign placeholders.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import nbformat
import nbprod
import pytest
import yaml
from nbprod.errors import ExportError

from tests.export.helpers import VERSIONS, ast_shape, yaml_paths

HOSTILE = [
    "quote' dq\" triple''' \"\"\" end",
    "back\\slash\\n and a\nnew line\r\n",
    "${{ github.token }}",
    "$(curl x)`id`",
    "{{7*7}}{% raw %}{# c #}",
    "no",
    "null",
    "!!python/object:os.system",
    "\u202eRTL override\u202c",
    "x" * 10_000,
]


def _notebook(text: str, tag: str, heading: str) -> dict:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    cells = [
        nbformat.v4.new_code_cell(f"text = {text!r}\ncount = 3"),
        nbformat.v4.new_markdown_cell(f"## {heading}"),
        nbformat.v4.new_code_cell("words = [text] * count"),
        nbformat.v4.new_code_cell("size = sum(len(w) for w in words)"),
    ]
    cells[0].metadata["tags"] = ["parameters"]
    cells[3].metadata["tags"] = [f"step:{tag}"]
    cells[2].metadata["tags"] = ["step:first"]
    for index, cell in enumerate(cells):
        cell.id = f"c{index}"
    nb.cells = cells
    return json.loads(nbformat.writes(nb))


def _export(folder: Path, file_name: str, text: str, tag: str, heading: str):
    folder.mkdir(parents=True)
    path = folder / file_name
    path.write_text(json.dumps(_notebook(text, tag, heading)), encoding="utf-8")
    return nbprod.export(path, folder / "out", versions=VERSIONS)


def _structure(result) -> dict[str, object]:
    spec = yaml.safe_load(result.files["pipeline.yaml"])
    names = [task["name"] for task in spec["tasks"]]
    rename = {f"src/{result.package}/": "src/PKG/"}
    rename.update({f"steps/{n}.py": f"steps/STEP{i}.py" for i, n in enumerate(names)})
    shape: dict[str, object] = {}
    for path, text in result.files.items():
        key = path
        for old, new in rename.items():
            key = key.replace(old, new)
        if path.endswith(".py"):
            shape[key] = ast_shape(text)
        elif path.endswith(".yaml"):
            shape[key] = yaml_paths(yaml.safe_load(text))
        elif path.endswith(".toml"):
            # The console script is named after the (sanitised) package.
            dist = result.package.replace("_", "-")
            paths = yaml_paths(tomllib.loads(text))
            shape[key] = [p.replace(f"/{dist}", "/PKG") for p in paths]
        else:
            shape[key] = None
    return shape


@pytest.mark.parametrize("hostile", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_strings_keep_the_structure_of_the_output(
    hostile: str, tmp_path: Path
) -> None:
    file_name = hostile.replace("/", "_").replace("\x00", "")[:150] + ".ipynb"
    benign = _export(
        tmp_path / "benign",
        "placeholder.ipynb",
        "placeholder",
        "placeholder",
        "placeholder",
    )
    evil = _export(tmp_path / "evil", file_name, hostile, hostile, hostile)
    assert _structure(evil) == _structure(benign)
    # The hostile value is the parameter's default, exactly.
    params = evil.files[f"src/{evil.package}/params.py"]
    namespace: dict = {}
    exec(
        compile(params, "params.py", "exec"), namespace
    )  # generated code, not the notebook's
    assert namespace["Params"]().text == hostile
    # Ploomber would render {{ }} in env.yaml with Jinja: such values stay in params.py.
    env = yaml.safe_load(evil.files["env.yaml"])
    assert env["text"] in (hostile, "nbprod:default")
    if "{" in hostile or "}" in hostile:
        assert env["text"] == "nbprod:default"


def test_package_and_step_names_are_sanitised(tmp_path: Path) -> None:
    result = _export(
        tmp_path / "x", "My Note-book (final) v2!.ipynb", "a", "../../etc/passwd", "h"
    )
    assert result.package == "my_note_book_final_v2"
    assert all(".." not in p and not p.startswith("/") for p in result.files)
    assert f"src/{result.package}/steps/etc_passwd.py" in result.files


def test_markdown_cannot_inject_html_in_the_readme(tmp_path: Path) -> None:
    result = _export(
        tmp_path / "x", "n.ipynb", "<img src=x onerror=alert(1)>", "t", "h"
    )
    assert "<img" not in result.files["README.md"]


# -- secrets in every string form (SECURITY.md "Secrets", issue 7 part 2) --------------
#
# Each form: the cells (SECRET stands for the fake secret), the variable whose value the
# exported step must compute exactly as the notebook does, and what the environment
# variable must hold for that (the secret itself, or the whole literal it was in).
# Fake values, built by concatenation so that this file does not look like a leak.

PASSWORD = "Tr0ub4dor" + "&3xQ-9k"
GHP = "ghp_" + "nbprodFAKEtoken0123456789abcdefghijk"
DISCORD = "MTk4NjIyNDgzNDcxOTI1MjQ4" + ".Cl2FMQ." + "ZnCjm1XVW7vRze4b7Cq4se7kKWs"
HEX_KEY = "9f86d081884c7d659a2feaa0" + "c55ad015a3bf4f1b"  # 40 hex digits
BYTES_URL = f"postgresql://analyst:{PASSWORD}@db.internal/sales"

SECRET_FORMS: dict[str, tuple[str, str, str, str]] = {
    # name: (cell source, secret, variable to compare, environment value)
    "fstring-url": (
        'url = f"postgresql://analyst:SECRET@{host}/{db}"',
        PASSWORD,
        "url",
        PASSWORD,
    ),
    "fstring-triple-quoted": (
        'url = f"""postgresql://analyst:SECRET@{host}/{db}"""',
        PASSWORD,
        "url",
        PASSWORD,
    ),
    "concatenated-url": (
        'url = "postgresql://analyst:SECRET@" + host + "/" + db',
        PASSWORD,
        "url",
        PASSWORD,
    ),
    "implicitly-joined-url": (
        'url = ("postgresql://analyst:SECRET@" f"{host}/{db}")',
        PASSWORD,
        "url",
        PASSWORD,
    ),
    "percent-template-url": (
        'url = "postgresql://analyst:SECRET@%s/%s" % (host, db)',
        PASSWORD,
        "url",
        PASSWORD,
    ),
    "percent-argument-url": (
        'url = "postgresql://%s:%s@%s/%s" % ("analyst", "SECRET", host, db)',
        PASSWORD,
        "url",
        PASSWORD,
    ),
    "format-template-url": (
        'url = "postgresql://analyst:SECRET@{}/{}".format(host, db)',
        PASSWORD,
        "url",
        PASSWORD,
    ),
    "format-keyword-url": (
        'url = "postgresql://{u}:{p}@{h}/{d}".format(u="analyst", p="SECRET", h=host, d=db)',
        PASSWORD,
        "url",
        PASSWORD,
    ),
    "bytes-url": (
        'url = b"postgresql://analyst:SECRET@db.internal/sales"',
        PASSWORD,
        "url",
        BYTES_URL,
    ),
    "fstring-password": ('password = f"SECRET{db}"', PASSWORD, "password", PASSWORD),
    "concatenated-password": (
        'password = "SECRET" + db',
        PASSWORD,
        "password",
        PASSWORD,
    ),
    "implicitly-joined-password": (
        'password = ("SECRET" "-more")',
        PASSWORD,
        "password",
        PASSWORD + "-more",
    ),
    "bytes-password": ('password = b"SECRET"', PASSWORD, "password", PASSWORD),
    "keyword-argument": (
        'config = dict(host=host, password="SECRET")',
        PASSWORD,
        "config",
        PASSWORD,
    ),
    "dict-literal": (
        'config = {"host": host, "api_key": "SECRET"}',
        PASSWORD,
        "config",
        PASSWORD,
    ),
    "dollar-and-braces": (
        'password = "$SECRET{x}"',
        PASSWORD,
        "password",
        "$" + PASSWORD + "{x}",
    ),
    "hex-secret-access-key": (
        'secret_access_key = "SECRET"',
        HEX_KEY,
        "secret_access_key",
        HEX_KEY,
    ),
    "discord-bot-token": (
        'headers = {"Authorization": "Bot SECRET"}',
        DISCORD,
        "headers",
        DISCORD,
    ),
    "github-token-in-fstring": (
        'headers = {"Authorization": f"token SECRET", "X-Db": db}',
        GHP,
        "headers",
        GHP,
    ),
}


def _secret_notebook(source: str) -> dict:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    cells = [
        nbformat.v4.new_code_cell('host = "db.internal"\ndb = "sales"'),
        nbformat.v4.new_code_cell(source),
        nbformat.v4.new_code_cell("finished = True"),
    ]
    for index, cell in enumerate(cells):
        cell.id = f"c{index}"
    nb.cells = cells
    return json.loads(nbformat.writes(nb))


def _fill(template: str, secret: str) -> str:
    return template.replace("SECRET", secret)


def _run_step(result, folder: Path, environment: dict[str, str]) -> dict:
    """Run the generated step (generated code, not the notebook's) with ``environment``."""
    import importlib.util
    import os

    step = folder / "out" / "src" / result.package / "steps" / "main.py"
    spec = importlib.util.spec_from_file_location(f"step_{folder.name}", step)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    saved = dict(os.environ)
    os.environ.update(environment)
    try:
        spec.loader.exec_module(module)
        return module.run()
    finally:
        os.environ.clear()
        os.environ.update(saved)


@pytest.mark.parametrize("form", sorted(SECRET_FORMS))
def test_a_secret_in_any_string_form_leaves_no_trace_and_the_step_still_runs(
    form: str, tmp_path: Path
) -> None:
    template, secret, variable, env_value = SECRET_FORMS[form]
    source = _fill(template, secret)
    notebook = _secret_notebook(source)
    folder = tmp_path / form
    folder.mkdir()
    path = folder / "nb.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    result = nbprod.export(path, folder / "out", versions=VERSIONS)
    # No file holds the secret, nor any 10-character piece of it.
    pieces = {secret} | {secret[i : i + 10] for i in range(len(secret) - 9)}
    for file_path in (folder / "out").rglob("*"):
        if file_path.is_file():
            data = file_path.read_bytes()
            assert not any(p.encode() in data for p in pieces), (form, file_path)
    step = result.files[f"src/{result.package}/steps/main.py"]
    assert "os.environ[" in step
    # The step computes what the notebook computed, with the secret from the environment.
    expected: dict = {}
    exec(
        compile('host = "db.internal"\ndb = "sales"\n' + source, form, "exec"), expected
    )
    namespace: dict = {}
    exec(compile(step, "step.py", "exec"), namespace)  # to read ENVIRONMENT
    [env_name] = namespace["ENVIRONMENT"]
    outputs = _run_step(result, folder, {env_name: env_value})
    assert outputs[variable] == expected[variable]


def test_a_secret_export_cannot_rewrite_is_refused_naming_the_cell(
    tmp_path: Path,
) -> None:
    # Two literal parts make one password: no single literal can become the lookup.
    first, second = PASSWORD[:6], PASSWORD[6:]
    notebook = _secret_notebook(f'password = "{first}" + "{second}"')
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    with pytest.raises(ExportError) as raised:
        nbprod.export(path, tmp_path / "out", versions=VERSIONS)
    message = str(raised.value)
    assert "cell 2, line 1" in message and "os.environ" in message
    assert first not in message and second not in message
    assert not (tmp_path / "out").exists()


def test_the_last_net_refuses_a_secret_the_passes_missed(tmp_path: Path) -> None:
    """Every value the rules consider a secret is checked in every generated file."""
    from nbprod.export.passes import secret_net
    from nbprod.notebook import read_notebook

    notebook = read_notebook(_secret_notebook(f'note = "{GHP}"'))
    leaked = {"README.md": f"# Notes\n\nuse {GHP}\n", "x.py": "x = 1\n"}
    with pytest.raises(ExportError) as raised:
        secret_net.check(leaked, notebook)
    assert "README.md, line 3" in str(raised.value) and GHP not in str(raised.value)
    url = f'ENGINE = f"postgresql://analyst:{PASSWORD}@{{HOST}}/db"\n'
    with pytest.raises(ExportError):
        secret_net.check({"a.py": url}, read_notebook(_secret_notebook(url)))
    # The generator's own strings are not the notebook's secrets.
    secret_net.check(
        {"m.py": 'WHERE = {"db_password": "cell 1"}\n'},
        read_notebook(_secret_notebook("")),
    )


@pytest.mark.pipeline
@pytest.mark.skipif(
    not __import__("os").environ.get("NBPROD_PIPELINE_PYTHON"),
    reason="set NBPROD_PIPELINE_PYTHON to run",
)
def test_a_package_with_secrets_in_every_form_runs_and_passes_its_tests(
    tmp_path: Path,
) -> None:
    """The real package (``python -m PKG run`` and its own tests) reads every secret
    from the environment."""
    import os
    import subprocess

    forms = [
        "fstring-url",
        "concatenated-url",
        "percent-template-url",
        "format-keyword-url",
        "bytes-password",
        "dict-literal",
        "github-token-in-fstring",
    ]
    sources = [_fill(SECRET_FORMS[f][0], SECRET_FORMS[f][1]) for f in forms]
    # One variable per form: rename so that the cells do not overwrite each other.
    cells = [s.replace("url =", f"url_{i} =", 1) for i, s in enumerate(sources)]
    notebook = _secret_notebook("\n".join(cells))
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    result = nbprod.export(path, tmp_path / "out")
    package_dir = tmp_path / "out"
    for file_path in package_dir.rglob("*"):
        if file_path.is_file():
            data = file_path.read_bytes()
            assert PASSWORD.encode() not in data and GHP.encode() not in data
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")
    }
    env.update(PYTHONPATH=str(package_dir / "src"), PLOOMBER_STATS_ENABLED="false")
    names = (package_dir / ".env.example").read_text(encoding="utf-8")
    for line in names.splitlines():
        name = line.split("=", 1)[0].strip()
        if name and not name.startswith("#"):
            env[name] = GHP if "GITHUB" in name else PASSWORD
    python = os.environ["NBPROD_PIPELINE_PYTHON"]
    for args in ([python, "-m", result.package, "run"], [python, "-m", "pytest", "-q"]):
        done = subprocess.run(
            args, cwd=package_dir, env=env, capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


def test_secrets_outside_exported_code_never_reach_the_package(tmp_path: Path) -> None:
    """Outputs, metadata and markdown prose are not copied; a heading names steps, so a
    secret in a heading stops the export (naming the cell, not the value)."""
    notebook = _secret_notebook('url = f"postgresql://analyst:{db}@{host}/{db}"')
    notebook["cells"][0]["outputs"] = [
        {"output_type": "stream", "name": "stdout", "text": f"token={GHP}\n"}
    ]
    notebook["cells"][0]["execution_count"] = 1
    notebook["cells"][1]["metadata"]["connection"] = {"password": PASSWORD}
    notebook["metadata"]["service"] = {"api_key": DISCORD}
    prose = nbformat.v4.new_markdown_cell(f"Log in with `{PASSWORD}` then run.")
    prose.id = "prose"
    notebook["cells"].insert(1, json.loads(json.dumps(prose)))
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    nbprod.export(path, tmp_path / "out", versions=VERSIONS)
    for file_path in (tmp_path / "out").rglob("*"):
        if file_path.is_file():
            data = file_path.read_bytes()
            for value in (GHP, PASSWORD, DISCORD):
                assert value.encode() not in data, file_path
    heading = nbformat.v4.new_markdown_cell(f"## Using {GHP}")
    heading.id = "heading"
    notebook["cells"].insert(1, json.loads(json.dumps(heading)))
    path.write_text(json.dumps(notebook), encoding="utf-8")
    with pytest.raises(ExportError) as raised:
        nbprod.export(path, tmp_path / "out2", versions=VERSIONS)
    assert "cell 2 (markdown)" in str(raised.value) and GHP not in str(raised.value)


@pytest.mark.parametrize(
    ("source", "refused"),
    [
        (f"# api_key = '{PASSWORD}'\nx = 1", True),
        (f"%%writefile settings.ini\n[db]\npassword = {PASSWORD}", True),
        (f"!curl -u analyst:{PASSWORD} https://api.example.com/x", False),
    ],
    ids=["comment", "writefile-body", "shell-line"],
)
def test_a_secret_no_rewrite_reaches_is_refused(
    source: str, refused: bool, tmp_path: Path
) -> None:
    """What the rules flag in a cell but export cannot rewrite never lands in a step:
    the export stops naming the cell, or (a shell line, which export removes) the
    secret goes with the line."""
    notebook = _secret_notebook(source)
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    if refused:
        with pytest.raises(ExportError) as raised:
            nbprod.export(path, tmp_path / "out", versions=VERSIONS)
        assert "cell 2" in str(raised.value) and PASSWORD not in str(raised.value)
        return
    result = nbprod.export(path, tmp_path / "out", versions=VERSIONS)
    assert all(PASSWORD not in text for text in result.files.values())
