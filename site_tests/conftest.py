"""Checks of the built site (``_build/html``): run after ``jupyter-book build``.

The pages come from ``_toc.yml`` and the animations from the built HTML, so adding a page
needs no change here. ``SITE_DIR`` overrides where the built site is. ``server`` serves it
on 127.0.0.1; ``gzip_server`` serves it compressed, the way GitHub Pages does, for
measuring what a browser transfers.
"""

import functools
import gzip
import http.server
import importlib.util
import json
import os
import re
import sys
import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SITE = Path(os.environ.get("SITE_DIR", ROOT / "_build" / "html"))
sys.path.insert(0, str(ROOT / "_ext"))
_spec = importlib.util.spec_from_file_location("notebooks", ROOT / "_ext" / "notebooks.py")
notebooks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(notebooks)

# the pages of _toc.yml as built HTML paths ("book/01_model_and_data"), in reading order
BOOK_PAGES = [p.relative_to(ROOT).with_suffix("").as_posix() for p in notebooks.toc_pages()]
NOTEBOOK_PAGES = [p.relative_to(ROOT).with_suffix("").as_posix() for p in notebooks.notebook_pages()]
PLAYER_DATA = re.compile(r'<script type="application/json" class="gd-player-data">(.*?)</script>', re.S)


@pytest.fixture(scope="session")
def site():
    if not (SITE / "index.html").exists():
        pytest.fail(f"no built site in {SITE}: run `jupyter-book build . -W -n --keep-going` first")
    return SITE


def html_pages(site):
    """Every HTML page of the site: the book's pages and index.html, search.html, genindex.html
    (not the templates in _static)."""
    return sorted(p for p in site.rglob("*.html")
                  if p.relative_to(site).parts[0] not in ("_static", "_sources", "_images"))


def players(html_text):
    """The payload (frames, labels, size, split, text_pt…) of every player on a page."""
    return [json.loads(data) for data in PLAYER_DATA.findall(html_text)]


CHROMIUM = "/usr/bin/chromium"             # Debian's chromium; playwright never downloads one
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session (Playwright's sync API allows one)."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".webp": "image/webp", ".woff2": "font/woff2", ".svg": "image/svg+xml",
                      ".js": "text/javascript", ".whl": "application/zip"}

    def log_message(self, *args):
        pass


COMPRESSIBLE = (".html", ".css", ".js", ".svg", ".json", ".txt", ".ipynb", ".xml")


class _GzipHandler(_QuietHandler):
    """Text files compressed when the browser accepts gzip, as GitHub Pages serves them."""

    def send_head(self):
        path = Path(self.translate_path(self.path.split("?")[0]))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix in COMPRESSIBLE and path.is_file()
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return _Body(body)
        return super().send_head()


class _Body:
    def __init__(self, data):
        self.data = data

    def read(self, *args):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def _serve(site, handler_class):
    handler = functools.partial(handler_class, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


@pytest.fixture(scope="session")
def server(site):
    """Base URL of the built site served on 127.0.0.1 (a free port)."""
    httpd = _serve(site, _QuietHandler)
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def gzip_server(site):
    """Base URL of the built site served with gzip, as GitHub Pages serves it."""
    httpd = _serve(site, _GzipHandler)
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
