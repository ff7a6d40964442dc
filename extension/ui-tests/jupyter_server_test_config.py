"""Jupyter server for the Galata UI tests: no auth (test only), a throw-away root."""

from jupyterlab.galata import configure_jupyter_server

c = get_config()  # type: ignore[name-defined] # noqa: F821

configure_jupyter_server(c)
c.ServerApp.allow_root = True  # CI runs as root
# ploomber's server extension breaks /api/contents on JupyterLab 4.6 (TOOLCHAIN).
c.ServerApp.jpserver_extensions = {"nbprod": True, "ploomber": False}
c.LabApp.news_url = None
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"
