"""Serve a Korean font from the site itself: Korean text with no network.

Korean text needs a Korean font. Readers' systems usually have one, but not every
machine does (a bare Linux shows boxes), so the site carries its own: NanumGothic
(from the ``koreanize-matplotlib`` wheel, the font of the figures) cut down to the
2,350 common Hangul syllables of KS X 1001, Hangul jamo and Latin text, as a 140 KB
WOFF2. It is listed after the usual system Korean fonts, so a browser only loads it
when the system has none.

(Math needs no runtime or font at all: ``_ext/static_math.py`` typesets it into SVG at
build time.)
"""

import logging
import shutil
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

FONT_FILE = "fonts/nanumgothic-ks.woff2"

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


def korean_subset_text():
    """Characters kept in the web font: Latin text, punctuation, jamo, KS X 1001 Hangul."""
    ranges = [(0x20, 0x7F), (0xA0, 0x100), (0x2010, 0x2070), (0x3131, 0x318F)]
    chars = {chr(c) for lo, hi in ranges for c in range(lo, hi)}
    chars |= {chr(c) for c in range(0xAC00, 0xD7A4)
              if len(chr(c).encode("euc_kr", errors="ignore")) == 2}
    return "".join(sorted(chars))


def make_korean_font(target):
    """Write the NanumGothic subset as WOFF2 to ``target``."""
    import gdlesson
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    options = subset.Options()
    options.flavor, options.hinting, options.layout_features = "woff2", False, ["*"]
    font = TTFont(str(gdlesson.korean_font_path()), recalcTimestamp=False)  # same bytes every build
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=korean_subset_text())
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    font.flavor = "woff2"
    font.save(str(target))


def _stage(app):
    """Make the font in a staging folder added to ``html_static_path``."""
    stage = Path(app.outdir).parent / "offline_static"
    for old in (stage / "mathjax", Path(app.outdir) / "_static" / "mathjax"):   # left by older builds
        shutil.rmtree(old, ignore_errors=True)
    if not (stage / FONT_FILE).exists():
        make_korean_font(stage / FONT_FILE)
    (stage / "korean-font.css").write_text(FONT_CSS, encoding="utf-8")
    app.config.html_static_path.append(str(stage))
    app.add_css_file("korean-font.css")


def setup(app):
    app.connect("builder-inited", _stage)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
