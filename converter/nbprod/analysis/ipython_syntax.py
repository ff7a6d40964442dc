"""IPython's input transformer (``TransformerManager``) without importing all of IPython.

``IPython.core.inputtransformer2`` turns ``%magic``, ``!shell`` and ``?help`` lines into
Python. It needs only the standard library and ``IPython.utils.tokenutil``, but importing it
the ordinary way runs ``IPython/__init__.py``, which imports the interactive shell and
traitlets: 40-80 ms, a quarter of a cold ``nbprod lint``, for two small modules.

So, when IPython is not imported yet, the installed ``tokenutil.py`` and
``inputtransformer2.py`` are executed as private modules (``nbprod.analysis._ipython_*``),
the transformer's one ``from IPython.utils import tokenutil`` being answered with the
private ``tokenutil``. It is IPython's own code, run unchanged; nothing global is altered
(no stand-in for ``IPython`` in ``sys.modules``, so other threads and a later real import
are unaffected). If anything about that fails (a future IPython that needs more), or
IPython is already imported, the ordinary import is used.
"""

from __future__ import annotations

import builtins
import importlib.util
import sys
import threading
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

_PRIVATE_PREFIX = "nbprod.analysis._ipython_"
_lock = threading.Lock()


@cache
def transformer_manager_class() -> Any:
    """IPython's ``TransformerManager`` class, loaded as cheaply as possible."""
    if "IPython" not in sys.modules:
        with _lock:
            try:
                return isolated_transformer_manager_class()
            except Exception:  # fall back to the ordinary import below
                pass
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager


def isolated_transformer_manager_class() -> Any:
    """``TransformerManager`` from IPython's installed files, run as private modules."""
    existing = sys.modules.get(_PRIVATE_PREFIX + "inputtransformer2")
    if existing is not None:
        return existing.TransformerManager
    spec = importlib.util.find_spec("IPython")  # locates the package, runs nothing
    if spec is None or spec.origin is None:
        raise ImportError("IPython is not installed")
    root = Path(spec.origin).parent
    tokenutil = _load(_PRIVATE_PREFIX + "tokenutil", root / "utils" / "tokenutil.py")
    real_import = builtins.__import__

    def answer(
        name: str,
        globals: Any = None,
        locals: Any = None,
        fromlist: Any = (),
        level: int = 0,
    ) -> Any:
        if name == "IPython.utils" and level == 0 and tuple(fromlist) == ("tokenutil",):
            holder = ModuleType("IPython.utils")
            holder.tokenutil = tokenutil  # type: ignore[attr-defined]
            return holder
        if name.split(".")[0] == "IPython":
            raise ImportError(f"{name} is not part of the isolated transformer")
        return real_import(name, globals, locals, fromlist, level)

    own_builtins = {**vars(builtins), "__import__": answer}
    module = _load(
        _PRIVATE_PREFIX + "inputtransformer2",
        root / "core" / "inputtransformer2.py",
        own_builtins,
    )
    return module.TransformerManager


def _load(name: str, file: Path, own_builtins: dict[str, Any] | None = None) -> Any:
    spec = importlib.util.spec_from_file_location(name, file)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {file}")
    module = importlib.util.module_from_spec(spec)
    if own_builtins is not None:
        module.__dict__["__builtins__"] = own_builtins
    sys.modules[name] = module  # what typing and dataclasses look classes up in
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module
