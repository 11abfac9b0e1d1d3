"""``make lab``: JupyterLab serves every notebook and offers the project's ``sinokaz`` kernel.

Starts ``jupyter lab`` headless on a free localhost port with a random token (as ``make lab``
does, on ``notebooks/``), asks its REST API for each notebook and for the kernelspecs, then
stops it. Every wait is bounded.
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
    args = [str(jupyter), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}", "--port-retries=0",
            f"--IdentityProvider.token={token}", f"--notebook-dir={NOTEBOOKS_DIR}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers often run as root; Jupyter refuses without this
        args.append("--allow-root")
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
