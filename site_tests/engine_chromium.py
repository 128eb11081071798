"""The visits of engines.py in Chromium (the same checks as in WebKit and Firefox, so that each
formula is measured the same way in all three): ``python engine_chromium.py SPEC OUT``.
Playwright drives Debian's Chromium (conftest.LAUNCH), one tab, one page after another."""

import json
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from conftest import LAUNCH


def main(spec_path, out_path):
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    checks = Path(spec["checks"]).read_text(encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(**LAUNCH)
        out = {"version": browser.version, "visits": {}}
        context = browser.new_context()
        context.add_init_script(path=spec["errors"])
        page = context.new_page()
        problems = []
        page.on("console", lambda m: m.type == "error" and problems.append(f"console error: {m.text}"))
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url[:200]} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status}: {r.url[:200]}"))
        for visit in spec["visits"]:
            start = time.monotonic()
            try:
                page.goto("about:blank")
                problems.clear()
                page.set_viewport_size({"width": visit["width"], "height": visit["height"]})
                page.goto(visit["url"], wait_until="load")
                data = page.evaluate(f"{checks}\n;gdChecks.run({json.dumps(visit)})")
                data["problems"] = sorted(set(data["problems"]) | set(problems))
            except Exception as error:      # the visit's checks fail with the reason
                data = {"failed": f"{type(error).__name__}: {str(error)[:500]}"}
            data["seconds"] = round(time.monotonic() - start, 2)
            out["visits"][visit["key"]] = data
        browser.close()
    Path(out_path).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:3])
