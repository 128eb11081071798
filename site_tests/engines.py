"""The site read in WebKit and Firefox, beside the Chromium crawl: what test_engines.py checks.

Each engine gets one browser for the whole session and opens every page of the site at 390 px
(and the search page at 1280 px too), one after another; both engines run at once, in their
own processes, started as soon as the session is known to include test_engines.py
(conftest.py), so they run beside the Chromium checks. In each visit ``engine_checks.js``
collects plain data; ``engine_errors.js``, added at document start, records the page's errors.

- WebKit: Debian's WebKitGTK through its WebKitWebDriver, driven by Selenium
  (``engine_webkit.py``); the browser is ``webkit_browser.py``, a bare GTK window with a
  WebKit view, under ``xvfb-run``.
- Firefox: Debian's firefox-esr, headless, through npm's puppeteer-core over WebDriver BiDi
  (``engine_firefox.mjs``).

What they cannot show: WebKitGTK is not iOS Safari (no touch events, no text autosizing, no
iOS fonts); neither engine here has touch, so the ☰ menu is clicked, not tapped (Chromium's
crawl taps it). ``python site_tests/engines.py [ENGINE …]`` runs them alone and writes
``_build/engines-ENGINE.json``.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PHONE = (390, 844)
DESKTOP = (1280, 900)
SEARCH_PAGE = "search.html"
SEARCH_TERM = "손실"                          # test_search.EXAMPLES: leads to page 02
EXPLORER_PAGE = "book/07_alpha_explorer.html"
EXPLORER_ALPHA = "0.0085"
TIMEOUT = 600                                 # s for one engine's visits, all pages

# what each engine needs on this machine (README's prerequisites)
NEEDS = {"webkit": ["/usr/bin/WebKitWebDriver", "/usr/bin/xvfb-run", "/usr/bin/python3"],
         "firefox": ["/usr/bin/firefox-esr", str(ROOT / "node_modules" / "puppeteer-core")],
         "chromium": ["/usr/bin/chromium"]}
ENGINES = list(NEEDS)


def missing(engine):
    """What ``engine`` needs that this machine lacks (empty when it can run)."""
    gone = [path for path in NEEDS[engine] if not os.path.exists(path)]
    if engine == "webkit" and not gone and subprocess.run(
            ["/usr/bin/python3", "-c", "import gi; gi.require_version('WebKit2', '4.1')"],
            capture_output=True).returncode:
        gone.append("PyGObject with WebKit2 4.1 (python3-gi, gir1.2-webkit2-4.1)")
    return gone


def last_section(html):
    """The id of a page's last section under its title (the one lazily drawn sections move
    most), or None."""
    ids = re.findall(r'<section id="([^"]+)"', html)
    return ids[-1] if len(ids) > 1 else None


def visits(base, pages, site):
    """The visits of every engine: every page at 390 px, opened at its last section; the
    search page with a query, also at 1280 px; the redirecting root page left out (it only
    sends the reader to book/index.html, which has its own visit)."""
    # first, a page with formulas, so that the fonts are in the cache when the visits measure
    # (they are font-display: optional, and a cold first page may be drawn without them)
    out = [{"key": "warm-up", "page": "book/01_model_and_data.html", "url": f"{base}/book/01_model_and_data.html",
            "width": PHONE[0], "height": PHONE[1], "section": None, "search": False,
            "explorer": None, "menu": False}]
    for page in pages:
        html = (site / page).read_text(encoding="utf-8")
        if 'http-equiv="Refresh"' in html:
            continue
        section = last_section(html) if page.startswith("book/") else None
        url = f"{base}/{page}"
        if page == SEARCH_PAGE:
            url += f"?q={SEARCH_TERM}"
        elif section:
            url += f"#{section}"
        sizes = [PHONE, DESKTOP] if page == SEARCH_PAGE else [PHONE]
        for width, height in sizes:
            out.append({"key": f"{page}|{width}", "page": page, "url": url, "width": width,
                        "height": height, "section": section if page != SEARCH_PAGE else None,
                        "search": page == SEARCH_PAGE,
                        "explorer": EXPLORER_ALPHA if page == EXPLORER_PAGE else None,
                        "menu": page.startswith("book/") and width == PHONE[0]})
    return out


def command(engine, spec, out):
    if engine == "webkit":
        return ["/usr/bin/xvfb-run", "-a", sys.executable, str(HERE / "engine_webkit.py"), spec, out]
    if engine == "chromium":
        return [sys.executable, str(HERE / "engine_chromium.py"), spec, out]
    return ["node", str(HERE / "engine_firefox.mjs"), spec, out]


class Run:
    """One engine's visits, running in their own process."""

    def __init__(self, engine, base, pages, site):
        self.engine = engine
        self.folder = Path(tempfile.mkdtemp(prefix=f"engine-{engine}-"))
        self.out = self.folder / "out.json"
        spec = self.folder / "spec.json"
        spec.write_text(json.dumps({"checks": str(HERE / "engine_checks.js"),
                                    "errors": str(HERE / "engine_errors.js"),
                                    "visits": visits(base, pages, site)}, ensure_ascii=False))
        self.log = (self.folder / "log.txt").open("w")
        self.started = time.monotonic()
        self.process = subprocess.Popen(command(engine, str(spec), str(self.out)), cwd=HERE,
                                        stdout=self.log, stderr=subprocess.STDOUT)

    def result(self):
        """``{"version", "visits": {"page|width": data}, "seconds"}``; an AssertionError with
        the driver's output when it failed."""
        try:
            self.process.wait(timeout=max(1, TIMEOUT - (time.monotonic() - self.started)))
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
        log = (self.folder / "log.txt").read_text(errors="replace")
        if self.process.returncode != 0 or not self.out.exists():
            raise AssertionError(f"{self.engine}: the visits did not finish "
                                 f"(exit {self.process.returncode}):\n{log[-3000:]}")
        data = json.loads(self.out.read_text(encoding="utf-8"))
        data["seconds"] = round(time.monotonic() - self.started, 1)
        shutil.rmtree(self.folder, ignore_errors=True)
        return data

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


if __name__ == "__main__":
    from conftest import PAGES, SITE, serve
    base, stop = serve(SITE)
    runs = [Run(engine, base, PAGES, SITE) for engine in (sys.argv[1:] or ENGINES)]
    for run in runs:
        result = run.result()
        target = SITE.parent / f"engines-{run.engine}.json"
        target.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
        print(run.engine, result["version"], f"{result['seconds']} s", target)
    stop()
