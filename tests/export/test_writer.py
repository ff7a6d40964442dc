"""The writer: output stays in the destination, writes are atomic, edits survive.

Each test names the promise of SECURITY.md ("Writing output") it protects.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import nbprod
import pytest
from nbprod.errors import UnsafeOutputError
from nbprod.export import writer

from tests.export.helpers import VERSIONS, stage, tree

CASE = "functions_globals"


def _export(notebook: Path, out: Path, **kwargs):
    return nbprod.export(notebook, out, versions=VERSIONS, **kwargs)


def _edit_notebook(notebook: Path, old: str, new: str) -> None:
    data = json.loads(notebook.read_text())
    for cell in data["cells"]:
        source = "".join(cell["source"])
        if old in source:
            cell["source"] = source.replace(old, new)
    notebook.write_text(json.dumps(data, indent=1))


@pytest.mark.parametrize(
    "name",
    [
        "../evil.py",
        "../../evil.py",
        "/etc/passwd",
        "a/../../b",
        "C:\\x",
        "x\\..\\y",
        "x\x00",
        "",
        "a//b",
    ],
)
def test_generated_names_that_escape_are_refused(name: str) -> None:
    with pytest.raises(UnsafeOutputError):
        writer.check_name(name)


def test_plan_with_escaping_name_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(UnsafeOutputError):
        writer.plan_write(out, {"ok.py": "x = 1\n", "../evil.py": "boom\n"}, {})
    assert not out.exists() and not (tmp_path / "evil.py").exists()


def test_destination_that_is_a_symlink_is_refused(tmp_path: Path) -> None:
    notebook = stage(CASE, tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(UnsafeOutputError, match="symlink"):
        _export(notebook, tmp_path / "out")
    assert list(elsewhere.iterdir()) == []


def test_destination_containing_a_symlink_is_refused(tmp_path: Path) -> None:
    notebook = stage(CASE, tmp_path)
    out = tmp_path / "out"
    _export(notebook, out)
    target = tmp_path / "secret.txt"
    target.write_text("do not touch")
    (out / "README.md").unlink()
    (out / "README.md").symlink_to(target)
    before = tree(out)
    with pytest.raises(UnsafeOutputError, match="symlink"):
        _export(notebook, out)
    assert target.read_text() == "do not touch"
    assert tree(out) == before


def test_untouched_files_are_updated_and_user_files_kept(tmp_path: Path) -> None:
    notebook = stage(CASE, tmp_path)
    out = tmp_path / "out"
    _export(notebook, out)
    (out / "products").mkdir()
    (out / "products" / "mine.csv").write_text("a,b\n")
    (out / "notes.md").write_text("my notes\n")
    _edit_notebook(notebook, "values = [1, 2, 3, 4]", "values = [1, 2, 3, 4, 5]")
    result = _export(notebook, out)
    statuses = {o.path: o.status for o in result.outcomes}
    assert statuses["src/functions_globals/steps/use.py"] == "updated"
    assert "[1, 2, 3, 4, 5]" in (out / "src/functions_globals/steps/use.py").read_text()
    assert (out / "products" / "mine.csv").read_text() == "a,b\n"
    assert (out / "notes.md").read_text() == "my notes\n"
    assert result.ok


def test_user_edit_is_merged_three_way(tmp_path: Path) -> None:
    notebook = stage(CASE, tmp_path)
    out = tmp_path / "out"
    _export(notebook, out)
    step = out / "src/functions_globals/steps/use.py"
    step.write_text(
        step.read_text().replace('"""Run notebook', '"""Edited by hand. Run notebook')
    )
    _edit_notebook(notebook, "values = [1, 2, 3, 4]", "values = [1, 2, 3, 4, 5]")
    result = _export(notebook, out)
    text = step.read_text()
    assert "Edited by hand." in text and "[1, 2, 3, 4, 5]" in text
    assert {o.path: o.status for o in result.outcomes}[
        step.relative_to(out).as_posix()
    ] == "merged"
    assert result.ok
    # The edit survives the next export too, with no change to the notebook.
    again = _export(notebook, out)
    assert "Edited by hand." in step.read_text() and not again.differs


def test_conflicting_edit_is_left_alone_and_reported(tmp_path: Path) -> None:
    notebook = stage(CASE, tmp_path)
    out = tmp_path / "out"
    _export(notebook, out)
    step = out / "src/functions_globals/steps/use.py"
    mine = step.read_text().replace("values = [1, 2, 3, 4]", "values = [10, 20]")
    step.write_text(mine)
    _edit_notebook(notebook, "values = [1, 2, 3, 4]", "values = [1, 2, 3, 4, 5]")
    result = _export(notebook, out)
    assert result.conflicts == ("src/functions_globals/steps/use.py",)
    assert step.read_text() == mine
    # The CLI reports it and exits non-zero.
    from nbprod.cli import main

    assert main(["export", str(notebook), "-o", str(out)]) == 1
    assert step.read_text() == mine


def test_file_existing_without_a_record_is_never_overwritten(tmp_path: Path) -> None:
    notebook = stage(CASE, tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "README.md").write_text("someone else's readme\n")
    result = _export(notebook, out)
    assert "README.md" in result.conflicts
    assert (out / "README.md").read_text() == "someone else's readme\n"


def test_no_edits_means_byte_identical_output(tmp_path: Path) -> None:
    notebook = stage(CASE, tmp_path)
    out = tmp_path / "out"
    _export(notebook, out)
    before = tree(out)
    result = _export(notebook, out)
    assert not result.written and tree(out) == before


def test_check_and_diff_write_nothing(tmp_path: Path) -> None:
    notebook = stage(CASE, tmp_path)
    out = tmp_path / "out"
    from nbprod.cli import main

    assert main(["export", str(notebook), "-o", str(out), "--check"]) == 1
    assert not out.exists()
    assert main(["export", str(notebook), "-o", str(out)]) == 0
    assert main(["export", str(notebook), "-o", str(out), "--check"]) == 0
    _edit_notebook(notebook, "values = [1, 2, 3, 4]", "values = [7]")
    before = tree(out)
    assert main(["export", str(notebook), "-o", str(out), "--check"]) == 1
    result = nbprod.export(notebook, out, diff=True)
    assert (
        "-    values = [1, 2, 3, 4]" in result.diff
        and "+    values = [7]" in result.diff
    )
    assert tree(out) == before


def test_removed_files_are_deleted_only_when_untouched(tmp_path: Path) -> None:
    notebook = stage("no_headings", tmp_path)
    out = tmp_path / "out"
    manifest = {"files": {}}
    first = writer.plan_write(out, {"a.py": "a = 1\n", "b.py": "b = 1\n"}, manifest)
    writer.write(first)
    (out / "b.py").write_text("b = 2  # mine\n")
    second = writer.plan_write(out, {}, manifest)
    writer.write(second)
    assert not (out / "a.py").exists()
    assert (out / "b.py").read_text() == "b = 2  # mine\n"
    assert {o.path: o.status for o in second.outcomes} == {
        "a.py": "removed",
        "b.py": "kept",
    }
    del notebook


CRASH = textwrap.dedent("""
    import os, sys
    from nbprod.export import writer
    mode, after = sys.argv[3], int(sys.argv[4])
    writes, moves = [0], [0]
    real_write, real_replace = writer._write_text, os.replace

    def write_then_die(path, text):
        real_write(path, text)
        writes[0] += 1
        if mode == "write" and writes[0] >= after:
            os._exit(9)

    def replace_then_die(src, dst):
        real_replace(src, dst)
        moves[0] += 1
        if mode == "move" and moves[0] >= after:
            os._exit(9)

    writer._write_text = write_then_die
    os.replace = replace_then_die
    import nbprod
    nbprod.export(sys.argv[1], sys.argv[2], versions={"pandas": "1"})
    """)


@pytest.mark.parametrize(
    ("mode", "after"),
    [("write", 1), ("write", 7), ("write", 30), ("move", 1), ("move", 2), ("move", 9)],
)
def test_killed_mid_export_leaves_the_old_or_the_new_package(
    tmp_path: Path, mode: str, after: int
) -> None:
    notebook = stage(CASE, tmp_path)
    out = tmp_path / "out"
    nbprod.export(notebook, out, versions={"pandas": "1"})
    old = tree(out)
    _edit_notebook(notebook, "values = [1, 2, 3, 4]", "values = [9, 9]")
    new_dir = tmp_path / "new"
    nbprod.export(notebook, new_dir, versions={"pandas": "1"})
    new = tree(new_dir)
    script = tmp_path / "crash.py"
    script.write_text(CRASH)
    done = subprocess.run(
        [sys.executable, str(script), str(notebook), str(out), mode, str(after)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 9, done.stderr
    during = tree(out)
    writer.recover(out)  # what the next export does first
    assert tree(out) in (old, new)
    if mode == "write":  # before the commit point: the old package, untouched
        assert tree(out) == old and during == old
    else:  # after it (the first os.replace is the commit): rolled forward
        assert tree(out) == new
    leftovers = [p.name for p in tmp_path.iterdir() if "nbprod-" in p.name]
    assert leftovers == []
    # And the next export completes normally.
    nbprod.export(notebook, out, versions={"pandas": "1"})
    assert tree(out) == new


def test_generated_files_have_a_header_naming_the_notebook(tmp_path: Path) -> None:
    notebook = stage(CASE, tmp_path)
    result = _export(notebook, tmp_path / "out")
    for path, text in result.files.items():
        if not text or path.endswith(".json"):
            continue
        first = text.splitlines()[0]
        assert (
            "Generated by nbprod" in first and "'functions_globals.ipynb'" in first
        ), path
    assert os.path.exists(tmp_path / "out" / ".nbprod" / "manifest.json")
    manifest = json.loads((tmp_path / "out" / ".nbprod" / "manifest.json").read_text())
    assert set(manifest) == {"files", "nbprod", "options", "package", "source"}
    assert manifest["source"]["name"] == "functions_globals.ipynb"
    assert len(manifest["source"]["sha256"]) == 64
    assert set(manifest["files"]) == set(result.files)


def test_export_into_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notebook = stage(CASE, tmp_path)
    out = tmp_path / "pkg"
    out.mkdir()
    monkeypatch.chdir(out)
    from nbprod.cli import main

    assert main(["export", str(notebook), "-o", "."]) == 0
    assert main(["export", str(notebook), "-o", "."]) == 0
    assert (out / "pipeline.yaml").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["functions_globals", "pkg"]
    assert not any("nbprod-staging" in str(p) for p in out.rglob("*"))
