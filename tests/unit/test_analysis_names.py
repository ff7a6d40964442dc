"""Names the kernel provides are never 'undefined': builtins, IPython's, numbered history."""

from __future__ import annotations

import pytest
from nbprod.analysis.names import BUILTIN_NAMES, is_ipython_name


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
