"""Players on a Sphinx site built with MyST-NB, frames as image files.

A notebook output of a :class:`~gdlesson.player.Player` carries the player's data as
``application/vnd.gdlesson.player+json``. On an HTML build:

- ``PlayerRenderer``, a MyST-NB MIME render plugin (entry point group
  ``myst_nb.mime_renderers``, declared in this package's metadata), prefers that data to
  the output's HTML and turns it into a ``player`` node;
- the node's HTML visitor writes the frames as ``_images/gd-anim/<id>/<k>.webp`` and
  the page holds only the first frame at its final size (and the four frames of the
  printed strip); ``gd-player.js`` fetches the others when the reader reaches for the
  player;
- pages with a player load ``gd-player.css`` and ``gd-player.js``, others do not;
- a cell's ``mystnb: image: alt:`` metadata replaces the player's own description of
  what it shows. (A cell with ``mystnb: figure:`` metadata puts its player in a numbered
  figure with that caption, as MyST-NB does for any output.)

Use it by adding ``gdlesson.sphinxext`` to the Sphinx extensions (in Jupyter Book 1:
``sphinx: extra_extensions``) with gdlesson installed in the build's environment.
Builders other than HTML leave the player out (its text form says what it was).
"""

import posixpath
from pathlib import Path

from docutils import nodes

from . import __version__
from .player import MIME_TYPE, SCRIPT_FILE, STYLE_FILE, read_payload

FRAME_FOLDER = "gd-anim"
HTML_BUILDERS = ("html", "dirhtml", "singlehtml")


class player(nodes.General, nodes.Element):
    """A player on a page; ``node["payload"]`` is its data with frames as data URIs."""


class PlayerRenderer:
    """MyST-NB MIME render plugin: a player output becomes a ``player`` node."""

    # text/html has priority 30 on HTML builders: the player's data comes first
    mime_priority_overrides = [(builder, MIME_TYPE, 25) for builder in HTML_BUILDERS]

    @staticmethod
    def handle_mime(renderer, data, inline):
        """A ``player`` node for the player's data; None for any other output."""
        if data.mime_type != MIME_TYPE:
            return None
        payload = read_payload(data.content).payload()
        alt = data.cell_metadata.get("mystnb", {}).get("image", {}).get("alt")
        if alt:                                  # the cell says what its animation shows
            payload["alt"] = str(alt)
        return [player(payload=payload)]


def frame_files(outdir, node_player):
    """Write the frames of a player under ``_images/gd-anim/<id>/`` in ``outdir`` (a file is
    written only when its bytes differ); their paths relative to ``_images``."""
    folder = Path(outdir, "_images", FRAME_FOLDER, node_player.id)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k, (kind, data) in enumerate(node_player.frame_bytes()):
        path = folder / f"{k:02d}.{kind}"
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
        paths.append(posixpath.join(FRAME_FOLDER, node_player.id, path.name))
    return paths


def visit_player_html(self, node):
    """The site's player: frame files, fetched late, and a printed strip."""
    embedded = read_payload(node["payload"])
    urls = [posixpath.join(self.builder.imgpath, path)
            for path in frame_files(self.builder.outdir, embedded)]
    self.body.append(embedded.with_frames(urls).html(embed=False))
    raise nodes.SkipNode


def skip_player(self, node):
    """Other builders leave the player out."""
    raise nodes.SkipNode


def _static_path(app, config):
    config.html_static_path.append(str(Path(__file__).with_name("static")))


def _player_assets(app, pagename, templatename, context, doctree):
    """The player's style and script, on the pages that have a player only."""
    if doctree is not None and next(iter(doctree.findall(player)), None) is not None:
        app.add_css_file(STYLE_FILE)
        app.add_js_file(SCRIPT_FILE, loading_method="defer")


def setup(app):
    app.add_node(player, html=(visit_player_html, None), latex=(skip_player, None),
                 text=(skip_player, None), man=(skip_player, None), texinfo=(skip_player, None))
    app.connect("config-inited", _static_path)
    app.connect("html-page-context", _player_assets)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
