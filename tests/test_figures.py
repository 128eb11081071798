"""Figures, the What-history table and the animation: they draw, in Korean, without warnings."""

import re
import warnings

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest

import gdlesson


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _draw(fig):
    with warnings.catch_warnings():
        warnings.simplefilter("error")        # a missing glyph is a UserWarning: fail on it
        fig.canvas.draw()


def test_import_changes_no_global_state():
    import subprocess
    import sys
    code = ("import matplotlib as mpl; before = dict(mpl.rcParams); import gdlesson; "
            "assert dict(mpl.rcParams) == before; import matplotlib.pyplot as plt; "
            "assert plt.get_fignums() == []")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_korean_font_comes_from_the_installed_package():
    path = gdlesson.korean_font_path()
    assert path.name == "NanumGothic.ttf" and "koreanize_matplotlib" in str(path)


def test_data_plot_has_korean_legend_and_restores_rc(data):
    before = dict(mpl.rcParams)
    fig, ax = plt.subplots()
    artists = gdlesson.plot_data(data, ax=ax)
    _draw(fig)
    assert len(artists) == 2
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[0].startswith("데이터") and labels[1].startswith("참값")
    assert ax.get_legend().get_texts()[0].get_fontfamily() == ["DejaVu Sans", "NanumGothic"]
    assert dict(mpl.rcParams) == before


def test_negative_tick_labels_draw_a_minus(data):
    fig, ax = plt.subplots()
    gdlesson.plot_fit(data, (-5, 10), ax=ax)
    _draw(fig)
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert any(t.startswith("−") for t in ticks)                 # U+2212, drawn by DejaVu Sans


def test_fit_lines(data, history):
    fig, ax = plt.subplots()
    artists = gdlesson.plot_fits(data, {"수정 전": (-5, 10), "수정 후": history.What_history[0]})
    _draw(plt.gcf())
    assert len(artists) == 3
    assert list(artists[2].get_ydata()) == pytest.approx(history.yhat_history[1])


def test_epochs_figure(data, history):
    fig = gdlesson.plot_epochs(data, history, epochs=(3, 10, 15))
    _draw(fig)
    assert [ax.get_title() for ax in fig.axes] == ["epoch = 3", "epoch = 10", "epoch = 15"]
    assert list(fig.axes[0].lines[1].get_ydata()) == history.yhat_history[2]
    with pytest.raises(ValueError, match=r"epochs must lie in 1..30, got 31"):
        gdlesson.plot_epochs(data, history, epochs=(31,))


def test_loss_plot(history):
    fig, ax = plt.subplots()
    (line,) = gdlesson.plot_loss(history, ax=ax)
    _draw(fig)
    assert list(line.get_ydata()) == history.loss_history and ax.get_yscale() == "linear"


def test_what_table_html_and_text(history):
    table = gdlesson.what_table(history)
    html = table._repr_html_()
    assert html.count("<tr>") == 31 and "<th>ŵ0</th>" in html
    assert "<td>-3.6577</td><td>8.8111</td>" in html and "<td>2.4290</td><td>4.0144</td>" in html
    assert len(table) == 30
    lines = str(table).splitlines()
    assert len(lines) == 31 and len({len(line) for line in lines}) == 1   # aligned columns
    assert lines[-1].split()[:3] == ["30", "2.4290", "4.0144"]


def test_surface_is_the_lecture_double_loop(data):
    import numpy as np
    import torch
    W0, W1, L = gdlesson.loss_surface(data.x, data.y)
    assert L.shape == (34, 34) and W0[0, 0] == -6 and W1[0, -1] == 10.5
    for i, j in [(0, 0), (5, 20), (33, 33)]:
        expected = torch.sum((data.y - W0[i, j] - W1[i, j] * data.x) ** 2).item()
        assert L[i, j] == pytest.approx(expected, rel=1e-5)
    assert np.unravel_index(L.argmin(), L.shape) == (17, 20)   # grid point nearest (2.5, 4)


def test_animation_is_light_offline_and_reproducible(data, history):
    anim = gdlesson.show_lrpr(data, history)
    assert isinstance(anim, mpl.animation.FuncAnimation)
    assert anim._fig.number not in plt.get_fignums()           # closed before returning
    html = anim.to_jshtml()
    frames = re.findall(r'frames\[\d+\] = "data:image/(\w+);base64,', html)
    assert len(frames) == 30
    assert len(html.encode()) <= 300_000
    assert "http://" not in html and "https://" not in html      # no CDN icon font
    assert 'alt="α = 0.001' in html and 'aria-label="재생"' in html
    assert gdlesson.show_lrpr(data, history).to_jshtml() == html  # same input, same bytes


def test_animation_accepts_the_lecture_lists(data, history):
    anim = gdlesson.show_lrpr([data.x, data.y], [history.loss_history, history.yhat_history,
                                                 history.What_history])
    assert len(re.findall(r'frames\[\d+\] = ', anim.to_jshtml())) == 30


def test_animation_frames_differ(data, history):
    html = gdlesson.show_lrpr(data, history).to_jshtml()
    frames = re.findall(r'frames\[\d+\] = "([^"]+)"', html)
    assert len(set(frames)) == 30


def test_analysis_views_draw(data):
    histories = [gdlesson.train(data.X, data.y, alpha=a, warn=False)
                 for a in (0.0001, 0.001, 0.0083, 0.0085, 0.01)]
    ax = gdlesson.plot_contour_paths(data, histories)
    _draw(ax.figure)
    assert ax.get_xlim() == (-6, 11) and len(ax.get_lines()) == 7       # 5 paths, star, cross
    assert ax.get_legend().get_texts()[4].get_text() == "α = 0.01 (발산)"
    ax = gdlesson.plot_alpha_sweep(data)
    _draw(ax.figure)                                                     # log ticks: math text
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    assert ax.lines[1].get_xdata()[0] == pytest.approx(gdlesson.critical_alpha(data.X))


def test_stability_table(data):
    table = gdlesson.stability_table(data.X, [0.001, 0.0083, 0.0085, 0.01])
    rows = {r[0]: r for r in table.rows}
    assert rows["0.001"][3] == "수렴" and rows["0.0083"][3] == "발산"
    assert rows["0.0083"][2] == "1.0150" and rows["0.0085"][2] == "1.0635" and rows["0.01"][2] == "1.4277"
    assert "α* = 1/λ_max = 0.008238" in table.caption and "λ_max = 121.39" in table.caption
    assert table._repr_html_().count("<tr>") == 5
