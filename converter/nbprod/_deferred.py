"""Import a library without paying for modules it imports but nbprod never reaches.

detect-secrets' plugin modules run ``import requests`` at the top (for the optional
online verification of a found secret, which nbprod never asks for), and its package
imports ``multiprocessing``; together about half the cost of a cold ``nbprod lint``
beyond the interpreter's start. Inside :func:`deferred_imports`, such an ``import`` binds
a stand-in module; the first attribute read on it imports the real module and forwards
to it, so code that does use it keeps working, only later.

Why not :class:`importlib.util.LazyLoader`: on Python 3.11 the import system reads a
lazy module's ``__spec__`` whenever the module is imported again, which executes it; the
second plugin's ``import requests`` would load it all.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any


class _Deferred(ModuleType):
    """Stands for a module not imported yet; imports it on the first attribute read."""

    def __getattr__(self, attribute: str) -> Any:
        # Only reached for names the stand-in lacks: everything but the basic dunders.
        name = self.__name__
        if sys.modules.get(name) is self:
            del sys.modules[name]  # let the import system load the real module
        real = importlib.import_module(name)
        return getattr(real, attribute)


@contextmanager
def deferred_imports(*names: str) -> Iterator[None]:
    """Within the block, ``import NAME`` of each top-level module ``names`` that is not
    imported yet gives a stand-in that imports it on first use. After the block, imports
    of those names are ordinary again (modules imported in the block keep the stand-in).
    """
    installed: dict[str, ModuleType] = {}
    for name in names:
        if name in sys.modules:
            continue
        spec = importlib.util.find_spec(name)  # None when it is not installed
        if spec is None:
            continue
        stand_in = _Deferred(name)
        # A spec without ``_initializing``: the import system treats the module as
        # loaded and hands it out as is.
        stand_in.__spec__ = spec
        sys.modules[name] = installed[name] = stand_in
    try:
        yield
    finally:
        for name, module in installed.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
