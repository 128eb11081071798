"""Figures and tables: one convention (``ax=None`` in, the Axes out; several Axes → the
Figure), Korean text drawn with the package's font, one colour per α everywhere."""

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest
from matplotlib.axes import Axes
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

import gdlesson


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_import_changes_no_global_state(fresh_import):
    returncode, stderr = fresh_import
    assert returncode == 0, stderr


def test_korean_font_comes_from_the_installed_package():
    path = gdlesson.korean_font_path()
    assert path.name == "NanumGothic.ttf" and "koreanize_matplotlib" in str(path)


AXES_HELPERS = {
    "plot_data": lambda d, h, ax: gdlesson.plot_data(d, ax=ax),
    "plot_fit": lambda d, h, ax: gdlesson.plot_fit(d, (-5, 10), ax=ax),
    "plot_fits": lambda d, h, ax: gdlesson.plot_fits(d, {"전": (-5, 10), "후": h.What_history[0]}, ax=ax),
    "plot_loss": lambda d, h, ax: gdlesson.plot_loss(h, ax=ax),
    "plot_contour_paths": lambda d, h, ax: gdlesson.plot_contour_paths(d, [h], ax=ax),
    "plot_alpha_sweep": lambda d, h, ax: gdlesson.plot_alpha_sweep(d, alphas=[1e-3, 1e-2], ax=ax),
}


@pytest.mark.parametrize("name", AXES_HELPERS)
def test_axes_helpers_take_ax_and_return_it(data, history, name):
    fig, ax = plt.subplots()
    assert AXES_HELPERS[name](data, history, ax) is ax
    made = AXES_HELPERS[name](data, history, None)          # ax=None makes a new figure
    assert isinstance(made, Axes) and made.figure is not fig
    made.figure.canvas.draw()


def test_helper_with_several_axes_returns_the_figure(data, history):
    fig = gdlesson.plot_epochs(data, history, epochs=(3, 10, 15))
    assert isinstance(fig, Figure)
    fig.canvas.draw()
    assert [ax.get_title() for ax in fig.axes] == ["epoch = 3", "epoch = 10", "epoch = 15"]
    assert list(fig.axes[0].lines[1].get_ydata()) == history.yhat_history[2]
    with pytest.raises(ValueError, match=r"epochs must lie in 1..30, got 31"):
        gdlesson.plot_epochs(data, history, epochs=(31,))


def test_data_plot_has_korean_legend_and_restores_rc(data):
    before = dict(mpl.rcParams)
    ax = gdlesson.plot_data(data)
    ax.figure.canvas.draw()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[0].startswith("데이터") and labels[1].startswith("참값 직선")
    assert ax.get_legend().get_texts()[0].get_fontfamily() == ["DejaVu Sans", "NanumGothic"]
    assert dict(mpl.rcParams) == before


def test_colours_have_one_meaning(data, history):
    ax = gdlesson.plot_data(data)
    dots, true_line = ax.lines
    assert to_hex(dots.get_color()) == to_hex("tab:blue") and to_hex(true_line.get_color()) == to_hex("red")
    ax = gdlesson.plot_fit(data, history.What)
    assert to_hex(ax.lines[1].get_color()) == to_hex("tab:orange") and ax.lines[1].get_linestyle() == "--"


def test_korean_labels_on_axes_made_without_the_korean_font(runs, data):
    fig, (left, right) = plt.subplots(1, 2)            # made outside korean_style
    gdlesson.plot_loss(runs[0.001], ax=left)
    gdlesson.plot_alpha_sweep(data, alphas=[1e-3], ax=right)
    fig.canvas.draw()                                  # a missing glyph fails (conftest)
    assert left.get_xlabel() == "업데이트 횟수 k" and right.get_xlabel().startswith("학습률")


def test_negative_tick_labels_draw_a_minus(data):
    ax = gdlesson.plot_fit(data, (-5, 10))
    ax.figure.canvas.draw()
    assert any(t.get_text().startswith("−") for t in ax.get_yticklabels())   # U+2212


def test_fit_lines(data, history):
    ax = gdlesson.plot_fits(data, {"수정 전": (-5, 10), "수정 후": history.What_history[0]})
    assert len(ax.lines) == 3
    assert list(ax.lines[2].get_ydata()) == pytest.approx(history.yhat_history[1])


def test_one_colour_per_alpha_in_every_figure(data, runs):
    colours = {a: gdlesson.alpha_color(a) for a in gdlesson.LECTURE_ALPHAS}
    assert len(set(colours.values())) == 5
    assert gdlesson.alpha_color(0.005) == gdlesson.alpha_color(0.0050000001)   # by value
    histories = [runs[a] for a in gdlesson.LECTURE_ALPHAS]
    contour = gdlesson.plot_contour_paths(data, histories)
    fig, loss_ax = plt.subplots()
    for h in histories:
        gdlesson.plot_loss(h, ax=loss_ax)
    sweep = gdlesson.plot_alpha_sweep(data, alphas=[1e-3])
    for ax in (contour, loss_ax, sweep):
        drawn = {line.get_label(): to_hex(line.get_color()) for line in ax.lines}
        for alpha, colour in colours.items():
            label = next(label for label in drawn if label.startswith(f"α = {alpha:g}"))
            assert drawn[label] == colour, (ax, alpha)


def test_loss_plot_marks_rising_and_divergence(runs):
    ax = gdlesson.plot_loss(runs[0.0085])
    ax.figure.canvas.draw()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["α = 0.0085", "다시 커짐 (업데이트 6번 뒤)", "발산 (업데이트 28번 뒤)"]
    assert list(ax.lines[0].get_ydata()) == runs[0.0085].losses
    steady = gdlesson.plot_loss(runs[0.001])
    assert steady.get_yscale() == "linear" and len(steady.get_legend().get_texts()) == 1
    assert steady.get_xlabel() == "업데이트 횟수 k"


def test_diverged_loss_plot_renders_on_a_log_scale(exploded):
    ax = gdlesson.plot_loss(exploded[0])
    ax.figure.canvas.draw()
    assert ax.get_yscale() == "log"


def test_contour_paths_stay_in_the_box(data, runs):
    ax = gdlesson.plot_contour_paths(data, [runs[a] for a in gdlesson.LECTURE_ALPHAS])
    ax.figure.canvas.draw()
    assert ax.get_xlim() == (-6, 11) and len(ax.get_lines()) == 7       # 5 paths, star, cross
    assert ax.get_legend().get_texts()[4].get_text() == "α = 0.01 (발산)"
    assert ax.get_legend().get_texts()[2].get_text() == "α = 0.0083 (불안정)"


def test_alpha_sweep_marks_the_threshold(data):
    ax = gdlesson.plot_alpha_sweep(data)
    ax.figure.canvas.draw()                                               # log ticks: math text
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    threshold = next(line for line in ax.lines if line.get_label().startswith("α* ="))
    assert threshold.get_xdata()[0] == pytest.approx(gdlesson.critical_alpha(data.X))


def test_what_table_pairs_each_estimate_with_its_loss(history):
    table = gdlesson.what_table(history)
    html = table._repr_html_()
    assert html.count("<tr>") == 31 and "<th>ŵ0</th>" in html
    assert "<td>1</td><td>-3.6577</td><td>8.8111</td>" in html
    assert "<td>30</td><td>2.4290</td><td>4.0144</td>" in html
    assert table.rows[0][3] == f"{history.loss_history[1]:.4f}"          # L_1 is Ŵ_1's loss
    assert table.rows[-1][3] == f"{history.final_loss:.4f}"
    lines = str(table).splitlines()
    assert len(lines) == 31 and len({len(line) for line in lines}) == 1   # aligned columns


def test_stability_table(data):
    table = gdlesson.stability_table(data.X, [0.001, 0.0083, 0.0085, 0.01])
    rows = {r[0]: r for r in table.rows}
    assert rows["0.001"][3] == gdlesson.training.CONVERGES == "수렴"
    assert rows["0.0083"][3] == gdlesson.training.DIVERGED == "발산"
    assert rows["0.001"][1:3] == ("+0.8140", "+0.7572")
    assert rows["0.0083"][1:3] == ("-0.5435", "-1.0150") and rows["0.0085"][2] == "-1.0635"
    assert rows["0.01"][1:3] == ("-0.8596", "-1.4277")
    assert "α* = 1/λ_max = 0.008238" in table.caption and "λ_max = 121.39" in table.caption
    assert table._repr_html_().count("<tr>") == 5


def test_stability_table_at_alpha_star_is_the_edge(data):
    """At α* the steep factor is −1: the error keeps its size, neither 수렴 nor 발산."""
    star = gdlesson.critical_alpha(data.X)
    (row,) = gdlesson.stability_table(data.X, [star]).rows
    assert row[2] == "-1.0000" and row[3] == gdlesson.training.ON_THE_EDGE == "경계: 줄지도 커지지도 않음"
    run = gdlesson.train(data.X, data.y, alpha=star, epochs=400, warn=False)
    floor = gdlesson.sse(gdlesson.ols(data.X, data.y), data.X, data.y).item()
    assert max(run.losses[1:]) < run.losses[0] and run.final_loss > 10 * floor   # stays up, below the start
