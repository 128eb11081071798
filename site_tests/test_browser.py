"""The built site in a real browser (Debian's Chromium, driven by Playwright).

Every HTML page of the book, at desktop and phone width, loads with no console error, no
page error, no failed request and nothing fetched from another host; no cell shows an error
or stderr output; its images decode, its math is static SVG typeset at build time (no math
script, no raw TeX, no TeX error; a formula wider than the phone's column scrolls in its own
box, and on paper it fits the page) and its animations have their 30 frames and play.
axe-core (from the npm registry, cached in site_tests/.cache/) finds no serious or critical
accessibility violation on any page, in the light or the dark theme, and every formula
contrasts with its background in both. Run after building the site, e.g.
``SITE_DIR=/tmp/site/_build/html python -m pytest site_tests/test_browser.py``.
"""

import json
import subprocess
import tarfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import SITE, html_pages, players
from gdlesson.animation import player_id

# axe rules ignored on some elements only: rule id -> (CSS selector of those elements, why)
KNOWN_FALSE_POSITIVES = {
    "label-content-name-mismatch": (
        "button.search-button__button",
        "the theme's search button: the name 검색 is the visible label minus its Ctrl+K hint"),
}

AXE_VERSION = "4.14.1"   # pinned: a new axe release with new rules should be a deliberate update
CACHE = Path(__file__).resolve().parent / ".cache"
WIDTHS = {"desktop": 1280, "phone": 390}
FRAMES = 30                                   # every lecture animation has 30 epochs
RAW_MATH = ["\\(", "\\)", "\\[", "\\]", "$$", "\\begin{"]
TIMEOUT = 15_000                              # ms, for anything the browser waits on

PAGES = [p.relative_to(SITE).as_posix() for p in html_pages(SITE)] if SITE.is_dir() else []
PAGES = PAGES or ["index.html"]               # no site: the `site` fixture fails with its message


@pytest.fixture(scope="session")
def axe_source():
    """axe.min.js of axe-core AXE_VERSION, packed from the npm registry once and cached."""
    script = CACHE / f"axe-core-{AXE_VERSION}" / "axe.min.js"
    if not script.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(["npm", "pack", f"axe-core@{AXE_VERSION}", "--json",
                                 "--pack-destination", str(CACHE)],
                                capture_output=True, text=True, timeout=300)
        if result.returncode != 0:
            pytest.fail(f"npm pack axe-core@{AXE_VERSION} failed:\n{result.stderr[-2000:]}")
        tarball = CACHE / json.loads(result.stdout)[0]["filename"]
        with tarfile.open(tarball) as archive:
            data = archive.extractfile("package/axe.min.js").read()
        script.parent.mkdir(parents=True, exist_ok=True)
        script.write_bytes(data)
        tarball.unlink()
    return script.read_text(encoding="utf-8")


def _is_local(url):
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob") or parts.hostname == "127.0.0.1"


class Visit:
    """One page opened in a fresh browser context, with everything that went wrong."""

    def __init__(self, browser, server, path, width, theme="light"):
        self.problems, self.reported = [], 0   # problems[:reported] failed an earlier test
        self.context = browser.new_context(viewport={"width": width, "height": 900},
                                           color_scheme=theme)
        if theme == "dark":   # the pydata theme keeps the reader's choice in localStorage
            self.context.add_init_script(
                "localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark');")
        self.context.route(lambda url: not _is_local(url), lambda route: route.abort())
        page = self.page = self.context.new_page()
        page.set_default_timeout(TIMEOUT)
        page.on("console", lambda m: m.type == "error" and self.problems.append(
            f"console error: {m.text} ({m.location.get('url', '')}:{m.location.get('lineNumber')})"))
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("request", lambda r: _is_local(r.url) or self.problems.append(
            f"request to another host: {r.url[:200]}"))
        page.on("requestfailed", lambda r: _is_local(r.url) and self.problems.append(
            f"failed request: {r.url[:200]} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and self.problems.append(
            f"HTTP {r.status}: {r.url[:200]}"))
        url = f"{server}/{path}"
        page.goto(url, wait_until="load")
        if 'http-equiv="Refresh"' in (SITE / path).read_text(encoding="utf-8"):
            page.wait_for_url(lambda now: now != url)   # the root index.html only redirects
            page.wait_for_load_state("load")
        page.wait_for_load_state("networkidle")
        page.evaluate("() => document.fonts.ready.then(() => true)")

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def kept():
    """Light desktop pages that the browser test leaves open for axe (one load fewer each)."""
    pages = {}
    yield pages
    for v in pages.values():
        v.close()


@pytest.fixture
def visit(browser, server, site, kept):
    opened = []

    def open_page(path, width, theme="light", keep=False):
        key = (path, width, theme)
        v = kept.pop(key, None) or Visit(browser, server, path, width, theme)
        if keep:
            kept[key] = v
        else:
            opened.append(v)
        return v

    yield open_page
    for v in opened:
        v.close()


# Every image a reader can see at this width (hidden ones: the printed strip, the other
# layout of a player; print and phone checks cover them) loads and decodes once scrolled to.
IMAGES_DECODED = """async () => {
  const bad = [];
  const wait = (promise, ms) => Promise.race([promise, new Promise(done => setTimeout(done, ms))]);
  const seen = Array.from(document.images).filter(img => img.checkVisibility());
  for (const img of seen) {
    img.scrollIntoView({block: "center"});
    if (!img.complete) {
      await wait(new Promise(done => {
        img.addEventListener("load", done, {once: true});
        img.addEventListener("error", done, {once: true});
      }), 5000);
    }
    await wait(img.decode().catch(() => null), 5000);
    if (!(img.naturalWidth > 0)) bad.push(img.id || (img.getAttribute("src") || "(no src)").slice(0, 120));
  }
  window.scrollTo(0, 0);
  return {count: seen.length, bad};
}"""

# Math is typeset when the site is built (_ext/static_math.py): every .math element holds an
# <mjx-container> with the formula as SVG and as MathML for screen readers, and no page loads
# a math script. A formula left as TeX (a build without the renderer) fails here.
MATH_STATE = """() => {
  const math = Array.from(document.querySelectorAll(".math"));
  const skip = "pre, code, script, style, textarea, mjx-container";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let text = "";
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest(skip)) continue;
    if (!el.checkVisibility || el.checkVisibility({visibilityProperty: true})) text += node.data + "\\n";
  }
  const svgOf = m => m.querySelector(":scope > mjx-container[jax='SVG'] > svg[viewBox]");
  const drawn = m => { const svg = svgOf(m); return !!svg && !!svg.querySelector("path, text, rect"); };
  const shown = m => !m.checkVisibility || !m.checkVisibility({visibilityProperty: true})
                     || svgOf(m).getBoundingClientRect().width > 0;
  const display = Array.from(document.querySelectorAll("div.math > mjx-container[display='true']"));
  const column = document.querySelector("article") || document.body;
  return {
    math: math.length,
    unrendered: math.filter(m => !drawn(m)).map(m => m.textContent.slice(0, 80)),
    invisible: math.filter(m => drawn(m) && !shown(m)).map(m => m.textContent.slice(0, 80)),
    unnamed: math.filter(m => drawn(m) && !m.querySelector("mjx-assistive-mml > math"))
                 .map(m => m.textContent.slice(0, 80)),
    errors: Array.from(document.querySelectorAll("mjx-merror, [data-mml-node='merror'], .math merror"))
                 .map(m => (m.closest(".math") || m).textContent.slice(0, 80)),
    scripts: Array.from(document.scripts).map(s => s.src).filter(src => /mathjax|katex/i.test(src)),
    runtime: ["MathJax", "katex"].filter(name => name in window),
    notScrollable: display.filter(c => !["auto", "scroll"].includes(getComputedStyle(c).overflowX))
                          .map(c => c.textContent.slice(0, 80)),
    outside: display.filter(c => c.getBoundingClientRect().right > column.getBoundingClientRect().right + 1)
                    .map(c => c.textContent.slice(0, 80)),
    pageWidth: document.documentElement.scrollWidth,
    viewWidth: window.innerWidth,
    text,
  };
}"""

PLAYERS_STATE = """async () => {
  const out = [];
  for (const root of document.querySelectorAll(".gd-player")) {
    root.scrollIntoView({block: "center"});
    const player = root.gdPlayer;
    if (!player) { out.push({id: root.id, ready: false}); continue; }
    player.preload();
    await Promise.race([Promise.all(player.cache.map(im => im.decode().catch(() => null))),
                        new Promise(done => setTimeout(done, 10000))]);
    const shown = Array.from(root.querySelectorAll(".gd-stage img"))
      .filter(im => im.checkVisibility());
    out.push({
      id: root.id, ready: root.classList.contains("gd-ready"),
      frames: player.frames.length,
      decoded: player.cache.filter(im => im.complete && im.naturalWidth > 0).length,
      sliderMax: Number(root.querySelector(".gd-slider").max),
      shown: shown.length > 0 && shown.every(im => im.complete && im.naturalWidth > 0),
    });
  }
  window.scrollTo(0, 0);
  return out;
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_page_works_in_browser(visit, path, width):
    v = visit(path, WIDTHS[width], keep=width == "desktop")
    page, problems = v.page, v.problems

    shown = page.evaluate("() => Array.from(document.querySelectorAll("
                          "'.cell_output .traceback, .cell_output .stderr, .cell_output .error'))"
                          ".map(e => (e.querySelector('pre') || e).textContent.trim().split('\\n').pop()"
                          ".slice(0, 160))")
    problems += [f"a cell shows an error or stderr output: {line}" for line in shown]

    images = page.evaluate(IMAGES_DECODED)
    problems += [f"image not decoded: {src}" for src in images["bad"]]

    math = page.evaluate(MATH_STATE)
    problems += [f"math not rendered to SVG at build time: {m!r}" for m in math["unrendered"]]
    problems += [f"math drawn with no width: {m!r}" for m in math["invisible"]]
    problems += [f"math without MathML for screen readers: {m!r}" for m in math["unnamed"]]
    problems += [f"TeX error shown in math: {m!r}" for m in math["errors"]]
    problems += [f"raw TeX {token!r} in the visible text" for token in RAW_MATH if token in math["text"]]
    problems += [f"the page loads a math script: {src}" for src in math["scripts"]]
    problems += [f"a math runtime is defined: window.{name}" for name in math["runtime"]]
    problems += [f"display math that does not scroll in its own box: {m!r}" for m in math["notScrollable"]]
    problems += [f"display math sticks out of the column: {m!r}" for m in math["outside"]]
    if math["pageWidth"] > math["viewWidth"]:
        problems.append(f"the page scrolls sideways: {math['pageWidth']} px wide in a "
                        f"{math['viewWidth']} px window")

    expected = len(players((SITE / path).read_text(encoding="utf-8")))
    animations = page.evaluate(PLAYERS_STATE)
    if len(animations) != expected:
        problems.append(f"{len(animations)} players work, the page has {expected}")
    for anim in animations:
        label = f"player {anim['id']}"
        if not anim["ready"]:
            problems.append(f"{label}: the script did not start it")
            continue
        if not anim["shown"]:
            problems.append(f"{label}: no frame shown")
        if (anim["frames"], anim["sliderMax"]) != (FRAMES, FRAMES - 1):
            problems.append(f"{label}: {anim['frames']} frames, slider max {anim['sliderMax']}")
        if anim["decoded"] != FRAMES:
            problems.append(f"{label}: {anim['decoded']} of {anim['frames']} frames decode")
        problems += _playback_problems(page, anim["id"])

    v.reported = len(problems)
    assert not problems, f"{path} at {width} width ({WIDTHS[width]} px):\n" + "\n".join(problems)


def _playback_problems(page, root_id):
    """Clicking 재생 (play) and 다음 프레임 (next frame) changes the picture and its caption."""
    problems = []
    root = page.locator(f"#{root_id}")
    state = f"() => [document.querySelector('#{root_id} .gd-frame').src, " \
            f"document.querySelector('#{root_id} .gd-label').textContent]"

    def changed_after(button):
        before = page.evaluate(state)
        root.get_by_role("button", name=button, exact=True).click()
        try:
            page.wait_for_function(f"before => JSON.stringify(({state})()) !== JSON.stringify(before)",
                                   arg=before, timeout=5000)
            return True
        except Exception:
            return False

    root.scroll_into_view_if_needed()
    if not changed_after("재생"):
        problems.append(f"{root_id}: the picture does not change after 재생 (play)")
    root.get_by_role("button", name="일시정지", exact=True).click()
    root.get_by_role("button", name="첫 프레임", exact=True).click()
    if not changed_after("다음 프레임"):
        problems.append(f"{root_id}: the picture does not change after 다음 프레임 (next)")
    index, label = page.evaluate(f"() => [document.getElementById('{root_id}').gdPlayer.index, "
                                 f"document.querySelector('#{root_id} .gd-label').textContent]")
    expected = players(page.content())
    labels = next(p["labels"] for p in expected if root_id == f"gd-player-{player_id(p['frames'])}")
    if index != 1 or label != labels[1]:
        problems.append(f"{root_id}: after 첫 프레임, 다음 프레임 shows frame {index} ({label!r})")
    return problems


AXE_RUN = """async known => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  const found = [];
  for (const rule of result.violations) {
    if (!["serious", "critical"].includes(rule.impact)) continue;
    for (const node of rule.nodes) {
      const el = document.querySelector(node.target.join(" "));
      if (known[rule.id] && el && el.matches(known[rule.id])) continue;
      found.push(`${rule.impact} ${rule.id} (${rule.help}): ${node.target.join(" ")}\\n    `
                 + `${node.html.slice(0, 200)}\\n    ${(node.failureSummary || "").replace(/\\s+/g, " ").slice(0, 300)}`);
    }
  }
  return {found, rules: result.violations.length + result.passes.length + result.incomplete.length};
}"""


# The formulas' SVG paints with currentColor: light on dark in the dark theme.
MATH_CONTRAST = """() => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = el => {
    for (; el; el = el.parentElement) {
      const v = rgb(getComputedStyle(el).backgroundColor);
      if (v.length === 3 || (v.length === 4 && v[3] > 0)) return v;
    }
    return [255, 255, 255];
  };
  const low = [];
  for (const c of document.querySelectorAll(".math > mjx-container > svg > g")) {
    const [a, b] = [lum(rgb(getComputedStyle(c).fill)), lum(background(c.closest(".math")))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) low.push(`${ratio.toFixed(2)}: ${c.closest(".math").textContent.slice(0, 60)}`);
  }
  return low;
}"""


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violations(visit, axe_source, path, theme):
    v = visit(path, WIDTHS["desktop"], theme)
    assert v.page.evaluate("() => document.documentElement.dataset.theme") == theme
    v.page.add_script_tag(content=axe_source)
    known = {rule: selector for rule, (selector, _why) in KNOWN_FALSE_POSITIVES.items()}
    result = v.page.evaluate(AXE_RUN, known)
    assert result["rules"] >= 20, f"axe ran only {result['rules']} rules"
    assert not result["found"], (f"{path} ({theme} theme): {len(result['found'])} serious/critical "
                                 f"axe violations:\n" + "\n".join(result["found"]))
    low = v.page.evaluate(MATH_CONTRAST)
    assert not low, f"{path} ({theme} theme): formulas with contrast below 4.5:\n" + "\n".join(low)
    new = v.problems[v.reported:]   # a page kept from the browser test reported its own there
    assert not new, f"{path} ({theme} theme):\n" + "\n".join(new)


DISPLAY_MATH_PAGES = [p for p in PAGES if SITE.is_dir()
                      and '<div class="math' in (SITE / p).read_text(encoding="utf-8")] or PAGES[:1]
A4_CONTENT_WIDTH = 718   # px: 210 mm less Chromium's default 10 mm margins, at 96 px per inch

PRINTED_MATH = """() => Array.from(document.querySelectorAll("div.math > mjx-container")).map(c => {
  const svg = c.querySelector(":scope > svg");
  return {tex: c.textContent.slice(0, 60), svg: svg.getBoundingClientRect().width,
          box: c.clientWidth, scroll: c.scrollWidth, overflow: getComputedStyle(c).overflowX};
}).filter(m => m.svg > m.box + 1 || m.scroll > m.box + 1 || m.overflow !== "visible")"""


@pytest.mark.parametrize("path", DISPLAY_MATH_PAGES)
def test_display_math_fits_printed_page(browser, server, site, path):
    """On paper a display formula shows whole: scaled to the page width, never cut or scrolled."""
    context = browser.new_context(viewport={"width": A4_CONTENT_WIDTH, "height": 1000})
    try:
        page = context.new_page()
        page.goto(f"{server}/{path}", wait_until="load")
        page.emulate_media(media="print")
        cut = page.evaluate(PRINTED_MATH)
        assert page.evaluate("() => document.querySelectorAll('div.math > mjx-container').length") > 0
        assert not cut, f"{path}: display math cut or scrolling in print:\n" + "\n".join(map(str, cut))
        assert page.pdf(format="A4")[:5] == b"%PDF-"
    finally:
        context.close()
