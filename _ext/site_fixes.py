"""Fixes to what Jupyter Book 1 and MyST-NB put on every page by default.

- sphinx-thebe (live code cells, which this site does not offer) registers its
  configuration script on every read pass, so an incremental build repeats
  ``const THEBE_JS_URL = …`` and the browser stops with "Identifier 'THEBE_JS_URL' has
  already been declared". The site has no Thebe button, so its listeners are removed.
- MyST-NB labels the "코드 보기" toggle of a hidden cell ``aria-label="Toggle hidden
  content"``, an English name that hides the visible Korean one from screen readers, and
  puts ``<p>`` in its ``<summary>``; the toggle is written without either.
- A figure that a cell draws gets its file name as alternative text. It gets the
  figure's caption instead, or a short Korean description when it has none.
- Docutils writes an image's size as ``style="width: …; height: …"``, which does not
  give the browser its proportions when the image is scaled down to a phone, and images
  load at once. Every ``<img>`` gets ``width``/``height`` attributes instead (from the
  size IPython gave a 2x figure, else the file's pixels), ``loading="lazy"`` and
  ``decoding="async"``: the page keeps the image's place before it arrives and fetches
  it only when the reader comes near.
"""

import os
import re
from html import escape

from docutils import nodes
from PIL import Image
from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator
import sphinx_thebe

UNCAPTIONED_ALT = "코드 셀이 그린 그림"


def _drop_thebe(app):
    for listeners in app.events.listeners.values():
        listeners[:] = [entry for entry in listeners
                        if getattr(entry.handler, "__module__", "") != sphinx_thebe.__name__]


def visit_hidden_cell(self, node):
    """MyST-NB's toggle, named by its visible text only, with phrasing content in its
    ``<summary>`` (a ``<p>`` there is invalid HTML)."""
    classes = " ".join(node["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n<summary>\n')
    self.body.append(f'<span class="collapsed admonition-title">{escape(node["prompt_show"])}</span>\n')
    self.body.append(f'<span class="expanded admonition-title">{escape(node["prompt_hide"])}</span>\n')
    self.body.append("</summary>\n")


class FigureAltText(SphinxPostTransform):
    """Give every image without alternative text its figure's caption (or a description)."""

    default_priority = 900

    def run(self, **kwargs):
        for image in self.document.findall(nodes.image):
            if image.get("alt"):
                continue
            figure = image.parent
            while figure is not None and not isinstance(figure, nodes.figure):
                figure = figure.parent
            captions = list(figure.findall(nodes.caption)) if figure is not None else []
            image["alt"] = captions[0].astext() if captions else UNCAPTIONED_ALT


_STYLE_SIZE = re.compile(r' style="width: ([\d.]+)px; height: ([\d.]+)px;"')


def visit_image(self, node):
    """Sphinx's ``<img>``, sized by attributes, lazy and decoded off the main thread."""
    source = os.path.join(self.builder.srcdir, node["uri"])
    if not ("width" in node and "height" in node) and os.path.isfile(source):
        with Image.open(source) as image:
            node["width"], node["height"] = (str(v) for v in image.size)
    start = len(self.body)
    HTML5Translator.visit_image(self, node)
    for index in range(start, len(self.body)):
        if self.body[index].startswith("<img "):
            tag = _STYLE_SIZE.sub(lambda m: f' width="{round(float(m[1]))}" height="{round(float(m[2]))}"',
                                  self.body[index])
            self.body[index] = tag.replace("<img ", '<img loading="lazy" decoding="async" ', 1)


def setup(app):
    app.connect("builder-inited", _drop_thebe)
    app.add_node(HideCodeCellNode, override=True, html=(visit_hidden_cell, depart_HideCellInput))
    app.add_post_transform(FigureAltText)
    app.add_node(nodes.image, override=True, html=(visit_image, HTML5Translator.depart_image))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
