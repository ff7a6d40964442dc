"""The Jupyter server extension: thin, authenticated REST routes under ``/nbprod/``.

Loaded by Jupyter Server through ``nbprod._jupyter_server_extension_points``; nothing else
in nbprod imports this package, so the CLI never pays for jupyter_server.
"""

from __future__ import annotations

from typing import Any


def _load_jupyter_server_extension(server_app: Any) -> None:
    from .handlers import setup_handlers

    setup_handlers(server_app.web_app)
    server_app.log.info("nbprod server extension loaded: routes under /nbprod/")
