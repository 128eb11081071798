"""What each page loads, and when: nothing a page does not use, no script that holds up
its first view.

Sphinx, the theme, MyST-NB and their helpers register the same stylesheets and scripts
for every page. On each page (``html-page-context``, whose ``css_files`` and
``script_files`` are that page's lists) this extension

- drops a component's stylesheet or script when the page's doctree has none of that
  component (:data:`NEEDED_FOR`): code highlighting and copy buttons where there is
  code, MyST-NB's styles on notebook pages, sphinx-design on pages with one of its
  components, sphinx-togglebutton where something toggles; and never loads
  sphinx-thebe (the site has no live-code button);
- loads every script file with ``defer`` (downloaded while the page is parsed, run in
  order once it is parsed), through ``app.add_js_file``;
- writes ``documentation_options.js`` (0.4 KB) inline.

The theme's own files and Font Awesome are handled in ``_templates/layout.html``; the
search scripts and index load on ``search.html`` only (``_templates/search.html``).
"""

import functools
from pathlib import Path

from docutils import nodes

STATIC = "_static/"
NEVER = ("_static/sphinx-thebe.css", "_static/sphinx-thebe.js", "const THEBE_JS_URL")


def _classes(doctree):
    """Every class name used in a page's doctree."""
    found = set()
    for node in doctree.findall(nodes.Element):
        found.update(node.get("classes", ()))
    return found


def _uses_code(doctree, classes):
    return next(iter(doctree.findall(nodes.literal_block)), None) is not None


def _uses_cells(doctree, classes):
    return "cell" in classes


def _uses_design(doctree, classes):
    return any(name.startswith("sd-") for name in classes)


def _uses_tabs(doctree, classes):
    return "sd-tab-set" in classes


def _uses_toggle(doctree, classes):
    return bool({"toggle", "dropdown", "toggle-details"} & classes)


NEEDED_FOR = {   # file (or the start of an inline script) -> does the page use it?
    "_static/pygments.css": _uses_code,
    "_static/copybutton.css": _uses_code,
    "_static/clipboard.min.js": _uses_code,
    "_static/copybutton.js": _uses_code,
    "_static/mystnb.": _uses_cells,                 # mystnb.<hash>.css
    "_static/sphinx-design.min.css": _uses_design,
    "_static/design-tabs.js": _uses_tabs,
    "_static/togglebutton.css": _uses_toggle,
    "_static/togglebutton.js": _uses_toggle,
    "let toggle": _uses_toggle,                     # togglebutton's settings (inline)
    "var togglebutton": _uses_toggle,
}


def _key(asset):
    return asset.filename or asset.attributes.get("body", "")


def _needed(asset, doctree, classes):
    key = _key(asset)
    if key.startswith(NEVER):
        return False
    for prefix, uses in NEEDED_FOR.items():
        if key.startswith(prefix):
            return doctree is not None and uses(doctree, classes)
    return True


@functools.lru_cache(maxsize=None)
def _inline_text(path):
    return Path(path).read_text(encoding="utf-8").strip()


def _page_assets(app, pagename, templatename, context, doctree):
    if "css_files" not in context or "script_files" not in context:
        return
    classes = _classes(doctree) if doctree is not None else set()
    css, scripts = context["css_files"], context["script_files"]
    css[:] = [asset for asset in css if _needed(asset, doctree, classes)]
    kept = [asset for asset in scripts if _needed(asset, doctree, classes)]
    scripts[:] = []
    for asset in kept:
        attributes, priority, name = dict(asset.attributes), asset.priority, asset.filename
        if name == "_static/documentation_options.js":
            app.add_js_file(None, body=_inline_text(Path(app.outdir, name)), priority=priority)
        elif name and name.startswith(STATIC) and not {"async", "defer"} & set(attributes):
            app.add_js_file(name[len(STATIC):], priority=priority, loading_method="defer",
                            **attributes)
        else:
            scripts.append(asset)


def setup(app):
    app.connect("html-page-context", _page_assets, priority=900)   # after the themes' handlers
