"""Serve a Korean font from the site itself: Korean text with no network.

Korean text needs a Korean font. Readers' systems usually have one, but not every
machine does (a bare Linux shows boxes), so the site carries its own: NanumGothic (from
the ``koreanize-matplotlib`` wheel, the font of the figures) cut down to the Hangul that
the built site shows. When the build has written every page, ``build-finished`` collects
the Hangul syllables and jamo of all HTML pages and of the site's scripts (the search
page's messages, the α explorer's labels) and subsets the font to exactly those, sorted,
so that the same pages give the same bytes. Latin letters, digits and punctuation are not
in it: its ``unicode-range`` gives it Hangul only, so the browser draws everything else
with the system's font and would never use them. The font is listed after the usual
system Korean fonts, so a browser only uses it when the system has none, and every page
preloads it (``<link rel="preload" as="font">``, added by the first script of ``<head>``)
so that, where it is used, it arrives with the stylesheets, before the first paint, and
the text does not move when it comes.
A Korean word that no page contains (typed into the search box, say) has no glyph in it.

(Math needs no runtime or font at all: ``_ext/static_math.py`` typesets it into SVG at
build time.)
"""

import hashlib
import html
import logging
import re
import shutil
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

FONT_FILE = "fonts/nanumgothic-site.woff2"
HANGUL = re.compile("[\u1100-\u11ff\u3131-\u318e\uac00-\ud7a3]")

FONT_CSS = """@font-face {
  font-family: "NanumGothic Site";
  src: url("%s") format("woff2");
  unicode-range: U+1100-11FF, U+3130-318F, U+AC00-D7A3;
  font-display: swap;
}
html {
  --pst-font-family-base: -apple-system, BlinkMacSystemFont, "Segoe UI", "Apple SD Gothic Neo",
    "Malgun Gothic", "Noto Sans KR", "Noto Sans CJK KR", "NanumGothic", "NanumGothic Site",
    "Helvetica Neue", Arial, sans-serif;
  --pst-font-family-heading: var(--pst-font-family-base);
  --pst-font-family-monospace: SFMono-Regular, Menlo, Consolas, "Liberation Mono",
    "DejaVu Sans Mono", "D2Coding", "NanumGothicCoding", "NanumGothic Site", monospace;
}
input, button, select, textarea { font-family: inherit; }
""" % FONT_FILE


def site_hangul(outdir):
    """Every Hangul syllable and jamo that the built site can show, sorted: the text of its
    HTML pages (attributes and inline scripts included) and of its scripts."""
    outdir = Path(outdir)
    files = [p for p in outdir.rglob("*.html") if p.relative_to(outdir).parts[0] != "_static"]
    files += list((outdir / "_static").rglob("*.js"))
    files += [outdir / "searchindex.js"]
    chars = set()
    for path in files:
        if path.is_file():
            chars.update(HANGUL.findall(html.unescape(path.read_text(encoding="utf-8",
                                                                     errors="replace"))))
    return "".join(sorted(chars))


def make_korean_font(target, text):
    """Write NanumGothic cut to the characters of ``text`` as WOFF2 to ``target``."""
    import gdlesson
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    options = subset.Options()
    options.flavor, options.hinting, options.layout_features = "woff2", False, ["*"]
    font = TTFont(str(gdlesson.korean_font_path()), recalcTimestamp=False)  # same bytes every build
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    font.flavor = "woff2"
    font.save(str(target))


def _write_font(app, exception):
    """Subset the font to the Hangul of the pages just written (kept in ``_build/font_cache``
    under a hash of its characters, so a rebuild with the same text does not redo it)."""
    if exception is not None or app.builder.format != "html":
        return
    text = site_hangul(app.outdir)
    cache = Path(app.outdir).parent / "font_cache"
    cached = cache / (hashlib.sha256(text.encode("utf-8")).hexdigest()[:16] + ".woff2")
    if not cached.exists():
        shutil.rmtree(cache, ignore_errors=True)
        make_korean_font(cached, text)
    target = Path(app.outdir, "_static", FONT_FILE)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, target)


# A static <link rel="preload" as="font" crossorigin> makes a console error and a failed
# request when the site is opened from file:// (a CORS request from origin "null"), while
# the @font-face load itself works there; so the first thing in <head> adds the link, except
# on file://. It runs before the stylesheets are even requested: the font is fetched with them.
PRELOAD = """<script>if (location.protocol !== "file:") document.head.appendChild(Object.assign(
      document.createElement("link"),
      {rel: "preload", as: "font", type: "font/woff2", crossOrigin: "anonymous", href: "%s"}));</script>"""


def _preload_font(app, pagename, templatename, context, doctree):
    """Every page asks for the font at once, before its stylesheets."""
    href = context["pathto"]("_static/" + FONT_FILE, 1)
    context["metatags"] = context.get("metatags", "") + "\n    " + PRELOAD % href


def _stage(app):
    """Write the font's stylesheet in a staging folder added to ``html_static_path`` (the
    font itself is written when the pages are, see _write_font)."""
    stage = Path(app.outdir).parent / "offline_static"
    stage.mkdir(parents=True, exist_ok=True)
    for old in (stage / "fonts", stage / "mathjax", Path(app.outdir) / "_static" / "mathjax"):
        shutil.rmtree(old, ignore_errors=True)          # left by older builds
    (stage / "korean-font.css").write_text(FONT_CSS, encoding="utf-8")
    app.config.html_static_path.append(str(stage))
    app.add_css_file("korean-font.css")


def setup(app):
    app.connect("builder-inited", _stage)
    app.connect("html-page-context", _preload_font)
    app.connect("build-finished", _write_font)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
