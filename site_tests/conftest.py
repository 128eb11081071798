"""Checks of the built site (``_build/html``): run after ``jupyter-book build``.

``SITE_DIR`` overrides where the built site is. The ``server`` fixture serves it on
127.0.0.1 for browser tests.
"""

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SITE = Path(os.environ.get("SITE_DIR", ROOT / "_build" / "html"))
LECTURE_PAGES = ["book/01_model_and_data", "book/02_loss_and_gradient", "book/03_training",
                 "book/04_animation", "book/05_learning_rate"]
# every page that is a notebook (has a kernelspec), lecture or not
NOTEBOOK_PAGES = sorted(f"book/{p.stem}" for p in (ROOT / "book").glob("*.md")
                        if "kernelspec:" in p.read_text(encoding="utf-8"))


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
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(site):
    """Base URL of the built site served on 127.0.0.1 (a free port)."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
