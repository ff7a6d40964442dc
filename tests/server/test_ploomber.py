"""Installing nbprod keeps JupyterLab working when ploomber is installed too.

ploomber's own server extension makes every /api/contents request fail with 500 on
JupyterLab 4; nbprod's shipped server config disables it. These tests start a real
`jupyter server` with the installed config (ploomber present), as a user would.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("jupyter_server")
pytest.importorskip(
    "ploomber", reason="install ploomber to test nbprod's config against it"
)

TOKEN = "nbprod-test-token"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Authorization": f"token {TOKEN}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _serve(tmp_path: Path, user_config: dict | None = None):
    root = tmp_path / "root"
    root.mkdir()
    (root / "a.txt").write_text("x", encoding="utf-8")
    config_dir = tmp_path / "user-config"
    config_dir.mkdir()
    if user_config is not None:
        (config_dir / "jupyter_server_config.json").write_text(
            json.dumps(user_config), encoding="utf-8"
        )
    port = _free_port()
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(config_dir),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "PLOOMBER_STATS_ENABLED": "false",
    }
    log = (tmp_path / "server.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter_server",
            "--no-browser",
            "--allow-root",
            f"--port={port}",
            "--port-retries=0",
            f"--IdentityProvider.token={TOKEN}",
            f"--ServerApp.root_dir={root}",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if _get(f"{base}/api/status")[0] == 200:
                return process, base, tmp_path / "server.log"
        except OSError:
            pass
        if process.poll() is not None:
            break
        time.sleep(0.3)
    process.terminate()
    raise AssertionError((tmp_path / "server.log").read_text())


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.mark.slow
def test_contents_api_works_with_ploomber_installed(tmp_path):
    process, base, _log = _serve(tmp_path)
    try:
        status, body = _get(f"{base}/api/contents")
        assert status == 200, body
        assert "a.txt" in body.decode()
        assert _get(f"{base}/nbprod/rules")[0] == 200
    finally:
        _stop(process)


@pytest.mark.slow
def test_control_ploomber_extension_re_enabled_breaks_contents_and_is_warned(tmp_path):
    """The control: proves the test above can fail, and that nbprod says how to fix it."""
    process, base, log = _serve(
        tmp_path, {"ServerApp": {"jpserver_extensions": {"ploomber": True}}}
    )
    try:
        status, _ = _get(f"{base}/api/contents")
        assert status == 500
    finally:
        _stop(process)
    assert "ploomber's Jupyter server extension is enabled" in log.read_text()
