"""The Jupyter server extension: thin, authenticated REST routes under ``/nbprod/``.

Loaded by Jupyter Server through ``nbprod._jupyter_server_extension_points``; nothing else
in nbprod imports this package, so the CLI never pays for jupyter_server.
"""

from __future__ import annotations

from typing import Any

#: Shipped in etc/jupyter/jupyter_server_config.d/; sorts after ploomber.json so it wins.
PLOOMBER_FIX = (
    'set c.ServerApp.jpserver_extensions = {"ploomber": False} in a Jupyter server '
    "config file (nbprod's zz-nbprod-disable-ploomber.json does this unless a user "
    "config re-enables it)"
)


def _load_jupyter_server_extension(server_app: Any) -> None:
    from .handlers import setup_handlers

    setup_handlers(server_app.web_app)
    if (server_app.jpserver_extensions or {}).get("ploomber"):
        # ploomber's server extension wraps the async contents manager synchronously,
        # so every /api/contents request of JupyterLab 4 fails with 500.
        server_app.log.warning(
            "nbprod: ploomber's Jupyter server extension is enabled and breaks "
            "JupyterLab 4 (file browser errors); to fix it, %s",
            PLOOMBER_FIX,
        )
    server_app.log.info("nbprod server extension loaded: routes under /nbprod/")
