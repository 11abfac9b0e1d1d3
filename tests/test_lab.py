"""``make lab``: JupyterLab serves every notebook, offers the project's ``sinokaz`` kernel and no news pop-up.

Starts the command ``make lab`` runs (``run.lab_command``, with its settings written by
``run.write_lab_settings``) headless on a free localhost port with a random token, asks its
REST API for each notebook, the kernelspecs and the notification settings, then stops it.
Every wait is bounded.
"""
from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sinokaz_utils.config import KERNEL_NAME, NOTEBOOKS_DIR
from sinokaz_utils.run import lab_command, write_lab_settings

requests = pytest.importorskip("requests")
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("[0-9]*.ipynb"))
STARTUP_SECONDS = 90


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    jupyter = Path(sys.executable).with_name("jupyter")
    if not jupyter.exists():
        pytest.skip("jupyter is not installed in this environment")
    port, token = free_port(), secrets.token_hex(16)
    runtime = tmp_path_factory.mktemp("jupyter-runtime")
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(runtime), "JUPYTER_CONFIG_DIR": str(runtime / "config")}
    log = open(runtime / "lab.log", "w")
    write_lab_settings()
    args = lab_command(notebooks_dir=NOTEBOOKS_DIR, extra=["--no-browser", "--ip=127.0.0.1", f"--port={port}",
                                                            "--port-retries=0", f"--IdentityProvider.token={token}"])
    proc = subprocess.Popen(
        args,
        stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    headers = {"Authorization": f"token {token}"}
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if proc.poll() is not None:
                pytest.fail(f"jupyter lab exited with {proc.returncode}: {(runtime / 'lab.log').read_text()[-2000:]}")
            try:
                if requests.get(f"{base}/api/status", headers=headers, timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"jupyter lab did not answer within {STARTUP_SECONDS} s")
            time.sleep(0.5)
        yield base, headers
    finally:
        # the server runs in its own session: stop it and anything it started, by its group id
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
            except ProcessLookupError:
                pass
        log.close()


def test_lab_requires_the_token(lab):
    base, _ = lab
    assert requests.get(f"{base}/api/contents", timeout=10).status_code in (401, 403)


def test_lab_offers_the_sinokaz_kernel(lab):
    base, headers = lab
    specs = requests.get(f"{base}/api/kernelspecs", headers=headers, timeout=10).json()
    assert KERNEL_NAME in specs["kernelspecs"], (
        f"kernel {KERNEL_NAME!r} not registered (make install runs ipykernel install --sys-prefix --name sinokaz)")
    assert specs["kernelspecs"][KERNEL_NAME]["spec"]["display_name"] == "Python (sinokaz)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_lab_opens_every_notebook(lab, path):
    base, headers = lab
    r = requests.get(f"{base}/api/contents/{path.name}", headers=headers, params={"content": 1}, timeout=30)
    assert r.status_code == 200, r.text[:500]
    model = r.json()
    assert model["type"] == "notebook" and model["format"] == "json"
    nb = model["content"]
    assert nb["cells"] and nb["cells"][0]["source"].lstrip().startswith("# ")
    assert nb["metadata"]["kernelspec"]["name"] == KERNEL_NAME


def test_make_lab_runs_the_lab_command():
    makefile = (NOTEBOOKS_DIR.parent / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nlab:", 1)[1].split("\n\n", 1)[0]
    assert "-m sinokaz_utils.run lab" in recipe


def test_lab_greets_a_first_time_user_without_the_news_pop_up(lab):
    base, headers = lab
    r = requests.get(f"{base}/lab/api/settings/@jupyterlab/apputils-extension:notification", headers=headers, timeout=30)
    assert r.status_code == 200, r.text[:300]
    answer = r.json()
    # what JupyterLab applies: the user's settings, else the schema's defaults (our overrides)
    defaults = {k: v.get("default") for k, v in answer["schema"]["properties"].items()}
    assert defaults["fetchNews"] == "false", "JupyterLab would ask about Jupyter news on first start"
    assert defaults["checkForUpdates"] is False
