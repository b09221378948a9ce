"""Headless Chromium and a local HTTP server for the benchmarks (scripts never import tests/).

Debian's /usr/bin/chromium, driven by Playwright: no browser is ever downloaded.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def launch(playwright):
    """Chromium, headless, as the browser tests run it."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Files of a folder, without a log line per request."""

    def log_message(self, *args):
        pass


def serve(directory: Path, handler: type = QuietHandler):
    """Serve ``directory`` on an ephemeral port of 127.0.0.1 (with ``handler``, a
    :class:`QuietHandler` by default); returns (base_url, stop)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def stop():
        server.shutdown()
        server.server_close()

    return f"http://127.0.0.1:{server.server_address[1]}/", stop
