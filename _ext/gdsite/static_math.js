#!/usr/bin/env node
// Typeset TeX as SVG with MathJax 3, for _ext/static_math.py: one process renders every
// formula of a build.
//
// stdin:  {"items": [{"tex": "x_i", "display": false}, ...]}
// stdout: {"mathjax": "3.2.2", "css": "...",
//          "results": [{"html": "<mjx-container ...>"} or {"error": "Undefined control sequence \\foo"}, ...]}
//
// Each formula is an <mjx-container> holding an SVG (glyphs as paths: no web font; no font
// cache, so no ids that could repeat on a page) and, for screen readers, the formula as
// MathML in <mjx-assistive-mml>, with its TeX as an annotation. The SVG paints with currentColor, so it takes the text
// colour of the light or dark theme.
"use strict";

const fs = require("fs");
const {mathjax} = require("mathjax-full/js/mathjax.js");
const {TeX} = require("mathjax-full/js/input/tex.js");
const {SVG} = require("mathjax-full/js/output/svg.js");
const {liteAdaptor} = require("mathjax-full/js/adaptors/liteAdaptor.js");
const {RegisterHTMLHandler} = require("mathjax-full/js/handlers/html.js");
const {AssistiveMmlHandler} = require("mathjax-full/js/a11y/assistive-mml.js");
require("mathjax-full/js/input/tex/base/BaseConfiguration.js");
require("mathjax-full/js/input/tex/ams/AmsConfiguration.js");
require("mathjax-full/js/input/tex/boldsymbol/BoldsymbolConfiguration.js");

const EM = 16;    // px; only sets the ex-to-px ratio MathJax measures with, sizes are in ex
// Hangul in \text{...} is drawn with the page font at 0.884 of the math size; its glyphs are
// about 0.92 em wide there, so each one advances 0.82 em (MathJax assumes 1 em: gaps).
const adaptor = liteAdaptor({fontSize: EM, cjkCharWidth: 0.82});
AssistiveMmlHandler(RegisterHTMLHandler(adaptor));

function newDocument() {
  // Each formula stands alone (no \newcommand: the results are cached one by one).
  // A TeX error throws instead of being typeset as a red message.
  const tex = new TeX({packages: ["base", "ams", "boldsymbol"],
                       formatError: (jax, error) => { throw error; }});
  const svg = new SVG({fontCache: "none"});
  return {svg, doc: mathjax.document("", {InputJax: tex, OutputJax: svg})};
}

function render(doc, tex, display) {
  const node = doc.convert(tex, {display, em: EM, ex: EM / 2, containerWidth: 80 * EM});
  // A display formula wider than the column scrolls in its own box; keyboard users reach
  // that box with Tab.
  if (display) adaptor.setAttribute(node, "tabindex", "0");
  // The MathML keeps the TeX as its annotation (not shown, not read): tools and the site's
  // search see the formula as it was written.
  const math = adaptor.tags(node, "math")[0];
  const content = adaptor.childNodes(math).slice();
  for (const child of content) adaptor.remove(child);
  const annotation = adaptor.node("annotation", {encoding: "application/x-tex"}, [adaptor.text(tex)]);
  adaptor.append(math, adaptor.node("semantics", {}, [adaptor.node("mrow", {}, content), annotation]));
  // Text MathJax has no glyph for (Hangul in \text{...}) is drawn with the page's font, which
  // has Korean (the site's own web font among its fallbacks), not with a generic "serif".
  return adaptor.outerHTML(node).replace(/(<text\b[^>]*?) font-family="serif"/g, "$1");
}

const {items} = JSON.parse(fs.readFileSync(0, "utf8"));
let {svg, doc} = newDocument();
const results = items.map(({tex, display}, i) => {
  if (i % 200 === 199) ({svg, doc} = newDocument());   // keep the document's memory small
  try {
    return {html: render(doc, tex, Boolean(display))};
  } catch (error) {
    ({svg, doc} = newDocument());   // a failed conversion may leave state behind
    return {error: String(error && error.message || error)};
  }
});
const css = adaptor.textContent(svg.styleSheet(doc));
process.stdout.write(JSON.stringify({mathjax: mathjax.version, css, results}));
