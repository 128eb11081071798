"""The theme on a phone, and what every page loads, in headless Chromium.

- On every page of the book, at 360 and 390 px with touch: tapping ☰ opens the chapter
  drawer (at least three chapter links visible and on top: ``elementFromPoint`` at their
  centre is the link), tapping beside it closes it, and tapping the contents button opens
  the page's table of contents. pydata-sphinx-theme 0.16 and later broke both buttons at
  these widths (pydata-sphinx-theme#2451), hence the pinned theme in requirements.txt.
- The same by keyboard: Tab to ☰, Enter, Tab to a chapter, Enter opens it; Tab to the
  contents button, Enter opens the table of contents.
- Every page (``_ext/page_assets.py``): nothing from Font Awesome, the search scripts on
  search.html only, no script that holds up the first paint, and every icon the theme
  writes as ``<i class="fa-…">`` drawn by ``_static/icons.css``.
"""

import pytest

from conftest import SITE, html_pages

PHONES = [360, 390]
BOOK_PAGES = ([p.relative_to(SITE).as_posix() for p in html_pages(SITE)
               if p.relative_to(SITE).parts[0] == "book"] if SITE.is_dir() else []) or ["book/index.html"]
ALL_PAGES = [p.relative_to(SITE).as_posix() for p in html_pages(SITE)] if SITE.is_dir() else []
CHAPTER_LINKS = ".bd-sidebar-primary nav.bd-docs-nav a.reference"
TOC_LINKS = ".bd-sidebar-secondary nav.bd-toc-nav a"
TIMEOUT = 10_000

# how many links matching a selector are inside the window and on top at their centre
ON_TOP = """selector => Array.from(document.querySelectorAll(selector)).filter(a => {
  const r = a.getBoundingClientRect();
  if (r.width < 1 || r.height < 1) return false;
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
  const hit = document.elementFromPoint(x, y);
  return !!hit && (hit === a || a.contains(hit));
}).length"""


@pytest.fixture
def phone(browser, server):
    """Open a page in a fresh phone-sized touch context: (page, page errors)."""
    contexts = []

    def open_page(path, width):
        context = browser.new_context(viewport={"width": width, "height": 760}, is_mobile=True,
                                      has_touch=True, device_scale_factor=2)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT)
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{server}/{path}", wait_until="load")
        return page, errors

    yield open_page
    for context in contexts:
        context.close()


def _wait_on_top(page, selector, at_least):
    try:
        page.wait_for_function(f"({ON_TOP})({selector!r}) >= {at_least}", timeout=TIMEOUT)
    except Exception:
        pass
    return page.evaluate(ON_TOP, selector)


@pytest.mark.parametrize("width", PHONES)
@pytest.mark.parametrize("path", BOOK_PAGES)
def test_menu_and_contents_buttons_open_on_a_phone(phone, path, width):
    page, errors = phone(path, width)
    assert page.evaluate(ON_TOP, CHAPTER_LINKS) == 0, "the chapter drawer is open before a tap"

    page.locator("button.primary-toggle:visible").tap()
    shown = _wait_on_top(page, CHAPTER_LINKS, 3)
    assert shown >= 3, f"{path} at {width} px: {shown} chapter links reachable after tapping ☰"

    page.touchscreen.tap(width - 8, 400)   # beside the drawer, on its overlay
    page.wait_for_function(f"({ON_TOP})({CHAPTER_LINKS!r}) === 0", timeout=TIMEOUT)

    if page.locator(".bd-sidebar-secondary").count():
        assert page.evaluate(ON_TOP, TOC_LINKS) == 0, "the contents are open before a tap"
        page.locator("button.secondary-toggle:visible").tap()
        shown = _wait_on_top(page, TOC_LINKS, 1)
        assert shown >= 1, f"{path} at {width} px: no contents link reachable after tapping it"
    assert not errors, errors


def _tab_to(page, selector, limit=40):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => !!document.activeElement?.matches({selector!r})"):
            return True
    return False


@pytest.mark.parametrize("width", PHONES)
def test_menu_and_contents_by_keyboard(phone, width):
    page, errors = phone("book/03_training.html", width)
    assert _tab_to(page, "button.primary-toggle"), "Tab never reaches the ☰ button"
    page.keyboard.press("Enter")
    assert _wait_on_top(page, CHAPTER_LINKS, 3) >= 3, "Enter on ☰ does not open the chapters"
    chapter = f'{CHAPTER_LINKS}[href="04_animation.html"]'
    assert _tab_to(page, chapter), "Tab does not reach the next chapter in the drawer"
    assert page.evaluate(f"({ON_TOP})({chapter!r})") == 1, "the focused chapter link is hidden"
    page.keyboard.press("Enter")
    page.wait_for_url("**/book/04_animation.html")
    page.wait_for_load_state("load")

    assert _tab_to(page, "button.secondary-toggle"), "Tab never reaches the contents button"
    page.keyboard.press("Enter")
    assert _wait_on_top(page, TOC_LINKS, 1) >= 1, "Enter on the contents button opens nothing"
    assert not errors, errors


LOADED = """() => performance.getEntriesByType("resource").map(e => ({
  url: e.name, type: e.initiatorType, blocking: e.renderBlockingStatus === "blocking"}))"""

# every element the theme writes as a Font Awesome icon, and whether CSS draws it
ICONS = """() => Array.from(document.querySelectorAll('[class*="fa-"]'))
  .filter(e => Array.from(e.classList).some(c => /^fa-/.test(c) && !/^fa-(lg|fw)$/.test(c)))
  .map(e => {
    const style = getComputedStyle(e);
    const mask = style.maskImage || style.webkitMaskImage || "none";
    return {icon: e.className, drawn: mask.includes("data:image/svg+xml")};
  })"""

# pseudo-elements that would show a Font Awesome character (private-use code points)
PUA = """() => {
  const found = [];
  for (const e of document.querySelectorAll("body *")) {
    for (const pseudo of ["::before", "::after"]) {
      const content = getComputedStyle(e, pseudo).content;
      if (/[\\ue000-\\uf8ff]/.test(content)) found.push(`${e.tagName}.${e.className}${pseudo}`);
    }
  }
  return found;
}"""


@pytest.mark.parametrize("path", ALL_PAGES or ["index.html"])
def test_what_each_page_loads(phone, path):
    page, errors = phone(path, 390)
    page.wait_for_load_state("networkidle")
    loaded = page.evaluate(LOADED)
    urls = [r["url"] for r in loaded] + [page.url]
    assert not [u for u in urls if "fontawesome" in u.lower()], "Font Awesome is loaded"
    search = [u for u in urls if "searchtools.js" in u or "searchindex.js" in u]
    if page.url.endswith("/search.html"):
        assert len(search) == 2, f"search.html loads {search}"
    else:
        assert not search, f"{path} loads the search scripts: {search}"
    blocking = [r["url"] for r in loaded if r["blocking"] and r["type"] == "script"]
    assert not blocking, f"{path}: scripts that hold up the first paint: {blocking}"
    undrawn = [i["icon"] for i in page.evaluate(ICONS) if not i["drawn"]]
    assert not undrawn, f"{path}: icons without a shape in icons.css: {undrawn}"
    assert not page.evaluate(PUA), f"{path}: Font Awesome characters drawn by CSS"
    assert not errors, errors


def test_font_awesome_is_not_in_the_site(site):
    assert not [p for p in site.rglob("*") if "fontawesome" in p.as_posix().lower()]
