"""The built site in a real browser (Debian's Chromium, driven by Playwright).

Every HTML page of the book, at desktop and phone width, loads with no console error, no
page error, no failed request and nothing fetched from another host; no cell shows an error
or stderr output; its images decode, its math is typeset by MathJax and its animations have
their 30 frames and play. axe-core (from the npm registry, cached in site_tests/.cache/)
finds no serious or critical accessibility violation on any page, in the light or the dark
theme. Run after building the site, e.g.
``SITE_DIR=/tmp/site/_build/html python -m pytest site_tests/test_browser.py``.
"""

import json
import subprocess
import tarfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import SITE, html_pages

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
ANIMATIONS = {"book/04_animation.html": 2,    # α = 0.001: the lecture's and gdlesson's
              "book/05_learning_rate.html": 5}  # α = 0.0001, 0.005, 0.0083, 0.0085, 0.01
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
        self.has_math, self.has_mathjax = page.evaluate(
            "() => [!!document.querySelector('.math'), !!document.querySelector('script[src*=mathjax]')]")
        if self.has_math and self.has_mathjax:
            try:
                page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
                page.evaluate("() => MathJax.startup.promise.then(() => true)")
            except Exception as error:   # reported with the rest; the typesetting checks fail too
                self.problems.append(f"MathJax did not start: {str(error).splitlines()[0]}")
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


IMAGES_DECODED = """async () => {
  const bad = [];
  for (const img of Array.from(document.images)) {
    img.scrollIntoView({block: "center"});
    if (!img.complete) {
      await new Promise(done => {
        img.addEventListener("load", done, {once: true});
        img.addEventListener("error", done, {once: true});
        setTimeout(done, 5000);
      });
    }
    try { await img.decode(); } catch (e) {}
    if (!(img.naturalWidth > 0)) bad.push(img.id || (img.getAttribute("src") || "(no src)").slice(0, 120));
  }
  window.scrollTo(0, 0);
  return {count: document.images.length, bad};
}"""

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
  return {
    math: math.length,
    untypeset: math.filter(m => !m.querySelector("mjx-container")).map(m => m.textContent.slice(0, 80)),
    containers: document.querySelectorAll("mjx-container").length,
    errors: Array.from(document.querySelectorAll("mjx-merror")).map(m => m.textContent.slice(0, 80)),
    text,
  };
}"""

ANIMATIONS_STATE = """() => Array.from(document.querySelectorAll("div.animation.gd-anim")).map(div => {
  const img = div.querySelector("img[id^='_anim_img']");
  const uid = img ? img.id.slice("_anim_img".length) : "";
  const player = window["anim" + uid];
  const slider = document.getElementById("_anim_slider" + uid);
  return {
    uid,
    frames: player ? player.frames.length : -1,
    decoded: player ? player.frames.filter(f => f.complete && f.naturalWidth > 0).length : -1,
    sliderMax: slider ? Number(slider.max) : -1,
    shown: img ? img.src.length > 0 && img.naturalWidth > 0 : false,
  };
})"""


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

    if v.has_math and not v.has_mathjax:
        problems.append("the page has math but does not load MathJax")
    math = page.evaluate(MATH_STATE)
    problems += [f"math not typeset: {m!r}" for m in math["untypeset"]]
    problems += [f"MathJax error: {m!r}" for m in math["errors"]]
    problems += [f"raw TeX {token!r} in the visible text" for token in RAW_MATH if token in math["text"]]
    if math["containers"] < math["math"]:
        problems.append(f"{math['containers']} mjx-container for {math['math']} math elements")

    page.wait_for_function("() => Array.from(document.querySelectorAll('div.gd-anim img[id]'))"
                           ".every(img => window['anim' + img.id.slice('_anim_img'.length)])")
    animations = page.evaluate(ANIMATIONS_STATE)
    expected = ANIMATIONS.get(urlsplit(page.url).path.lstrip("/"), 0)
    if len(animations) != expected:
        problems.append(f"{len(animations)} animations, expected {expected}")
    for anim in animations:
        label = f"animation {anim['uid']}"
        if not anim["shown"]:
            problems.append(f"{label}: no frame shown")
        if (anim["frames"], anim["sliderMax"]) != (FRAMES, FRAMES - 1):
            problems.append(f"{label}: {anim['frames']} frames, slider max {anim['sliderMax']}")
        if anim["decoded"] != FRAMES:
            problems.append(f"{label}: {anim['decoded']} of {anim['frames']} frames decode")
        problems += _playback_problems(page, anim["uid"])

    v.reported = len(problems)
    assert not problems, f"{path} at {width} width ({WIDTHS[width]} px):\n" + "\n".join(problems)


def _playback_problems(page, uid):
    """Clicking 재생 (play) and 다음 프레임 (next frame) changes the picture shown."""
    problems = []
    div = page.locator(f"div.gd-anim:has(#_anim_img{uid})")
    img_src = f"() => document.getElementById('_anim_img{uid}').src"

    def changed_after(button):
        before = page.evaluate(img_src)
        div.get_by_role("button", name=button, exact=True).click()
        try:
            page.wait_for_function(f"before => ({img_src})() !== before", arg=before, timeout=5000)
            return True
        except Exception:
            return False

    div.scroll_into_view_if_needed()
    if not changed_after("재생"):
        problems.append(f"animation {uid}: the picture does not change after 재생 (play)")
    div.get_by_role("button", name="일시정지", exact=True).click()
    div.get_by_role("button", name="첫 프레임", exact=True).click()
    if not changed_after("다음 프레임"):
        problems.append(f"animation {uid}: the picture does not change after 다음 프레임 (next)")
    state = page.evaluate(f"() => [anim{uid}.current_frame, "
                          f"document.getElementById('_anim_img{uid}').naturalWidth]")
    if state[0] != 1 or state[1] <= 0:
        problems.append(f"animation {uid}: after 첫 프레임, 다음 프레임 shows frame {state[0]} "
                        f"(width {state[1]})")
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
    new = v.problems[v.reported:]   # a page kept from the browser test reported its own there
    assert not new, f"{path} ({theme} theme):\n" + "\n".join(new)
