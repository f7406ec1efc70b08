"""The built site served on 127.0.0.1 as a static host serves it, and the Chromium that browses it.

Used by the tests (``tests/conftest.py``) and the benchmark (``benchmarks/``) alike.
"""

from __future__ import annotations

import functools
import gzip
import os
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# Debian's chromium; CASEBOOK_CHROMIUM may name another Chromium-based browser (a CI runner's Chrome).
CHROMIUM = Path(os.environ.get("CASEBOOK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# What a static host compresses (Pagefind's index files are gzip data already).
COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt")


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # A browser that stops a download (Lighthouse ends each page's load) is no error of the site.
        if isinstance(sys.exc_info()[1], BrokenPipeError | ConnectionResetError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


def serve(directory: Path, compress: bool = False, port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    """Serve ``directory`` on 127.0.0.1 as a static host would (404.html for missing pages); with
    ``compress``, text files go gzip-compressed to a browser that accepts it, as most hosts send them.
    On ``port``, or (0) on one the system chooses."""

    class Handler(QuietHandler):
        def do_GET(self) -> None:
            path = Path(self.translate_path(self.path))
            if path.is_dir() and self.path.split("?")[0].endswith("/"):
                path = path / "index.html"
            accepts = "gzip" in self.headers.get("Accept-Encoding", "")
            if not (compress and accepts and path.is_file() and path.name.endswith(COMPRESSIBLE)):
                super().do_GET()
                return
            body = gzip.compress(path.read_bytes(), compresslevel=6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            page = directory / "404.html"
            if code != 404 or not page.exists():
                super().send_error(code, message, explain)
                return
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    handler = functools.partial(Handler, directory=str(directory))
    httpd = QuietServer(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"
