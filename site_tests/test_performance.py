"""What decides how fast a page is on a phone, measured deterministically (the Lighthouse
scores themselves are in benchmarks/bench_lighthouse.py): the bytes Chromium transfers for
the first view with gzip, every image sized, no render-blocking script, and layout shift
while a page loads and while the reader scrolls to its end."""

import re

import pytest

from conftest import BOOK_PAGES, html_pages

FIRST_VIEW_BUDGET = 300_000        # bytes with gzip, at 390 px, before any interaction
HEAVIEST_BUDGET = 400_000          # the one heaviest page may use this much
INLINE_HEAD_SCRIPT_BUDGET = 2_000  # bytes of inline script allowed in <head> (colour mode, font)
CLS_BUDGET = 0.02
PAGES = ["index.html"] + [f"{p}.html" for p in BOOK_PAGES] + ["search.html", "genindex.html"]


def _first_view(browser, url, width=390):
    """Bytes on the wire for a page opened at ``width`` px, left until the network is idle."""
    context = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=True,
                                  has_touch=True, device_scale_factor=3)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    sizes = {}
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    context.close()
    return sum(sizes.values())


def test_first_view_fits_the_budget(browser, gzip_server):
    sizes = {path: _first_view(browser, f"{gzip_server}/{path}") for path in PAGES}
    heaviest = max(sizes, key=sizes.get)
    report = ", ".join(f"{p}: {s / 1000:.0f} KB" for p, s in sorted(sizes.items(), key=lambda i: -i[1]))
    assert sizes[heaviest] <= HEAVIEST_BUDGET, report
    assert all(s <= FIRST_VIEW_BUDGET for p, s in sizes.items() if p != heaviest), report


def test_every_image_has_its_size(site):
    for page in html_pages(site):
        for tag in re.findall(r"<img\b[^>]*>", page.read_text(encoding="utf-8")):
            assert re.search(r'\swidth="\d+', tag) and re.search(r'\sheight="\d+', tag), \
                f"{page.name}: {tag[:160]}"


def test_no_render_blocking_script(site):
    for page in html_pages(site):
        head = page.read_text(encoding="utf-8").split("</head>", 1)[0]
        for tag in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", head):
            assert re.search(r"\s(defer|async)\b|type=\"module\"", tag), f"{page.name}: {tag}"
        inline = sum(len(s) for s in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", head, re.S)
                     if s.strip())
        assert inline <= INLINE_HEAD_SCRIPT_BUDGET, f"{page.name}: {inline} bytes of inline script"


LAYOUT_SHIFT = """async () => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  await document.fonts.ready;
  const step = innerHeight * 0.8;
  for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
    scrollTo(0, y);
    await new Promise(done => setTimeout(done, 120));
  }
  await new Promise(done => setTimeout(done, 600));
  return total;
}"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", PAGES[1:])          # index.html only redirects to book/index.html
def test_layout_does_not_shift(browser, gzip_server, path, width):
    context = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=width < 600)
    page = context.new_page()
    page.goto(f"{gzip_server}/{path}", wait_until="commit")
    page.wait_for_load_state("load")
    shift = page.evaluate(LAYOUT_SHIFT)
    context.close()
    assert shift <= CLS_BUDGET, f"{path} at {width} px: layout shift {shift:.3f}"
