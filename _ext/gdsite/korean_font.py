"""A Korean font served by the site itself: Korean text with no network.

Korean text needs a Korean font. Readers' systems usually have one, but not every machine
does (a bare Linux shows boxes), so the site carries its own: NanumGothic (from the
``koreanize-matplotlib`` wheel, the font of the figures) cut down to the Hangul that the
built site shows. When the build has written every page, the Hangul syllables and jamo of
all HTML pages and of the site's scripts (the search page's messages, the α explorer's
labels) are collected and the font is subset to exactly those, sorted, so that the same
pages give the same bytes. Latin letters, digits and punctuation are not in it.

The ``@font-face`` rule (its ``unicode-range`` gives it Hangul only, and it comes after
the usual system Korean fonts) is in ``book/_static/site.css``; every page preloads the
font (``_templates/layout.html``), so where it is used it arrives before the first paint.
A Korean word that no page contains (typed into the search box, say) has no glyph in it.
"""

import hashlib
import html
import logging
import re
import shutil
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from .common import build_dir, write_output

FONT_FILE = "_static/fonts/nanumgothic-site.woff2"
HANGUL = re.compile("[\u1100-\u11ff\u3131-\u318e\uac00-\ud7a3]")


def site_hangul(outdir):
    """Every Hangul syllable and jamo that the built site can show, sorted: the text of its
    HTML pages (attributes and inline scripts included) and of its scripts."""
    outdir = Path(outdir)
    files = [p for p in outdir.rglob("*.html") if p.relative_to(outdir).parts[0] != "_static"]
    files += list((outdir / "_static").rglob("*.js")) + [outdir / "searchindex.js"]
    chars = set()
    for path in files:
        if path.is_file():
            text = html.unescape(path.read_text(encoding="utf-8", errors="replace"))
            chars.update(HANGUL.findall(text))
    return "".join(sorted(chars))


def make_korean_font(target, text):
    """Write NanumGothic cut to the characters of ``text`` as WOFF2 to ``target``."""
    from gdlesson import korean_font_path

    logging.getLogger("fontTools").setLevel(logging.ERROR)
    options = subset.Options()
    options.flavor, options.hinting, options.layout_features = "woff2", False, ["*"]
    font = TTFont(str(korean_font_path()), recalcTimestamp=False)   # same bytes every build
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    save_font(font, target)


def save_font(font, target):
    """Save a fontTools font as WOFF2 at ``target``, whole or not at all (a cached font
    is never half written)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    font.flavor = "woff2"
    font.save(str(partial))
    partial.replace(target)


def _write_font(app, exception):
    """Subset the font to the Hangul of the pages just written (kept in ``_build/font_cache``
    under a hash of its characters, so a rebuild with the same text does not redo it)."""
    if exception is not None or app.builder.format != "html":
        return
    text = site_hangul(app.outdir)
    cache = build_dir(app) / "font_cache"
    cached = cache / (hashlib.sha256(text.encode("utf-8")).hexdigest()[:16] + ".woff2")
    if not cached.exists():
        shutil.rmtree(cache, ignore_errors=True)
        make_korean_font(cached, text)
    write_output(app, FONT_FILE, cached.read_bytes())


def setup(app):
    app.connect("build-finished", _write_font)
