"""The learning animation (the lecture's ``show_lrpr``) and the player that shows it.

:func:`show_lrpr` draws a run as the lecture does: left the data and the line of the
current Ŵ, right the SSE surface with the true W as a red star and the visited Ŵ as grey
points. Any matplotlib animation, the lecture's own included, is shown by one small
player (:func:`player_html`, or automatically after :func:`use_player`):

- frames are rendered once, at twice the screen density, by one writer
  (:class:`FrameGrabber`, used through the public ``Animation.save``), and stored as
  lossless WebP on one palette that keeps the figure's key colours exact;
- the player is plain HTML, CSS and JavaScript from this package (``player.js``,
  ``player.css``): a slider, ◁ ▶ ▷ … buttons and the 한 번/반복/왕복 modes, all with
  Korean names; nothing is fetched from another host;
- on a narrow screen a figure of two panels side by side shows them stacked, so its
  text stays readable; printed, it shows a strip of labelled frames.

In a notebook the player carries its frames inside the output. The site's build
(``_ext/animation_files.py``) moves them into image files that the player fetches only
when the reader reaches for it.
"""

import base64
import contextlib
import hashlib
import html
import io
import json
import math
from importlib import resources

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.animation import AbstractMovieWriter, Animation, FuncAnimation
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator
from PIL import Image

from ._checks import check_choice, check_int, check_real, check_xy
from .loss import GRID, loss_surface, sum_of_squares
from .style import DATA_COLOR, FIT_COLOR, PATH_COLOR, TRUE_COLOR, alpha_color, korean_style
from .training import History

DENSITY = 2                 # frames have 2 image pixels per CSS pixel: sharp on phones
PALETTE_COLORS = 32         # adaptive colours besides the key colours
MODES = ("once", "loop", "reflect")
STRIP_FRAMES = 4            # frames of the printed strip: the first, two between, the last
_DATA_CLASS = "gd-player-data"


class FrameGrabber(AbstractMovieWriter):
    """A movie writer that keeps each frame as an RGB image instead of writing a file.

    Used through matplotlib's own ``Animation.save(..., writer=FrameGrabber())``. When
    the animation names the artists that change (``dynamic``), the figure is drawn once
    without them and every frame redraws only them over that background, the idea of
    ``FuncAnimation(blit=True)``; otherwise every frame is drawn in full.

    Parameters
    ----------
    dynamic : sequence of Artist, default=()
        The artists the animation changes; empty means draw every frame in full.
    """

    def __init__(self, dynamic=()):
        super().__init__()
        self.dynamic, self.images = list(dynamic), []
        self._background = None

    def setup(self, fig, outfile, dpi=None):
        super().setup(fig, outfile, dpi)
        self._saved_dpi = fig.dpi
        fig.set_dpi(self.dpi)
        self.canvas = FigureCanvasAgg(fig)

    @contextlib.contextmanager
    def saving(self, fig, outfile, dpi, *args, **kwargs):
        with super().saving(fig, outfile, dpi, *args, **kwargs):
            # Animation.save calls canvas.draw_idle() after each frame, a full draw on
            # Agg; this writer draws itself, so that call is skipped while saving.
            self.canvas.draw_idle = lambda *args, **kwargs: None
            try:
                yield self
            finally:
                del self.canvas.draw_idle

    def grab_frame(self, **savefig_kwargs):
        if not self.dynamic:
            self.canvas.draw()
        else:
            if self._background is None:
                for artist in self.dynamic:
                    artist.set_visible(False)
                self.canvas.draw()
                self._background = self.canvas.copy_from_bbox(self.fig.bbox)
                for artist in self.dynamic:
                    artist.set_visible(True)
            self.canvas.restore_region(self._background)
            for artist in self.dynamic:
                (artist.axes or self.fig).draw_artist(artist)
        self.images.append(Image.fromarray(np.asarray(self.canvas.buffer_rgba())).convert("RGB"))

    def finish(self):
        self.fig.set_dpi(self._saved_dpi)


def render_frames(anim, dynamic=()):
    """Every frame of ``anim`` as an RGB image at ``DENSITY`` × 100 dpi, where its figure
    can be cut in two panels (:func:`_split_point`) and the size in points of its
    smallest text (so a page can check the text stays legible at the size it shows)."""
    grabber = FrameGrabber(dynamic)
    anim.save("frames", writer=grabber, dpi=DENSITY * 100)
    fig = grabber.fig
    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]
    return grabber.images, _split_point(fig, grabber.canvas.get_renderer()), min(sizes, default=0)


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
    """
    colors = ["white", "black", DATA_COLOR, FIT_COLOR, TRUE_COLOR, PATH_COLOR, *key_colors]
    keys = [tuple(round(255 * c) for c in to_rgb(color)) for color in colors]
    palette = _palette(images, keys)
    palette_image = Image.new("P", (1, 1))
    palette_image.putpalette(palette)
    encoded = []
    packed_keys = [(r << 16) | (g << 8) | b for r, g, b in keys]
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


def _split_point(fig, renderer):
    """Where a figure of two panels side by side can be cut in two without cutting any
    of their text (a fraction of its width), or None when it is not such a figure."""
    if len(fig.axes) != 2:
        return None
    left, right = sorted((ax.get_tightbbox(renderer).transformed(fig.transFigure.inverted())
                          for ax in fig.axes), key=lambda box: box.x0)
    if left.x1 >= right.x0:
        return None
    return round((left.x1 + right.x0) / 2, 4)


def player_id(frames):
    """The id of a player: a hash of its frames, so the same animation gives the same HTML."""
    return hashlib.sha256("\n".join(frames).encode()).hexdigest()[:12]


def _asset(name):
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def player_markup(frames, size, alt, labels, fps=5.0, mode="loop", split=None, text_pt=None,
                  embed=True):
    """The player's HTML.

    Parameters
    ----------
    frames : list of str
        Frame addresses: ``data:`` URIs (``embed=True``) or file URLs.
    size : tuple of 2 int
        Width and height of the frames in CSS pixels.
    alt : str
        What the animation shows, for readers who do not see it.
    labels : list of str
        One caption per frame ("업데이트 3번 뒤 …").
    fps : float, default=5.0
        Frames per second.
    mode : {"once", "loop", "reflect"}, default="loop"
        What happens at the last frame.
    split : float or None, default=None
        Where two side-by-side panels meet (fraction of the width); they are stacked on
        narrow screens. None keeps the frame whole.
    text_pt : float or None, default=None
        Size in points of the smallest text in the frames (a frame is shown at
        100 CSS px per inch of figure at most), kept for checks of legibility.
    embed : bool, default=True
        True for a notebook: the output carries its frames, style and script. False for
        the site: frames are files, and the page loads ``gd-player.css``/``.js``.

    Returns
    -------
    html : str
    """
    uid = player_id(frames)
    width, height = size

    def attr(text):
        return html.escape(text, quote=True)

    def img(src, alt, extra=""):
        lazy = "" if embed else ' loading="lazy"'
        return (f'<img src="{attr(src)}" alt="{attr(alt)}" width="{width}" height="{height}" '
                f'decoding="async"{lazy}{extra}>')

    halves = ""
    if split:
        left, right = split, 1 - split
        top = img(frames[0], "", f' style="width: {100 / left:.4g}%"')
        bottom = img(frames[0], "", f' style="width: {100 / right:.4g}%; '
                                    f'margin-left: {-100 * left / right:.4g}%"')
        halves = ('<div class="gd-halves" aria-hidden="true">'
                  f'<div class="gd-half" style="aspect-ratio: {left * width:g} / {height}">{top}</div>'
                  f'<div class="gd-half" style="aspect-ratio: {right * width:g} / {height}">{bottom}</div>'
                  "</div>")
    buttons = "".join(
        f'<button type="button" data-do="{action}" title="{name}" aria-label="{name}">{symbol}</button>'
        for action, name, symbol in [
            ("slower", "느리게", "−"), ("first", "첫 프레임", "⇤"), ("previous", "이전 프레임", "◁"),
            ("reverse", "거꾸로 재생", "◀"), ("pause", "일시정지", "❚❚"), ("play", "재생", "▶"),
            ("next", "다음 프레임", "▷"), ("last", "마지막 프레임", "⇥"), ("faster", "빠르게", "+")])
    radios = "".join(
        f'<label><input type="radio" name="gd-mode-{uid}" value="{value}"'
        f'{" checked" if value == mode else ""}>{text}</label>'
        for value, text in [("once", "한 번"), ("loop", "반복"), ("reflect", "왕복")])
    strip = ""
    if not embed:
        picks = sorted({round(i * (len(frames) - 1) / (STRIP_FRAMES - 1))
                        for i in range(STRIP_FRAMES)})
        strip = ('<div class="gd-strip">' + "".join(
            f"<figure>{img(frames[k], labels[k])}<figcaption>{html.escape(labels[k])}</figcaption>"
            "</figure>" for k in picks) + "</div>")
    payload = {"frames": frames, "labels": labels, "fps": fps, "mode": mode, "alt": alt,
               "size": [width, height], "split": split, "text_pt": text_pt}
    payload = json.dumps(payload, ensure_ascii=False).replace("</", "<\\/")
    frame_class = ' class="gd-frame"'
    markup = (
        f'<div class="gd-player{" gd-split" if split else ""}" id="gd-player-{uid}" '
        f'role="group" aria-label="{attr(alt)}">'
        f'<div class="gd-stage">{img(frames[0], alt, frame_class)}'
        f"{halves}</div>"
        f'<p class="gd-label">{html.escape(labels[0])}</p>'
        '<div class="gd-controls">'
        f'<input type="range" class="gd-slider" min="0" max="{len(frames) - 1}" step="1" '
        'value="0" aria-label="프레임 선택">'
        f'<div class="gd-buttons">{buttons}</div>'
        f'<div class="gd-modes" role="radiogroup" aria-label="반복 방식">{radios}</div>'
        f"</div>{strip}"
        f'<script type="application/json" class="{_DATA_CLASS}">{payload}</script>'
        "</div>")
    if not embed:
        return markup
    return (f"<style>{_asset('player.css')}</style>{markup}"
            f"<script>{_asset('player.js')}</script>")


def _frames_html(anim, alt, labels, fps, mode, dynamic=(), key_colors=()):
    """Player HTML of ``anim`` with its frames embedded as data URIs."""
    images, split, text_pt = render_frames(anim, dynamic)
    labels = labels or [f"프레임 {k + 1}/{len(images)}" for k in range(len(images))]
    encoded = encode_frames(images, key_colors)
    frames = ["data:image/webp;base64," + base64.b64encode(b).decode("ascii") for b in encoded]
    width, height = images[0].size
    return player_markup(frames, (width // DENSITY, height // DENSITY), alt, labels, fps, mode,
                         split, text_pt=text_pt)


def player_html(anim, alt="학습 과정 애니메이션", labels=None, fps=None, mode="loop"):
    """The player's HTML for any matplotlib animation, e.g. the lecture's ``show_lrpr``.

    ``IPython.display.HTML(gd.player_html(ani))`` shows the same frames as
    ``ani.to_jshtml()``, sharp on phones and at a fraction of the size.

    Parameters
    ----------
    anim : matplotlib.animation.Animation
        The animation, whose figure may already be closed.
    alt : str, default="학습 과정 애니메이션"
        What the animation shows, for readers who do not see it.
    labels : list of str, default=None
        One caption per frame; None gives "프레임 k/n".
    fps : float, default=None
        Frames per second; None takes the animation's interval.
    mode : {"once", "loop", "reflect"}, default="loop"
        What happens at the last frame.

    Returns
    -------
    html : str
    """
    if not isinstance(anim, Animation):
        raise TypeError(f"anim must be a matplotlib Animation, got {type(anim).__name__}")
    mode = check_choice("mode", mode, MODES)
    if fps is None:
        interval = getattr(getattr(anim, "event_source", None), "interval", 200) or 200
        fps = 1000 / interval
    fps = check_real("fps", fps, positive=True)
    return _frames_html(anim, alt, labels, fps, mode)


class LessonAnimation(FuncAnimation):
    """The animation :func:`show_lrpr` returns: a ``FuncAnimation`` that shows itself in
    the player (``to_jshtml()``, notebook display), rendered once and cached.

    Parameters
    ----------
    fig : matplotlib Figure
        The figure the frames are drawn on.
    func : callable
        ``func(k)`` updates the figure to frame k.
    frames : int
        Number of frames.
    dynamic : list of Artist
        The artists ``func`` changes; the rest is drawn once.
    alt : str
        What the animation shows, for readers who do not see it.
    labels : list of str
        One caption per frame.
    key_colors : sequence of color, default=()
        Colours to keep exact in the frames besides the figure's usual ones.
    """

    def __init__(self, fig, func, frames, dynamic, alt, labels, key_colors=(), **kwargs):
        super().__init__(fig, func, frames=frames, **kwargs)
        self._dynamic, self.alt, self.labels, self._key_colors = dynamic, alt, labels, key_colors
        self._n_frames = frames

    def to_jshtml(self, fps=None, embed_frames=True, default_mode=None):
        """The player's HTML (the arguments of matplotlib's ``to_jshtml`` are accepted)."""
        if not hasattr(self, "_player_html"):
            self._player_html = _frames_html(
                self, self.alt, self.labels, fps or 1000 / self.event_source.interval,
                default_mode or "loop", self._dynamic, self._key_colors)
        return self._player_html

    def _repr_html_(self):
        return self.to_jshtml()

    def __repr__(self):
        # no memory address: a notebook's text output stays the same from run to run
        return f"<LessonAnimation: {self._n_frames} frames, {self.alt}>"


def _frames_of(history):
    """``(yhat_history, points, alpha)``: ``points`` rows are (w0, w1, loss) per frame.

    For a ``History`` frame k shows Ŵ_k, the estimate whose line ``yhat_history[k]`` is
    and whose loss ``loss_history[k]`` is. The lecture's plain lists carry no start, so
    there the point is ``What_history[k]`` (after the update) at ``loss_history[k]``
    (before it), as the lecture draws it, and α is unknown (nan).
    """
    if isinstance(history, History):
        whats = history.weights[: history.epochs_run]
        return list(history.yhat_history), np.array(
            [[w[0], w[1], loss] for w, loss in zip(whats, history.loss_history)], float), \
            history.alpha
    try:
        loss_history, yhat_history, whats = history
    except (TypeError, ValueError) as err:
        raise TypeError("history must be a History or [loss_history, yhat_history, "
                        "What_history]") from err
    points = np.array([[float(w[0]), float(w[1]), float(loss)]
                       for w, loss in zip(whats, loss_history)], float).reshape(-1, 3)
    return list(yhat_history), points, math.nan


def show_lrpr(data, history, figsize=(7.5, 2.5), interval=200):
    """Animate a run as the lecture's ``show_lrpr`` does, one frame per recorded epoch.

    Left: the data and the line ``yhat_history[k]``. Right: the SSE surface over
    w0, w1 ∈ [-6, 11) with the true W as a red star and Ŵ_0 … Ŵ_k as grey points, each at
    its own loss, so the points lie on the surface. A point that leaves the box or is
    not finite is left out (the axes keep the lecture's range) and the frame's caption
    says so. The caption of frame k gives α, k, Ŵ_k and its loss.

    Parameters
    ----------
    data : RegressionData or tuple of (x, y)
        The data, as ``make_data()`` or the lecture's ``[x, y]``.
    history : History or list of 3 lists
        A run of :func:`train`, or the lecture's
        ``[loss_history, yhat_history, What_history]``.
    figsize : tuple of 2 float, default=(7.5, 2.5)
        Size of a frame in inches, the lecture's.
    interval : int, default=200
        Milliseconds between frames.

    Returns
    -------
    anim : LessonAnimation
        A ``FuncAnimation`` whose figure is already closed; a notebook shows it in the
        player.
    """
    try:
        x, y = data
    except (TypeError, ValueError) as err:
        raise TypeError(f"data must be a RegressionData or (x, y), got {type(data).__name__}") from err
    x_t, y_t = check_xy(x, y)
    x, y = x_t.numpy(), y_t.numpy()
    interval = check_int("interval", interval, minimum=1)
    yhat_history, points, alpha = _frames_of(history)
    frames = len(yhat_history)
    if frames == 0 or len(points) != frames:
        raise ValueError("history must hold at least one epoch, with as many losses as yhats")
    W0, W1, L = loss_surface(x, y)
    true_W = getattr(data, "W", None)
    w0, w1 = true_W.tolist() if true_W is not None else (2.5, 4.0)
    true_loss = float(sum_of_squares(y_t, w0 + w1 * x_t))
    lo, hi = GRID[0], GRID[-1]
    inside = np.isfinite(points).all(axis=1) & (points[:, 0] >= lo) & (points[:, 0] <= hi) \
        & (points[:, 1] >= lo) & (points[:, 1] <= hi) & (points[:, 2] <= L.max())
    spread = np.ptp(y)

    with korean_style():
        fig = plt.figure(figsize=figsize)
        ax1 = fig.add_axes((0.075, 0.1, 0.395, 0.86))
        ax2 = fig.add_axes((0.52, 0.0, 0.48, 1.0), projection="3d")
        ax1.plot(x, y, "o", color=DATA_COLOR, ms=3)
        line, = ax1.plot(x, yhat_history[0], color=FIT_COLOR, lw=2)
        ax1.set_ylim(y.min() - 0.25 * spread, y.max() + 0.25 * spread)
        ax1.tick_params(labelsize=9.5)
        ax2.plot_surface(W0, W1, L, rstride=1, cstride=1, color="b", alpha=0.35)
        ax2.plot([w0], [w1], [true_loss], "*", color=TRUE_COLOR, ms=14)
        path, = ax2.plot([], [], [], "o", color=PATH_COLOR, ms=4)
        ax2.set(xlim=(lo, hi), ylim=(lo, hi), zlim=(0, L.max()))
        ax2.set_xlabel("$w_0$", fontsize=9.5, labelpad=-4)
        ax2.set_ylabel("$w_1$", fontsize=9.5, labelpad=-4)
        ax2.tick_params(labelsize=9, pad=-2)
        for axis, ticks in ((ax2.xaxis, 4), (ax2.yaxis, 4), (ax2.zaxis, 3)):
            axis.set_major_locator(MaxNLocator(ticks))
        ax2.view_init(elev=5, azim=40)
        ax2.set_box_aspect(None, zoom=0.98)   # the lecture's ax2.dist = 8, fitted to half the figure

    def update(k):
        line.set_ydata(yhat_history[k])
        shown = points[: k + 1][inside[: k + 1]]
        path.set_data_3d(shown[:, 0], shown[:, 1], shown[:, 2])
        return line, path

    known = not math.isnan(alpha)
    # frame k shows Ŵ_k (k updates done); the lecture's lists only number their epochs
    when = [f"α = {alpha:g} · 업데이트 {k}번 뒤" if known else f"epoch {k + 1}"
            for k in range(frames)]
    labels = [f"{head}: Ŵ = ({w0k:.3g}, {w1k:.3g}), loss = {lossk:.4g}"
              + ("" if inside[k] else " (Ŵ가 그림 범위 밖)")
              for k, (head, (w0k, w1k, lossk)) in enumerate(zip(when, points))]
    alt = (f"α = {alpha:g} 학습 과정 애니메이션: 왼쪽은 데이터와 epoch별 직선, 오른쪽은 손실함수 "
           "곡면 위의 Ŵ 경로" if known else "학습 과정 애니메이션: 데이터와 직선, 손실함수 곡면 위의 Ŵ 경로")
    anim = LessonAnimation(fig, update, frames, dynamic=[line, path], alt=alt, labels=labels,
                           key_colors=[alpha_color(alpha)] if known else [], interval=interval,
                           blit=False)
    plt.close(fig)
    return anim


def use_player():
    """Show every matplotlib animation a notebook displays in this package's player.

    The lecture sets ``plt.rcParams["animation.html"] = "jshtml"``, which embeds large
    PNG frames; after ``gd.use_player()`` the same animations appear in the light player
    (the frames are the same). Call it once, in a notebook (IPython); elsewhere it does
    nothing.

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
        shell.display_formatter.formatters["text/html"].for_type(Animation, player_html)
