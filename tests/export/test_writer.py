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
#: A case whose package pins a library taken from the machine (numpy).
PIN_CASE = "numpy_files"


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
    assert set(manifest) == {
        "files",
        "nbprod",
        "options",
        "package",
        "pins",
        "source",
    }
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


# Re-export from the manifest's options (issue 10: export in CI, and reviewers).


def _other_machine(root: Path, monkeypatch: pytest.MonkeyPatch, **dists: str) -> None:
    """Install (metadata only) other versions of ``dists`` ahead of the real ones: what
    a CI machine with other package versions looks like to ``importlib.metadata``."""
    site = root / "other-site"
    for dist, version in dists.items():
        info = site / f"{dist}-{version}.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n"
        )
    monkeypatch.syspath_prepend(str(site))
    from importlib.metadata import version as installed

    assert all(installed(d) == v for d, v in dists.items())


def _pin(out: Path, dist: str) -> str:
    text = (out / "pyproject.toml").read_text()
    return next(line for line in text.splitlines() if f'"{dist}==' in line)


def test_check_on_another_machine_reproduces_the_recorded_pins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from importlib.metadata import version as installed

    from nbprod.cli import main

    notebook = stage(PIN_CASE, tmp_path)
    out = tmp_path / "out"
    assert main(["export", str(notebook), "-o", str(out)]) == 0  # pins from here
    here = installed("numpy")
    assert _pin(out, "numpy") == f'  "numpy=={here}",'
    manifest = json.loads((out / ".nbprod" / "manifest.json").read_text())
    assert manifest["pins"]["numpy"] == here
    before = tree(out)

    _other_machine(tmp_path, monkeypatch, numpy="0.0.1")
    capsys.readouterr()
    assert main(["export", str(notebook), "-o", str(out), "--check"]) == 0
    assert main(["export", str(notebook), "-o", str(out), "--diff"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["export", str(notebook), "-o", str(out)]) == 0
    assert tree(out) == before

    # Re-pinning is asked for explicitly, and said.
    assert main(["export", str(notebook), "-o", str(out), "--check", "--repin"]) == 1
    assert f"re-pinned: numpy {here} -> 0.0.1" in capsys.readouterr().err
    result = nbprod.export(notebook, out, repin=True)
    assert result.written and _pin(out, "numpy") == '  "numpy==0.0.1",'
    assert result.pin_notes == (f"re-pinned: numpy {here} -> 0.0.1",)
    assert not nbprod.export(notebook, out, check=True).differs


def test_recorded_options_are_reused_and_a_given_one_that_differs_is_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from nbprod.cli import main

    notebook = stage("report_functions", tmp_path)
    out = tmp_path / "out"
    _export(notebook, out, name="sales", report=False)
    assert not (out / "pipeline.report.yaml").exists()
    again = nbprod.export(notebook, out, check=True)  # nothing given: as recorded
    assert not again.differs and not again.changes
    assert again.options.name == "sales" and again.options.report is False
    assert dict(again.options.versions or {}) == VERSIONS  # the versions file's pins

    changed = nbprod.export(notebook, out, name="other", report=True, check=True)
    assert changed.differs
    assert [(c.option, c.recorded, c.given) for c in changed.changes] == [
        ("--name", "'sales'", "'other'"),
        ("--report", "--no-report", "the report step"),
    ]
    assert main(["export", str(notebook), "-o", str(out), "--check"]) == 0
    assert main(["export", str(notebook), "-o", str(out), "--check", "--report"]) == 1
    err = capsys.readouterr().err
    assert (
        "option --report differs from the package's manifest: recorded --no-report, "
        "given the report step; using the report step"
    ) in err
    # Giving the recorded value again is no change.
    same = nbprod.export(notebook, out, name="sales", report=False, check=True)
    assert not same.changes and not same.differs


def test_giving_the_default_name_of_a_package_exported_without_one_is_no_change(
    tmp_path: Path,
) -> None:
    notebook = stage(CASE, tmp_path)
    out = tmp_path / "out"
    _export(notebook, out)
    again = nbprod.export(notebook, out, name="functions_globals", check=True)
    assert not again.changes and not again.differs


def test_a_versions_file_that_differs_from_the_recorded_one_is_said(
    tmp_path: Path,
) -> None:
    notebook = stage(CASE, tmp_path)
    out = tmp_path / "out"
    _export(notebook, out)
    other = {**VERSIONS, "numpy": "1.0.0"}
    result = nbprod.export(notebook, out, versions=other, check=True)
    assert result.differs
    (change,) = result.changes
    assert change.option == "--versions"
    assert change.recorded == f"a versions file of {len(VERSIONS)} pins"
    assert (
        change.given == f"a versions file of {len(other)} pins (numpy 2.1.3 -> 1.0.0)"
    )


def test_a_manifest_without_pins_still_reads_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Manifests written before ``pins`` was recorded: pins from the base pyproject."""
    from importlib.metadata import version as installed

    notebook = stage(PIN_CASE, tmp_path)
    out = tmp_path / "out"
    nbprod.export(notebook, out)
    here = installed("numpy")
    path = out / ".nbprod" / "manifest.json"
    manifest = json.loads(path.read_text())
    del manifest["pins"]
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    _other_machine(tmp_path, monkeypatch, numpy="0.0.2")
    result = nbprod.export(notebook, out, check=True)
    assert result.options.pins is not None
    assert result.options.pins["numpy"] == here
    # Only the manifest gains its pins; the package is the same.
    assert {o.status for o in result.outcomes} == {"unchanged"}
    assert nbprod.export(notebook, out).written
    assert "pins" in json.loads(path.read_text())
    assert _pin(out, "numpy") == f'  "numpy=={here}",'


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_a_change_to_generated_code_shows_once_in_git_diff(tmp_path: Path) -> None:
    notebook = stage(CASE, tmp_path)
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    _export(notebook, repo / "pkg")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "export")
    _edit_notebook(notebook, "values = [1, 2, 3, 4]", "values = [7, 8]")
    assert _export(notebook, repo / "pkg").written
    _git(repo, "add", "-A")
    diff = _git(repo, "diff", "--cached")
    added = [
        line for line in diff.splitlines() if line.startswith("+") and "[7, 8]" in line
    ]
    assert len(added) == 1, diff
    # The base copy changed too (the merge record), shown as generated, without text.
    assert "Binary files a/pkg/.nbprod/base/" in diff
    attributes = _git(
        repo,
        "check-attr",
        "linguist-generated",
        "diff",
        "--",
        "pkg/.nbprod/base/README.md",
        "pkg/README.md",
    )
    assert "pkg/.nbprod/base/README.md: linguist-generated: true" in attributes
    assert "pkg/.nbprod/base/README.md: diff: unset" in attributes
    assert "pkg/README.md: diff: unspecified" in attributes


def test_a_dependency_the_notebook_gained_is_pinned_from_here_and_said(
    tmp_path: Path,
) -> None:
    from importlib.metadata import version as installed

    notebook = stage(CASE, tmp_path)
    out = tmp_path / "out"
    nbprod.export(notebook, out)
    _edit_notebook(notebook, "import math", "import math\nimport yaml")
    result = nbprod.export(notebook, out, check=True)
    assert result.differs and not result.changes
    assert result.pin_notes == (
        "pinned from the versions installed here (the package recorded no version "
        f"for them): pyyaml=={installed('pyyaml')}",
    )
