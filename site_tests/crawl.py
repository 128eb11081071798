"""One crawl of the built site in headless Chromium, for every browser check at once.

Every page (``conftest.PAGES``) is opened once per visit of :data:`VISITS` — 1280 px light,
1280 px dark, and phones at 390 and 360 px with touch — and that one visit collects, as plain
data, everything the checks of ``test_pages.py`` (and the printed checks) ask about that page
at that width. A collector that needs a fresh load (layout shift from the first byte, the
bytes of the first view) measures from before navigation (an init script, a CDP session), so
no page is opened twice. A few visits run at once (``CRAWL_CONCURRENCY``, default 3): much of
a visit is waiting (scrolling in steps, frames playing), which the others fill. Each visit
runs in a tab of its kind that earlier visits used (:class:`Tab`): the 1280 px light and the
390 px visits bypass the cache, as a first visit does.

Each collector is a script run in the page (the ``*_JS`` strings) or a short sequence of
taps and key presses; what it returns goes into the visit's dict under its name. A collector
that fails leaves ``None`` and a line in the visit's ``problems``, so the checks fail with
the reason instead of the crawl stopping.
"""

import asyncio
import os
import threading
import time
from urllib.parse import urlsplit

from playwright.async_api import async_playwright

from conftest import LAUNCH, SITE, page_html
from gdlesson import find_players
from gdlesson.animation import SMALLEST_TEXT_PT
from gdlesson.player.movie import CSS_DPI, DENSITY

VISITS = {
    "1280": {"width": 1280, "height": 900, "theme": "light"},
    "1280-dark": {"width": 1280, "height": 900, "theme": "dark"},
    # the 390 px visit is also the first view the byte budget is measured on: 3× pixels
    "390": {"width": 390, "height": 844, "theme": "light", "phone": True, "scale": 3},
    "360": {"width": 360, "height": 780, "theme": "light", "phone": True, "scale": 2},
}
PHONES = [name for name, spec in VISITS.items() if spec.get("phone")]
DESKTOP, DARK = "1280", "1280-dark"
SHIFT_VISITS = ("1280", "390")            # layout shift while loading and scrolling to the end
BYTES_VISIT = "390"                       # bytes of the first view, with gzip
AXE_VISITS = ("1280", "1280-dark")
COLD_VISITS = ("1280", "390")             # loaded as on a first visit (cache bypassed)
LOADS_VISITS = ("1280", "390")            # what a page loads, on a desktop and a phone
FRAMES_VISIT = "1280"                     # every frame of every player fetched and decoded
FRAME_DPI = DENSITY * CSS_DPI             # frames are rendered at 200 dpi (gdlesson.player.movie)
PRINT_PAGES = ["book/03_training.html", "book/04_animation.html",
               "book/05_learning_rate.html"]                     # printed as handouts
PAPERS = {"A4": (210, 297), "Letter": (215.9, 279.4)}
PRINT_MARGIN_MM = 12
A4_CONTENT_WIDTH = 718   # px: 210 mm less Chromium's default 10 mm margins, at 96 px per inch
CHAPTER_LINKS = ".bd-sidebar-primary nav.bd-docs-nav a.reference"
# pydata-sphinx-theme 0.17 writes the page's contents as <nav class="page-toc"> (0.15 had
# nav.bd-toc-nav); its phone menus move the sidebars into <dialog>s that keep these classes
TOC_LINKS = ".bd-sidebar-secondary nav.page-toc a"
TIMEOUT = 15_000                          # ms, for anything the browser waits on
CONCURRENCY = int(os.environ.get("CRAWL_CONCURRENCY", "3"))

# the layout shifts of a page from its first byte (an init script, so nothing is missed),
# each with its time and what moved
SHIFT_OBSERVER = """window.__gdShifts = [];
new PerformanceObserver(list => {
  const name = n => { const e = n && (n.nodeType === 1 ? n : n.parentElement); return !e ? "?" :
    e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + Array.from(e.classList).slice(0, 2).map(c => "." + c).join(""); };
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__gdShifts.push({at: Math.round(entry.startTime), value: entry.value,
      moved: (entry.sources || []).slice(0, 3).map(s => name(s.node))});
  }
}).observe({type: "layout-shift", buffered: true});"""

# ... and while the reader scrolls to the end, a screen at a time (the LAYOUT_SHIFT of
# before). Shifts in ``skip`` ([from, to] ms: the page resized for printing) are no reader's.
SCROLL_TO_END_JS = """async skip => {
  await document.fonts.ready;
  const step = innerHeight * 0.8;
  for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
    scrollTo(0, y);
    await new Promise(done => setTimeout(done, 120));
  }
  await new Promise(done => setTimeout(done, 600));
  scrollTo(0, 0);
  const counted = window.__gdShifts.filter(s => !(skip && s.at >= skip[0] && s.at <= skip[1]));
  return {total: counted.reduce((sum, s) => sum + s.value, 0),
          largest: counted.sort((a, b) => b.value - a.value).slice(0, 5)};
}"""
NOW_JS = "() => performance.now()"
# back on screen after printing: settled once no shift has come for 300 ms (at most 3 s),
# since on a busy machine the page's re-layout from print to screen lands late
SETTLED_JS = """() => new Promise(done => {
  const start = performance.now();
  const check = () => {
    const last = Math.max(start, ...window.__gdShifts.map(s => s.at));
    const now = performance.now();
    if (now - last >= 300 || now - start > 3000) done(now); else setTimeout(check, 50);
  };
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(check, 100)));
})"""

# what the page loaded, and every element the theme writes as a Font Awesome icon with
# whether CSS (icons.css) draws it, and pseudo-elements that would show a Font Awesome
# character (private-use code points)
LOADS_JS = """() => {
  const icons = Array.from(document.querySelectorAll('[class*="fa-"]'))
    .filter(e => Array.from(e.classList).some(c => /^fa-/.test(c) && !/^fa-(lg|fw)$/.test(c)))
    .map(e => {
      const style = getComputedStyle(e);
      const mask = style.maskImage || style.webkitMaskImage || "none";
      return {icon: e.className, drawn: mask.includes("data:image/svg+xml")};
    });
  const pua = [];
  for (const e of document.querySelectorAll("body *")) {
    for (const pseudo of ["::before", "::after"]) {
      if (/[\\ue000-\\uf8ff]/.test(getComputedStyle(e, pseudo).content)) pua.push(`${e.tagName}.${e.className}${pseudo}`);
    }
  }
  return {
    url: location.href,
    resources: performance.getEntriesByType("resource").map(e => ({
      url: e.name, type: e.initiatorType, blocking: e.renderBlockingStatus === "blocking"})),
    undrawn: icons.filter(i => !i.drawn).map(i => i.icon), pua,
  };
}"""

# the last line of every cell output that shows an error or stderr
OUTPUTS_JS = """() => Array.from(document.querySelectorAll(
    '.cell_output .traceback, .cell_output .stderr, .cell_output .error'))
  .map(e => (e.querySelector('pre') || e).textContent.trim().split('\\n').pop().slice(0, 160))"""

# Every image a reader can see at this width (hidden ones: the printed strip, the other
# layout of a player) loads and decodes once scrolled to.
IMAGES_JS = """async () => {
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

# Math is typeset when the site is built (_ext/gdsite/mathml.py): every .math element holds
# a native MathML <math> element (its TeX kept as the annotation), and no page loads a math
# script. A formula left as TeX, or one the converter marked as an error, fails here.
MATH_JS = """rawTokens => {
  const math = Array.from(document.querySelectorAll(".math"));
  const skip = "pre, code, script, style, textarea, math";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let text = "";
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest(skip)) continue;
    if (el.checkVisibility({visibilityProperty: true})) text += node.data + "\\n";
  }
  const mathOf = m => m.querySelector(":scope > math");
  const drawn = m => { const el = mathOf(m); return !!el && !!el.querySelector("mi, mn, mo, mtext"); };
  const shown = m => !m.checkVisibility({visibilityProperty: true})
                     || mathOf(m).getBoundingClientRect().width > 0;
  const display = Array.from(document.querySelectorAll("div.math"));
  const column = document.querySelector("article") || document.body;
  const short = m => m.textContent.slice(0, 80);
  return {
    math: math.length,
    unrendered: math.filter(m => !drawn(m)).map(short),
    invisible: math.filter(m => drawn(m) && !shown(m)).map(short),
    unnamed: math.filter(m => drawn(m)
                         && !m.querySelector(":scope > math annotation[encoding='application/x-tex']")).map(short),
    errors: Array.from(document.querySelectorAll(".math merror"))
                 .map(m => (m.closest(".math") || m).textContent.slice(0, 80)),
    scripts: Array.from(document.scripts).map(s => s.src).filter(src => /mathjax|katex/i.test(src)),
    runtime: ["MathJax", "katex"].filter(name => name in window),
    notScrollable: display.filter(c => !["auto", "scroll"].includes(getComputedStyle(c).overflowX)).map(short),
    outside: display.filter(c => c.getBoundingClientRect().right > column.getBoundingClientRect().right + 1).map(short),
    rawTex: rawTokens.filter(token => text.includes(token)),
    pageWidth: document.documentElement.scrollWidth,
    viewWidth: window.innerWidth,
  };
}"""
RAW_TEX = ["\\(", "\\)", "\\[", "\\]", "$$", "\\begin{"]

# Every player: started by its script (gd-ready), a frame shown, its slider's range; with
# ``fetch``, every frame fetched and decoded too (at one visit only: the frames are the same
# files at every width, and decoding 30 frames of every player is the costliest thing a
# visit does).
PLAYERS_JS = """async fetch => {
  const out = [];
  for (const root of document.querySelectorAll(".gd-player")) {
    root.scrollIntoView({block: "center"});
    const player = root.gdPlayer;
    if (!player) { out.push({id: root.id, ready: false}); continue; }
    if (fetch) {
      player.preload();
      await Promise.race([Promise.all(player.cache.map(im => im.decode().catch(() => null))),
                          new Promise(done => setTimeout(done, 10000))]);
    }
    const shown = Array.from(root.querySelectorAll(".gd-stage img")).filter(im => im.checkVisibility());
    await Promise.race([Promise.all(shown.map(im => im.decode().catch(() => null))),
                        new Promise(done => setTimeout(done, 5000))]);
    out.push({
      id: root.id, ready: root.classList.contains("gd-ready"),
      frames: player.frames.length,
      decoded: fetch ? player.cache.filter(im => im.complete && im.naturalWidth > 0).length : null,
      sliderMax: Number(root.querySelector(".gd-slider").max),
      shown: shown.length > 0 && shown.every(im => im.complete && im.naturalWidth > 0),
    });
  }
  window.scrollTo(0, 0);
  return out;
}"""

# How each player shows its frame at this width: whole, or its two panels stacked, and the
# size in CSS px of the frames' smallest text (SMALLEST_TEXT_PT points of a figure rendered
# at FRAME_DPI: CSS px per figure inch = displayed width / natural width × FRAME_DPI).
FRAME_TEXT_JS = """([pt, dpi]) => Array.from(document.querySelectorAll(".gd-player")).map(root => {
  const frame = root.querySelector(".gd-frame");
  const halves = Array.from(root.querySelectorAll(".gd-half"));
  const shown = Array.from(root.querySelectorAll(".gd-stage img"))
    .filter(im => im.checkVisibility() && im.naturalWidth > 0);
  const perInch = shown.map(im => im.getBoundingClientRect().width / im.naturalWidth * dpi);
  const boxes = halves.map(h => h.getBoundingClientRect());
  return {
    id: root.id, whole: frame.checkVisibility(),
    stacked: !frame.checkVisibility() && halves.length === 2 && halves.every(h => h.checkVisibility())
             && boxes[1].top >= boxes[0].bottom - 1,
    shown: shown.length, textPx: shown.length ? Math.min(...perInch) * pt / 72 : 0,
  };
})"""

# On a phone nothing runs off the screen: sticking out of it, unless inside a box that
# scrolls (code, math, a wide table) or clips (an SVG, the halves of a frame) and itself
# fits the screen; printed outputs wrap; the player's buttons stay in one row.
OVERFLOW_JS = """() => {
  const wide = e => e.scrollWidth > e.clientWidth + 1;
  return {
    page: document.documentElement.scrollWidth - innerWidth,
    outputs: Array.from(document.querySelectorAll("div.cell_output pre")).filter(wide)
      .map(e => e.textContent.slice(0, 60)),
    sticking: Array.from(document.querySelectorAll("article *")).filter(e => {
      const r = e.getBoundingClientRect();
      if (!e.checkVisibility() || r.width === 0 || r.right <= innerWidth + 1) return false;
      for (let a = e.parentElement; a; a = a.parentElement) {
        if (["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(a).overflowX)
            && a.getBoundingClientRect().right <= innerWidth + 1) return false;
      }
      return true;
    }).map(e => e.tagName + "." + e.getAttribute("class") + ": " + (e.textContent || "").slice(0, 50)).slice(0, 5),
    buttonRows: Array.from(document.querySelectorAll(".gd-player .gd-buttons")).map(
      row => new Set(Array.from(row.children).map(b => Math.round(b.getBoundingClientRect().top))).size),
  };
}"""

# The lines a range of text sits on: its client rects' tops, rounded, tops within 2 px of
# each other counted as one line (a line's inline boxes may differ by a pixel).
_LINES = """const linesOf = range => {
  const tops = Array.from(range.getClientRects()).filter(r => r.width > 0 && r.height > 0)
    .map(r => Math.round(r.top)).sort((a, b) => a - b);
  let lines = 0, last = -1e9;
  for (const top of tops) { if (top - last > 2) lines++; last = top; }
  return lines;
};"""

# No Korean word broken across two lines: every run of two or more Hangul syllables of a
# visible text node (outside code, math and SVG) lies on one line. And the page's title
# (its h1) and how many lines it takes.
WORDS_JS = """() => {
  """ + _LINES + """
  const skip = "pre, code, svg, script, style, textarea, math, .headerlink";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange(), broken = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || !/[가-힣]{2}/.test(node.data) || el.closest(skip)) continue;
    if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;            // visually hidden text
    for (const m of node.data.matchAll(/[가-힣]{2,}/g)) {
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const lines = linesOf(range);
      if (lines > 1) broken.push(`${m[0]} (${lines} lines) in <${el.tagName.toLowerCase()}>: `
                                 + node.data.trim().slice(0, 80));
    }
  }
  let title = null;
  const h1 = document.querySelector("article h1") || document.querySelector("h1");
  if (h1) {
    const tops = [];
    const inTitle = document.createTreeWalker(h1, NodeFilter.SHOW_TEXT);
    for (let node = inTitle.nextNode(); node; node = inTitle.nextNode()) {
      if (node.parentElement.closest(".headerlink") || !node.data.trim()) continue;
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0) tops.push(r);
    }
    const whole = document.createRange();
    whole.selectNodeContents(h1);
    const text = Array.from(h1.childNodes).filter(n => !(n.classList && n.classList.contains("headerlink")))
      .map(n => n.textContent).join("").trim();
    let lines = 0, last = -1e9;
    for (const t of tops.map(r => Math.round(r.top)).sort((a, b) => a - b)) { if (t - last > 2) lines++; last = t; }
    title = {text, lines};
  }
  return {broken: broken.slice(0, 20), count: broken.length, title};
}"""

# Luminance and contrast the way WCAG defines them; a background is the colours of the
# element and its ancestors composited (a translucent one lets its parent show through).
_COLOUR = """const rgba = c => { const v = (c.match(/[\\d.]+/g) || []).map(Number); return v.length === 3 ? [...v, 1] : v.length === 4 ? v : [0, 0, 0, 0]; };
const lum = ([r, g, b]) => {
  const f = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
};
const contrast = (a, b) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
const background = el => {
  const layers = [];
  for (; el; el = el.parentElement) {
    const c = rgba(getComputedStyle(el).backgroundColor);
    if (c[3] > 0) layers.push(c);
    if (c[3] >= 1) break;
  }
  let out = [255, 255, 255];                      // the canvas under everything
  for (const [r, g, b, a] of layers.reverse()) out = [r * a + out[0] * (1 - a), g * a + out[1] * (1 - a), b * a + out[2] * (1 - a)];
  return out;
};"""

# The formulas take the text colour: light on dark in the dark theme.
MATH_CONTRAST_JS = """() => {
  """ + _COLOUR + """
  const low = [];
  for (const c of document.querySelectorAll(".math > math")) {
    const ratio = contrast(lum(rgba(getComputedStyle(c).color)), lum(background(c.closest(".math"))));
    if (ratio < 4.5) low.push(`${ratio.toFixed(2)}: ${c.closest(".math").textContent.slice(0, 60)}`);
  }
  return low;
}"""

# In the dark theme the player's card and the tables that cells print are dark surfaces
# like the page's others: each one's background luminance beside the page's (the figures'
# white images inside them are fine). And the player's controls match its surface: the
# radios and the slider take the player's colour scheme, the buttons' text contrasts with
# their face.
DARK_JS = """() => {
  """ + _COLOUR + """
  const page = lum(background(document.querySelector(".bd-main") || document.body));
  const surfaces = [];
  for (const root of document.querySelectorAll(".gd-player")) surfaces.push({what: `player ${root.id}`, lum: lum(background(root))});
  document.querySelectorAll(".cell_output table").forEach((table, t) => {
    const cells = Array.from(table.querySelectorAll("th, td"));
    const brightest = Math.max(lum(background(table)), ...cells.map(c => lum(background(c))));
    const name = (table.querySelector("caption") || table).textContent.trim().slice(0, 40);
    surfaces.push({what: `table ${t + 1} (${name})`, lum: brightest});
  });
  const controls = Array.from(document.querySelectorAll(".gd-player")).map(root => {
    const style = e => getComputedStyle(e);
    const button = root.querySelector(".gd-buttons button");
    return {
      id: root.id, scheme: style(root).colorScheme,
      radio: style(root.querySelector("input[type=radio]")).colorScheme,
      slider: style(root.querySelector(".gd-slider")).colorScheme,
      button: contrast(lum(rgba(style(button).color)), lum(background(button))),
    };
  });
  return {theme: document.documentElement.dataset.theme, page, surfaces, controls};
}"""

# axe-core's violations, serious and critical, but for the known false positives. Nodes come
# as element references (no CSS selectors computed: a third faster) and are named here.
AXE_JS = """async known => {
  const result = await axe.run(document, {resultTypes: ["violations"], selectors: false, elementRef: true});
  const name = el => !el ? "?" : el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + Array.from(el.classList).slice(0, 3).map(c => "." + c).join("");
  const path = el => { const names = []; for (let e = el; e && e !== document.body && names.length < 4; e = e.parentElement) names.unshift(name(e)); return names.join(" > "); };
  const found = [];
  for (const rule of result.violations) {
    if (!["serious", "critical"].includes(rule.impact)) continue;
    for (const node of rule.nodes) {
      const el = node.element;
      if (known[rule.id] && el && el.matches(known[rule.id])) continue;
      found.push(`${rule.impact} ${rule.id} (${rule.help}): ${path(el)}\\n    `
                 + `${node.html.slice(0, 200)}\\n    ${(node.failureSummary || "").replace(/\\s+/g, " ").slice(0, 300)}`);
    }
  }
  return {found, rules: result.violations.length + result.passes.length + result.incomplete.length,
          theme: document.documentElement.dataset.theme};
}"""

# axe rules ignored on some elements only: rule id -> (CSS selector of those elements, why)
KNOWN_FALSE_POSITIVES = {
    # pydata-sphinx-theme 0.17 still writes the search button as
    # <button class="btn search-button-field search-button__button" aria-label="검색"> with
    # "검색" and a Ctrl+K hint as its text: its name is the visible label minus the hint
    "label-content-name-mismatch": (
        "button.search-button__button",
        "the theme's search button: the name 검색 is the visible label minus its Ctrl+K hint"),
}

# how many links matching a selector are inside the window and on top at their centre
ON_TOP_JS = """selector => Array.from(document.querySelectorAll(selector)).filter(a => {
  const r = a.getBoundingClientRect();
  if (r.width < 1 || r.height < 1) return false;
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
  const hit = document.elementFromPoint(x, y);
  return !!hit && (hit === a || a.contains(hit));
}).length"""

# the chapter after this page in the chapter list (its href), or null
NEXT_CHAPTER_JS = """selector => {
  const links = Array.from(document.querySelectorAll(selector));
  const here = links.findIndex(a => a.classList.contains("current") && a.getAttribute("href") === "#");
  return here >= 0 && here + 1 < links.length ? links[here + 1].getAttribute("href") : null;
}"""

PRINT_STATE_JS = """() => ({
  clipped: Array.from(document.querySelectorAll("pre")).filter(
    e => e.checkVisibility() && e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.slice(0, 60)),
  controls: Array.from(document.querySelectorAll(".gd-controls, .gd-stage, details.hide > summary"))
    .filter(e => e.checkVisibility()).length,
  folded: Array.from(document.querySelectorAll("details.hide .cell_input pre"))
    .filter(e => !e.checkVisibility()).length,
  strips: Array.from(document.querySelectorAll(".gd-strip")).map(strip => Array.from(
    strip.querySelectorAll("figure")).map(f => ({
      loaded: f.querySelector("img").complete && f.querySelector("img").naturalWidth > 0,
      label: f.querySelector("figcaption").textContent}))),
})"""

PRINTED_MATH_JS = """() => ({
  count: document.querySelectorAll("div.math > math").length,
  cut: Array.from(document.querySelectorAll("div.math")).map(c => {
    const formula = c.querySelector(":scope > math");
    return {tex: c.textContent.slice(0, 60), svg: formula.getBoundingClientRect().width,
            box: c.clientWidth, scroll: c.scrollWidth, overflow: getComputedStyle(c).overflowX};
  }).filter(m => m.svg > m.box + 1 || m.scroll > m.box + 1 || m.overflow !== "visible"),
})"""


def is_local(url):
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob") or parts.hostname == "127.0.0.1"


def has_display_math(path):
    return '<div class="math' in page_html(path)


def redirects(path):
    return 'http-equiv="Refresh"' in page_html(path)


class Tab:
    """A browser tab for one kind of visit, in a context of its own, used by one visit after
    another: a new tab costs a new renderer process (about two seconds of CPU; a page loaded
    in a used tab, under a second). Between visits it shows about:blank, so that nothing of
    one page is counted for the next; what goes wrong is counted for the visit it shows.
    (Tabs sharing a context share a window, and Chromium then draws a tab that printed
    once a second.)"""

    def __init__(self, page):
        self.page, self.visit = page, None

    def problem(self, text):
        if self.visit is not None:
            self.visit.problem(text)

    @classmethod
    async def open(cls, browser, name):
        context = await new_context(browser, name)
        page = await context.new_page()
        page.set_default_timeout(TIMEOUT)
        tab = cls(page)
        page.on("console", lambda m: m.type == "error" and tab.problem(
            f"console error: {m.text} ({m.location.get('url', '')}:{m.location.get('lineNumber')})"))
        page.on("pageerror", lambda e: tab.problem(f"page error: {e}"))
        page.on("request", lambda r: is_local(r.url) or tab.problem(
            f"request to another host: {r.url[:200]}"))
        page.on("requestfailed", lambda r: is_local(r.url) and tab.problem(
            f"failed request: {r.url[:200]} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and tab.problem(f"HTTP {r.status}: {r.url[:200]}"))
        if name in COLD_VISITS:        # as a first visit: nothing from the browser's cache
            cdp = await context.new_cdp_session(page)
            await cdp.send("Network.enable")
            await cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            cdp.on("Network.loadingFinished", lambda e: tab.visit is not None and
                   tab.visit.sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
        return tab

    async def release(self):
        """Done with a visit: the tab back on about:blank, as it was (False: unusable)."""
        self.visit = None
        try:
            await self.page.goto("about:blank")
            return True
        except Exception:
            return False


class Visit:
    """One page at one width and theme, in a tab of its kind, and what went wrong (console
    and page errors, failed requests, HTTP errors, requests to other hosts)."""

    def __init__(self, base, path, name):
        self.base, self.path, self.name, self.spec = base, path, name, VISITS[name]
        self.data = {"page": path, "visit": name, "problems": [], "seconds": None,
                     "timing": {}}
        self.listening = True
        self.sizes = {}

    def problem(self, text):
        if self.listening:
            self.data["problems"].append(text)

    async def open(self, tab):
        self.tab, page = tab, tab.page
        self.page = page
        tab.visit = self
        url = f"{self.base}/{self.path}"
        await page.goto(url, wait_until="load")
        if redirects(self.path):                       # the root index.html only redirects
            await page.wait_for_url(lambda now: now != url)
            await page.wait_for_load_state("load")
        if self.name == BYTES_VISIT:                   # the first view: all it loads by itself
            await page.wait_for_load_state("networkidle")
            await page.wait_for_timeout(500)
            self.data["bytes"] = sum(self.sizes.values())
        await page.evaluate("() => document.fonts.ready.then(() => true)")
        self.shown = urlsplit(page.url).path.lstrip("/") or "index.html"   # the page on screen

    async def collect(self, name, coroutine):
        start = time.monotonic()
        try:
            self.data[name] = await coroutine
        except Exception as error:   # the checks of this collector fail with the reason
            self.data[name] = None
            self.problem(f"collecting {name} failed: {type(error).__name__}: {str(error)[:300]}")
        self.data["timing"][name] = round(time.monotonic() - start, 2)

    async def close(self):
        """The visit's end; whether its tab can serve another visit."""
        self.listening = False
        return await self.tab.release()


async def new_context(browser, name):
    """A browser context for a tab of one kind of visit: its size, touch, pixel density and
    theme, the layout-shift observer, and every request to another host aborted."""
    spec = VISITS[name]
    options = {"viewport": {"width": spec["width"], "height": spec["height"]},
               "color_scheme": spec["theme"]}
    if spec.get("phone"):
        options.update(is_mobile=True, has_touch=True, device_scale_factor=spec["scale"])
    context = await browser.new_context(**options)
    if spec["theme"] == "dark":   # the pydata theme keeps the reader's choice in localStorage
        await context.add_init_script(
            "localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark');")
    await context.add_init_script(SHIFT_OBSERVER)
    await context.route(lambda url: not is_local(url), lambda route: route.abort())
    return context


async def visit_page(tab, base, path, name, axe_source, printed):
    """Open ``path`` in ``tab`` and collect what the checks need: ``(data, tab reusable)``."""
    v = Visit(base, path, name)
    start = time.monotonic()
    try:
        await v.open(tab)
    except Exception as error:
        v.problem(f"the page did not open: {type(error).__name__}: {str(error)[:300]}")
        return v.data, await v.close()
    page, phone, book = v.page, name in PHONES, v.shown.startswith("book/")
    printing = None
    if name == DESKTOP and (path in PRINT_PAGES or has_display_math(v.shown)):
        # printed first, as a reader who opens the page and prints it (a page scrolled
        # through first prints differently: its lazy images have loaded)
        await page.wait_for_load_state("networkidle")
        printed_from = await page.evaluate(NOW_JS)
        if has_display_math(v.shown):
            await v.collect("print_math", print_math(page))
        if path in PRINT_PAGES:
            await v.collect("print", print_handout(page, path, printed))
        await page.emulate_media(media="screen")
        await page.set_viewport_size({"width": VISITS[name]["width"], "height": VISITS[name]["height"]})
        printing = [printed_from, await page.evaluate(SETTLED_JS)]
    if name in SHIFT_VISITS and not redirects(path):   # (the root index.html only redirects)
        await v.collect("shift", page.evaluate(SCROLL_TO_END_JS, printing))
    if name in LOADS_VISITS:
        await v.collect("loads", page.evaluate(LOADS_JS))
    if redirects(path):
        # the root index.html only redirects: how it loads is its own (errors, bytes, what it
        # loads); the page it shows is book/index.html, which has visits of its own
        v.data["seconds"] = round(time.monotonic() - start, 2)
        return v.data, await v.close()
    await v.collect("outputs", page.evaluate(OUTPUTS_JS))
    await v.collect("images", page.evaluate(IMAGES_JS))
    await v.collect("math", page.evaluate(MATH_JS, RAW_TEX))
    v.data["expected_players"] = [{"id": f"gd-player-{p.id}", "labels": list(p.labels),
                                   "split": p.split} for p in find_players(page_html(v.shown))]
    await v.collect("players", page.evaluate(PLAYERS_JS, name == FRAMES_VISIT))
    await v.collect("frames", page.evaluate(FRAME_TEXT_JS, [SMALLEST_TEXT_PT, FRAME_DPI]))
    if name in AXE_VISITS:
        await v.collect("axe", run_axe(page, axe_source))
        await v.collect("math_contrast", page.evaluate(MATH_CONTRAST_JS))
    if name == DARK:
        await v.collect("dark", page.evaluate(DARK_JS))
    if phone:
        await v.collect("overflow", page.evaluate(OVERFLOW_JS))
        await v.collect("words", page.evaluate(WORDS_JS))
    if name == DESKTOP:
        await v.collect("playback", playback(page, v.data["expected_players"]))
    if phone and book:
        # last: the keyboard check ends by following a chapter link
        await v.collect("menus", menus(v, page, name))
    v.data["seconds"] = round(time.monotonic() - start, 2)
    return v.data, await v.close()


async def run_axe(page, axe_source):
    # axe scrolls to each element it checks; sections drawn only as they come close would be
    # laid out under it as it goes, and it would read colours at places that have moved
    await page.evaluate("document.documentElement.classList.add('gd-laid-out')")
    await page.add_script_tag(content=axe_source)
    known = {rule: selector for rule, (selector, _why) in KNOWN_FALSE_POSITIVES.items()}
    return await page.evaluate(AXE_JS, known)


async def playback(page, expected):
    """For every player: 재생 (play) changes the picture and the caption; 첫 프레임 (first)
    then 다음 프레임 (next) shows frame 1 with its caption."""
    problems = []
    for player in expected:
        root_id = player["id"]
        root = page.locator(f"#{root_id}")
        state = (f"() => [document.querySelector('#{root_id} .gd-frame').src, "
                 f"document.querySelector('#{root_id} .gd-label').textContent]")

        async def changed_after(button):
            before = await page.evaluate(state)
            await root.get_by_role("button", name=button, exact=True).click()
            try:
                await page.wait_for_function(
                    f"before => JSON.stringify(({state})()) !== JSON.stringify(before)",
                    arg=before, timeout=5000)
                return True
            except Exception:
                return False

        await root.scroll_into_view_if_needed()
        if not await changed_after("재생"):
            problems.append(f"{root_id}: the picture or caption does not change after 재생 (play)")
        await root.get_by_role("button", name="일시정지", exact=True).click()
        await root.get_by_role("button", name="첫 프레임", exact=True).click()
        if not await changed_after("다음 프레임"):
            problems.append(f"{root_id}: the picture does not change after 다음 프레임 (next)")
        index, label = await page.evaluate(
            f"() => [document.getElementById('{root_id}').gdPlayer.index, "
            f"document.querySelector('#{root_id} .gd-label').textContent]")
        if index != 1 or label != player["labels"][1]:
            problems.append(f"{root_id}: after 첫 프레임 then 다음 프레임 it shows frame {index} "
                            f"with {label!r}, not frame 1 with {player['labels'][1]!r}")
    return problems


async def print_math(page):
    """On paper a display formula shows whole: scaled to the page width, never cut or
    scrolled (A4 at Chromium's default margins)."""
    await page.set_viewport_size({"width": A4_CONTENT_WIDTH, "height": 1000})
    await page.emulate_media(media="print")
    state = await page.evaluate(PRINTED_MATH_JS)
    # that it prints at all; its first page is enough (the handouts print whole)
    state["pdf"] = (await page.pdf(format="A4", page_ranges="1"))[:5] == b"%PDF-"
    await page.emulate_media(media="screen")
    return state


async def print_handout(page, path, folder):
    """The page printed on A4 and Letter: the state of the printed layout and the PDF."""
    out = {}
    for paper, (width_mm, _height) in PAPERS.items():
        printable = width_mm - 2 * PRINT_MARGIN_MM
        await page.set_viewport_size({"width": round(printable / 25.4 * 96), "height": 1000})
        await page.emulate_media(media="print")
        pdf = folder / f"{path.replace('/', '_').removesuffix('.html')}-{paper}.pdf"
        await page.pdf(path=str(pdf), format=paper,
                       margin={side: f"{PRINT_MARGIN_MM}mm" for side in ("top", "right", "bottom", "left")})
        out[paper] = {"state": await page.evaluate(PRINT_STATE_JS), "pdf": str(pdf)}
    return out


async def on_top(page, selector):
    return await page.evaluate(ON_TOP_JS, selector)


async def wait_on_top(page, selector, test):
    try:
        await page.wait_for_function(f"s => ({ON_TOP_JS})(s) {test}", arg=selector, timeout=5000,
                                     polling=50)
    except Exception:
        pass
    return await on_top(page, selector)


async def tab_to(page, selector, limit=40):
    for _ in range(limit):
        await page.keyboard.press("Tab")
        if await page.evaluate("s => !!document.activeElement?.matches(s)", selector):
            return True
    return False


async def menus(v, page, name):
    """The ☰ menu and the contents button on a phone, by keyboard and by touch:
    ``{"keyboard": [problems], "tap": [problems]}``."""
    keyboard, tap = [], []
    width = VISITS[name]["width"]
    await page.evaluate("() => { window.scrollTo(0, 0); document.activeElement?.blur(); }")
    if await on_top(page, CHAPTER_LINKS):
        tap.append("the chapter list is open before any tap")
    has_contents = await page.locator(".bd-sidebar-secondary").count() > 0
    next_chapter = await page.evaluate(NEXT_CHAPTER_JS, CHAPTER_LINKS)

    # keyboard: Tab to ☰, Enter opens the chapters; Tab reaches the next chapter, on top
    if not await tab_to(page, "button.primary-toggle"):
        keyboard.append("Tab never reaches the ☰ button")
    else:
        await page.keyboard.press("Enter")
        shown = await wait_on_top(page, CHAPTER_LINKS, ">= 3")
        if shown < 3:
            keyboard.append(f"Enter on ☰: {shown} chapter links reachable")
        elif next_chapter:
            link = f'{CHAPTER_LINKS}[href="{next_chapter}"]'
            if not await tab_to(page, link):
                keyboard.append(f"Tab does not reach the next chapter ({next_chapter}) in the menu")
            elif await on_top(page, link) != 1:
                keyboard.append(f"the focused chapter link {next_chapter} is hidden")
        await page.keyboard.press("Escape")
        if await wait_on_top(page, CHAPTER_LINKS, "=== 0"):
            keyboard.append("Escape does not close the chapter list")
    # keyboard: Tab on to the contents button, Enter opens the page's contents
    if has_contents:
        if not await tab_to(page, "button.secondary-toggle"):
            keyboard.append("Tab never reaches the contents button")
        else:
            await page.keyboard.press("Enter")
            if await wait_on_top(page, TOC_LINKS, ">= 1") < 1:
                keyboard.append("Enter on the contents button: no contents link reachable")
            await page.keyboard.press("Escape")
            await wait_on_top(page, TOC_LINKS, "=== 0")

    # touch: ☰ opens the chapters, a tap beside the list closes it; the contents button
    await page.locator("button.primary-toggle:visible").tap()
    shown = await wait_on_top(page, CHAPTER_LINKS, ">= 3")
    if shown < 3:
        tap.append(f"{shown} chapter links reachable after tapping ☰")
    await page.touchscreen.tap(width - 8, 400)            # beside the list, on its backdrop
    if await wait_on_top(page, CHAPTER_LINKS, "=== 0"):
        tap.append("tapping beside the chapter list does not close it")
    if has_contents:
        if await on_top(page, TOC_LINKS):
            tap.append("the contents are open before a tap")
        await page.locator("button.secondary-toggle:visible").tap()
        if await wait_on_top(page, TOC_LINKS, ">= 1") < 1:
            tap.append("no contents link reachable after tapping the contents button")
        await page.keyboard.press("Escape")
        await wait_on_top(page, TOC_LINKS, "=== 0")

    # keyboard, last: Enter on the next chapter's link opens it
    if next_chapter and not keyboard:
        await page.focus("button.primary-toggle")
        await page.keyboard.press("Enter")
        await wait_on_top(page, CHAPTER_LINKS, ">= 3")
        link = f'{CHAPTER_LINKS}[href="{next_chapter}"]'
        if await tab_to(page, link):
            # the chapter is answered with an empty page: that Enter opens it is the check
            # (its own visit loads it)
            target = "**/" + next_chapter.split("#")[0]
            await page.route(target, lambda route: route.fulfill(
                status=200, content_type="text/html", body="<!DOCTYPE html><title>next</title>"))
            v.listening = False
            await page.keyboard.press("Enter")
            try:
                await page.wait_for_url(target, wait_until="commit", timeout=5000)
            except Exception:
                keyboard.append(f"Enter on the chapter link {next_chapter} does not open it")
            await page.unroute(target)
    return {"keyboard": keyboard, "tap": tap}


def _order(pages):
    """Visits, longest first (pages with players and the 1280 light visit do the most)."""
    def weight(item):
        path, name = item
        size = (SITE / path).stat().st_size
        players = len(find_players(page_html(path)))
        return -(size / 50_000 + 4 * players * (name == DESKTOP) + (name in PHONES) * 3
                 + (name in AXE_VISITS) * 2)
    return sorted(((path, name) for path in pages for name in VISITS), key=weight)


async def _crawl(base, pages, axe_source, printed):
    results = {}
    semaphore = asyncio.Semaphore(CONCURRENCY)
    async with async_playwright() as p:
        browser = await p.chromium.launch(**LAUNCH)
        idle = {name: [] for name in VISITS}      # tabs reused from visit to visit (Tab)

        async def one(path, name):
            async with semaphore:
                tab = idle[name].pop() if idle[name] else await Tab.open(browser, name)
                results[path, name], reusable = await visit_page(tab, base, path, name,
                                                                 axe_source, printed)
                if reusable:
                    idle[name].append(tab)
                else:
                    await tab.page.context.close()

        await asyncio.gather(*(one(path, name) for path, name in _order(pages)))
        await browser.close()
    return results


def run(base, pages, axe_source, printed):
    """Crawl ``pages`` of the site served at ``base``: ``{(page, visit): data}``.

    Runs in a thread of its own with Playwright's async API, so that it may run beside the
    sync API of the shared ``browser`` fixture."""
    out = {}

    def target():
        try:
            out["results"] = asyncio.run(_crawl(base, pages, axe_source, printed))
        except BaseException as error:   # handed to the caller
            out["error"] = error

    thread = threading.Thread(target=target, name="crawl")
    thread.start()
    thread.join()
    if "error" in out:
        raise out["error"]
    return out["results"]
