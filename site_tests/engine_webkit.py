"""The site checks' visits in WebKit: ``python engine_webkit.py SPEC OUT``, under ``xvfb-run``.

SPEC is the JSON that engines.py writes (the checks' script, the error script and the visits);
OUT gets ``{"version": …, "visits": {key: data}}``. Selenium drives Debian's WebKitWebDriver,
which starts webkit_browser.py as the browser: one browser for every visit, one page after
another, its window resized when a visit asks for another width.
"""

import json
import sys
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.webkitgtk.options import Options
from selenium.webdriver.webkitgtk.service import Service

HERE = Path(__file__).resolve().parent
DRIVER = "/usr/bin/WebKitWebDriver"     # Debian's webkit2gtk-driver


def start(spec):
    options = Options()
    options.binary_location = str(HERE / "webkit_browser.py")
    options.add_argument(f"--user-script={spec['errors']}")
    first = spec["visits"][0]
    options.add_argument(f"--size={first['width']}x{first['height']}")
    options.set_capability("browserName", "gdlesson-site-check")   # webkit_browser.NAME
    driver = webdriver.WebKitGTK(options=options, service=Service(executable_path=DRIVER))
    driver.set_script_timeout(120)
    driver.set_page_load_timeout(30)
    return driver


def fit(driver, width, height):
    """Resize the window until the page's viewport is ``width`` × ``height``."""
    for _ in range(3):
        inner = driver.execute_script("return [innerWidth, innerHeight]")
        if inner == [width, height]:
            return
        size = driver.get_window_size()
        driver.set_window_size(size["width"] + width - inner[0], size["height"] + height - inner[1])
        time.sleep(0.2)


def main(spec_path, out_path):
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    checks = Path(spec["checks"]).read_text(encoding="utf-8")
    driver = start(spec)
    out = {"version": driver.capabilities.get("browserVersion"), "visits": {}}
    try:
        for visit in spec["visits"]:
            start_time = time.monotonic()
            try:
                driver.get("about:blank")
                fit(driver, visit["width"], visit["height"])
                driver.get(visit["url"])
                data = driver.execute_async_script(
                    checks + "\n;gdChecks.run(arguments[0]).then(arguments[1], "
                    "e => arguments[1]({failed: String(e && e.stack || e)}));", visit)
            except Exception as error:       # the visit's checks fail with the reason
                data = {"failed": f"{type(error).__name__}: {str(error)[:500]}"}
            data["seconds"] = round(time.monotonic() - start_time, 2)
            out["visits"][visit["key"]] = data
    finally:
        driver.quit()
    Path(out_path).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:3])
