"""What each page loads, and when: nothing in ``<head>`` holds up the first view for a script.

sphinx-book-theme, MyST-NB and their helpers add the same stylesheets and scripts to every
page, each script loaded before the page is shown. This extension (with the templates in
``_templates/``) changes that:

- Font Awesome is gone: no ``all.min.css``, no three preloaded web fonts, no 1.5 MB
  ``all.min.js``, and its files are not copied into the site. The icons that the theme's
  templates write as ``<i class="fa-…">`` are drawn by ``_static/icons.css`` (inline SVG).
- The theme's own stylesheets are linked like every other one, ``basic.css`` directly
  rather than through ``theme.css``'s ``@import`` (one round trip fewer).
- Every script file is loaded with ``defer``: downloaded while the page is parsed, run in
  order once it is parsed. The theme's two scripts, which it puts at the end of ``<body>``,
  move to ``<head>`` with ``defer`` after the others, in the same order. The few inline
  scripts stay where they are: the theme's colour-mode script (it must run before the first
  paint, or a dark-mode reader sees a white flash) and small settings read by the deferred
  scripts. ``documentation_options.js`` (0.4 KB, read by an inline script) is written
  inline instead. The search scripts and index load on ``search.html`` only
  (``_templates/search.html``).
- A page loads a component's stylesheet or script only if the page uses the component
  (``NEEDED_FOR`` below): code highlighting and copy buttons where there is code, MyST-NB's
  styles on notebook pages, sphinx-design on pages with one of its components,
  sphinx-togglebutton where something toggles. sphinx-thebe's stylesheet is never loaded:
  the site has no live-code button (``_ext/site_fixes.py``).

``site_tests/test_phone_menu.py`` checks the result in a browser: no Font Awesome, the search
scripts on search.html only, every icon drawn.
"""

import re
import shutil
from pathlib import Path

from sphinx.builders.html._assets import _CascadingStyleSheet, _JavaScript

THEME_CSS = ["_static/basic.css", "_static/styles/bootstrap.css",
             "_static/styles/pydata-sphinx-theme.css"]
THEME_JS = ["_static/scripts/bootstrap.js", "_static/scripts/pydata-sphinx-theme.js"]
NEVER = {"_static/sphinx-thebe.css"}
FONT_AWESOME = "_static/vendor/fontawesome"

# a class an element of the page body has when the page uses a component
_CODE = r"highlight"
_CELL = r"cell"
_DESIGN = r"sd-[\w-]+"
_TOGGLE = r"toggle|dropdown|toggle-details"
NEEDED_FOR = {   # file (or inline script that starts with the text) -> class pattern
    "_static/pygments.css": _CODE,
    "_static/copybutton.css": _CODE,
    "_static/clipboard.min.js": _CODE,
    "_static/copybutton.js": _CODE,
    "_static/mystnb.": _CELL,                 # mystnb.<hash>.css
    "_static/sphinx-design.min.css": _DESIGN,
    "_static/design-tabs.js": r"sd-tab-set",
    "_static/togglebutton.css": _TOGGLE,
    "_static/togglebutton.js": _TOGGLE,
    "let toggle": _TOGGLE,                    # togglebutton's settings (inline)
    "var togglebutton": _TOGGLE,
}


def _uses(body, pattern):
    """Whether an element of ``body`` has a class that matches ``pattern`` exactly."""
    return re.search(r'class="(?:[^"]*\s)?(?:%s)(?:\s[^"]*)?"' % pattern, body) is not None


def _key(asset):
    return asset.filename or asset.attributes.get("body", "")


def _needed(asset, body):
    key = _key(asset)
    if key in NEVER:
        return False
    for prefix, pattern in NEEDED_FOR.items():
        if key.startswith(prefix):
            return _uses(body, pattern)
    return True


def _page_assets(app, pagename, templatename, context, doctree):
    if "css_files" not in context or "script_files" not in context:
        return
    body = context.get("body") or ""
    css = [_CascadingStyleSheet(name, priority=100) for name in THEME_CSS]
    css += [c for c in context["css_files"] if _needed(c, body) and c.filename not in THEME_CSS]
    context["css_files"] = css

    scripts = []
    for js in context["script_files"]:
        if not _needed(js, body):
            continue
        if js.filename == "_static/documentation_options.js":
            js = _JavaScript(None, priority=js.priority, body=_documentation_options(app))
        elif js.filename and "://" not in js.filename and not {"async", "defer"} & set(js.attributes):
            js = _JavaScript(js.filename, priority=js.priority, **js.attributes, defer="defer")
        scripts.append(js)
    scripts += [_JavaScript(name, priority=1000, defer="defer") for name in THEME_JS]
    context["script_files"] = scripts


def _documentation_options(app):
    """The text of documentation_options.js (the same for every page), read once."""
    if not hasattr(app, "_gd_documentation_options"):
        path = Path(app.outdir, "_static", "documentation_options.js")
        app._gd_documentation_options = path.read_text(encoding="utf-8").strip()
    return app._gd_documentation_options


def _drop_font_awesome(app, exception):
    if exception is None and app.builder.format == "html":
        shutil.rmtree(Path(app.outdir, FONT_AWESOME), ignore_errors=True)


def setup(app):
    app.connect("html-page-context", _page_assets, priority=900)   # after the themes' handlers
    app.connect("build-finished", _drop_font_awesome)
    app.add_css_file("icons.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
