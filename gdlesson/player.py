"""The player: an animation as data (frames, one caption each, how to play them) and its
HTML, for notebooks and for the site.

- :class:`Player` is the data. A notebook shows it from its MIME bundle: ``text/html``
  (the player with its frames, style and script inside the output) and
  ``application/vnd.gdlesson.player+json`` (:data:`MIME_TYPE`, the same data as JSON),
  which a site build renders with frames as files (:mod:`gdlesson.sphinxext`).
- :func:`read_payload` is the one reader of that JSON, wherever it comes from: a
  notebook output, or the players of a built page (:func:`find_players`).
- Frames are lossless WebP on one palette that keeps the figure's key colours exact
  (:func:`encode_frames`), rendered by :mod:`gdlesson.movie`.
- The player's controls are plain HTML, CSS and JavaScript from this package
  (``static/gd-player.js``, ``static/gd-player.css``): a slider, ◁ ▶ ▷ … buttons and the
  한 번/반복/왕복 modes, all with Korean names; nothing is fetched from another host. On a
  narrow screen two side-by-side panels are stacked, so their text stays readable;
  printed, the player is a strip of captioned frames.
- :class:`PlayerAnimation` is a ``FuncAnimation`` that knows its captions and shows itself
  in the player; :func:`as_player` puts any matplotlib animation in the player, and
  :func:`use_player` makes a notebook do so for every animation it displays.
"""

import base64
import dataclasses
import hashlib
import html
import io
import json
from html.parser import HTMLParser
from importlib import resources

import numpy as np
from matplotlib.animation import Animation, FuncAnimation
from matplotlib.colors import to_rgb
from PIL import Image

from ._checks import check_choice, check_real
from .movie import DENSITY, render_frames
from .style import DATA_COLOR, FIT_COLOR, PATH_COLOR, TRUE_COLOR

MIME_TYPE = "application/vnd.gdlesson.player+json"
MODES = ("once", "loop", "reflect")
STRIP_FRAMES = 4            # the printed strip: the first frame, two between, the last
PALETTE_COLORS = 32         # adaptive palette entries besides the key colours
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


# --- frames ------------------------------------------------------------------------------

def _palette(images, keys):
    """The palette: the ``keys`` (RGB triples) first, then adaptive colours from a montage
    of up to four frames spread over the animation (octree keeps the surface's shades
    apart)."""
    picks = sorted({round(i * (len(images) - 1) / 3) for i in range(4)})
    width, height = images[0].size
    montage = Image.new("RGB", (width, height * len(picks)))
    for row, index in enumerate(picks):
        montage.paste(images[index], (0, row * height))
    adaptive = montage.quantize(colors=PALETTE_COLORS, method=Image.Quantize.FASTOCTREE,
                                dither=Image.Dither.NONE).getpalette()[: 3 * PALETTE_COLORS]
    palette = [v for key in keys for v in key] + adaptive
    return palette + [0] * (768 - len(palette))


def encode_frames(images, key_colors=()):
    """Lossless WebP bytes of each frame, all on one palette.

    Pillow maps colours to a palette through a coarse lookup that can send pure white to
    a near-white neighbour, so pixels of a key colour are then set to its exact entry:
    the white background, the blue dots, the orange line and the red star stay exact.

    Parameters
    ----------
    images : list of PIL.Image.Image
        RGB frames of one size.
    key_colors : sequence of color, default=()
        Colours to keep exact besides white, black and the lesson's colours.

    Returns
    -------
    frames : list of bytes
        One WebP image per frame.
    """
    colors = ["white", "black", DATA_COLOR, FIT_COLOR, TRUE_COLOR, PATH_COLOR, *key_colors]
    keys = list(dict.fromkeys(tuple(round(255 * c) for c in to_rgb(color)) for color in colors))
    palette = _palette(images, keys)
    palette_image = Image.new("P", (1, 1))
    palette_image.putpalette(palette)
    packed_keys = [(r << 16) | (g << 8) | b for r, g, b in keys]
    encoded = []
    for image in images:
        indices = np.array(image.quantize(palette=palette_image, dither=Image.Dither.NONE))
        pixels = np.asarray(image).astype(np.uint32)
        packed = (pixels[..., 0] << 16) | (pixels[..., 1] << 8) | pixels[..., 2]
        for index, key in enumerate(packed_keys):
            indices[packed == key] = index
        frame = Image.frombuffer("P", image.size, indices.tobytes(), "raw", "P", 0, 1)
        frame.putpalette(palette)
        out = io.BytesIO()
        # lossless; effort 2 of 6 and quality 20 encode about 2.5x faster than Pillow's
        # default (4) for 15-20 % more bytes, on frames that are fetched only when played
        frame.save(out, format="WEBP", lossless=True, method=2, quality=20)
        encoded.append(out.getvalue())
    return encoded


def frame_labels(count):
    """Captions "프레임 k/n" for an animation that brings none of its own."""
    return [f"프레임 {k + 1}/{count}" for k in range(count)]


def make_player(anim, *, alt, labels=None, fps=None, mode="loop", dynamic=(), key_colors=(),
                color=None):
    """Render ``anim`` and return it as a :class:`Player` with embedded frames."""
    images, split = render_frames(anim, dynamic)
    encoded = encode_frames(images, key_colors)
    frames = ["data:image/webp;base64," + base64.b64encode(b).decode("ascii") for b in encoded]
    width, height = images[0].size
    if fps is None:
        interval = getattr(getattr(anim, "event_source", None), "interval", None) or 200
        fps = 1000 / interval
    return Player(id=hashlib.sha256(b"".join(encoded)).hexdigest()[:12], frames=tuple(frames),
                  labels=tuple(labels or frame_labels(len(frames))), width=width // DENSITY,
                  height=height // DENSITY, alt=alt, fps=float(fps), mode=mode, split=split,
                  color=color)


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


# --- animations --------------------------------------------------------------------------

class PlayerAnimation(FuncAnimation):
    """각 프레임이 무엇을 보여 주는지 알고, 한 번 렌더링해 둔 프레임으로 자신을 플레이어에
    보여 주는(노트북 표시, ``to_jshtml()``) ``FuncAnimation`` 클래스입니다.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        프레임을 그릴 그림.
    func : callable
        ``func(k)`` 호출이 그림을 프레임 k로 바꿉니다.
    frames : int
        프레임 수.
    labels : list of str
        프레임마다 캡션 하나.
    alt : str
        그림을 보지 못하는 독자를 위해, 애니메이션이 무엇을 보여 주는지 적은 글.
    dynamic : sequence of Artist, default=()
        ``func`` 함수가 바꾸는 아티스트들. 그림의 나머지는 한 번만 그립니다.
    key_colors : sequence of color, default=()
        이 교재가 늘 쓰는 색 말고도 프레임에서 정확히 지킬 색들.
    color : str or None, default=None
        플레이어의 강조색(학습률의 색).
    **kwargs
        ``FuncAnimation`` 클래스에 그대로 넘깁니다(``interval``, ``repeat``, …).
    """

    def __init__(self, fig, func, frames, labels, alt, dynamic=(), key_colors=(), color=None,
                 **kwargs):
        super().__init__(fig, func, frames=frames, **kwargs)
        self.figure = fig
        self.labels, self.alt, self.color = list(labels), alt, color
        self.dynamic, self.key_colors, self.frame_count = list(dynamic), list(key_colors), frames
        self.rendered = None

    @property
    def player(self):
        """이 애니메이션의 :class:`Player` 객체입니다(처음 쓸 때 렌더링합니다)."""
        if self.rendered is None:
            self.rendered = make_player(self, alt=self.alt, labels=self.labels,
                                        dynamic=self.dynamic, key_colors=self.key_colors,
                                        color=self.color)
        return self.rendered

    def to_jshtml(self, fps=None, embed_frames=True, default_mode=None):
        """플레이어의 HTML을 돌려줍니다(matplotlib의 인자는 받기만 하고 쓰지 않습니다)."""
        return self.player.html()

    def _repr_html_(self):
        return self.player.html()

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.player._repr_mimebundle_(include, exclude)

    def __repr__(self):
        # no memory address: a notebook's text output stays the same from run to run
        return f"<PlayerAnimation: {self.frame_count} frames, {self.alt}>"


def as_player(anim, alt="학습 과정 애니메이션", labels=None, fps=None, mode="loop"):
    """어떤 matplotlib 애니메이션이든(예: 강의의 ``show_lrpr`` 결과) :class:`Player` 객체로 바꿉니다.

    노트북은 결과를 플레이어로 보여 줍니다. 프레임은 ``anim.to_jshtml()`` 결과와 같지만
    휴대폰에서도 선명하고 크기는 몇 분의 일입니다. :class:`PlayerAnimation` 객체는 자기
    캡션을 그대로 씁니다.

    Parameters
    ----------
    anim : matplotlib.animation.Animation
        애니메이션. 그 그림은 이미 닫혀 있어도 됩니다.
    alt : str, default="학습 과정 애니메이션"
        그림을 보지 못하는 독자를 위해, 애니메이션이 무엇을 보여 주는지 적은 글.
    labels : list of str, default=None
        프레임마다 캡션 하나. None이면 "프레임 k/n" 꼴입니다.
    fps : float, default=None
        초당 프레임 수. None이면 애니메이션의 interval 값에서 정합니다.
    mode : {"once", "loop", "reflect"}, default="loop"
        마지막 프레임 뒤에 어떻게 할지.

    Returns
    -------
    player : Player
    """
    if not isinstance(anim, Animation):
        raise TypeError(f"anim must be a matplotlib Animation, got {type(anim).__name__}")
    if isinstance(anim, PlayerAnimation):
        return anim.player
    mode = check_choice("mode", mode, MODES)
    if fps is not None:
        fps = check_real("fps", fps, positive=True)
    return make_player(anim, alt=alt, labels=labels, fps=fps, mode=mode)


def _player_bundle(anim):
    return as_player(anim)._repr_mimebundle_()


def use_player():
    """노트북이 보여 주는 모든 matplotlib 애니메이션을 이 패키지의 플레이어로 보여 줍니다.

    강의는 ``plt.rcParams["animation.html"] = "jshtml"`` 설정으로 큰 PNG 프레임을 넣습니다.
    ``gd.use_player()`` 호출 뒤에는 같은 애니메이션이 같은 프레임으로 가벼운 플레이어에
    나타납니다(:func:`show_lrpr` 함수의 결과처럼 자기 캡션이 있는 애니메이션은 그 캡션을
    그대로 씁니다). 노트북(IPython)에서 한 번 호출하세요. 다른 곳에서는 아무 일도 하지 않습니다.

    Returns
    -------
    None
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.mimebundle_formatter.for_type(Animation, _player_bundle)
