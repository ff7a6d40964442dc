"""Names the kernel provides are never 'undefined': builtins, IPython's, numbered history."""

from __future__ import annotations

import ast

import pytest
from nbprod.analysis.names import BUILTIN_NAMES, is_ipython_name, name_events


@pytest.mark.parametrize(
    "name",
    [
        "print",
        "display",
        "get_ipython",
        "In",
        "Out",
        "_",
        "___",
        "_i",
        "_iii",
        "_ih",
        "_oh",
        "_dh",
        "_exit_code",
        "__IPYTHON__",
        "__builtins__",
        "__name__",
        "_12",
        "_i3",
    ],
)
def test_kernel_names(name: str) -> None:
    assert is_ipython_name(name)


@pytest.mark.parametrize("name", ["df", "_private", "_i", "_x1", "i3", "__1"])
def test_user_names(name: str) -> None:
    assert is_ipython_name(name) == (name in BUILTIN_NAMES)


def test_timeit_options_are_stripped_and_its_statement_analysed() -> None:
    from nbprod.analysis.parse import magic_statement, parse_cell

    assert magic_statement("timeit", "-n 50 -r3 KMeans().fit(X)") == "KMeans().fit(X)"
    assert magic_statement("timeit", "-q -o x = f(1)") == "x = f(1)"
    assert magic_statement("prun", "-s cumulative -l 10 main()") == "main()"
    assert magic_statement("time", "y = g()") == "y = g()"
    parsed = parse_cell("%timeit -n 50 model = KMeans().fit(X)\n")
    assert parsed.tree is not None
    assert any(isinstance(n, ast.Call) for n in ast.walk(parsed.tree))
    assert "model" in name_events(parsed.tree).defines
