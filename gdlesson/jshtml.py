"""A light, offline, reproducible version of matplotlib's JavaScript animation player.

matplotlib's ``to_jshtml`` embeds full-colour PNG frames (about 1.4 MB for the lecture's
30 frames), loads its button icons from a CDN and gives every call a random id. Here:

- frames are lossless WebP images on one palette of 32 adaptive colours plus the
  figure's key colours (the red star, the blue dots, the orange line, grey, black,
  white), so those stay exact: the picture looks the same at a sixth of the size;
- the buttons are plain Unicode symbols (no icon font, nothing fetched);
- the element id is derived from the frames, so the same animation gives the same HTML;
- the image has alternative text and scales down on narrow screens.
"""

import base64
import hashlib
import html
import io
import tempfile
from pathlib import Path

import numpy as np
from matplotlib import _animation_data
from matplotlib.animation import HTMLWriter
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image, features

# colours that must survive the palette reduction exactly
KEY_COLORS = [(255, 0, 0), (255, 127, 14), (31, 119, 180), (128, 128, 128), (0, 0, 0),
              (255, 255, 255)]

_JS = _animation_data.JS_INCLUDE.split("<script", 1)[1]  # the player class, without the CDN link
_JS = "<script" + _JS

_BUTTONS = [  # (Korean name, player method, symbol found in common system fonts)
    ("느리게", "slower()", "−"),
    ("첫 프레임", "first_frame()", "⇤"),
    ("이전 프레임", "previous_frame()", "◁"),
    ("거꾸로 재생", "reverse_animation()", "◀"),
    ("일시정지", "pause_animation()", "❚❚"),
    ("재생", "play_animation()", "▶"),
    ("다음 프레임", "next_frame()", "▷"),
    ("마지막 프레임", "last_frame()", "⇥"),
    ("빠르게", "faster()", "+"),
]

_STYLE = """<style>
.gd-anim {display: inline-block; max-width: 100%; text-align: center;}
.gd-anim img {max-width: 100%; height: auto;}
.gd-anim input[type=range] {width: min(374px, 90%);}
.gd-anim .anim-buttons {margin: 6px 0;}
.gd-anim .anim-buttons button {min-width: 36px; min-height: 32px; padding: 0 4px; margin: 1px;
  font-size: 15px; line-height: 1; color: #222; background: #f3f3f3; border: 1px solid #888;
  border-radius: 4px; cursor: pointer;}
.gd-anim .anim-state label {margin-right: 8px;}
.gd-anim .anim-state input {margin: 0 2px; vertical-align: middle;}
</style>
"""


def _player_html(frames_b64, frame_format, interval, default_mode, alt):
    """The player's HTML for base64 frames; its id is a hash of the frames."""
    uid = hashlib.sha256("".join(frames_b64).encode()).hexdigest()[:16]
    alt = html.escape(alt, quote=True)
    buttons = "\n".join(
        f'      <button type="button" title="{label}" aria-label="{label}" '
        f'onclick="anim{uid}.{method}">{symbol}</button>'
        for label, method, symbol in _BUTTONS)
    radios = "\n".join(
        f'      <input type="radio" name="state" value="{mode}" id="_anim_radio{i}_{uid}"'
        f'{" checked" if mode == default_mode else ""}>'
        f'<label for="_anim_radio{i}_{uid}">{text}</label>'
        for i, (mode, text) in enumerate([("once", "한 번"), ("loop", "반복"),
                                          ("reflect", "왕복")], start=1))
    frames = "\n".join(f'    frames[{i}] = "data:image/{frame_format};base64,{data}";'
                       for i, data in enumerate(frames_b64))
    return f"""{_JS}{_STYLE}
<div class="animation gd-anim">
  <img id="_anim_img{uid}" alt="{alt}">
  <div class="anim-controls">
    <input id="_anim_slider{uid}" type="range" class="anim-slider" aria-label="프레임 선택"
           name="points" min="0" max="1" step="1" value="0"
           oninput="anim{uid}.set_frame(parseInt(this.value));">
    <div class="anim-buttons">
{buttons}
    </div>
    <form title="반복 방식" aria-label="반복 방식: {alt}" name="_anim_loop_select{uid}"
          class="anim-state">
{radios}
    </form>
  </div>
</div>
<script language="javascript">
  (function() {{
    var frames = new Array({len(frames_b64)});
{frames}
    setTimeout(function() {{
      anim{uid} = new Animation(frames, "_anim_img{uid}", "_anim_slider{uid}", {interval},
                                "_anim_loop_select{uid}");
    }}, 0);
  }})()
</script>
"""


def palette_for(image, colors=32):
    """A "P" image holding the key colours plus ``colors`` adaptive ones from ``image``
    (octree quantisation: it keeps the translucent surface's shades apart)."""
    adaptive = image.quantize(colors=colors, method=Image.Quantize.FASTOCTREE,
                              dither=Image.Dither.NONE).getpalette()[: 3 * colors]
    palette = [v for rgb in KEY_COLORS for v in rgb] + adaptive
    palette_image = Image.new("P", (1, 1))
    palette_image.putpalette(palette + [0] * (768 - len(palette)))
    return palette_image


def encode_frame(image, palette):
    """``(format, bytes)`` of an RGB frame mapped onto ``palette``: lossless WebP (PNG if
    this Pillow has no WebP)."""
    image = image.quantize(palette=palette, dither=Image.Dither.NONE)
    out = io.BytesIO()
    if features.check("webp"):
        image.save(out, format="WEBP", lossless=True, method=4)
        return "webp", out.getvalue()
    image.save(out, format="PNG", optimize=True)
    return "png", out.getvalue()


def _canvas_image(canvas):
    """The canvas's current pixels as an RGB image."""
    return Image.fromarray(np.asarray(canvas.buffer_rgba())).convert("RGB")


def render_frames(fig, update, frames, dynamic):
    """Yield each frame of an animation as an RGB image, drawing only what changes.

    The figure is drawn once with the ``dynamic`` artists hidden; every frame then
    restores that background and draws just those artists after ``update(k)`` — the
    same idea as ``FuncAnimation(blit=True)`` on screen. 3-D collections are projected
    with their axes' current view first.
    """
    canvas = FigureCanvasAgg(fig)
    for artist in dynamic:
        artist.set_visible(False)
    canvas.draw()
    background = canvas.copy_from_bbox(fig.bbox)
    for artist in dynamic:
        artist.set_visible(True)
    for k in range(frames):
        update(k)
        canvas.restore_region(background)
        for artist in dynamic:
            if hasattr(artist, "do_3d_projection"):
                artist.do_3d_projection()
            (artist.axes or fig).draw_artist(artist)
        yield _canvas_image(canvas)


def frames_to_html(images, fps=5, default_mode="loop", colors=32, alt="animation"):
    """The player's HTML for RGB frames, all mapped onto one palette made from a
    montage of up to four frames spread over the animation (first, …, last)."""
    images = list(images)
    interval = int(1000 // fps)
    if not images:
        return _player_html([], "png", interval, default_mode, alt)
    picks = sorted({round(i * (len(images) - 1) / 3) for i in range(4)})
    width, height = images[0].size
    montage = Image.new("RGB", (width, height * len(picks)))
    for row, index in enumerate(picks):
        montage.paste(images[index], (0, row * height))
    palette = palette_for(montage, colors)
    encoded = [encode_frame(image, palette) for image in images]
    return _player_html([base64.b64encode(data).decode("ascii") for _, data in encoded],
                        encoded[0][0], interval, default_mode, alt)


class CompactHTMLWriter(HTMLWriter):
    """A movie writer for any matplotlib animation: full frames, the compact player."""

    def __init__(self, fps=5, default_mode="loop", alt="animation"):
        super().__init__(fps=fps, embed_frames=True, default_mode=default_mode)
        self.alt = alt
        self._images = []

    def grab_frame(self, **savefig_kwargs):
        canvas = FigureCanvasAgg(self.fig)
        canvas.draw()
        self._images.append(_canvas_image(canvas))

    def finish(self):
        Path(self.outfile).write_text(
            frames_to_html(self._images, fps=self.fps, default_mode=self.default_mode, alt=self.alt))
        if self._tmpdir:
            self._tmpdir.cleanup()


def compact_html(anim, fps=None, default_mode="loop", alt="animation"):
    """HTML of any ``matplotlib.animation.Animation`` in the compact, offline player.

    Use it where the lecture relies on ``rcParams["animation.html"] = "jshtml"``:
    ``HTML(compact_html(ani))`` shows the same frames at a fraction of the size.
    """
    if fps is None:
        fps = 1000 / getattr(anim, "_interval", 200)
    with tempfile.TemporaryDirectory() as tmpdir:
        path = Path(tmpdir, "animation.html")
        anim.save(str(path), writer=CompactHTMLWriter(fps=fps, default_mode=default_mode, alt=alt))
        return path.read_text()
