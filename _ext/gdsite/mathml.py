"""Math typeset at build time as native MathML: no math script, no Node, no layout shift.

Every ``$...$`` and ``$$...$$`` of the site becomes a ``<math>`` element (MathML Core,
drawn by the browser itself: Chromium 109+, Firefox, Safari), converted from TeX by the
pure-Python ``latex2mathml`` and then repaired so that browsers draw it as TeX would
(:func:`_repair`: bold and italic letters as Unicode math letters, operator spacing, unary
minus, accents, fenced matrices, ``\\big\\{``). The MathML is the same for every engine and
needs no engine of its own: WebKit and Firefox stretch a bracket only to the other children of
its own ``<mrow>`` (a matrix fenced directly inside a ``split`` row stayed one line tall), and
WebKit places an accent by its font box, not its ink (see :func:`_accent`). The TeX is kept as the formula's annotation (read by tools,
not shown); the ``<math>`` element itself is what screen readers read.

Formulas are drawn with STIX Two Math (SIL Open Font License; the copy that the
``ziamath`` package ships), cut to the characters the site's formulas use and written into
the site when the build has finished (``_static/fonts/stix2math-site.woff2``, a few tens of
KB). ``book/_static/site.css`` has its ``@font-face`` (``font-display: optional``: a
formula is never drawn in a fallback font and then redrawn, moving the text around it) and
the layout rules; pages with math preload the font (``_templates/layout.html``).

A TeX error (an unknown command, a missing brace) stops the build with the page, the line
and the formula. Chosen over MathJax's SVG (which needs Node) after comparing both on this
site's 112 formulas at 390 px: all convert, a page's formula HTML is a third of the bytes
and of the DOM elements, conversion takes a tenth of a second.
"""

import functools
import hashlib
import html
import importlib.util
import os
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import latex2mathml.converter
from docutils import nodes
from sphinx.errors import ExtensionError
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number

from .common import build_dir, write_output

logger = logging.getLogger(__name__)

NS = "http://www.w3.org/1998/Math/MathML"
Q = "{%s}" % NS
FONT_FILE = "_static/fonts/stix2math-site.woff2"


class TeXError(ExtensionError):
    """A formula that cannot be converted faithfully."""

    category = "TeX error in math"


# --- Unicode math alphanumerics (MathML Core ignores mathvariant other than "normal") ----

_VARIANT = {"bold": "BOLD", "italic": "ITALIC", "bold-italic": "BOLD ITALIC",
            "double-struck": "DOUBLE-STRUCK", "script": "SCRIPT", "bold-script": "BOLD SCRIPT",
            "fraktur": "FRAKTUR", "bold-fraktur": "BOLD FRAKTUR", "sans-serif": "SANS-SERIF",
            "bold-sans-serif": "SANS-SERIF BOLD", "sans-serif-italic": "SANS-SERIF ITALIC",
            "sans-serif-bold-italic": "SANS-SERIF BOLD ITALIC", "monospace": "MONOSPACE"}
_HOLES = {("ITALIC", "h"): "\u210e", ("DOUBLE-STRUCK", "C"): "\u2102",
          ("DOUBLE-STRUCK", "H"): "\u210d", ("DOUBLE-STRUCK", "N"): "\u2115",
          ("DOUBLE-STRUCK", "P"): "\u2119", ("DOUBLE-STRUCK", "Q"): "\u211a",
          ("DOUBLE-STRUCK", "R"): "\u211d", ("DOUBLE-STRUCK", "Z"): "\u2124",
          ("SCRIPT", "B"): "\u212c", ("SCRIPT", "E"): "\u2130", ("SCRIPT", "F"): "\u2131",
          ("SCRIPT", "H"): "\u210b", ("SCRIPT", "I"): "\u2110", ("SCRIPT", "L"): "\u2112",
          ("SCRIPT", "M"): "\u2133", ("SCRIPT", "R"): "\u211b", ("SCRIPT", "e"): "\u212f",
          ("SCRIPT", "g"): "\u210a", ("SCRIPT", "o"): "\u2134", ("FRAKTUR", "C"): "\u212d",
          ("FRAKTUR", "H"): "\u210c", ("FRAKTUR", "I"): "\u2111", ("FRAKTUR", "R"): "\u211c",
          ("FRAKTUR", "Z"): "\u2128"}


def _styled(text, variant):
    style = _VARIANT.get(variant)
    if style is None:
        return None
    out = []
    for ch in text:
        if (style, ch) in _HOLES:
            out.append(_HOLES[style, ch])
            continue
        try:
            name = unicodedata.name(ch)
        except ValueError:
            out.append(ch)
            continue
        name = (name.replace("LATIN ", "").replace("GREEK ", "").replace("LETTER ", "")
                .replace("LUNATE ", "").replace("SMALL FINAL SIGMA", "FINAL SIGMA"))
        try:
            out.append(unicodedata.lookup(f"MATHEMATICAL {style} {name}"))
        except KeyError:
            out.append(ch)
    return "".join(out)


# --- repairs ------------------------------------------------------------------------------

_TOKENS = {"mi", "mn", "mo", "mtext", "ms"}
_SCRIPTED = {"msub", "msup", "msubsup", "munder", "mover", "munderover", "mmultiscripts"}
_OPENERS = {"(", "[", "{", "\u27e8", "|", "\u2016", "\u230a", "\u2308"}
_CLOSERS = {")", "]", "}", "\u27e9", "\u230b", "\u2309"}
_ORD_OPERATORS = {"\u2202": "mi", "\u22a4": "mi", "\u22a5": "mi", "\u2207": "mi"}   # \partial \top \bot \nabla
_REL_IDENTIFIERS = {"\u27fa", "\u27f9", "\u27f8", "\u21d4", "\u21d2", "\u21d0"}      # \iff \implies ...
# \hat \tilde \check \bar: latex2mathml's character → the spacing accent of the font
_ACCENTS = {"^": "\u02c6", "~": "\u02dc", "\u02c7": "\u02c7", "\u00af": "\u00af"}


def _tag(el):
    return el.tag[len(Q):] if el.tag.startswith(Q) else el.tag


def _zero_space(mo):
    mo.set("lspace", "0em")
    mo.set("rspace", "0em")


def _repair(el, in_script=False):
    tag = _tag(el)
    if tag in _TOKENS:
        text = el.text or ""
        if tag == "mo" and text in ("\\{", "\\}", "\\|"):      # \big\{ comes out as "\{"
            el.text = text = text[1:]
        if "\\" in text:
            raise TeXError(f"unknown command {text!r}")
        variant = el.get("mathvariant")
        if variant and variant != "normal" and tag in ("mi", "mn", "mo"):
            styled = _styled(text, variant)
            if styled is not None:
                el.text = styled
                del el.attrib["mathvariant"]
        if tag == "mo" and text in _ORD_OPERATORS:
            el.tag = Q + "mi"
            if text != "\u2202":          # TeX's \partial is italic, \top upright
                el.set("mathvariant", "normal")
        elif tag == "mi" and text in _REL_IDENTIFIERS:
            el.tag = Q + "mo"
        elif tag == "mo" and text == "\u00b7":                  # \cdot
            el.text = "\u22c5"
        elif tag == "mo" and text in ("/", "|", "\u2016"):        # TeX: ordinary symbols
            _zero_space(el)
        if in_script and _tag(el) == "mo" and el.text not in (",", ";"):
            _zero_space(el)                # TeX drops relation/operator spaces in scripts
        return
    children = list(el)
    if tag == "mover" and len(children) == 2 and _tag(children[1]) == "mo" \
            and (children[1].text or "") in _ACCENTS:
        el.set("accent", "true")        # \bar comes without it; without it WebKit draws a script
        el.remove(children[1])
        children[1] = _accent(_ACCENTS[children[1].text])
        el.append(children[1])
    _fence_matrices(el)
    children = list(el)
    for i, child in enumerate(children):
        script = in_script or (tag in _SCRIPTED and i > 0 and not (
            tag == "mover" and el.get("accent") == "true"))
        _repair(child, script)
    # unary + and −: first in a row, or after an opening bracket, relation, punctuation or
    # another operator (TeX turns such a binary operator into an ordinary symbol)
    if tag in ("mrow", "math", "mtd", "mstyle", "mpadded", "mphantom", "msqrt", "menclose"):
        prev, bars = None, 0
        for child in children:
            text = child.text or ""
            if _tag(child) == "mo" and text in ("\u2212", "+", "\u00b1"):
                closing = (prev is not None and _tag(prev) == "mo" and
                           ((prev.text or "") in _CLOSERS or
                            ((prev.text or "") in ("|", "\u2016") and bars % 2 == 0)))
                if prev is None or (_tag(prev) == "mo" and not closing):
                    _zero_space(child)
            if _tag(child) == "mo" and text in ("|", "\u2016"):
                bars += 1
            prev = child


@functools.lru_cache(maxsize=None)
def _ink(char):
    """The ink box of STIX Two Math's glyph for ``char`` in em: (bottom, top) above the baseline."""
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.ttLib import TTFont
    with TTFont(stix_path(), lazy=True) as font:
        glyphs = font.getGlyphSet()
        pen = BoundsPen(glyphs)
        glyphs[font.getBestCmap()[ord(char)]].draw(pen)
        em = font["head"].unitsPerEm
    return pen.bounds[1] / em, pen.bounds[3] / em


def _accent(char):
    """An accent as an over-script whose box is its ink: ``<mpadded>`` lowers the glyph by
    the height of its ink's bottom and is exactly as tall as the ink. Engines place an accent
    on its base by the accent's box; Chromium and Firefox take a glyph's ink for it, WebKit
    the font's ascent and descent, so a bare ``<mo>`` sat 0.5 em too high there. U+0302,
    the combining circumflex, is no way out: WebKitGTK 2.50 draws nothing of it and Chromium
    draws it left of the letter (its ink lies left of its zero advance)."""
    bottom, top = _ink(char)
    padded = ET.Element(Q + "mpadded", {"height": f"{top - bottom:.3f}em", "depth": "0em",
                                         "voffset": f"{-bottom:.3f}em"})
    mo = ET.SubElement(padded, Q + "mo", {"stretchy": "false"})
    mo.text = char
    _zero_space(mo)
    return padded


def _is_mo(el, chars):
    return el is not None and _tag(el) == "mo" and (el.text or "") in chars


def _fence_matrices(el):
    """Put each bracket–matrix–bracket run (``\\begin{bmatrix}``) among ``el``'s children into
    an ``<mrow>`` of its own: the brackets then stretch to the matrix in every engine."""
    children = list(el)
    if _tag(el) == "mrow" and len(children) == 3:
        return                                            # already its own row
    for i in range(len(children) - 2):
        opener, table, closer = children[i:i + 3]
        if _is_mo(opener, _OPENERS) and _tag(table) == "mtable" and _is_mo(closer, _CLOSERS | {"|", "\u2016"}):
            row = ET.Element(Q + "mrow")
            row.tail = closer.tail
            at = list(el).index(opener)
            for child in (opener, table, closer):
                el.remove(child)
                row.append(child)
            closer.tail = None
            el.insert(at, row)


def _check_braces(tex):
    depth = 0
    for m in re.finditer(r"\\.|[{}]", tex, re.S):
        token = m.group(0)
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth < 0:
                raise TeXError("extra }")
    if depth:
        raise TeXError("missing }")


def mathml(tex, display):
    """The repaired MathML element of a formula (no annotation)."""
    _check_braces(tex)
    try:
        raw = latex2mathml.converter.convert(tex, display="block" if display else "inline")
    except Exception as error:       # latex2mathml's own exceptions (a missing \end, ...)
        raise TeXError(f"{type(error).__name__}: {error}".rstrip(": ")) from error
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as error:   # e.g. "&" of an environment latex2mathml does not know
        raise TeXError(f"latex2mathml made no valid MathML of it ({error}); for aligned "
                       r"lines use \begin{array}{rl} … \end{array}") from error
    _repair(root)
    return root


def _serialize(el):
    """Compact HTML serialization: no namespace prefixes, UTF-8 characters, no xmlns."""
    tag = _tag(el)
    attrs = "".join(f' {k}="{html.escape(v)}"' for k, v in el.attrib.items() if k != "xmlns")
    inner = html.escape(el.text or "", quote=False) + "".join(_serialize(c) for c in el)
    return f"<{tag}{attrs}>{inner}</{tag}>" + html.escape(el.tail or "", quote=False)


@functools.lru_cache(maxsize=None)
def render(tex, display):
    """HTML of one formula: its ``<math>`` element, with the TeX as annotation."""
    root = mathml(tex, display)
    body = list(root)
    for child in body:
        root.remove(child)
    semantics = ET.SubElement(root, Q + "semantics")
    row = ET.SubElement(semantics, Q + "mrow") if len(body) != 1 else None
    for child in body:
        (row if row is not None else semantics).append(child)
    annotation = ET.SubElement(semantics, Q + "annotation", {"encoding": "application/x-tex"})
    annotation.text = tex
    return _serialize(root)


def display_tex(node):
    """The TeX of a display formula: blank-line separated equations one per row, an equation
    with ``\\\\`` as a split (what Sphinx's MathJax renderer would typeset)."""
    if node.get("nowrap"):
        return node.astext()
    parts = [part for part in node.astext().split("\n\n") if part.strip()]
    parts = [r"\begin{split}" + part + r"\end{split}"
             if r"\\" in part and not part.lstrip().startswith("\\begin{") else part
             for part in parts]
    if len(parts) > 1:
        return r"\begin{aligned}" + r"\\".join(parts) + r"\end{aligned}"
    return parts[0] if parts else ""


def formulas(doctree):
    """(tex, display) of every formula of a doctree."""
    for node in doctree.findall(lambda n: isinstance(n, (nodes.math, nodes.math_block))):
        if isinstance(node, nodes.math_block):
            yield display_tex(node), True
        else:
            yield node.astext(), False


def _html(tex, display, node):
    try:
        return render(tex, display)
    except TeXError as error:
        raise TeXError(f"{node.source}:{node.line}: {error}\n    {tex}") from None


def visit_math(self, node):
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate"))
    self.body.append(_html(node.astext(), False, node))
    self.body.append("</span>")
    raise nodes.SkipNode


def visit_displaymath(self, node):
    # tabindex: a formula wider than the column scrolls, and keyboard users reach it
    self.body.append(self.starttag(node, "div", CLASS="math notranslate", tabindex="0"))
    if node["number"]:
        number = get_node_equation_number(self, node)
        self.body.append(f'<span class="eqno">({number})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    self.body.append(_html(display_tex(node), True, node))
    self.body.append("</div>\n")
    raise nodes.SkipNode


# --- the web font -------------------------------------------------------------------------

def font_codepoints(found):
    """Code points the font must hold for these (tex, display) formulas: every character of
    their MathML, the italic letter the browser draws for a single-letter <mi> (MathML Core's
    automatic italic), and basic ASCII. Hangul and other text in ``\\text{...}`` is drawn
    with the page's font."""
    chars = set("0123456789+-=()[]{}|,.;:!?/*<> \u00a0\u2212\u2009")
    for tex, display in found:
        for el in mathml(tex, display).iter():
            tag, text = _tag(el), el.text or ""
            if tag == "mtext":
                text = "".join(c for c in text if ord(c) < 0x1100)
            chars |= set(text)
            if tag == "mi" and len(text) == 1 and el.get("mathvariant") != "normal":
                chars.add(_styled(text, "italic"))
    return sorted(ord(c) for c in chars if c)


def stix_path():
    """STIX Two Math as ziamath ships it (found, not imported: the package itself is not
    needed)."""
    folder = importlib.util.find_spec("ziamath").submodule_search_locations[0]
    return os.path.join(folder, "fonts", "STIXTwoMath-Regular.ttf")


# --- Sphinx ---------------------------------------------------------------------------------

def _collect(app, doctree):
    """Note the formulas of a page that was just read (for the font)."""
    app.env.gdsite_math[app.env.docname] = sorted(set(formulas(doctree)))


def _purge(app, env, docname):
    getattr(env, "gdsite_math", {}).pop(docname, None)


def _merge(app, env, docnames, other):
    env.gdsite_math.update({d: other.gdsite_math[d] for d in docnames if d in other.gdsite_math})


def _builder_inited(app):
    if not hasattr(app.env, "gdsite_math"):
        app.env.gdsite_math = {}


def _page_context(app, pagename, templatename, context, doctree):
    """Tell the template whether the page has math (it then preloads the math font)."""
    context["gdsite_has_math"] = bool(app.env.gdsite_math.get(pagename))


def _font_file(app):
    """The cached math font of this build's formulas (``_build/math_font/<hash>.woff2``)
    and the formulas."""
    found = sorted({f for page in app.env.gdsite_math.values() for f in page})
    key = hashlib.sha256(repr(found).encode("utf-8")).hexdigest()[:16]
    return build_dir(app) / "math_font" / f"{key}.woff2", found


def cut_font(found, target):
    """Start writing the WOFF2 subset of STIX Two Math (with its MATH table: stretchy
    brackets, script sizes) that the formulas ``found`` need, to ``<target>.part``:
    fontTools' subsetter in its own process, so that the build goes on meanwhile on the
    other core. The process; :func:`finish_font` waits for it."""
    unicodes = ",".join(f"U+{code:04X}" for code in font_codepoints(found))
    partial = Path(f"{target}.part")
    partial.parent.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen(
        [sys.executable, "-m", "fontTools.subset", stix_path(), f"--unicodes={unicodes}",
         "--flavor=woff2", "--layout-features=*", "--notdef-outline", "--recalc-bounds",
         f"--output-file={partial}"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish_font(process, target):
    """Wait for :func:`cut_font`'s process and put its font at ``target`` (whole or not at
    all); an ``ExtensionError`` with the subsetter's output if it failed."""
    output, _ = process.communicate()
    if process.returncode != 0:
        raise ExtensionError(f"cutting the math font failed:\n{output}")
    Path(f"{target}.part").replace(target)


_CUTTING = {}    # cached font path → the process cutting it


def _start_font(app, env):
    """Once every page is read, start cutting the math font while the pages are written."""
    if app.builder.format != "html":
        return
    cached, found = _font_file(app)
    if not cached.exists() and cached not in _CUTTING:
        for old in cached.parent.glob("*.woff2"):
            old.unlink()
        _CUTTING[cached] = cut_font(found, cached)


def _write_font(app, exception):
    """The math font, cut to every formula of the site (kept in ``_build/math_font`` under a
    hash of the formulas, so a rebuild with the same math does not cut it again)."""
    if app.builder.format != "html":
        return
    cached, found = _font_file(app)
    cutting = _CUTTING.pop(cached, None)
    if cutting is None and exception is None and not cached.exists():
        cutting = cut_font(found, cached)
    if cutting is not None:
        finish_font(cutting, cached)
    if exception is None:
        write_output(app, FONT_FILE, cached.read_bytes())


def setup(app):
    app.add_html_math_renderer("mathml", (visit_math, None), (visit_displaymath, None))
    app.connect("builder-inited", _builder_inited)
    app.connect("doctree-read", _collect)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("html-page-context", _page_context)
    app.connect("env-updated", _start_font)
    app.connect("build-finished", _write_font)
