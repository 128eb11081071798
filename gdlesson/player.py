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
    """An animation as the player shows it.

    Parameters
    ----------
    id : str
        Names the player in a page (a hash of its frames: the same frames, the same id).
    frames : tuple of str
        Frame addresses: ``data:image/webp;base64,…`` URIs in a notebook, file URLs on
        the site.
    labels : tuple of str
        One caption per frame, shown under it and in the printed strip.
    width : int
        Width of a frame in CSS pixels.
    height : int
        Height of a frame in CSS pixels.
    alt : str
        What the animation shows, for readers who do not see it.
    fps : float, default=5.0
        Frames per second.
    mode : {"once", "loop", "reflect"}, default="loop"
        What happens after the last frame.
    split : float or None, default=None
        Where two side-by-side panels meet, as a fraction of the width; a narrow screen
        shows them stacked. None keeps a frame whole.
    color : str or None, default=None
        An accent colour (the learning rate's), shown beside the captions.
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
        """The player as JSON-ready data (the ``application/vnd.gdlesson.player+json`` output).

        Returns
        -------
        payload : dict
            One key per field, lists for the tuples.
        """
        return {name: list(value) if isinstance(value, tuple) else value
                for name, value in dataclasses.asdict(self).items()}

    def with_frames(self, frames):
        """The same player with other frame addresses (e.g. files instead of data URIs).

        Parameters
        ----------
        frames : sequence of str
            One address per frame.

        Returns
        -------
        player : Player
        """
        return read_payload({**self.payload(), "frames": list(frames)})

    def frame_bytes(self):
        """The image bytes of each ``data:`` URI frame.

        Returns
        -------
        images : list of (str, bytes)
            The image type (``"webp"``) and the bytes of each frame.
        """
        images = []
        for uri in self.frames:
            head, _, data = uri.partition(",")
            if not (head.startswith("data:image/") and head.endswith(";base64")):
                raise ValueError(f"frame is not a data URI of an image: {uri[:40]!r}")
            images.append((head[len("data:image/"):-len(";base64")], base64.b64decode(data)))
        return images

    def html(self, embed=True):
        """The player's HTML.

        Parameters
        ----------
        embed : bool, default=True
            True for a notebook output: the style and the script come with it. False for
            a page that loads ``gd-player.css`` and ``gd-player.js`` itself; the page then
            also gets a printed strip of captioned frames.

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
    """A :class:`Player` from its JSON data, after checking every field.

    The one reader of player data: the site's build reads notebook outputs with it, and
    checks and benchmarks read the players of built pages with it (:func:`find_players`).

    Parameters
    ----------
    payload : dict or str
        The data of :meth:`Player.payload`, or its JSON text.

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
    """Every player of an HTML page (a built site page or a notebook output), in order.

    Parameters
    ----------
    page_html : str
        The HTML.

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
        frame.save(out, format="WEBP", lossless=True, method=4)
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
    """A ``FuncAnimation`` that knows what each frame shows and displays itself in the
    player (notebook display, ``to_jshtml()``), rendered once and kept.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure the frames are drawn on.
    func : callable
        ``func(k)`` updates the figure to frame k.
    frames : int
        The number of frames.
    labels : list of str
        One caption per frame.
    alt : str
        What the animation shows, for readers who do not see it.
    dynamic : sequence of Artist, default=()
        The artists ``func`` changes; the rest of the figure is drawn once.
    key_colors : sequence of color, default=()
        Colours to keep exact in the frames besides the lesson's usual ones.
    color : str or None, default=None
        The accent colour of the player (the learning rate's).
    **kwargs
        Passed on to ``FuncAnimation`` (``interval``, ``repeat``, …).
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
        """The :class:`Player` of this animation (rendered on first use)."""
        if self.rendered is None:
            self.rendered = make_player(self, alt=self.alt, labels=self.labels,
                                        dynamic=self.dynamic, key_colors=self.key_colors,
                                        color=self.color)
        return self.rendered

    def to_jshtml(self, fps=None, embed_frames=True, default_mode=None):
        """The player's HTML (matplotlib's arguments are accepted and ignored)."""
        return self.player.html()

    def _repr_html_(self):
        return self.player.html()

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.player._repr_mimebundle_(include, exclude)

    def __repr__(self):
        # no memory address: a notebook's text output stays the same from run to run
        return f"<PlayerAnimation: {self.frame_count} frames, {self.alt}>"


def as_player(anim, alt="학습 과정 애니메이션", labels=None, fps=None, mode="loop"):
    """Any matplotlib animation, e.g. the lecture's ``show_lrpr``, as a :class:`Player`.

    A notebook shows the result as the player: the same frames as ``anim.to_jshtml()``,
    sharp on phones and at a fraction of the size. A :class:`PlayerAnimation` keeps its
    own captions.

    Parameters
    ----------
    anim : matplotlib.animation.Animation
        The animation; its figure may already be closed.
    alt : str, default="학습 과정 애니메이션"
        What the animation shows, for readers who do not see it.
    labels : list of str, default=None
        One caption per frame; None gives "프레임 k/n".
    fps : float, default=None
        Frames per second; None takes the animation's interval.
    mode : {"once", "loop", "reflect"}, default="loop"
        What happens after the last frame.

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
    """Show every matplotlib animation a notebook displays in this package's player.

    The lecture sets ``plt.rcParams["animation.html"] = "jshtml"``, which embeds large
    PNG frames; after ``gd.use_player()`` the same animations appear in the light player
    with the same frames (an animation that carries its own captions, such as
    :func:`show_lrpr`'s, keeps them). Call it once, in a notebook (IPython); elsewhere it
    does nothing.

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
