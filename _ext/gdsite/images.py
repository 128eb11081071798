"""Images that keep their place and say what they show.

- Docutils writes an image's size as ``style="width: …; height: …"``, which does not give
  the browser its proportions when the image is scaled down to a phone, and every image
  loads at once. This site's HTML writer for images (registered with
  ``app.add_node(..., override=True)``) writes ``width``/``height`` attributes instead
  (the size IPython gave a 2x figure, else the file's pixels), ``loading="lazy"`` and
  ``decoding="async"``: the page keeps each image's place before it arrives and fetches
  it only when the reader comes near.
- A figure that a cell draws gets its alternative text from the cell's metadata
  (``mystnb: image: alt:``); one with a caption but no alt text gets its caption. An
  image that has neither is a build warning (with ``-W``, an error).
"""

import posixpath
from pathlib import Path
from urllib.parse import quote

from docutils import nodes
from PIL import Image
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.writers.html5 import HTML5Translator

logger = logging.getLogger(__name__)
RASTER = (".png", ".jpg", ".jpeg", ".gif", ".webp")


def _pixels(value):
    """``"562"`` or ``"562px"`` → 562; anything else (%, em) → None."""
    text = str(value).strip().removesuffix("px")
    try:
        return round(float(text))
    except ValueError:
        return None


def visit_image(self, node):
    """``<img src alt width height loading="lazy" decoding="async">`` for a raster image of
    the site; other images (SVG, remote, scaled) as Sphinx writes them."""
    uri = node["uri"]
    if not uri.lower().endswith(RASTER) or "://" in uri or "scale" in node \
            or uri not in self.builder.images:
        HTML5Translator.visit_image(self, node)
        return
    width, height = _pixels(node.get("width", "")), _pixels(node.get("height", ""))
    if width is None or height is None:
        with Image.open(Path(self.builder.srcdir, uri)) as image:
            width, height = image.size
    src = posixpath.join(self.builder.imgpath, quote(self.builder.images[uri]))
    attributes = {"src": src, "alt": node.get("alt", ""), "width": str(width),
                  "height": str(height), "loading": "lazy", "decoding": "async"}
    if "align" in node:
        attributes["class"] = f"align-{node['align']}"
    self.body.append(self.emptytag(node, "img", "\n", **attributes))


def depart_image(self, node):
    HTML5Translator.depart_image(self, node)


class AltText(SphinxPostTransform):
    """A figure's caption as the alternative text of its image when it has none; a warning
    for an image that has neither."""

    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs):
        for image in self.document.findall(nodes.image):
            if image.get("alt"):
                continue
            figure = image.parent
            while figure is not None and not isinstance(figure, nodes.figure):
                figure = figure.parent
            captions = list(figure.findall(nodes.caption)) if figure is not None else []
            if captions:
                image["alt"] = captions[0].astext()
            else:
                logger.warning("image without alternative text: %s (give its cell "
                               "`mystnb: image: alt:` metadata)", image["uri"],
                               location=image, type="gdsite", subtype="alt")


def setup(app):
    app.add_node(nodes.image, override=True, html=(visit_image, depart_image))
    app.add_post_transform(AltText)
