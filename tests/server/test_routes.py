"""The /nbprod/ routes on a real Jupyter server (pytest-jupyter's jp_fetch)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import nbprod
import pytest
from nbprod.lint import registry
from nbprod.server import handlers
from tornado.httpclient import HTTPClientError

from tests import crashing_rule

from . import fake_rule
from .conftest import MESSY, make_notebook

SCHEMA = Path(nbprod.__file__).parent / "lint" / "findings.schema.json"


async def post(jp_fetch: Any, route: str, body: Any, raw: bool = False) -> Any:
    data = body if raw else json.dumps(body)
    return await jp_fetch("nbprod", route, method="POST", body=data)


async def error_of(jp_fetch: Any, route: str, body: Any, raw: bool = False):
    with pytest.raises(HTTPClientError) as info:
        await post(jp_fetch, route, body, raw)
    response = info.value.response
    assert response is not None
    return info.value.code, json.loads(response.body)


def findings_of(response: Any) -> list[dict[str, Any]]:
    """The findings of a ``POST /nbprod/lint`` reply (a ``LintReply``)."""
    reply = json.loads(response.body)
    assert reply["crashes"] == []
    return reply["findings"]


def assert_no_server_paths(text: str, root: Path) -> None:
    assert str(root) not in text and str(root.resolve()) not in text
    assert "Traceback" not in text


async def test_lint_reads_the_notebook_at_path(jp_fetch, messy_path, jp_root_dir):
    response = await post(jp_fetch, "lint", {"path": messy_path})
    assert response.code == 200
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(
        json.loads(response.body), {**schema, "$ref": "#/definitions/LintReply"}
    )
    findings = findings_of(response)
    unexecuted = [f for f in findings if f["code"] == "NBP002"]
    assert [(f["cell_index"], f["cell_id"]) for f in unexecuted] == [(1, "cell-1")]
    assert {f["path"] for f in findings} == {messy_path}
    assert_no_server_paths(response.body.decode(), jp_root_dir)


async def test_lint_uses_the_sent_notebook_not_the_file(jp_fetch, messy_path):
    edited = make_notebook([("x = 1", 1), ("y = x + 1", 2), ("print(x)", 3)])
    response = await post(jp_fetch, "lint", {"path": messy_path, "notebook": edited})
    codes = [f["code"] for f in findings_of(response)]
    assert "NBP002" not in codes


async def test_lint_of_an_unsaved_new_notebook(jp_fetch):
    response = await post(jp_fetch, "lint", {"path": "new.ipynb", "notebook": MESSY})
    assert "NBP002" in [f["code"] for f in findings_of(response)]


async def test_lint_honours_select_and_ignore(jp_fetch, messy_path):
    response = await post(jp_fetch, "lint", {"path": messy_path, "ignore": ["NBP002"]})
    assert "NBP002" not in [f["code"] for f in findings_of(response)]
    response = await post(jp_fetch, "lint", {"path": messy_path, "select": ["NBP002"]})
    assert {f["code"] for f in findings_of(response)} == {"NBP002"}
    code, reply = await error_of(
        jp_fetch, "lint", {"path": messy_path, "select": ["NOPE"]}
    )
    assert code == 400 and "matches no rule" in reply["message"]


async def test_lint_config_is_read_only_inside_the_root(jp_fetch, jp_root_dir):
    (jp_root_dir / "pyproject.toml").write_text(
        '[tool.nbprod]\nignore = ["NBP002"]\n', encoding="utf-8"
    )
    response = await post(jp_fetch, "lint", {"path": "n.ipynb", "notebook": MESSY})
    assert "NBP002" not in [f["code"] for f in findings_of(response)]
    # A pyproject.toml above the server root is never read.
    (jp_root_dir / "pyproject.toml").unlink()
    (jp_root_dir.parent / "pyproject.toml").write_text(
        '[tool.nbprod]\nignore = ["NBP002"]\n', encoding="utf-8"
    )
    response = await post(jp_fetch, "lint", {"path": "n.ipynb", "notebook": MESSY})
    assert "NBP002" in [f["code"] for f in findings_of(response)]


async def test_lint_missing_file_is_404(jp_fetch, jp_root_dir):
    code, reply = await error_of(jp_fetch, "lint", {"path": "nothere.ipynb"})
    assert code == 404 and "nothere.ipynb" in reply["message"]
    assert_no_server_paths(json.dumps(reply), jp_root_dir)


@pytest.mark.parametrize(
    "body",
    [
        "[]",
        '"x"',
        "null",
        "{",
        "",
        "\xff",
        '{"notebook": {}}',
        '{"path": 3}',
        '{"path": ["a.ipynb"]}',
        '{"path": "a.ipynb", "notebook": "x"}',
        '{"path": "a.ipynb", "notebook": []}',
        '{"path": "a.ipynb", "select": "NBP002"}',
        '{"path": "a.ipynb", "ignore": [1]}',
    ],
)
async def test_lint_malformed_bodies_are_400(jp_fetch, body, jp_root_dir):
    code, reply = await error_of(jp_fetch, "lint", body, raw=True)
    assert code == 400 and reply["message"]
    assert_no_server_paths(json.dumps(reply), jp_root_dir)


@pytest.mark.parametrize(
    "notebook",
    [{"nbformat": 99, "cells": []}, {"cells": "x"}, {"nbformat": 4, "cells": [1]}],
)
async def test_lint_invalid_notebooks_are_400(jp_fetch, notebook):
    code, reply = await error_of(
        jp_fetch, "lint", {"path": "a.ipynb", "notebook": notebook}
    )
    assert code == 400 and "notebook" in reply["message"]


async def test_oversized_body_is_400(jp_fetch, monkeypatch):
    monkeypatch.setattr(handlers, "MAX_BODY_BYTES", 1000)
    body = {"path": "a.ipynb", "notebook": make_notebook([("x" * 2000, 1)])}
    code, reply = await error_of(jp_fetch, "lint", body)
    assert code == 400 and "larger than" in reply["message"]


REFUSED = [
    "../x.ipynb",
    "a/../../b.ipynb",
    "a/../b.ipynb",
    "%2e%2e/x.ipynb",
    "%2E%2E%2Fx.ipynb",
    "/etc/passwd",
    "C:\\x.ipynb",
    "C:x.ipynb",
    "\\\\server\\share\\x.ipynb",
    "x\x00.ipynb",
    ".env",
    ".ssh/id_rsa",
    "work/.hidden.ipynb",
    "",
    ".",
]


@pytest.mark.parametrize("path", REFUSED)
@pytest.mark.parametrize("route", ["lint", "fix", "export"])
async def test_paths_outside_or_hidden_are_refused(jp_fetch, path, route, jp_root_dir):
    body: dict[str, Any] = {"path": path}
    if route == "fix":
        body.update(notebook=MESSY, code="NBP002", cell_id="cell-1")
    code, reply = await error_of(jp_fetch, route, body)
    assert code == 400, reply
    assert_no_server_paths(json.dumps(reply), jp_root_dir)


@pytest.mark.parametrize("output", ["../out", "/tmp/out", ".git", "a/../../b"])
async def test_export_output_outside_the_root_is_refused(jp_fetch, messy_path, output):
    body = {"path": messy_path, "output": output, "dry_run": True}
    code, reply = await error_of(jp_fetch, "export", body)
    assert code == 400 and "'output'" in reply["message"]


@pytest.fixture
def outside(jp_root_dir: Path) -> Path:
    """A notebook in a sibling folder whose name starts like the root's."""
    sibling = jp_root_dir.parent / (jp_root_dir.name + "-secrets")
    sibling.mkdir()
    target = sibling / "secret.ipynb"
    target.write_text(json.dumps(MESSY), encoding="utf-8")
    return target


async def test_symlink_leading_out_of_the_root_is_refused(
    jp_fetch, jp_root_dir, outside
):
    (jp_root_dir / "link.ipynb").symlink_to(outside)
    (jp_root_dir / "linkdir").symlink_to(outside.parent, target_is_directory=True)
    for path in ("link.ipynb", "linkdir/secret.ipynb"):
        code, reply = await error_of(jp_fetch, "lint", {"path": path})
        assert code == 400 and "outside the server root" in reply["message"]
        assert_no_server_paths(json.dumps(reply), jp_root_dir)


async def test_symlink_inside_the_root_is_followed(jp_fetch, jp_root_dir, messy_path):
    (jp_root_dir / "alias.ipynb").symlink_to(jp_root_dir / messy_path)
    response = await post(jp_fetch, "lint", {"path": "alias.ipynb"})
    assert "NBP002" in [f["code"] for f in findings_of(response)]


async def test_rules_lists_every_active_rule(jp_fetch):
    response = await jp_fetch("nbprod", "rules")
    rules = json.loads(response.body)
    assert [r["code"] for r in rules] == [r.code for r in registry.active_rules()]
    assert set(rules[0]) == {"code", "name", "category", "severity", "fix", "summary"}


@pytest.mark.parametrize("key", ["NBP002", "nbp002", "unexecuted-cell"])
async def test_rule_docs(jp_fetch, key):
    response = await jp_fetch("nbprod", "rules", key)
    rule = json.loads(response.body)
    assert rule["code"] == "NBP002"
    assert "## What it does" in rule["doc"] and "## What export does" in rule["doc"]


@pytest.mark.parametrize("key", ["NBP000", "nope", "a" * 100, "..%2f.."])
async def test_unknown_rule_is_404(jp_fetch, key):
    with pytest.raises(HTTPClientError) as info:
        await jp_fetch("nbprod", "rules", key)
    assert info.value.code == 404


@pytest.fixture
def with_fake_rule(monkeypatch):
    from nbprod.lint.rule import Rule

    rules = (*registry.all_rules(), Rule.from_module(fake_rule))
    monkeypatch.setattr(registry, "all_rules", lambda: rules)


CRASH_SECRET = "hunter2-hunter2-hunter2"


async def test_a_crashed_rule_is_listed_next_to_the_other_findings(
    jp_fetch, monkeypatch, jp_root_dir
):
    crashing_rule.register(monkeypatch)
    monkeypatch.delenv("NBPROD_DEBUG", raising=False)
    notebook = make_notebook([(f'password = "{CRASH_SECRET}"', 2), ("y = 1", 1)])
    body = {"path": "c.ipynb", "notebook": notebook, "select": ["NBP001", "NBP998"]}
    response = await post(jp_fetch, "lint", body)
    assert response.code == 200
    reply = json.loads(response.body)
    assert "NBP001" in {f["code"] for f in reply["findings"]}
    (crash,) = reply["crashes"]
    assert (crash["path"], crash["code"], crash["exception"]) == (
        "c.ipynb",
        "NBP998",
        "IndexError",
    )
    assert "bug in nbprod" in crash["message"]
    text = response.body.decode()
    assert CRASH_SECRET not in text and "cannot handle" not in text
    assert_no_server_paths(text, jp_root_dir)
    # The fix route cannot trust a crashed rule: an error, never a partial fix.
    fix = {"path": "c.ipynb", "notebook": notebook, "code": "NBP998", "cell_id": None}
    code, error = await error_of(jp_fetch, "fix", fix)
    assert code == 500 and "NBP998" in error["message"]
    assert CRASH_SECRET not in json.dumps(error)


SHUFFLED = make_notebook(
    [("from random import shuffle", 1), ("x = [1, 2]\nshuffle(x)", 2)]
)


async def test_fix_returns_the_edited_cells(jp_fetch, with_fake_rule):
    body = {
        "path": "s.ipynb",
        "notebook": SHUFFLED,
        "code": "NBP999",
        "cell_id": "cell-1",
    }
    response = await post(jp_fetch, "fix", body)
    reply = json.loads(response.body)
    assert reply["changes"] == [
        {
            "kind": "set_source",
            "cell_index": 1,
            "cell_id": "cell-1",
            "source": "x = [1, 2]\nshuffle(x, random_state=0)",
        }
    ]
    assert reply["message"] == "Add random_state=0"
    # The fixed notebook no longer has the finding.
    SHUFFLED_FIXED = make_notebook(
        [("from random import shuffle", 1), (reply["changes"][0]["source"], 2)]
    )
    response = await post(
        jp_fetch, "lint", {"path": "s.ipynb", "notebook": SHUFFLED_FIXED}
    )
    assert "NBP999" not in [f["code"] for f in findings_of(response)]


async def test_fix_of_a_finding_that_is_gone_is_404(jp_fetch, with_fake_rule):
    body = {
        "path": "s.ipynb",
        "notebook": SHUFFLED,
        "code": "NBP999",
        "cell_id": "cell-0",
    }
    code, reply = await error_of(jp_fetch, "fix", body)
    assert code == 404 and "lint again" in reply["message"]


@pytest.mark.parametrize(
    "change",
    [
        {"code": 5},
        {"code": "NBP999<img src=x>"},
        {"cell_id": 3},
        {"line": "1"},
        {"notebook": None},
        {"notebook": "x"},
    ],
)
async def test_fix_malformed_bodies_are_400(jp_fetch, with_fake_rule, change):
    body = {
        "path": "s.ipynb",
        "notebook": SHUFFLED,
        "code": "NBP999",
        "cell_id": "cell-1",
    }
    body.update(change)
    code, _ = await error_of(jp_fetch, "fix", body)
    assert code == 400


async def test_fix_requires_its_fields(jp_fetch):
    code, reply = await error_of(jp_fetch, "fix", {"path": "s.ipynb"})
    assert code == 400 and "notebook" in reply["message"]


async def test_export_answers_501_without_an_exporter(
    jp_fetch, messy_path, monkeypatch
):
    monkeypatch.delattr(nbprod, "export", raising=False)
    code, reply = await error_of(
        jp_fetch, "export", {"path": messy_path, "dry_run": True}
    )
    assert code == 501 and "not available" in reply["message"]


TINY = make_notebook([("n = 10", 1), ("total = sum(range(n))\nprint(total)", 2)])
TINY["cells"][0]["metadata"]["tags"] = ["parameters"]


@pytest.fixture
def tiny_path(jp_root_dir: Path) -> str:
    (jp_root_dir / "tiny.ipynb").write_text(json.dumps(TINY), encoding="utf-8")
    return "tiny.ipynb"


@pytest.mark.skipif(not hasattr(nbprod, "export"), reason="no exporter in this nbprod")
async def test_export_preview_writes_nothing_then_write_creates_the_package(
    jp_fetch, tiny_path, jp_root_dir
):
    body = {"path": tiny_path, "output": "out/tiny_pkg", "dry_run": True}
    reply = json.loads((await post(jp_fetch, "export", body)).body)
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(reply, {**schema, "$ref": "#/definitions/ExportReply"})
    assert reply["output"] == "out/tiny_pkg" and reply["written"] is False
    assert {"path": "README.md", "status": "created"} in reply["files"]
    assert "+++ b/README.md" in reply["diff"]
    assert not (jp_root_dir / "out").exists()
    assert_no_server_paths(json.dumps(reply), jp_root_dir)

    reply = json.loads(
        (await post(jp_fetch, "export", {**body, "dry_run": False})).body
    )
    assert reply["written"] is True
    assert (jp_root_dir / "out" / "tiny_pkg" / "README.md").is_file()
    # Exporting again changes nothing.
    reply = json.loads((await post(jp_fetch, "export", body)).body)
    assert reply["differs"] is False


@pytest.mark.skipif(not hasattr(nbprod, "export"), reason="no exporter in this nbprod")
async def test_export_reexport_keeps_the_recorded_options_and_says_a_changed_one(
    jp_fetch, tiny_path, jp_root_dir
):
    body = {"path": tiny_path, "output": "out/pkg", "name": "books", "report": False}
    reply = json.loads(
        (await post(jp_fetch, "export", {**body, "dry_run": False})).body
    )
    assert reply["written"] is True and reply["package"] == "books"
    # The dialog sends only what the person changed: the recorded options are kept.
    plain = {"path": tiny_path, "output": "out/pkg", "dry_run": True}
    reply = json.loads((await post(jp_fetch, "export", plain)).body)
    assert reply["differs"] is False and reply["changes"] == []
    assert reply["package"] == "books"
    reply = json.loads(
        (await post(jp_fetch, "export", {**plain, "name": "films"})).body
    )
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(reply, {**schema, "$ref": "#/definitions/ExportReply"})
    assert reply["differs"] is True and reply["package"] == "films"
    (change,) = reply["changes"]
    assert (change["option"], change["recorded"], change["given"]) == (
        "--name",
        "'books'",
        "'films'",
    )
    assert "recorded 'books', given 'films'" in change["message"]
    reply = json.loads((await post(jp_fetch, "export", {**plain, "repin": True})).body)
    assert reply["differs"] is False  # the same machine: the same pins
    assert_no_server_paths(json.dumps(reply), jp_root_dir)


@pytest.mark.skipif(not hasattr(nbprod, "export"), reason="no exporter in this nbprod")
async def test_export_errors_say_what_to_do(jp_fetch, jp_root_dir):
    nb = make_notebook([("name = input()", 1)])
    (jp_root_dir / "asks.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    code, reply = await error_of(
        jp_fetch, "export", {"path": "asks.ipynb", "dry_run": True}
    )
    assert code == 400 and "input()" in reply["message"]
    assert_no_server_paths(json.dumps(reply), jp_root_dir)
    code, reply = await error_of(
        jp_fetch, "export", {"path": "gone.ipynb", "dry_run": True}
    )
    assert code == 404


@pytest.mark.parametrize(
    "body",
    [
        '{"path": "a.ipynb", "dry_run": "yes"}',
        '{"path": "a.ipynb", "force": 1}',
        '{"path": "a.ipynb", "report": "no"}',
        '{"path": "a.ipynb", "repin": 0}',
        '{"path": "a.ipynb", "name": 3}',
        "[]",
    ],
)
async def test_export_malformed_bodies_are_400(jp_fetch, body):
    code, _ = await error_of(jp_fetch, "export", body, raw=True)
    assert code == 400


def test_the_extension_is_not_imported_by_nbprod():
    """`import nbprod` and the CLI never pay for jupyter_server."""
    import subprocess
    import sys

    code = (
        "import sys, nbprod, nbprod.cli; nbprod._jupyter_server_extension_points();"
        "print(any(m.startswith(('jupyter_server', 'tornado', 'nbprod.server'))"
        " for m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": ""},
    )
    assert out.stdout.strip() == "False"
