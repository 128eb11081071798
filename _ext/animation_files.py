"""Animation frames as files: a notebook's player carries its frames inside the output
(``gdlesson.animation``); on the site they become image files the player fetches late.

When a page is written, every player found in an output is rebuilt with
``gdlesson.animation.player_markup(embed=False)``: its WebP frames are written to
``_images/gd-anim/<id>/<k>.webp`` and the player's first frame, at its final size, is all
the page itself holds. Pages with a player load the player's style and script
(``gd-player.css``, ``gd-player.js``, taken from the installed gdlesson), others do not.
"""

import base64
import json
import re
from importlib import resources
from pathlib import Path

from docutils import nodes
from gdlesson.animation import player_id, player_markup
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import relative_uri

PLAYER = re.compile(r'<div class="gd-player.*?<script type="application/json" '
                    r'class="gd-player-data">(?P<data>.*?)</script></div>', re.S)
ASSETS = {"gd-player.css": "player.css", "gd-player.js": "player.js"}


def frame_files(outdir, frames):
    """Write ``data:`` URI frames as files under ``_images/gd-anim/<id>/``, the id a hash of
    the frames; their paths."""
    uid = player_id(frames)
    folder = Path(outdir) / "_images" / "gd-anim" / uid
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k, uri in enumerate(frames):
        head, data = uri.split(",", 1)
        suffix = re.match(r"data:image/(\w+);base64", head).group(1)
        path = folder / f"{k:02d}.{suffix}"
        payload = base64.b64decode(data)
        if not path.exists() or path.read_bytes() != payload:
            path.write_bytes(payload)
        paths.append(f"_images/gd-anim/{uid}/{path.name}")
    return paths


class PlayerFrames(SphinxPostTransform):
    """Rebuild each notebook player of a page as a site player with frame files."""

    default_priority = 800
    formats = ("html",)

    def run(self, **kwargs):
        page = self.app.builder.get_target_uri(self.env.docname)
        for raw in list(self.document.findall(nodes.raw)):
            text = raw.astext()
            if "gd-player-data" not in text:
                continue

            def site_player(match):
                data = json.loads(match.group("data"))
                urls = [relative_uri(page, path) for path in
                        frame_files(self.app.outdir, data["frames"])]
                return player_markup(urls, tuple(data["size"]), data["alt"], data["labels"],
                                     data["fps"], data["mode"], data["split"], data["text_pt"],
                                     embed=False)

            text = re.sub(r"<style>.*?</style>", "", text, flags=re.S)
            text = PLAYER.sub(site_player, text)
            text = re.sub(r"<script>.*?</script>", "", text, flags=re.S)
            raw.replace_self(nodes.raw("", text, format="html", classes=raw.get("classes", [])))


def _stage_assets(app):
    stage = Path(app.outdir).parent / "player_static"
    stage.mkdir(parents=True, exist_ok=True)
    for name, source in ASSETS.items():
        text = resources.files("gdlesson").joinpath(source).read_text(encoding="utf-8")
        target = stage / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    app.config.html_static_path.append(str(stage))


def _load_assets(app, pagename, templatename, context, doctree):
    """The player's style and script, on pages that have a player only (called during
    ``html-page-context``, ``add_css_file``/``add_js_file`` add to this page alone)."""
    if 'class="gd-player' in context.get("body", ""):
        app.add_css_file("gd-player.css")
        app.add_js_file("gd-player.js", loading_method="defer")


def setup(app):
    app.connect("builder-inited", _stage_assets)
    app.add_post_transform(PlayerFrames)
    app.connect("html-page-context", _load_assets)
    return {"parallel_read_safe": True, "parallel_write_safe": False}
