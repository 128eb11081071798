"""Matplotlib animations recorded into players: each frame rendered once
(:mod:`gdlesson.player.movie`), encoded as lossless WebP on one palette, and put into a
:class:`~gdlesson.Player` with its captions.

- :class:`PlayerAnimation` is a ``FuncAnimation`` that knows its captions and shows itself
  in the player; :func:`as_player` puts any matplotlib animation in the player, and
  :func:`use_player` makes a notebook do so for every animation it displays.

Kept apart from :mod:`gdlesson.player.core` (the player as data and HTML, which needs neither
matplotlib nor numpy) so that a site build reads players without loading matplotlib.
"""

import base64
import dataclasses
import hashlib
import io

import numpy as np
from matplotlib.animation import Animation, FuncAnimation
from matplotlib.colors import to_rgb
from PIL import Image

from .._checks import check_choice, check_real
from .movie import DENSITY, render_frames
from .core import MODES, Player
from ..style import DATA_COLOR, FIT_COLOR, PATH_COLOR, TRUE_COLOR

PALETTE_COLORS = 32         # adaptive palette entries besides the key colours


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
        # lossless; method 3 with quality (effort) 50: the 30 frames of the lecture's run in
        # 395 KB, 17 % fewer than method 2 (quality 20) and 0.3 % more than Pillow's default
        # (4, 100), and the fastest of the three (1.3 s against 1.9 s and 2.7 s here)
        frame.save(out, format="WEBP", lossless=True, method=3, quality=50)
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
        """플레이어의 HTML을 돌려줍니다. matplotlib의 ``Animation.to_jshtml`` 메서드와 같은 인자를 받습니다.

        Parameters
        ----------
        fps : float, default=None
            초당 프레임 수. None이면 애니메이션의 것(``interval`` 인자에서 온 값)을 씁니다.
        embed_frames : bool, default=True
            프레임을 HTML 안에 넣을지. 플레이어는 늘 넣으므로 True만 받습니다(사이트에서는
            빌드가 프레임을 파일로 씁니다).
        default_mode : {"once", "loop", "reflect"}, default=None
            마지막 프레임 뒤에 어떻게 할지. None이면 애니메이션의 것을 씁니다.

        Returns
        -------
        html : str
            스타일과 스크립트가 함께 들어간 플레이어의 HTML.
        """
        if embed_frames is not True:
            raise ValueError(f"embed_frames must be True (a player's frames are always in its "
                             f"HTML), got {embed_frames!r}")
        player = self.player
        if fps is not None:
            player = dataclasses.replace(player, fps=check_real("fps", fps, positive=True))
        if default_mode is not None:
            player = dataclasses.replace(player, mode=check_choice("default_mode", default_mode,
                                                                   MODES))
        return player.html()

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
