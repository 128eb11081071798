"""Fixes to what Jupyter Book 1 adds to every page by default.

- sphinx-thebe (live code cells, which this site does not offer) registers its
  configuration script on every read pass, so an incremental build repeats
  ``const THEBE_JS_URL = …`` and the browser stops with "Identifier 'THEBE_JS_URL' has
  already been declared". The site has no Thebe button, so its listeners are removed.
"""

import sphinx_thebe


def _drop_thebe(app):
    for event, listeners in app.events.listeners.items():
        listeners[:] = [entry for entry in listeners
                        if getattr(entry.handler, "__module__", "") != sphinx_thebe.__name__]


def setup(app):
    app.connect("builder-inited", _drop_thebe)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
