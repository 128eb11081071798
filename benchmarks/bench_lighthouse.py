"""Lighthouse scores of the built site, next to a page of Jupyter Book 1's default template.

Run: ``python benchmarks/bench_lighthouse.py [--site DIR] [--runs N] [--pages PATTERN]
[--json FILE]``. It builds nothing of this site: it serves an already built copy (default
``_build/html``) on 127.0.0.1 the way GitHub Pages serves it (gzip for text types, the
right Content-Type for woff2, webp and svg) and runs Lighthouse on every page, mobile and
desktop, several times each, then prints the median of each figure.

The anchor row is the ``intro.html`` of ``jupyter-book create``'s template, built once into
``benchmarks/.cache/anchor/`` and measured in the same run, so a reader can tell what this
site's own additions cost against the theme's baseline on the same machine.

Needs: Node >= 18.20 with npm (Lighthouse is installed on first use into
``benchmarks/.cache/``), Chromium (``CHROME_PATH``, default ``/usr/bin/chromium``) and, for
the anchor, ``jupyter-book`` 1.x (``pip install "jupyter-book>=1,<2"``).
"""

import argparse
import fnmatch
import gzip
import json
import mimetypes
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "benchmarks" / ".cache"
ANCHOR = CACHE / "anchor"
LIGHTHOUSE_VERSION = "12.8.2"
LIGHTHOUSE_BIN = CACHE / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
FORM_FACTORS = ["mobile", "desktop"]

# What GitHub Pages compresses: text types only; images and woff2 are compressed already.
GZIP_SUFFIXES = {".html", ".htm", ".css", ".js", ".mjs", ".map", ".svg", ".json", ".xml",
                 ".txt", ".md", ".ipynb", ".inv"}
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".map": "application/json; charset=utf-8",
    ".ipynb": "application/x-ipynb+json; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".ico": "image/x-icon",
}

# (label, key in the medians, how to print it); durations are milliseconds in the report.
COLUMNS = [
    ("perf", "performance", "{:.0f}"),
    ("FCP s", "fcp", lambda v: f"{v / 1000:.2f}"),
    ("LCP s", "lcp", lambda v: f"{v / 1000:.2f}"),
    ("TBT ms", "tbt", "{:.0f}"),
    ("CLS", "cls", "{:.3f}"),
    ("SI s", "si", lambda v: f"{v / 1000:.2f}"),
    ("KB", "bytes", lambda v: f"{v / 1024:.0f}"),
    ("a11y", "accessibility", "{:.0f}"),
    ("bp", "best-practices", "{:.0f}"),
    ("seo", "seo", "{:.0f}"),
]
METRIC_AUDITS = {"fcp": "first-contentful-paint", "lcp": "largest-contentful-paint",
                 "tbt": "total-blocking-time", "cls": "cumulative-layout-shift",
                 "si": "speed-index", "bytes": "total-byte-weight"}


# --- serving ---------------------------------------------------------------------------

class StaticHandler(BaseHTTPRequestHandler):
    """Serves files under ``self.server.root`` like GitHub Pages: gzip for text, no ETag.

    Compressed bodies are kept in ``self.server.gzipped`` so repeated runs measure the
    network and the browser, not this server's compressor.
    """

    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self.respond(send_body=True)

    def do_HEAD(self):
        self.respond(send_body=False)

    def log_message(self, format, *args):
        """Stay quiet: Lighthouse makes hundreds of requests per run."""

    def respond(self, send_body):
        """Answer one request: a file, a redirect to a directory's slash, or a 404."""
        url_path = unquote(urlsplit(self.path).path)
        path = resolve(self.server.root, url_path)
        if path is not None and path.is_dir():
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", url_path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if path is None or not path.is_file():
            body = b"404 Not Found"
            self.send_response(HTTPStatus.NOT_FOUND)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if send_body:
                self.wfile.write(body)
            return
        body, encoding = self.body_for(path)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type(path))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # what GitHub Pages sends
        if path.suffix.lower() in GZIP_SUFFIXES:
            self.send_header("Vary", "Accept-Encoding")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def body_for(self, path):
        """The file's bytes, gzipped when it is text and the client accepts gzip."""
        data = path.read_bytes()
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if path.suffix.lower() not in GZIP_SUFFIXES or not accepts:
            return data, None
        cache = self.server.gzipped
        with self.server.lock:
            if path not in cache:
                cache[path] = gzip.compress(data, compresslevel=6, mtime=0)
            return cache[path], "gzip"


def resolve(root, url_path):
    """The file or directory that ``url_path`` names under ``root``, or None outside it."""
    path = (root / url_path.lstrip("/")).resolve()
    if path != root and root not in path.parents:
        return None
    if url_path.endswith("/") and path.is_dir():
        path = path / "index.html"
    return path


def content_type(path):
    """The Content-Type GitHub Pages would send for ``path``."""
    suffix = path.suffix.lower()
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


@contextmanager
def serve(root):
    """Serve ``root`` on a free port of 127.0.0.1 in a background thread; yield its URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), StaticHandler)
    server.daemon_threads = True
    server.root = Path(root).resolve()
    server.gzipped = {}
    server.lock = threading.Lock()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# --- what to measure -------------------------------------------------------------------

def is_redirect_stub(path):
    """True for a page that only forwards elsewhere (Jupyter Book's root ``index.html``)."""
    head = path.read_text(encoding="utf-8", errors="replace")[:2000]
    return re.search(r'<meta[^>]+http-equiv=["\']?refresh', head, re.I) is not None


def site_pages(site, pattern=None):
    """Relative paths of the site's pages: a real root index, book/*.html, search, genindex."""
    candidates = []
    if (site / "index.html").is_file() and not is_redirect_stub(site / "index.html"):
        candidates.append("index.html")
    candidates += [f"book/{p.name}" for p in sorted((site / "book").glob("*.html"))]
    candidates += [name for name in ("search.html", "genindex.html") if (site / name).is_file()]
    if pattern:
        candidates = [p for p in candidates
                      if fnmatch.fnmatch(p, pattern) or fnmatch.fnmatch(Path(p).name, pattern)]
    return candidates


def find_jupyter_book():
    """The ``jupyter-book`` command: on PATH, or beside this Python (an unactivated venv)."""
    beside = Path(sys.executable).parent / "jupyter-book"
    return shutil.which("jupyter-book") or (str(beside) if beside.exists() else None)


def anchor_site():
    """The built default template (``jupyter-book create``), building it once if missing.

    Returns the html directory and the page to measure, or exits saying how to get
    jupyter-book when it has to be built and cannot be.
    """
    source = ANCHOR / "book"
    html = source / "_build" / "html"
    if not (html / "intro.html").is_file() and not first_content_page(html):
        command = find_jupyter_book()
        if command is None:
            sys.exit("The anchor needs Jupyter Book 1 to build its template once:\n"
                     '    pip install "jupyter-book>=1,<2"\n'
                     "(or run with --no-anchor).")
        shutil.rmtree(ANCHOR, ignore_errors=True)
        ANCHOR.mkdir(parents=True)
        print(f"building the anchor (jupyter-book create) into {ANCHOR} ...", file=sys.stderr)
        for step in ([command, "create", str(source)], [command, "build", str(source)]):
            result = subprocess.run(step, capture_output=True, text=True)
            if result.returncode != 0:
                sys.exit(f"{' '.join(step)} failed:\n"
                         f"{result.stdout[-2000:]}{result.stderr[-2000:]}")
    page = "intro.html" if (html / "intro.html").is_file() else first_content_page(html)
    return html, page


def first_content_page(html):
    """The first page that is not the root redirect, search or the index, if any."""
    if not html.is_dir():
        return None
    skip = {"index.html", "search.html", "genindex.html"}
    pages = [p.name for p in sorted(html.glob("*.html")) if p.name not in skip]
    return pages[0] if pages else None


# --- running Lighthouse ----------------------------------------------------------------

def ensure_lighthouse():
    """The Lighthouse command, installing the pinned version into benchmarks/.cache once."""
    package = CACHE / "node_modules" / "lighthouse" / "package.json"
    if package.is_file() and json.loads(package.read_text())["version"] == LIGHTHOUSE_VERSION:
        return LIGHTHOUSE_BIN
    if shutil.which("npm") is None:
        sys.exit("Lighthouse needs Node.js >= 18.20 and npm on PATH.")
    print(f"installing lighthouse@{LIGHTHOUSE_VERSION} into {CACHE} ...", file=sys.stderr)
    CACHE.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "install", "--prefix", str(CACHE), "--save-exact", "--no-audit",
                    "--no-fund", f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)
    return LIGHTHOUSE_BIN


def run_lighthouse(lighthouse, url, form_factor, out_dir, attempts=2):
    """One Lighthouse report of ``url``, trying again once: a cold Chromium start
    sometimes fails to load the page at all. None if every attempt failed."""
    for _ in range(attempts):
        report = lighthouse_once(lighthouse, url, form_factor, out_dir)
        if report is not None:
            return report
    return None


def lighthouse_once(lighthouse, url, form_factor, out_dir):
    """One Lighthouse run of ``url``; returns its JSON report, or None if it failed.

    Runs under ``nice`` so the machine stays usable; the mobile preset is Lighthouse's
    default and desktop is ``--preset=desktop``.
    """
    report = Path(out_dir) / "report.json"
    report.unlink(missing_ok=True)
    command = [str(lighthouse), url, "--output=json", f"--output-path={report}", "--quiet",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    if shutil.which("nice"):
        command = ["nice", "-n", "10"] + command
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0 or not report.is_file():
        message = [line for line in result.stderr.splitlines()
                   if not line.strip().startswith("at ")]  # drop the stack trace
        print("  lighthouse failed: " + "\n".join(message[-8:]), file=sys.stderr)
        return None
    data = json.loads(report.read_text(encoding="utf-8"))
    if data.get("runtimeError"):
        print(f"  lighthouse error: {data['runtimeError'].get('message')}", file=sys.stderr)
        return None
    return data


def figures(report):
    """The figures the table shows, from one report: scores 0-100 and metric values."""
    values = {}
    for category in CATEGORIES:
        score = report["categories"][category]["score"]
        values[category] = None if score is None else score * 100
    for key, audit in METRIC_AUDITS.items():
        values[key] = report["audits"][audit].get("numericValue")
    return values


def failed_audits(report):
    """(category, audit id, title, items, scored) for each failing non-performance audit.

    An audit fails when it has a score below 1 in a binary or numeric mode; informative,
    manual and not-applicable audits are no failures. ``scored`` is False for an audit
    of weight 0, which Lighthouse shows but does not count in the category score.
    """
    failures = []
    for category in CATEGORIES[1:]:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            mode = audit.get("scoreDisplayMode")
            if mode == "error" or (mode in ("binary", "numeric", "metricSavings")
                                   and audit.get("score") is not None and audit["score"] < 1):
                items = len((audit.get("details") or {}).get("items") or [])
                failures.append((category, ref["id"], audit["title"], items, ref["weight"] > 0))
    return failures


def median_figures(runs):
    """The median of each figure over the runs that produced it."""
    medians = {}
    for key in runs[0]:
        values = [run[key] for run in runs if run[key] is not None]
        medians[key] = statistics.median(values) if values else None
    return medians


def measure_page(lighthouse, base_url, page, form_factors, runs, progress):
    """Run Lighthouse ``runs`` times per form factor on one page.

    Returns ``{form factor: medians}`` (None where no run succeeded), the page's failed
    audits merged over all runs, and the Lighthouse and browser versions seen.
    """
    per_form, failures, versions = {}, {}, {}
    with tempfile.TemporaryDirectory(prefix="bench-lh-") as tmp:
        for form_factor in form_factors:
            results = []
            for run in range(1, runs + 1):
                progress(f"{page} {form_factor} run {run}/{runs}")
                report = run_lighthouse(lighthouse, base_url + page, form_factor, tmp)
                if report is None:
                    continue
                versions = {"lighthouse": report["lighthouseVersion"],
                            "browser": report["environment"]["hostUserAgent"]}
                results.append(figures(report))
                for category, audit_id, title, items, scored in failed_audits(report):
                    entry = failures.setdefault(audit_id, {
                        "category": category, "title": title, "scored": scored,
                        "items": 0, "failed_runs": {}})
                    entry["items"] = max(entry["items"], items)
                    entry["failed_runs"][form_factor] = entry["failed_runs"].get(form_factor, 0) + 1
            per_form[form_factor] = median_figures(results) if results else None
    return per_form, failures, versions


# --- reporting -------------------------------------------------------------------------

def format_value(value, fmt):
    """One table cell: the formatted figure, or '-' when there is none."""
    if value is None:
        return "-"
    return fmt(value) if callable(fmt) else fmt.format(value)


def print_table(rows, runs):
    """The medians table: one line per page and form factor."""
    width = max(len(row["page"]) for row in rows) + 2
    header = f"{'page':<{width}}{'form':<8}" + "".join(f"{label:>8}" for label, _, _ in COLUMNS)
    print(f"\nMedians of {runs} Lighthouse run(s) per page and form factor "
          "(scores 0-100; KB = total transfer, total-byte-weight)\n")
    print(header)
    print("-" * len(header))
    for row in rows:
        for form_factor, medians in row["medians"].items():
            cells = ("".join(f"{format_value(medians.get(key), fmt):>8}" for _, key, fmt in COLUMNS)
                     if medians else f"{'all runs failed':>16}")
            print(f"{row['page']:<{width}}{form_factor:<8}{cells}")


def print_failures(rows, runs, form_factors):
    """Each page's failing accessibility, best-practices and SEO audits, once per page."""
    print("\nFailed audits outside performance (what to fix), per page:")
    for row in rows:
        if not row["failures"]:
            print(f"\n{row['page']}: none")
            continue
        print(f"\n{row['page']}:")
        for audit_id, entry in sorted(row["failures"].items(),
                                      key=lambda item: (item[1]["category"], item[0])):
            note = failure_note(entry, runs, form_factors)
            print(f"  {entry['category']:<15}{audit_id}: {entry['title']}{note}")


def failure_note(entry, runs, form_factors):
    """Why an audit line is qualified: items found, form factor only, flaky, unscored."""
    notes = []
    if entry["items"]:
        notes.append(f"{entry['items']} item(s)")
    failed = entry["failed_runs"]
    if len(failed) < len(form_factors):
        notes.append(f"{next(iter(failed))} only")
    if any(count < runs for count in failed.values()):
        notes.append("not every run: " + ", ".join(f"{f} {c}/{runs}" for f, c in failed.items()))
    if not entry["scored"]:
        notes.append("weight 0, not in the score")
    return f"  ({'; '.join(notes)})" if notes else ""


# --- main ------------------------------------------------------------------------------

def parse_args(argv=None):
    """Command-line options; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html",
                        help="built site directory (default: _build/html)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page and form factor")
    parser.add_argument("--pages", metavar="PATTERN",
                        help="only pages whose path or file name matches this glob, e.g. 'book/0*'")
    parser.add_argument("--form-factor", choices=["mobile", "desktop", "both"], default="both",
                        help="mobile preset, desktop preset or both (default)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="save the medians as JSON")
    parser.add_argument("--no-anchor", action="store_true",
                        help="skip the Jupyter Book default-template anchor page")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    started = time.monotonic()
    site = args.site.resolve()
    if not (site / "book").is_dir() and not (site / "index.html").is_file():
        sys.exit(f"{site} is not a built site: build it first or pass --site DIR")
    pages = site_pages(site, args.pages)
    if not pages:
        sys.exit(f"no page of {site} matches {args.pages!r}")
    form_factors = FORM_FACTORS if args.form_factor == "both" else [args.form_factor]
    lighthouse = ensure_lighthouse()
    anchor = None if args.no_anchor else anchor_site()

    total = (len(pages) + (anchor is not None)) * len(form_factors) * args.runs
    done = [0]

    def progress(what):
        done[0] += 1
        print(f"[{done[0]}/{total}] {what}", file=sys.stderr, flush=True)

    rows, versions = [], {}
    targets = [(site, page, page) for page in pages]
    if anchor:
        targets.append((anchor[0], anchor[1], f"anchor: JB1 template {anchor[1]}"))
    for root, page, label in targets:
        with serve(root) as base_url:
            medians, failures, seen = measure_page(lighthouse, base_url, page, form_factors,
                                                   args.runs, progress)
        versions = seen or versions
        rows.append({"page": label, "medians": medians, "failures": failures})

    print(f"\nLighthouse {versions.get('lighthouse', '?')}, {versions.get('browser', '?')}")
    print_table(rows, args.runs)
    print_failures(rows, args.runs, form_factors)
    wall = time.monotonic() - started
    print(f"\nwall time {wall / 60:.1f} min")
    if args.json:
        args.json.write_text(json.dumps({"site": str(site), "runs": args.runs, **versions,
                                         "wall_seconds": round(wall, 1), "pages": rows},
                                        indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
