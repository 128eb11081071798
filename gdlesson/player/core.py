"""The player: an animation as data (frames, one caption each, how to play them) and its
HTML, for notebooks and for the site.

- :class:`Player` is the data. A notebook shows it from its MIME bundle: ``text/html``
  (the player with its frames, style and script inside the output) and
  ``application/vnd.gdlesson.player+json`` (:data:`MIME_TYPE`, the same data as JSON),
  which a site build renders with frames as files (:mod:`gdlesson.player.sphinx`).
- :func:`read_payload` is the one reader of that JSON, wherever it comes from: a
  notebook output, or the players of a built page (:func:`find_players`).
- Frames are lossless WebP on one palette that keeps the figure's key colours exact,
  made by :mod:`gdlesson.player.recorder` from any matplotlib animation.
- The player's controls are plain HTML, CSS and JavaScript from this package
  (``static/gd-player.js``, ``static/gd-player.css``): a slider, ◁ ▶ ▷ … buttons and the
  한 번/반복/왕복 modes, all with Korean names; nothing is fetched from another host. On a
  narrow screen two side-by-side panels are stacked, so their text stays readable;
  printed, the player is a strip of captioned frames.

This module needs neither matplotlib nor numpy, so a site build reads players cheaply.
"""

import base64
import dataclasses
import html
import json
from html.parser import HTMLParser
from importlib import resources

from .._checks import check_choice, check_real

MIME_TYPE = "application/vnd.gdlesson.player+json"
MODES = ("once", "loop", "reflect")
STRIP_FRAMES = 4            # the printed strip: the first frame, two between, the last
DATA_CLASS = "gd-player-data"
STYLE_FILE, SCRIPT_FILE = "gd-player.css", "gd-player.js"
FIELDS = ("id", "frames", "labels", "width", "height", "alt", "fps", "mode", "split", "color")


@dataclasses.dataclass(frozen=True)
class Player:
    """플레이어가 보여 주는 그대로의 애니메이션 데이터입니다.

    Parameters
    ----------
    id : str
        페이지 안에서 플레이어를 가리키는 이름(프레임들의 해시: 프레임이 같으면 id도 같습니다).
    frames : tuple of str
        프레임 주소들. 노트북에서는 ``data:image/webp;base64,…`` URI, 사이트에서는 파일 URL입니다.
    labels : tuple of str
        프레임마다 캡션 하나. 프레임 아래와 인쇄용 띠에 보입니다.
    width : int
        프레임의 너비(CSS 픽셀).
    height : int
        프레임의 높이(CSS 픽셀).
    alt : str
        그림을 보지 못하는 독자를 위해, 애니메이션이 무엇을 보여 주는지 적은 글.
    fps : float, default=5.0
        초당 프레임 수.
    mode : {"once", "loop", "reflect"}, default="loop"
        마지막 프레임 뒤에 어떻게 할지.
    split : float or None, default=None
        나란히 놓인 두 패널이 만나는 곳(너비에 대한 비율). 좁은 화면에서는 두 패널을 위아래로
        쌓아 보여 줍니다. None이면 프레임을 나누지 않습니다.
    color : str or None, default=None
        캡션 옆에 보이는 강조색(학습률의 색).
    """

    id: str
    frames: tuple
    labels: tuple
    width: int
    height: int
    alt: str
    fps: float = 5.0
    mode: str = "loop"
    split: float = None
    color: str = None

    def payload(self):
        """플레이어를 JSON으로 바로 바꿀 수 있는 데이터로 돌려줍니다(``application/vnd.gdlesson.player+json`` 출력).

        Returns
        -------
        payload : dict
            필드마다 키 하나. 튜플은 리스트가 됩니다.
        """
        return {name: list(value) if isinstance(value, tuple) else value
                for name, value in dataclasses.asdict(self).items()}

    def with_frames(self, frames):
        """프레임 주소만 바꾼 같은 플레이어를 돌려줍니다(예: data URI 대신 파일).

        Parameters
        ----------
        frames : sequence of str
            프레임마다 주소 하나.

        Returns
        -------
        player : Player
        """
        return read_payload({**self.payload(), "frames": list(frames)})

    def frame_bytes(self):
        """``data:`` URI로 된 각 프레임의 이미지 바이트를 돌려줍니다.

        Returns
        -------
        images : list of (str, bytes)
            각 프레임의 이미지 형식(``"webp"``)과 바이트.
        """
        images = []
        for uri in self.frames:
            head, _, data = uri.partition(",")
            if not (head.startswith("data:image/") and head.endswith(";base64")):
                raise ValueError(f"frame is not a data URI of an image: {uri[:40]!r}")
            images.append((head[len("data:image/"):-len(";base64")], base64.b64decode(data)))
        return images

    def html(self, embed=True):
        """플레이어의 HTML을 돌려줍니다.

        Parameters
        ----------
        embed : bool, default=True
            True는 노트북 출력용으로, 스타일과 스크립트가 함께 들어갑니다. False는
            ``gd-player.css`` 파일과 ``gd-player.js`` 파일을 스스로 불러오는 페이지용이며, 이때
            페이지에는 캡션이 달린 프레임들로 된 인쇄용 띠도 들어갑니다.

        Returns
        -------
        html : str
        """
        markup = _markup(self, strip=not embed)
        if not embed:
            return markup
        return f"<style>{_asset(STYLE_FILE)}</style>{markup}<script>{_asset(SCRIPT_FILE)}</script>"

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {MIME_TYPE: self.payload(), "text/html": self.html(), "text/plain": repr(self)}

    def __repr__(self):
        return f"<Player {self.id}: {len(self.frames)} frames, {self.alt}>"


def read_payload(payload):
    """모든 필드를 검사한 뒤, JSON 데이터로부터 :class:`Player` 객체를 만듭니다.

    플레이어 데이터를 읽는 유일한 함수입니다. 사이트 빌드는 이 함수로 노트북 출력을 읽고,
    검사와 벤치마크는 이 함수로 빌드된 페이지의 플레이어를 읽습니다(:func:`find_players`).

    Parameters
    ----------
    payload : dict or str
        :meth:`Player.payload` 메서드가 주는 데이터, 또는 그 JSON 텍스트.

    Returns
    -------
    player : Player
    """
    if isinstance(payload, (str, bytes)):
        payload = json.loads(payload)
    if not isinstance(payload, dict):
        raise TypeError(f"player payload must be a dict or JSON text, got {type(payload).__name__}")
    missing = [name for name in ("id", "frames", "labels", "width", "height", "alt")
               if name not in payload]
    unknown = sorted(set(payload) - set(FIELDS))
    if missing or unknown:
        raise ValueError(f"player payload: missing {missing}, unknown {unknown}")
    frames, labels = payload["frames"], payload["labels"]
    if not frames or not all(isinstance(f, str) for f in frames):
        raise ValueError("player payload: 'frames' must be a non-empty list of addresses")
    if len(labels) != len(frames) or not all(isinstance(t, str) for t in labels):
        raise ValueError(f"player payload: 'labels' must hold one caption per frame "
                         f"({len(frames)} frames, {len(labels)} labels)")
    for name in ("width", "height"):
        if isinstance(payload[name], bool) or not isinstance(payload[name], int) \
                or payload[name] <= 0:
            raise ValueError(f"player payload: '{name}' must be a positive integer, "
                             f"got {payload[name]!r}")
    split = payload.get("split")
    if split is not None and not 0 < split < 1:
        raise ValueError(f"player payload: 'split' must be None or in (0, 1), got {split!r}")
    return Player(id=str(payload["id"]), frames=tuple(frames), labels=tuple(labels),
                  width=payload["width"], height=payload["height"], alt=str(payload["alt"]),
                  fps=check_real("player payload 'fps'", payload.get("fps", 5.0), positive=True),
                  mode=check_choice("player payload 'mode'", payload.get("mode", "loop"), MODES),
                  split=split, color=payload.get("color"))


class _PlayerScripts(HTMLParser):
    """Collects the text of every ``<script class="gd-player-data">`` of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self.inside = [], False

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "script" and DATA_CLASS in classes:
            self.inside = True
            self.found.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.found[-1] += data


def find_players(page_html):
    """HTML 페이지(빌드된 사이트 페이지나 노트북 출력)에 있는 모든 플레이어를 순서대로 찾습니다.

    Parameters
    ----------
    page_html : str
        HTML 텍스트.

    Returns
    -------
    players : list of Player
    """
    parser = _PlayerScripts()
    parser.feed(page_html)
    parser.close()
    return [read_payload(text) for text in parser.found]


# --- markup ------------------------------------------------------------------------------

def _asset(name):
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


BUTTONS = [("slower", "느리게", "−"), ("first", "첫 프레임", "⇤"), ("previous", "이전 프레임", "◁"),
           ("reverse", "거꾸로 재생", "◀"), ("pause", "일시정지", "❚❚"), ("play", "재생", "▶"),
           ("next", "다음 프레임", "▷"), ("last", "마지막 프레임", "⇥"), ("faster", "빠르게", "+")]
MODE_NAMES = [("once", "한 번"), ("loop", "반복"), ("reflect", "왕복")]


def strip_frames(count):
    """Indices of the frames of the printed strip: the first, two between, the last."""
    return sorted({round(i * (count - 1) / (STRIP_FRAMES - 1)) for i in range(STRIP_FRAMES)})


def _markup(player, strip):
    """The player's HTML element (its data as JSON inside, read by ``gd-player.js``)."""
    attr = lambda text: html.escape(text, quote=True)   # noqa: E731

    def img(src, alt, extra=""):
        lazy = ' loading="lazy"' if strip else ""
        return (f'<img src="{attr(src)}" alt="{attr(alt)}" width="{player.width}" '
                f'height="{player.height}" decoding="async"{lazy}{extra}>')

    halves = ""
    if player.split:
        left, right = player.split, 1 - player.split
        top = img(player.frames[0], "", f' style="width: {100 / left:.4g}%"')
        bottom = img(player.frames[0], "", f' style="width: {100 / right:.4g}%; '
                                           f'margin-left: {-100 * left / right:.4g}%"')
        halves = ('<div class="gd-halves" aria-hidden="true">'
                  f'<div class="gd-half" style="aspect-ratio: {left * player.width:g} / '
                  f'{player.height}">{top}</div>'
                  f'<div class="gd-half" style="aspect-ratio: {right * player.width:g} / '
                  f'{player.height}">{bottom}</div></div>')
    buttons = "".join(f'<button type="button" data-do="{action}" title="{name}" '
                      f'aria-label="{name}">{symbol}</button>' for action, name, symbol in BUTTONS)
    radios = "".join(f'<label><input type="radio" name="gd-mode-{player.id}" value="{value}"'
                     f'{" checked" if value == player.mode else ""}>{text}</label>'
                     for value, text in MODE_NAMES)
    printed = ""
    if strip:
        printed = '<div class="gd-strip">' + "".join(
            f"<figure>{img(player.frames[k], player.labels[k])}<figcaption>"
            f"{html.escape(player.labels[k])}</figcaption></figure>"
            for k in strip_frames(len(player.frames))) + "</div>"
    first = img(player.frames[0], player.alt, ' class="gd-frame"')
    data = json.dumps(player.payload(), ensure_ascii=False).replace("</", "<\\/")
    style = f' style="--gd-accent: {attr(player.color)}"' if player.color else ""
    return (f'<div class="gd-player{" gd-split" if player.split else ""}'
            f'{" gd-accented" if player.color else ""}" id="gd-player-{player.id}"{style} '
            f'role="group" aria-label="{attr(player.alt)}">'
            f'<div class="gd-stage">{first}'
            f"{halves}</div>"
            f'<p class="gd-label">{html.escape(player.labels[0])}</p>'
            '<div class="gd-controls">'
            f'<input type="range" class="gd-slider" min="0" max="{len(player.frames) - 1}" '
            'step="1" value="0" aria-label="프레임 선택">'
            f'<div class="gd-buttons">{buttons}</div>'
            f'<div class="gd-modes" role="radiogroup" aria-label="반복 방식">{radios}</div>'
            f"</div>{printed}"
            f'<script type="application/json" class="{DATA_CLASS}">{data}</script></div>')
