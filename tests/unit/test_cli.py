"""The command line: exit codes, formats, selection, folders, and the rule docs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbprod.cli import main
from nbprod.lint.registry import active_rules


def _write(path: Path, *cells: tuple[str, int | None]) -> Path:
    nb = nbformat.v4.new_notebook()
    for index, (source, count) in enumerate(cells):
        cell = nbformat.v4.new_code_cell(source, execution_count=count)
        cell.id = f"c{index}"
        nb.cells.append(cell)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


@pytest.fixture
def out_of_order(tmp_path: Path) -> Path:
    return _write(tmp_path / "nb.ipynb", ("x = 1", 2), ("y = x\nz = (", 1))


def test_exit_codes_clean_findings_error(
    tmp_path: Path, out_of_order: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clean = _write(tmp_path / "clean.ipynb", ("x = 1", 1))
    assert main(["lint", "--select", "NBP00", str(clean)]) == 0
    assert "All checks passed." in capsys.readouterr().out
    assert main(["lint", "--select", "NBP00", str(out_of_order)]) == 1
    assert main(["lint", "--select", "NBP00", "--exit-zero", str(out_of_order)]) == 0
    assert main(["lint", str(tmp_path / "missing.ipynb")]) == 2


def test_text_lines_have_path_cell_line_column_code(
    out_of_order: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["lint", "--select", "NBP001,NBP009", str(out_of_order)])
    lines = capsys.readouterr().out.splitlines()
    assert f"{out_of_order}:cell 2:1:1: NBP001 " in lines[0]
    assert lines[1].startswith(f"{out_of_order}:cell 2:2:5: NBP009 ")
    assert lines[-1] == "Found 2 findings (1 error, 1 warning)."


def test_json_output_has_exactly_the_wire_keys(
    out_of_order: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["lint", "--format", "json", "--select", "NBP00", str(out_of_order)])
    findings = json.loads(capsys.readouterr().out)
    assert findings
    keys = {
        "path", "code", "name", "category", "severity", "message", "cell_id",
        "cell_index", "line", "column", "end_line", "end_column", "fix",
    }  # fmt: skip
    for finding in findings:
        assert set(finding) == keys
    first = findings[0]
    assert (first["code"], first["cell_index"], first["cell_id"]) == ("NBP001", 1, "c1")
    assert (first["category"], first["severity"]) == ("execution-order", "warning")


def test_select_and_ignore_accept_codes_prefixes_names_and_categories(
    out_of_order: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for selector in ("NBP001", "NBP00", "non-monotonic-execution-count"):
        main(["lint", "--format", "json", "--select", selector, str(out_of_order)])
        codes = {f["code"] for f in json.loads(capsys.readouterr().out)}
        assert ("NBP001" in codes and "NBP009" not in codes) or selector == "NBP00"
    main(["lint", "--format", "json", "--select", "execution-order", "--ignore",
          "unparsable-cell", str(out_of_order)])  # fmt: skip
    codes = {f["code"] for f in json.loads(capsys.readouterr().out)}
    assert codes == {"NBP001"}


def test_unknown_selector_is_an_error(
    out_of_order: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lint", "--select", "NBP999", str(out_of_order)]) == 2
    assert "matches no rule" in capsys.readouterr().err


def test_folders_are_walked_skipping_checkpoints_hidden_and_gitignored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / ".gitignore").write_text("ignored/\nscratch-*.ipynb\n")
    kept = [
        _write(root / "a.ipynb", ("x = 1", 1)),
        _write(root / "sub" / "b.ipynb", ("x = 1", 1)),
    ]
    _write(root / "sub" / ".ipynb_checkpoints" / "b-checkpoint.ipynb", ("x=1", 1))
    _write(root / ".hidden" / "c.ipynb", ("x = 1", 1))
    _write(root / "ignored" / "d.ipynb", ("x = 1", 1))
    _write(root / "sub" / "scratch-1.ipynb", ("x = 1", 1))
    from nbprod.lint.files import find_notebooks

    assert list(find_notebooks([str(root)])) == [str(p) for p in kept]


def test_parallel_batch_gives_the_same_results_as_serial(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for i in range(20):
        _write(tmp_path / f"nb{i:02}.ipynb", ("x = 1", 2), ("y = x", 1))
    main(["lint", "--format", "json", "--jobs", "1", str(tmp_path)])
    serial = capsys.readouterr().out
    main(["lint", "--format", "json", "--jobs", "2", str(tmp_path)])
    assert capsys.readouterr().out == serial
    assert len(json.loads(serial)) >= 20


def test_rules_lists_every_rule_and_rule_prints_its_docs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["rules", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [r["code"] for r in listed] == [r.code for r in active_rules()]
    assert main(["rule", "NBP001"]) == 0
    doc = capsys.readouterr().out
    assert doc.startswith("# NBP001 non-monotonic-execution-count")
    assert "## Why is this bad?" in doc
    assert main(["rule", "NBP999"]) == 2


def test_console_script_runs_in_a_fresh_process(out_of_order: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "nbprod.cli", "lint", "--select", "NBP001",
         str(out_of_order)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert "NBP001" in done.stdout


def test_export_reuses_the_recorded_options_and_says_a_changed_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notebook = _write(tmp_path / "sales.ipynb", ("import json\nx = 1", 1))
    out = str(tmp_path / "pkg")
    assert main(["export", notebook.as_posix(), "-o", out, "--no-report"]) == 0
    assert main(["export", notebook.as_posix(), "-o", out, "--name", "books"]) == 0
    capsys.readouterr()
    # Nothing given: the recorded name and --no-report; nothing to change.
    assert main(["export", notebook.as_posix(), "-o", out, "--check"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["export", notebook.as_posix(), "-o", out, "--check", "--report"]) == 1
    err = capsys.readouterr().err
    assert "option --report differs from the package's manifest" in err
    assert "recorded --no-report, given the report step" in err
    assert main(["export", notebook.as_posix(), "-o", out, "--check", "--repin"]) == 0
    manifest = json.loads((tmp_path / "pkg" / ".nbprod" / "manifest.json").read_text())
    assert manifest["options"]["name"] == "books"
    assert manifest["options"]["report"] is False
    assert "ploomber" in manifest["pins"]


def test_export_help_names_the_recorded_defaults(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for option in ("--repin", "--report, --no-report", "--force, --no-force"):
        assert option in text
    assert "as recorded in DIR's .nbprod/manifest.json" in text
