"""The animation and its player: frames, labels, the narrow-screen split, the printed
strip, determinism, and no private matplotlib API."""

import ast
import base64
import io
import json
import re
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch
from matplotlib import animation
from PIL import Image

import gdlesson
from gdlesson.animation import player_markup


def _payload(html):
    return json.loads(re.search(r'<script type="application/json" class="gd-player-data">(.*?)'
                                r"</script>", html, re.S).group(1))


def _image(uri):
    return Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))).convert("RGB")


def test_lesson_player_has_one_frame_per_epoch(lesson_html):
    data = _payload(lesson_html)
    assert len(data["frames"]) == 30 and len(set(data["frames"])) == 30
    assert data["size"] == [750, 250] and 0.47 < data["split"] < 0.55
    assert data["labels"][0] == "α = 0.001 · 업데이트 0번 뒤: Ŵ = (-5, 10), loss = 8588"
    assert data["labels"][29].startswith("α = 0.001 · 업데이트 29번 뒤: Ŵ = (2.43, 4.02), loss = 26.41")
    assert len(lesson_html.encode()) <= 750_000


def test_frames_are_sharp_and_keep_key_colours_exact(lesson_html):
    frame = _image(_payload(lesson_html)["frames"][10])
    assert frame.size == (1500, 500)                       # 2 image pixels per CSS pixel
    pixels = np.asarray(frame).reshape(-1, 3).astype(np.int64)
    colours = set(np.unique(pixels[:, 0] << 16 | pixels[:, 1] << 8 | pixels[:, 2]).tolist())
    for r, g, b in [(255, 255, 255), (31, 119, 180), (255, 127, 14)]:   # white, dots, line
        assert r << 16 | g << 8 | b in colours


def test_player_is_offline_and_named_in_korean(lesson_html):
    assert "http://" not in lesson_html and "https://" not in lesson_html
    assert 'aria-label="α = 0.001 학습 과정 애니메이션' in lesson_html
    for name in ["재생", "일시정지", "다음 프레임", "이전 프레임", "첫 프레임", "마지막 프레임", "프레임 선택"]:
        assert f'aria-label="{name}"' in lesson_html
    assert lesson_html.count('type="radio"') == 3 and 'value="loop" checked' in lesson_html
    assert "<style>" in lesson_html and "window.gdPlayers" in lesson_html   # a notebook carries both


def test_same_run_gives_the_same_bytes(data):
    short = gdlesson.train(data.X, data.y, epochs=2)
    first = gdlesson.show_lrpr(data, short).to_jshtml()
    assert gdlesson.show_lrpr(data, short).to_jshtml() == first
    assert len(_payload(first)["frames"]) == 2


def test_animation_closes_its_figure(data):
    anim = gdlesson.show_lrpr(data, gdlesson.train(data.X, data.y, epochs=2))
    assert isinstance(anim, animation.FuncAnimation) and plt.get_fignums() == []
    assert repr(anim).startswith("<LessonAnimation: 2 frames, α = 0.001")
    anim.to_jshtml()          # an animation never drawn warns when it is deleted


def test_the_lecture_lists_are_accepted(data):
    h = gdlesson.train(data.X, data.y, epochs=3)
    html = gdlesson.show_lrpr([data.x, data.y], [h.loss_history, h.yhat_history, h.What_history]
                              ).to_jshtml()
    labels = _payload(html)["labels"]
    # the lecture's lists carry no start: each point is What after the update, as it draws them
    assert labels[0] == "epoch 1: Ŵ = (-3.66, 8.81), loss = 8588" and len(labels) == 3


def test_diverging_run_keeps_the_lecture_axes(data):
    history = gdlesson.train(data.X, data.y, alpha=0.02, epochs=6, warn=False)
    labels = _payload(gdlesson.show_lrpr(data, history).to_jshtml())["labels"]
    assert len(labels) == history.epochs_run == 6
    assert labels[-1].endswith("(Ŵ가 그림 범위 밖)") and not labels[0].endswith("밖)")


def _lecture_show_lrpr(x, y, loss_history, yhat_history, What_history, frames):
    """The lecture's show_lrpr (ax2.dist replaced by set_box_aspect), as page 04 shows it."""
    fig = plt.figure(figsize=(7.5, 2.5))
    ax1 = fig.add_subplot(1, 2, 1)
    ax2 = fig.add_subplot(1, 2, 2, projection='3d')
    ax1.plot(x, y, 'o')
    line, = ax1.plot(x, yhat_history[0])
    _w0 = np.arange(-6, 11, 0.5)
    w1, w0 = np.meshgrid(_w0, _w0)
    lss = w0 * 0
    for i in range(len(_w0)):
        for j in range(len(_w0)):
            lss[i, j] = torch.sum((y - _w0[i] - _w0[j] * x) ** 2)
    ax2.plot_surface(w0, w1, lss, rstride=1, cstride=1, color='b', alpha=0.35)
    ax2.azim, ax2.elev = 40, 5
    ax2.set_box_aspect(None, zoom=1.25)

    def animate(epoc):
        line.set_ydata(yhat_history[epoc])
        ax2.scatter(What_history[epoc][0], What_history[epoc][1], loss_history[epoc], color='grey')
        return line

    ani = animation.FuncAnimation(fig, animate, frames=frames)
    plt.close()
    return ani


def test_any_matplotlib_animation_plays_in_the_player(data, history):
    ani = _lecture_show_lrpr(data.x, data.y, *history, frames=3)
    html = gdlesson.player_html(ani, alt="강의의 show_lrpr")
    payload = _payload(html)
    assert payload["labels"] == ["프레임 1/3", "프레임 2/3", "프레임 3/3"]
    assert 0.45 < payload["split"] < 0.55 and payload["fps"] == pytest.approx(5)
    assert _image(payload["frames"][0]).size == (1500, 500)
    assert len(set(payload["frames"])) == 3


def test_use_player_shows_animations_in_the_player(data, history):
    gdlesson.use_player()                                 # not in IPython: nothing to do
    from IPython.core.interactiveshell import InteractiveShell
    shell = InteractiveShell.instance()
    try:
        gdlesson.use_player()
        ani = _lecture_show_lrpr(data.x, data.y, *history, frames=2)
        bundle, _ = shell.display_formatter.format(ani)
        assert 'class="gd-player' in bundle["text/html"]
    finally:
        InteractiveShell.clear_instance()


def test_site_markup_uses_files_lazily_and_prints_a_strip():
    frames = [f"../_images/gd-anim/x/{k:02d}.webp" for k in range(30)]
    labels = [f"업데이트 {k}번 뒤" for k in range(30)]
    html = player_markup(frames, (750, 250), "설명", labels, split=0.5, embed=False)
    assert "<style>" not in html and "<script>" not in html
    images = re.findall(r"<img [^>]*>", html)
    assert all('width="750" height="250"' in img and 'loading="lazy"' in img and "src=" in img
               for img in images)
    strip = re.findall(r"<figure><img [^>]*><figcaption>(.*?)</figcaption>", html)
    assert strip == ["업데이트 0번 뒤", "업데이트 10번 뒤", "업데이트 19번 뒤", "업데이트 29번 뒤"]


def test_no_private_matplotlib_api():
    """The library reads no private attribute of objects it does not own."""
    package = Path(gdlesson.__file__).parent
    found = []
    for path in package.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("matplotlib") \
                    and any(a.name.startswith("_") for a in node.names):
                found.append(f"{path.name}: from {node.module} import _…")
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") \
                    and not node.attr.startswith("__") \
                    and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
                found.append(f"{path.name}:{node.lineno}: .{node.attr}")
    assert not found, found
