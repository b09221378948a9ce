"""The real ``make serve`` on a project folder, for the preview benchmark and its tests.

One launcher for ``scripts/bench_serve.py``, ``tests/test_serve.py`` and
``tests/test_preview_speed.py`` (scripts never import tests/).
"""

from __future__ import annotations

import contextlib
import html
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def record_title(url: str) -> str | None:
    """The record title of the page served at ``url`` (blanks squeezed), or None if none is served yet."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            page = response.read().decode("utf-8")
    except OSError:
        return None
    found = re.search(r'<h1 class="record-title"[^>]*>(.*?)</h1>', page, re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", found[1])).split()) if found else None


def wait_for(condition, seconds: float, step: float = 0.2):
    """The first true value of ``condition()`` within ``seconds``, else None."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    return None


@contextlib.contextmanager
def make_serve(project: Path, log, env: dict):
    """``make serve PROJECT=project`` on a free port, its output in ``log``; yields (process, base URL).
    The whole process group is stopped on exit."""
    port = free_port()
    # The preview at the server's root: mkdocs serve would mount it under SITE_URL's path.
    env = {name: value for name, value in env.items() if name != "SITE_URL"}
    process = subprocess.Popen(["make", "--no-print-directory", "-C", str(ROOT), "serve", f"PROJECT={project}",
                                f"HOST=127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True, env=env)
    try:
        yield process, f"http://127.0.0.1:{port}/"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
