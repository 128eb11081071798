"""Every page of the built site in Chromium, at 1280 px (light and dark) and on phones at
390 and 360 px: assertions over what the one crawl collected (``crawl.py``), one test per
page and visit, named like ``test_no_errors[book/05_learning_rate.html-390]``.

- Loading: no console or page error, no failed request, no HTTP error, nothing from another
  host; no cell shows an error or stderr output; every image a reader can see decodes.
- Math is static SVG typeset at build time, with MathML for screen readers, no raw TeX, no
  math script; a display formula wider than the column scrolls in its own box. No page
  scrolls sideways.
- Players: as many as the page's HTML holds (``gdlesson.find_players``), each started, its
  frames all fetched and decoded, its slider as long as its frames; at 1280 px 재생 changes
  the picture and the caption and 첫 프레임, 다음 프레임 shows frame 1 with its caption.
  On a phone the two panels of a frame are stacked, its smallest text is at least 10 CSS px
  and the buttons stay in one row; on a desktop a frame shows whole.
- axe-core finds no serious or critical violation in the light or the dark theme; formulas
  contrast with their background by 4.5 or more in both; in the dark theme the player and the
  tables cells print are dark surfaces.
- On a phone nothing runs off the screen, no Korean word is broken across two lines, a
  chapter's title takes two lines at most (360 px), and the ☰ menu and the contents button
  open by touch and by keyboard.
- Speed: the first view at 390 px transfers at most 300 KB with gzip (the heaviest page
  400 KB); the layout shifts by at most 0.02 while a page loads and is scrolled to its end;
  no page loads Font Awesome, the search scripts load on search.html only, no script holds
  up the first paint and every icon is drawn.
- Print: display formulas fit the printed page; two lecture pages print as handouts.

The root index.html only redirects: its visits check how it loads (errors, bytes, what it
loads); what it then shows is book/index.html, checked in that page's own visits.
"""

import subprocess

import pytest
from PIL import Image

import crawl as crawler
from conftest import PAGES, page_html
from crawl import (AXE_VISITS, DARK, DESKTOP, LOADS_VISITS, PAPERS, PHONES, PRINT_PAGES, SHIFT_VISITS,
                   VISITS)
from gdlesson import find_players

MIN_TEXT_PX = 10                   # the smallest text of a frame, in CSS px
FIRST_VIEW_BUDGET = 300_000        # bytes with gzip, at 390 px, before any interaction
HEAVIEST_BUDGET = 400_000          # the one heaviest page may use this much
CLS_BUDGET = 0.02
CONTRAST = 4.5
DARK_SURFACE_MARGIN = 0.1          # luminance above the page's background that a dark surface may have
AXE_MIN_RULES = 20


# the root index.html only redirects to book/index.html: its visits check how it loads
# (errors, bytes, what it loads); what it then shows is book/index.html's to check
SHOWING = [p for p in PAGES if not crawler.redirects(p)]
BOOK = [p for p in PAGES if p.startswith("book/")]
PLAYER_PAGES = [p for p in SHOWING if find_players(page_html(p))]
DISPLAY_MATH = [p for p in SHOWING if crawler.has_display_math(p)]


def visits(names, pages=SHOWING):
    return [pytest.param(page, name, id=f"{page}-{name}") for page in pages for name in names]


def got(crawl, page, visit, key):
    """What the crawl collected under ``key`` on this visit (fails when it could not)."""
    data = crawl[page, visit]
    if data.get(key) is None:
        pytest.fail(f"{page} at {visit}: {key} not collected\n" + "\n".join(data["problems"]))
    return data[key]


def report(page, visit, problems):
    assert not problems, f"{page} at {visit} ({VISITS[visit]['width']} px, {VISITS[visit]['theme']}):\n" \
        + "\n".join(problems)


# --- loading --------------------------------------------------------------------------------

@pytest.mark.parametrize("page, visit", visits(VISITS, PAGES))
def test_no_errors(crawl, page, visit):
    report(page, visit, crawl[page, visit]["problems"])


@pytest.mark.parametrize("page, visit", visits(VISITS))
def test_cells_show_no_error_output(crawl, page, visit):
    report(page, visit, [f"a cell shows an error or stderr output: {line}"
                         for line in got(crawl, page, visit, "outputs")])


@pytest.mark.parametrize("page, visit", visits(VISITS))
def test_images_decode(crawl, page, visit):
    report(page, visit, [f"image not decoded: {src}" for src in got(crawl, page, visit, "images")["bad"]])


@pytest.mark.parametrize("page, visit", visits(VISITS))
def test_math_is_mathml(crawl, page, visit):
    math = got(crawl, page, visit, "math")
    problems = [f"math not converted to MathML at build time: {m!r}" for m in math["unrendered"]]
    problems += [f"math drawn with no width: {m!r}" for m in math["invisible"]]
    problems += [f"math without its TeX annotation: {m!r}" for m in math["unnamed"]]
    problems += [f"TeX error shown in math: {m!r}" for m in math["errors"]]
    problems += [f"raw TeX {token!r} in the visible text" for token in math["rawTex"]]
    problems += [f"the page loads a math script: {src}" for src in math["scripts"]]
    problems += [f"a math runtime is defined: window.{name}" for name in math["runtime"]]
    problems += [f"display math that does not scroll in its own box: {m!r}" for m in math["notScrollable"]]
    problems += [f"display math sticks out of the column: {m!r}" for m in math["outside"]]
    report(page, visit, problems)


@pytest.mark.parametrize("page, visit", visits(VISITS))
def test_page_does_not_scroll_sideways(crawl, page, visit):
    math = got(crawl, page, visit, "math")
    assert math["pageWidth"] <= math["viewWidth"], \
        f"{page} at {visit}: {math['pageWidth']} px wide in a {math['viewWidth']} px window"


# --- players --------------------------------------------------------------------------------

@pytest.mark.parametrize("page, visit", visits(VISITS))
def test_players_start(crawl, page, visit):
    expected = crawl[page, visit].get("expected_players") or []
    found = got(crawl, page, visit, "players")
    problems = [] if len(found) == len(expected) else \
        [f"{len(found)} players on the page, its HTML has {len(expected)}"]
    for player, data in zip(found, expected):
        name = f"player {player['id']}"
        if not player["ready"]:
            problems.append(f"{name}: the script did not start it")
            continue
        frames = len(data["labels"])
        if not player["shown"]:
            problems.append(f"{name}: no frame shown")
        if (player["frames"], player["sliderMax"]) != (frames, frames - 1):
            problems.append(f"{name}: {player['frames']} frames, slider max {player['sliderMax']} "
                            f"(the page's data: {frames} frames)")
        if player["decoded"] is not None and player["decoded"] != frames:
            problems.append(f"{name}: {player['decoded']} of {frames} frames fetched and decoded")
    report(page, visit, problems)


@pytest.mark.parametrize("page, visit", visits([DESKTOP], PLAYER_PAGES))
def test_players_play(crawl, page, visit):
    report(page, visit, got(crawl, page, visit, "playback"))


@pytest.mark.parametrize("page, visit", visits([DESKTOP], PLAYER_PAGES))
def test_desktop_shows_frames_whole(crawl, page, visit):
    frames = got(crawl, page, visit, "frames")
    problems = [f"{f['id']}: not shown whole" for f in frames if not f["whole"] or f["stacked"]]
    problems += [f"{f['id']}: its smallest text shows at {f['textPx']:.1f} CSS px"
                 for f in frames if f["textPx"] < MIN_TEXT_PX]
    report(page, visit, problems)


@pytest.mark.parametrize("page, visit", visits(PHONES, PLAYER_PAGES))
def test_players_fit_a_phone(crawl, page, visit):
    frames = got(crawl, page, visit, "frames")
    split = {p["id"]: p["split"] for p in crawl[page, visit]["expected_players"]}
    problems = [f"{f['id']}: the two panels are not stacked" for f in frames
                if split.get(f["id"]) and not f["stacked"]]
    problems += [f"{f['id']}: its smallest text ({crawler.SMALLEST_TEXT_PT} pt) shows at "
                 f"{f['textPx']:.1f} CSS px" for f in frames if f["textPx"] < MIN_TEXT_PX]
    rows = got(crawl, page, visit, "overflow")["buttonRows"]
    problems += [f"player buttons on {n} rows" for n in rows if n != 1]
    report(page, visit, problems)


# --- accessibility --------------------------------------------------------------------------

@pytest.mark.parametrize("page, visit", visits(AXE_VISITS))
def test_no_serious_accessibility_violations(crawl, page, visit):
    axe = got(crawl, page, visit, "axe")
    assert axe["theme"] == VISITS[visit]["theme"], f"{page}: the page shows the {axe['theme']} theme"
    assert axe["rules"] >= AXE_MIN_RULES, f"axe ran only {axe['rules']} rules"
    report(page, visit, [f"{len(axe['found'])} serious/critical axe violations:"] + axe["found"]
           if axe["found"] else [])


@pytest.mark.parametrize("page, visit", visits(AXE_VISITS))
def test_formulas_contrast(crawl, page, visit):
    report(page, visit, [f"a formula with contrast {low}" for low in got(crawl, page, visit, "math_contrast")])


@pytest.mark.parametrize("page, visit", visits([DARK]))
def test_dark_theme_surfaces_are_dark(crawl, page, visit):
    dark = got(crawl, page, visit, "dark")
    assert dark["theme"] == "dark", f"{page}: the page shows the {dark['theme']} theme"
    problems = [f"{s['what']}: background luminance {s['lum']:.3f}, the page's {dark['page']:.3f}"
                for s in dark["surfaces"] if s["lum"] > dark["page"] + DARK_SURFACE_MARGIN]
    for c in dark["controls"]:
        if not c["scheme"] == c["radio"] == c["slider"]:
            problems.append(f"{c['id']}: colour scheme {c['scheme']}, its radios {c['radio']}, "
                            f"its slider {c['slider']}")
        if c["button"] < CONTRAST:
            problems.append(f"{c['id']}: button text contrast {c['button']:.2f}")
    report(page, visit, problems)


# --- phones ---------------------------------------------------------------------------------

@pytest.mark.parametrize("page, visit", visits(PHONES))
def test_nothing_runs_off_a_phone_screen(crawl, page, visit):
    state = got(crawl, page, visit, "overflow")
    problems = [f"the page scrolls sideways by {state['page']} px"] if state["page"] > 0 else []
    problems += [f"an output that does not wrap: {o!r}" for o in state["outputs"]]
    problems += [f"sticking out of the screen: {s}" for s in state["sticking"]]
    report(page, visit, problems)


@pytest.mark.parametrize("page, visit", visits(PHONES))
def test_no_korean_word_broken_across_lines(crawl, page, visit):
    words = got(crawl, page, visit, "words")
    report(page, visit, [f"{words['count']} words broken across lines, e.g.:"] + words["broken"]
           if words["count"] else [])


@pytest.mark.parametrize("page, visit", visits(["360"], BOOK))
def test_chapter_title_takes_two_lines_at_most(crawl, page, visit):
    title = got(crawl, page, visit, "words")["title"]
    assert title, f"{page}: no h1"
    assert title["lines"] <= 2, f"{page} at 360 px: the title {title['text']!r} takes {title['lines']} lines"


@pytest.mark.parametrize("page, visit", visits(PHONES, BOOK))
def test_menus_open_by_touch(crawl, page, visit):
    report(page, visit, got(crawl, page, visit, "menus")["tap"])


@pytest.mark.parametrize("page, visit", visits(PHONES, BOOK))
def test_menus_open_by_keyboard(crawl, page, visit):
    report(page, visit, got(crawl, page, visit, "menus")["keyboard"])


# --- speed and what a page loads ------------------------------------------------------------

@pytest.mark.parametrize("page, visit", visits(["390"], PAGES))
def test_first_view_fits_the_budget(crawl, page, visit):
    sizes = {p: crawl[p, visit].get("bytes") or 0 for p in PAGES}
    heaviest = max(sizes, key=sizes.get)
    budget = HEAVIEST_BUDGET if page == heaviest else FIRST_VIEW_BUDGET
    size = got(crawl, page, visit, "bytes")
    assert size <= budget, (f"{page}: the first view at 390 px transfers {size / 1000:.0f} KB with gzip "
                            f"(budget {budget / 1000:.0f} KB{', the heaviest page' if page == heaviest else ''})")


@pytest.mark.parametrize("page, visit", visits(SHIFT_VISITS))
def test_layout_does_not_shift(crawl, page, visit):
    shift = got(crawl, page, visit, "shift")
    moved = "\n".join(f"  {s['value']:.3f} at {s['at']} ms: {', '.join(s['moved'])}" for s in shift["largest"])
    assert shift["total"] <= CLS_BUDGET, \
        f"{page} at {visit}: layout shift {shift['total']:.3f} while loading and scrolling; the largest:\n{moved}"


@pytest.mark.parametrize("page, visit", visits(LOADS_VISITS, PAGES))
def test_what_each_page_loads(crawl, page, visit):
    loads = got(crawl, page, visit, "loads")
    resources = loads["resources"]
    urls = [r["url"] for r in resources] + [loads["url"]]
    problems = [f"Font Awesome is loaded: {u}" for u in urls if "fontawesome" in u.lower()]
    search = [u for u in urls if "searchtools.js" in u or "searchindex.js" in u]
    if loads["url"].endswith("/search.html"):
        if len(search) != 2:
            problems.append(f"search.html loads the search scripts {search}")
    elif search:
        problems.append(f"the search scripts are loaded: {search}")
    problems += [f"a script holds up the first paint: {r['url']}" for r in resources
                 if r["blocking"] and r["type"] == "script"]
    problems += [f"an icon with no shape in icons.css: {icon}" for icon in loads["undrawn"]]
    problems += [f"a Font Awesome character drawn by CSS: {p}" for p in loads["pua"]]
    report(page, visit, problems)


# --- print ----------------------------------------------------------------------------------

@pytest.mark.parametrize("page", DISPLAY_MATH or ["book/index.html"])
def test_display_math_fits_printed_page(crawl, page):
    """On paper a display formula shows whole: scaled to the page width, never cut or scrolled."""
    state = got(crawl, page, DESKTOP, "print_math")
    assert state["count"] > 0 and state["pdf"], f"{page}: {state}"
    assert not state["cut"], f"{page}: display math cut or scrolling in print:\n" + \
        "\n".join(map(str, state["cut"]))


def _pdf_text(pdf):
    return subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True,
                          check=True).stdout


def _page_fill(pdf, tmp_path):
    """For each PDF page, how far down its content reaches (0–1 of the page's height)."""
    prefix = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "30", "-gray", "-png", pdf, str(prefix)], check=True)
    fills = []
    for png in sorted(tmp_path.glob("page-*.png")):
        with Image.open(png) as image:
            ink = image.point(lambda v: 255 if v > 245 else 0)
            box = Image.eval(ink, lambda v: 255 - v).getbbox()
            fills.append(0 if box is None else box[3] / image.height)
    return fills


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("page", PRINT_PAGES)
def test_page_prints_as_a_handout(crawl, page, paper, tmp_path):
    """Printed (Chromium's print to PDF): code and outputs wrap at the margin, no controls
    or fold toggles, folded cells print open, every player is a strip of at least 4 labelled
    frames, and every page but the last is filled to at least two thirds of its height."""
    printed = got(crawl, page, DESKTOP, "print")[paper]
    state = printed["state"]
    assert not state["clipped"], f"cut at the margin: {state['clipped']}"
    assert state["controls"] == 0, "player controls or fold toggles are printed"
    assert state["folded"] == 0, "a folded cell prints closed"
    assert len(state["strips"]) == len(find_players(page_html(page)))
    text = _pdf_text(printed["pdf"])
    for strip in state["strips"]:
        assert len(strip) >= 4 and all(frame["loaded"] for frame in strip)
        labels = [frame["label"] for frame in strip]
        assert labels[0] != labels[-1]                       # the first, …, the last epoch
        for label in labels:
            assert label.split(":")[0].split("(")[0].strip() in text, f"{label!r} not printed"
    fills = _page_fill(printed["pdf"], tmp_path)
    assert len(fills) >= 2
    short = [(i + 1, round(fill, 2)) for i, fill in enumerate(fills[:-1]) if fill < 2 / 3]
    assert not short, f"{page} ({paper}): pages (number, filled) that end above two thirds: {short}"
