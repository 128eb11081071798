/* The checks of a page that differ between browser engines, run inside the page the same way
   in WebKit (engine_webkit.py), Firefox (engine_firefox.mjs) and Chromium: evaluate this file,
   then `gdChecks.run(job)` gives a promise of plain data (site_tests/engines.py says what a
   job holds; test_engines.py asserts over the data). Everything is done with the page's own
   DOM (clicks, input events), so no engine needs a driver feature the others lack.
   ERRORS_AT_START is the user script each driver adds at document start: the errors of the
   page from its first byte, in every engine (WebKitWebDriver has no log API). */

window.gdChecks = window.gdChecks || (() => {
  const sleep = ms => new Promise(done => setTimeout(done, ms));
  const frame = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const until = async (test, ms) => {
    for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) if (test()) return true;
    return !!test();
  };
  const round = v => Math.round(v * 10) / 10;
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const tex = m => (m.querySelector("annotation") || m).textContent.slice(0, 70);
  const tag = el => el.tagName.toLowerCase();

  // The ink of a token's glyph in CSS px: its text's box (font ascent to descent) with the
  // glyph's ink ascent and descent measured on a canvas in the same font. (A token's own box
  // is its ink in Chromium, its line box in Firefox: not comparable.) A single-letter <mi>
  // is drawn as the math italic letter (MathML Core's automatic italic).
  const italic = ch => {
    const c = ch.codePointAt(0);
    if (ch === "h") return "\u210e";
    if (c >= 97 && c <= 122) return String.fromCodePoint(0x1d44e + c - 97);
    if (c >= 65 && c <= 90) return String.fromCodePoint(0x1d434 + c - 65);
    return ch;
  };
  const canvas = document.createElement("canvas").getContext("2d");
  const ink = el => {
    const node = Array.from(el.childNodes).find(n => n.nodeType === 3 && n.data.trim());
    if (!node) return null;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    const style = getComputedStyle(el);
    canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const auto = tag(el) === "mi" && Array.from(node.data.trim()).length === 1
                 && el.getAttribute("mathvariant") !== "normal";
    const m = canvas.measureText(auto ? italic(node.data.trim()) : node.data);
    const baseline = box.top + m.fontBoundingBoxAscent;
    return {left: box.left - m.actualBoundingBoxLeft, right: box.left + m.actualBoundingBoxRight,
            top: baseline - m.actualBoundingBoxAscent, bottom: baseline + m.actualBoundingBoxDescent,
            em: parseFloat(style.fontSize)};
  };
  const leaf = el => el.children.length ? leaf(el.children[0]) : el;

  // Every visible formula: each bracket beside a matrix against the matrix (heights, and how
  // far its ends fall short of the matrix's), each accent against its letter (the gap from
  // the accent's box, which the site makes its ink, to the letter's ink, and the horizontal
  // offset of their centres), all in px and in em of the formula's font.
  const math = () => {
    const fences = [], accents = [];
    let formulas = 0;
    for (const m of document.querySelectorAll(".math > math")) {
      if (!shown(m)) continue;
      formulas++;
      for (const table of m.querySelectorAll("mtable")) {
        const open = table.previousElementSibling, close = table.nextElementSibling;
        if (!open || !close || tag(open) !== "mo" || tag(close) !== "mo") continue;
        const t = table.getBoundingClientRect();
        for (const mo of [open, close]) {
          const r = mo.getBoundingClientRect();
          fences.push({tex: tex(m), bracket: mo.textContent, height: round(r.height),
                       matrix: round(t.height), short: round(Math.max(r.top - t.top, t.bottom - r.bottom))});
        }
      }
      for (const over of m.querySelectorAll("mover")) {
        const [base, accent] = over.children;
        if (!accent || !/^[\u02c6\u02dc\u02c7\u00af^~]$/.test(accent.textContent)) continue;
        const letter = ink(leaf(base));
        if (!letter) continue;
        const a = accent.getBoundingClientRect();
        // the site gives an accent the box of its ink (an <mpadded> as tall as the glyph's
        // ink, mathml.py): that the engine drew that box is what makes the gap an ink gap
        const declared = parseFloat(accent.getAttribute("height") || "NaN") * parseFloat(getComputedStyle(accent).fontSize);
        accents.push({tex: tex(m), em: letter.em, boxIsInk: Math.abs(a.height - declared) <= 1, accent: accent.textContent, element: tag(accent),
                      flagged: over.getAttribute("accent") === "true",
                      gap: round(letter.top - a.bottom), gapEm: round((letter.top - a.bottom) / letter.em * 100) / 100,
                      offset: round((a.left + a.right) / 2 - (letter.left + letter.right) / 2),
                      offsetEm: round(((a.left + a.right) / 2 - (letter.left + letter.right) / 2) / letter.em * 100) / 100,
                      width: round(a.width), letterWidth: round(letter.right - letter.left)});
      }
    }
    return {formulas, fences, accents};
  };

  // The search box: where its icon ends and where the typed query begins.
  const searchBox = async () => {
    const input = Array.from(document.querySelectorAll("form.bd-search input")).find(shown);
    if (!input) return null;
    const icon = input.parentElement.querySelector(".fa-magnifying-glass");
    input.value = "경사하강법";
    await frame();
    const style = getComputedStyle(input), box = input.getBoundingClientRect();
    const textStart = box.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
    const i = icon.getBoundingClientRect();
    input.value = "";
    return {iconRight: round(i.right), iconWidth: round(i.width), textStart: round(textStart),
            boxRight: round(box.right)};
  };

  // Every player: 첫 프레임 then 다음 프레임 shows frame 1 and its caption; 재생 changes the
  // picture; 일시정지 stops it.
  const players = async () => {
    const out = [];
    for (const root of document.querySelectorAll(".gd-player")) {
      root.scrollIntoView({block: "center"});
      const ready = await until(() => root.classList.contains("gd-ready") && root.gdPlayer, 5000);
      if (!ready) { out.push({id: root.id, ready: false}); continue; }
      const press = name => root.querySelector(`.gd-buttons button[data-do="${name}"]`).click();
      const picture = () => root.querySelector(".gd-frame").getAttribute("src") + "|" + root.querySelector(".gd-label").textContent;
      press("first");
      press("next");
      await frame();
      const index = root.gdPlayer.index, label = root.querySelector(".gd-label").textContent;
      const before = picture();
      press("play");
      const played = await until(() => picture() !== before, 5000);
      press("pause");
      out.push({id: root.id, ready: true, index, label, played});
    }
    scrollTo(0, 0);
    return out;
  };

  // The α explorer answers: a new α gives a new sentence and Ŵ.
  const explorer = async alpha => {
    const root = document.getElementById("gd-explorer");
    if (!root) return null;
    if (!await until(() => root.classList.contains("gd-ready"), 5000)) return {ready: false};
    const field = document.getElementById("gd-alpha");
    const before = document.getElementById("gd-status").textContent;
    field.value = alpha;
    field.dispatchEvent(new Event("input", {bubbles: true}));
    field.dispatchEvent(new Event("change", {bubbles: true}));
    await until(() => document.getElementById("gd-status").textContent !== before, 3000);
    return {ready: true, before, status: document.getElementById("gd-status").textContent.trim(),
            what: document.getElementById("gd-what").textContent.trim()};
  };

  // The search page's results (it was opened with ?q=…).
  const search = async () => {
    await until(() => (document.querySelector("#search-results p.search-summary")?.textContent || "").length > 0, 15000);
    return Array.from(document.querySelectorAll("#search-results ul.search li > a"))
      .map(a => new URL(a.href).pathname.replace(/^\//, "").replace(/\.html$/, ""));
  };

  // The ☰ menu: how many chapter links are on top after tapping it (clicking: WebKitGTK and
  // Firefox here have no touch).
  const CHAPTERS = ".bd-sidebar-primary nav.bd-docs-nav a.reference";
  const onTop = () => Array.from(document.querySelectorAll(CHAPTERS)).filter(a => {
    const r = a.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
    const hit = document.elementFromPoint(x, y);
    return !!hit && (hit === a || a.contains(hit));
  }).length;
  const menu = async () => {
    const button = Array.from(document.querySelectorAll("button.primary-toggle")).find(shown);
    if (!button) return {button: false};
    scrollTo(0, 0);
    const before = onTop();
    button.click();
    await until(() => onTop() >= 3, 3000);
    const after = onTop();
    for (const dialog of document.querySelectorAll("dialog[open]")) dialog.close();   // as before
    await frame();
    return {button: true, before, after};
  };

  const problems = () => {
    const out = (window.__gdProblems || []).slice();
    for (const entry of performance.getEntriesByType("resource")) {
      const url = new URL(entry.name);
      if (!["data:", "blob:"].includes(url.protocol) && url.hostname !== "127.0.0.1") out.push(`request to another host: ${entry.name}`);
      if (entry.responseStatus >= 400) out.push(`HTTP ${entry.responseStatus}: ${entry.name}`);
    }
    return out;
  };

  const run = async job => {
    if (document.readyState !== "complete") await new Promise(done => addEventListener("load", done, {once: true}));
    await document.fonts.ready;
    await frame();
    const data = {url: location.href, width: innerWidth};
    if (job.section) {
      await sleep(800);   // smooth scrolling, and sections drawn as they come close
      const heading = document.getElementById(job.section)?.querySelector("h2, h3");
      data.landed = heading ? round(heading.getBoundingClientRect().top) : null;
      // a last section on a short page cannot reach the top: the page is then at its end
      data.atEnd = scrollY >= document.documentElement.scrollHeight - innerHeight - 2;
    }
    data.math = math();
    const sideways = () => document.documentElement.scrollWidth - document.documentElement.clientWidth;
    data.sideways = sideways();
    data.searchBox = await searchBox();
    data.players = await players();
    if (job.explorer) data.explorer = await explorer(job.explorer);
    if (job.search) data.search = await search();
    data.sidewaysAfter = sideways();
    if (job.menu) data.menu = await menu();
    await sleep(200);
    data.problems = problems();
    return data;
  };
  return {run};
})();
