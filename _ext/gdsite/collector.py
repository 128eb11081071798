"""Python's cyclic garbage collector and the build's long-lived objects.

A build is one short process that piles up objects which live until it ends: the loaded
extensions and libraries (PyTorch's modules for the API page among them), then the
environment with every page's doctree. Python's collector scans all of them again at
each full collection, and once more when the process ends: about 3 s of a clean build
here, a second of it after the last page is written. ``gc.freeze()`` (Python's own API
for a large, long-lived object graph) moves the objects made so far out of its sight at
the points where they are known to stay: once the extensions are loaded, once every page
is read, and when the build has finished. Objects made later are collected as usual.
"""

import gc


def freeze(*args):
    """Leave every object made so far out of later collections."""
    gc.freeze()


def setup(app):
    app.connect("config-inited", freeze)
    app.connect("env-updated", freeze)
    app.connect("build-finished", freeze, priority=1000)    # after every other handler
