"""First view of a page on a phone: what Chromium downloads, and what holds up the first paint.

Run after a build: ``python benchmarks/bench_first_view.py [SITE_DIR] [PAGE]`` (defaults
``_build/html`` and ``book/05_learning_rate.html``). The site is served on 127.0.0.1 with
gzip, as GitHub Pages serves it; the page opens in headless Chromium at 390 × 844 px (touch,
3× pixels) with an empty cache and is left until the network is idle. Printed: every
response with the bytes it took on the wire (compressed, headers included), the total, the
resources that Chromium marks render-blocking (``renderBlockingStatus``), the first
contentful paint and the layout shift (CLS) of the first view.
"""

import functools
import gzip
import http.server
import io
import os
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
COMPRESSED = {".html", ".css", ".js", ".svg", ".json", ".txt", ".ico", ".map", ".ipynb", ".md"}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text ones gzip-compressed when the browser accepts it."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if ("gzip" not in self.headers.get("Accept-Encoding", "")
                or Path(path).suffix.lower() not in COMPRESSED or not os.path.isfile(path)):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


FIRST_VIEW = """() => {
  const blocking = performance.getEntriesByType("resource")
    .filter(e => e.renderBlockingStatus === "blocking").map(e => e.name);
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  return {blocking, fcp: fcp ? fcp.startTime : null,
          cls: (window.__shifts || []).reduce((sum, value) => sum + value, 0)};
}"""
SHIFTS = """window.__shifts = [];
new PerformanceObserver(list => { for (const e of list.getEntries())
  if (!e.hadRecentInput) window.__shifts.push(e.value); })
  .observe({type: "layout-shift", buffered: true});"""


def first_view(site, page_path):
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                          has_touch=True, device_scale_factor=3)
            context.add_init_script(SHIFTS)
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            urls, sizes = {}, {}
            cdp.on("Network.requestWillBeSent",
                   lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
            cdp.on("Network.loadingFinished",
                   lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
            page.goto(base + page_path, wait_until="load")
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(1000)
            view = page.evaluate(FIRST_VIEW)
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    responses = sorted(((size, urls[rid].replace(base, "")) for rid, size in sizes.items()
                        if not urls.get(rid, "data:").startswith("data:")), reverse=True)
    view["blocking"] = [url.replace(base, "") for url in view["blocking"]]
    return responses, view


def main():
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "_build" / "html"
    page_path = sys.argv[2] if len(sys.argv) > 2 else "book/05_learning_rate.html"
    responses, view = first_view(site, page_path)
    total = sum(size for size, _ in responses)
    print(f"{page_path}, first view at 390 px, gzip: {len(responses)} responses, "
          f"{total:,} bytes ({total / 1024:.1f} KiB)")
    for size, url in responses:
        print(f"  {size:>9,}  {url}")
    print(f"render-blocking ({len(view['blocking'])}):")
    for url in view["blocking"]:
        print(f"  {url}")
    print(f"first contentful paint {view['fcp']:.0f} ms, layout shift (CLS) {view['cls']:.3f}")


if __name__ == "__main__":
    main()
