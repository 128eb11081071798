"""Which stylesheets and scripts a page loads (``_ext/gdsite/assets.py``), decided from the
page's doctree, and the alternative text of images (``_ext/gdsite/images.py``); no site
build needed."""

from types import SimpleNamespace

from docutils import nodes
from docutils.core import publish_doctree

import site_extensions  # noqa: F401  (puts _ext on the path)
from gdsite import assets

PROSE = publish_doctree("Title\n=====\n\nJust a paragraph.\n")
CODE = publish_doctree("Title\n=====\n\n::\n\n    print(1)\n")


def _asset(filename, body=None):
    return SimpleNamespace(filename=filename, attributes={"body": body} if body else {},
                           priority=500)


def _loads(name, doctree, body=None):
    return assets._needed(_asset(name, body), doctree, assets._classes(doctree))


def test_code_styles_and_copy_buttons_only_where_there_is_code():
    for name in ["_static/pygments.css", "_static/copybutton.js", "_static/clipboard.min.js"]:
        assert _loads(name, CODE) and not _loads(name, PROSE)


def test_notebook_and_toggle_styles_follow_classes():
    cell = publish_doctree("Title\n=====\n\n.. container:: cell\n\n   text\n")
    assert _loads("_static/mystnb.0123.css", cell) and not _loads("_static/mystnb.0123.css", PROSE)
    toggle = publish_doctree("Title\n=====\n\n.. note::\n   :class: dropdown\n\n   hidden\n")
    assert _loads("_static/togglebutton.js", toggle) and not _loads("_static/togglebutton.js", PROSE)
    assert _loads(None, toggle, body="let toggleHintShow = 1") and not _loads(None, PROSE, body="let toggleHintShow = 1")


def test_thebe_is_never_loaded_and_the_rest_always():
    assert not _loads("_static/sphinx-thebe.js", CODE)
    assert not _loads(None, CODE, body='const THEBE_JS_URL = "x"')
    assert _loads("_static/site.css", PROSE) and _loads("_static/doctools.js", PROSE)
    assert assets._needed(_asset("_static/pygments.css"), None, set()) is False   # no doctree


def test_classes_are_collected_from_every_element():
    doctree = publish_doctree("Title\n=====\n\n.. container:: sd-card other\n\n   text\n")
    assert {"sd-card", "other"} <= assets._classes(doctree)
    assert isinstance(next(doctree.findall(nodes.container)), nodes.container)
