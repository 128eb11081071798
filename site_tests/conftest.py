"""Checks of the built site (``_build/html``): run after ``jupyter-book build``.

``SITE_DIR`` overrides where the built site is; the build folder beside it (``SITE_DIR``'s
parent, with ``jupyter_execute/``) is where the executed notebooks are. The pages come from
the built site and ``_toc.yml``, the players from the built HTML (``gdlesson.find_players``),
so adding a page needs no change here.

What every module shares is here: the paths and page lists, the one static server (gzip, as
GitHub Pages serves the site), the one place Chromium is launched from, the shared browser,
and ``crawl``: every page visited once per width and theme, with everything the browser
checks need collected as plain data (``crawl.py``).
"""

import functools
import gzip
import html.parser
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE = Path(os.environ.get("SITE_DIR", ROOT / "_build" / "html")).resolve()
BUILD = SITE.parent                       # _build: html/ and jupyter_execute/ side by side
CACHE = Path(__file__).resolve().parent / ".cache"

sys.path.insert(0, str(ROOT / "_ext"))
from gdsite import common as gdsite_common  # noqa: E402
from gdsite import notebooks as gdsite_notebooks  # noqa: E402

# the pages of _toc.yml as built HTML paths ("book/01_model_and_data"), in reading order
BOOK_PAGES = [p.relative_to(ROOT).with_suffix("").as_posix() for p in gdsite_common.toc_pages()]
NOTEBOOK_PAGES = [p.relative_to(ROOT).with_suffix("").as_posix()
                  for p in gdsite_common.notebook_pages()]


def html_pages(site=SITE):
    """Every HTML page of the site: the book's pages and index.html, search.html,
    genindex.html… (not the templates and sources in _static, _sources, _images)."""
    return sorted(p for p in site.rglob("*.html")
                  if p.relative_to(site).parts[0] not in ("_static", "_sources", "_images"))


# every HTML page as a path relative to the site ("book/05_learning_rate.html"); a missing
# site gives one placeholder so that collection works and the `site` fixture says what to do
PAGES = [p.relative_to(SITE).as_posix() for p in html_pages()] if SITE.is_dir() else []
PAGES = PAGES or ["index.html"]


def page_html(path):
    """The HTML text of a page of the built site (``book/05_learning_rate.html``)."""
    return (SITE / path).read_text(encoding="utf-8")


class _CodeCells(html.parser.HTMLParser):
    """The text of the first <pre> of every <div class="cell_input">, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.cells, self.depth, self.input_depth, self.in_pre, self.taken = [], 0, None, False, False

    def handle_starttag(self, tag, attrs):
        if tag == "div":
            self.depth += 1
            if self.input_depth is None and "cell_input" in (dict(attrs).get("class") or "").split():
                self.input_depth, self.taken = self.depth, False
        elif tag == "pre" and self.input_depth is not None and not self.taken:
            self.in_pre = True
            self.cells.append("")

    def handle_endtag(self, tag):
        if tag == "div":
            if self.input_depth == self.depth:
                self.input_depth = None
            self.depth -= 1
        elif tag == "pre" and self.in_pre:
            self.in_pre, self.taken = False, True

    def handle_data(self, data):
        if self.in_pre:
            self.cells[-1] += data


def shown_code(page_source):
    """The code of each cell of a page, in order, as the page shows it (hidden-input cells
    too)."""
    parser = _CodeCells()
    parser.feed(page_source)
    parser.close()
    return [code.rstrip("\n") for code in parser.cells]


class _VisibleText(html.parser.HTMLParser):
    """The text of a page's <body> that a reader reads as prose: no code, no math (its
    SVG and MathML), no scripts or styles."""

    SKIP = {"script", "style", "pre", "code", "svg", "math", "template", "textarea",
            "head"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
            "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping = [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP and tag not in self.VOID:
            self.skipping.append(tag)

    def handle_endtag(self, tag):
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def visible_text(page_source):
    """A page's prose as one string, whitespace runs as one space (see ``_VisibleText``)."""
    parser = _VisibleText()
    parser.feed(page_source)
    parser.close()
    return " ".join(" ".join(parser.parts).split())


@pytest.fixture(scope="session")
def site():
    if not (SITE / "index.html").exists():
        pytest.fail(f"no built site in {SITE}: run `make html` (or set SITE_DIR) first")
    return SITE


# --- the static server ----------------------------------------------------------------------

COMPRESSIBLE = (".html", ".css", ".js", ".svg", ".json", ".txt", ".ipynb", ".xml", ".map")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """The site's files; text files gzip-compressed when the client accepts gzip, as GitHub
    Pages serves them (what a browser transfers is then what a reader's browser does)."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".webp": "image/webp", ".woff2": "font/woff2", ".svg": "image/svg+xml",
                      ".js": "text/javascript", ".whl": "application/zip"}

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix in COMPRESSIBLE and path.is_file()
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            body = _compressed(path, path.stat().st_mtime_ns)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return _Body(body)
        return super().send_head()


@functools.lru_cache(maxsize=512)
def _compressed(path, mtime):
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


class _Body:
    def __init__(self, data):
        self.data = data

    def read(self, *args):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):   # a browser that closed a page
            super().handle_error(request, client_address)


def serve(directory):
    """Serve ``directory`` on 127.0.0.1 (a free port) in a thread: ``(base URL, stop)``."""
    handler = functools.partial(GzipHandler, directory=str(directory))
    httpd = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()

    def stop():
        httpd.shutdown()
        httpd.server_close()

    return f"http://127.0.0.1:{httpd.server_address[1]}", stop


@pytest.fixture(scope="session")
def server(site):
    """Base URL of the built site, served with gzip on 127.0.0.1."""
    url, stop = serve(site)
    yield url
    stop()


# --- Chromium ---------------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"             # Debian's chromium; playwright never downloads one
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-extensions", "--mute-audio"]
LAUNCH = {"executable_path": CHROMIUM, "args": CHROMIUM_ARGS}   # for chromium.launch(**LAUNCH)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the tests that drive a page themselves (search, explorer)."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(**LAUNCH)
        yield browser
        browser.close()


# axe-core, at the version package-lock.json pins (a new release with new rules should be a
# deliberate update); `make test` installs it with `npm ci`
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_source():
    """The source of axe.min.js, to run in each page."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (`make test` does)")
    return AXE.read_text(encoding="utf-8")


VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
VNU_RUN = pytest.StashKey()


ENGINE_RUNS = pytest.StashKey()


def pytest_collection_finish(session):
    """Start what runs beside the other checks as soon as the session is known to include
    it: the Nu Html Checker on every page (test_vnu.py, one Java process) and each engine's
    visits (test_engines.py, one browser per engine, on a server of their own)."""
    if any(item.path.name == "test_engines.py" for item in session.items) and SITE.is_dir():
        import engines
        base, stop = serve(SITE)
        runs = {engine: engines.Run(engine, base, PAGES, SITE)
                for engine in engines.ENGINES if not engines.missing(engine)}
        session.config.stash[ENGINE_RUNS] = (runs, stop, {})
    if not any(item.path.name == "test_vnu.py" for item in session.items):
        return
    if shutil.which("java") is None or not VNU.exists() or not SITE.is_dir():
        return
    output = Path(tempfile.mkdtemp(prefix="vnu-")) / "messages.json"
    with output.open("w") as sink:
        process = subprocess.Popen(
            ["java", "-jar", str(VNU), "--errors-only", "--format", "json",
             *map(str, html_pages())], stdout=subprocess.DEVNULL, stderr=sink)
    session.config.stash[VNU_RUN] = (process, output)


@pytest.fixture(scope="session")
def engine_runs(request, site):
    """``engine -> {"version", "visits": {"page|width": data}}``: the visits of engines.py in
    that engine (waited for on first use); fails with what the machine lacks for it."""
    import engines
    runs, _stop, results = request.config.stash[ENGINE_RUNS]

    def result(engine):
        if engine not in results:
            if engine not in runs:
                pytest.fail(f"{engine} cannot run here, missing: {', '.join(engines.missing(engine))} "
                            "(README: prerequisites)")
            results[engine] = runs[engine].result()
        return results[engine]
    return result


def pytest_sessionfinish(session):
    engine_runs = session.config.stash.get(ENGINE_RUNS, None)
    if engine_runs is not None:
        for run in engine_runs[0].values():
            run.stop()
        engine_runs[1]()
    run = session.config.stash.get(VNU_RUN, None)
    if run is not None and run[0].poll() is None:
        run[0].kill()
        run[0].wait()


@pytest.fixture(scope="session")
def crawl(site, server, axe_source, tmp_path_factory):
    """Every page visited once per visit of ``crawl.VISITS`` (1280 light and dark, 390, 360):
    ``{(page, visit): data}``, the data of each visit as plain lists and numbers.
    ``CRAWL_JSON=file`` also writes them there, to look at."""
    import crawl as crawler
    results = crawler.run(server, PAGES, axe_source, tmp_path_factory.mktemp("printed"))
    if os.environ.get("CRAWL_JSON"):
        Path(os.environ["CRAWL_JSON"]).write_text(json.dumps(
            [data for data in results.values()], ensure_ascii=False, indent=1), encoding="utf-8")
    return results
