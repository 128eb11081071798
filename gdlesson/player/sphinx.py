"""MyST-NB로 빌드하는 Sphinx 사이트에 플레이어를 넣고, 프레임은 이미지 파일로 씁니다.

노트북 출력에 있는 :class:`~gdlesson.Player` 객체는 플레이어의 데이터를
``application/vnd.gdlesson.player+json`` 형식으로 담고 있습니다. HTML로 빌드할 때는 다음과 같습니다.

- MyST-NB의 MIME 렌더 플러그인인 ``PlayerRenderer`` 클래스(진입점 그룹
  ``myst_nb.mime_renderers``, 이 패키지의 메타데이터에 선언)가 출력의 HTML보다 이 데이터를
  먼저 골라 ``player`` 노드로 바꿉니다.
- 노드의 HTML 방문자(visitor)가 프레임을 ``_images/gd-anim/<id>/<k>.webp`` 파일로 쓰고,
  페이지에는 최종 크기의 첫 프레임(과 인쇄용 띠의 네 프레임)만 들어갑니다. 나머지 프레임은
  독자가 플레이어를 쓰려고 할 때 ``gd-player.js`` 스크립트가 가져옵니다.
- 플레이어가 있는 페이지만 ``gd-player.css`` 파일과 ``gd-player.js`` 파일을 불러옵니다.
- 셀에 ``mystnb: image: alt:`` 메타데이터가 있으면, 애니메이션이 무엇을 보여 주는지 플레이어가
  스스로 적은 설명 대신 그 글을 씁니다. (``mystnb: figure:`` 메타데이터가 있는 셀은, MyST-NB가
  모든 출력에 하듯이, 플레이어를 그 캡션이 달린 번호 붙은 그림 안에 넣습니다.)

쓰려면 빌드 환경에 gdlesson을 설치하고 ``gdlesson.player.sphinx`` 확장을 Sphinx 확장 목록에
더하세요(Jupyter Book 1에서는 ``sphinx: extra_extensions`` 항목). HTML이 아닌 빌더는 플레이어를
넣지 않습니다(플레이어의 텍스트 형태가 그것이 무엇이었는지 알려 줍니다). gdlesson이 설치되지 않고
경로로만 보이면 MyST-NB가 플러그인을 찾지 못해 프레임을 HTML 안에 그대로 쓰게 되므로, 이 확장은
빌드를 멈추고 까닭을 알려 줍니다.
"""

import posixpath
from importlib.metadata import entry_points
from pathlib import Path

from docutils import nodes
from sphinx.errors import ExtensionError

from .. import __version__
from .core import MIME_TYPE, SCRIPT_FILE, STYLE_FILE, read_payload

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


def require_renderer(name, renderer):
    """Stop the build unless MyST-NB will find ``renderer`` under the entry point ``name``.

    MyST-NB looks its MIME render plugins up only in the entry points of installed
    distributions. With gdlesson merely importable (a checkout on ``PYTHONPATH``) the
    extension loads but the plugin is never called, and MyST-NB quietly writes the output's
    ``text/html`` instead: every frame inline, as base64.
    """
    found = [ep for ep in entry_points(group="myst_nb.mime_renderers") if ep.name == name]
    target = f"{renderer.__module__}:{renderer.__qualname__}"
    if [ep.value for ep in found] != [target]:
        where = Path(__file__).parents[2]
        raise ExtensionError(
            f"gdlesson is importable from {where} but not installed with its entry point "
            f"{name!r} (myst_nb.mime_renderers → {target}; found {[ep.value for ep in found]}). "
            "MyST-NB finds render plugins only in installed packages, so the pages' outputs "
            "would be written inline instead. Install gdlesson: `pip install -r "
            "requirements.txt` (its last line, `-e .`, installs this checkout) or `pip install -e .`.")


def _check_renderer(app, config):
    require_renderer("gdlesson-player", PlayerRenderer)


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
    app.connect("config-inited", _check_renderer)
    app.connect("config-inited", _static_path)
    app.connect("html-page-context", _player_assets)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
