"""The lesson's animation and its player: frames, captions, colours, the narrow-screen split,
the printed strip, the player as data (its MIME bundle and the one reader of it), and the
notebook display hook."""

import io
import json

import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch
from matplotlib import animation
from matplotlib.text import Text
from PIL import Image

import gdlesson
from gdlesson.player import MIME_TYPE, STRIP_FRAMES


def _image(data):
    return Image.open(io.BytesIO(data)).convert("RGB")


def test_lesson_player_has_one_captioned_frame_per_epoch(lesson_player):
    p = lesson_player
    assert len(p.frames) == 30 and len(set(p.frames)) == 30
    assert (p.width, p.height) == (750, 250) and 0.47 < p.split < 0.55
    assert p.labels[0] == "α = 0.001 · 업데이트 0번 뒤: Ŵ = (-5, 10), loss = 8588"
    assert p.labels[29] == "α = 0.001 · 업데이트 29번 뒤: Ŵ = (2.43, 4.02), loss = 26.41"
    assert p.color == gdlesson.alpha_color(0.001)
    assert p.alt.startswith("α = 0.001의 학습 과정 애니메이션 (30프레임)")
    assert "(-5, 10)에서 (2.43, 4.02)로" in p.alt and "범위 밖" not in p.alt


def test_frames_are_sharp_and_keep_key_colours_exact(lesson_player):
    kind, data = lesson_player.frame_bytes()[10]
    frame = _image(data)
    assert kind == "webp" and frame.size == (1500, 500)       # 2 image pixels per CSS pixel
    pixels = np.asarray(frame).reshape(-1, 3).astype(np.int64)
    colours = set(np.unique(pixels[:, 0] << 16 | pixels[:, 1] << 8 | pixels[:, 2]).tolist())
    alpha = tuple(int(gdlesson.alpha_color(0.001)[i:i + 2], 16) for i in (1, 3, 5))
    for r, g, b in [(255, 255, 255), (31, 119, 180), (255, 127, 14), alpha]:  # white, dots, line, α
        assert r << 16 | g << 8 | b in colours


def test_frame_text_is_at_least_9_points(data):
    """At 100 CSS px per inch of figure a 9 pt text is 12.5 CSS px; stacked on a 360 px
    phone a panel keeps at least 80 % of that (the site checks measure it in a browser)."""
    anim = gdlesson.show_lrpr(data, gdlesson.train(data.X, data.y, epochs=1))
    sizes = [t.get_fontsize() for t in anim.figure.findobj(Text) if t.get_text()]
    assert min(sizes) >= 9 and len(anim.player.frames) == 1   # rendered: no warning when deleted


def test_notebook_html_is_offline_and_named_in_korean(lesson_player):
    html = lesson_player.html()
    assert "http://" not in html and "https://" not in html
    assert 'aria-label="α = 0.001의 학습 과정 애니메이션' in html
    for name in ["재생", "일시정지", "다음 프레임", "이전 프레임", "첫 프레임", "마지막 프레임", "프레임 선택"]:
        assert f'aria-label="{name}"' in html
    assert html.count('type="radio"') == 3 and 'value="loop" checked' in html
    assert "<style>" in html and "window.gdPlayers" in html     # a notebook carries both
    assert 'class="gd-strip"' not in html


def test_the_player_is_data_in_its_mime_bundle(lesson_player):
    bundle = lesson_player._repr_mimebundle_()
    assert set(bundle) == {MIME_TYPE, "text/html", "text/plain"}
    payload = json.loads(json.dumps(bundle[MIME_TYPE]))           # plain JSON
    assert set(payload) == {"id", "frames", "labels", "width", "height", "alt", "fps", "mode",
                            "split", "color"}
    assert gdlesson.read_payload(payload) == lesson_player
    assert gdlesson.read_payload(json.dumps(payload)) == lesson_player
    assert gdlesson.find_players(bundle["text/html"]) == [lesson_player]


def test_site_markup_uses_files_lazily_and_prints_a_captioned_strip(lesson_player):
    files = [f"../_images/gd-anim/{lesson_player.id}/{k:02d}.webp" for k in range(30)]
    site = lesson_player.with_frames(files)
    html = site.html(embed=False)
    assert "<style>" not in html and "<script>" not in html
    assert gdlesson.find_players(html) == [site]
    assert html.count('loading="lazy"') == html.count("<img ") == 1 + 2 + STRIP_FRAMES
    assert html.count('width="750" height="250"') == html.count("<img ")
    for k in (0, 10, 19, 29):
        assert f"<figcaption>{site.labels[k]}</figcaption>" in html
    assert f"--gd-accent: {gdlesson.alpha_color(0.001)}" in html


def test_same_run_gives_the_same_player(data):
    short = gdlesson.train(data.X, data.y, epochs=2)
    first = gdlesson.show_lrpr(data, short).player
    again = gdlesson.show_lrpr(data, short).player
    assert again == first and again.html() == first.html() and len(first.frames) == 2


def test_animation_closes_its_figure(data):
    anim = gdlesson.show_lrpr(data, gdlesson.train(data.X, data.y, epochs=2))
    assert isinstance(anim, animation.FuncAnimation) and plt.get_fignums() == []
    assert repr(anim).startswith("<PlayerAnimation: 2 frames, α = 0.001의 학습 과정")
    assert anim.to_jshtml() == anim.player.html()   # an animation never drawn warns when deleted


def test_the_lecture_lists_are_accepted(data):
    h = gdlesson.train(data.X, data.y, epochs=3)
    player = gdlesson.show_lrpr([data.x, data.y], [h.loss_history, h.yhat_history,
                                                   h.What_history]).player
    # the lecture's lists carry no start: each point is What after the update, as it draws them
    assert player.labels[0] == "epoch 1: Ŵ = (-3.66, 8.81), loss = 8588"
    assert len(player.labels) == 3 and player.color is None


def test_diverging_run_keeps_the_lecture_axes_and_says_so(data):
    history = gdlesson.train(data.X, data.y, alpha=0.02, epochs=6, warn=False)
    player = gdlesson.show_lrpr(data, history).player
    outside = [label.endswith("(Ŵ가 그림 범위 밖)") for label in player.labels]
    assert len(outside) == history.epochs_run == 6 and not outside[0] and outside[-1]
    first = outside.index(True)
    assert all(outside[first:])
    assert f"업데이트 {first}번 뒤에 처음 그림 범위 밖으로 나가 돌아오지 않습니다." in player.alt
    assert "업데이트 5번 동안" in player.alt


@pytest.mark.parametrize("alpha, says", [
    # 0.0085: only Ŵ_28 is outside the box; the last frame (Ŵ_29) is inside again
    (0.0085, "업데이트 28번 뒤에 처음 그림 범위 밖으로 나가지만 마지막 장면에서는 범위 안에 있습니다."),
    # 0.01: Ŵ_4 is outside, Ŵ_5 back inside, Ŵ_6 and later outside for good
    (0.01, "업데이트 4번 뒤에 처음 그림 범위 밖으로 나가고, 업데이트 6번 뒤부터는 돌아오지 않습니다."),
])
def test_alt_text_says_when_the_point_leaves_and_whether_it_comes_back(data, alpha, says):
    history = gdlesson.train(data.X, data.y, alpha=alpha, warn=False)
    player = gdlesson.show_lrpr(data, history).player
    assert says in player.alt
    outside = [label.endswith("(Ŵ가 그림 범위 밖)") for label in player.labels]
    first = outside.index(True)
    assert f"업데이트 {first}번 뒤에 처음" in says
    assert outside[-1] is (alpha == 0.01)


def test_alt_text_uses_the_particle_the_number_is_read_with(data):
    # 26.36 is read ...육 (final ㄱ) → 으로; 26.41 ...일 (final ㄹ) → 로
    assert "26.36으로 바뀝니다" in gdlesson.show_lrpr(
        data, gdlesson.train(data.X, data.y, alpha=0.005)).player.alt
    assert "26.41로 바뀝니다" in gdlesson.show_lrpr(
        data, gdlesson.train(data.X, data.y)).player.alt


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
    player = gdlesson.as_player(ani, alt="강의의 show_lrpr")
    assert player.labels == ("프레임 1/3", "프레임 2/3", "프레임 3/3")
    assert 0.45 < player.split < 0.55 and player.fps == pytest.approx(5) and player.color is None
    assert _image(player.frame_bytes()[0][1]).size == (1500, 500)
    assert len(set(player.frames)) == 3


def test_use_player_keeps_an_animation_own_captions(data, history):
    gdlesson.use_player()                                 # not in IPython: nothing to do
    from IPython.core.interactiveshell import InteractiveShell
    shell = InteractiveShell.instance()
    try:
        plt.rcParams["animation.html"] = "jshtml"         # as the lecture sets it
        gdlesson.use_player()
        lecture, _ = shell.display_formatter.format(_lecture_show_lrpr(data.x, data.y, *history,
                                                                       frames=2))
        lesson, _ = shell.display_formatter.format(
            gdlesson.show_lrpr(data, gdlesson.train(data.X, data.y, epochs=2)))
    finally:
        plt.rcParams["animation.html"] = "none"
        InteractiveShell.clear_instance()
    assert lecture[MIME_TYPE]["labels"] == ["프레임 1/2", "프레임 2/2"]
    assert gdlesson.find_players(lecture["text/html"])[0].labels == ("프레임 1/2", "프레임 2/2")
    assert lesson[MIME_TYPE]["labels"][1].startswith("α = 0.001 · 업데이트 1번 뒤")
    assert gdlesson.find_players(lesson["text/html"])[0].labels[1].startswith("α = 0.001")


@pytest.mark.parametrize("change, message", [
    ({"labels": ["a"]}, r"'labels' must hold one caption per frame \(30 frames, 1 labels\)"),
    ({"width": 0}, r"'width' must be a positive integer, got 0"),
    ({"mode": "bounce"}, r"player payload 'mode' must be one of"),
    ({"split": 1.5}, r"'split' must be None or in \(0, 1\), got 1.5"),
    ({"size": [1, 2]}, r"unknown \['size'\]"),
])
def test_a_bad_payload_is_named(lesson_player, change, message):
    with pytest.raises(ValueError, match=message):
        gdlesson.read_payload({**lesson_player.payload(), **change})


def test_to_jshtml_takes_matplotlibs_arguments(data):
    anim = gdlesson.show_lrpr(data, gdlesson.train(data.X, data.y, epochs=2))
    assert anim.player.fps == 5.0 and anim.player.mode == "loop"
    html = anim.to_jshtml(fps=10, default_mode="reflect")
    assert '"fps": 10.0' in html and '"fps": 5.0' not in html
    assert 'value="reflect" checked' in html and 'value="loop" checked' not in html
    assert anim.to_jshtml() == anim.player.html()
    with pytest.raises(ValueError, match="embed_frames must be True"):
        anim.to_jshtml(embed_frames=False)
    with pytest.raises(ValueError, match="default_mode"):
        anim.to_jshtml(default_mode="bounce")
    with pytest.raises(ValueError, match="fps"):
        anim.to_jshtml(fps=-1)
