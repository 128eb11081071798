"""Bytes and seconds of a 30-frame learning animation in a notebook's output: the lecture's
code with matplotlib's player, the same animation in gdlesson's player, and gdlesson's own.

matplotlib's ``to_jshtml()`` embeds PNG frames at 100 dpi; gdlesson's player embeds WebP
frames at 200 dpi (twice the screen density, for phones). On the site the frames of
gdlesson's player are files fetched late, so these bytes are what a notebook carries, not
what a page costs. Run: ``python benchmarks/bench_animation.py``.
"""

import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402
from matplotlib import animation  # noqa: E402

import gdlesson  # noqa: E402


def lecture_show_lrpr(data, history):
    """The lecture's show_lrpr, with ``ax2.dist = 8`` replaced (removed in matplotlib 3.8)."""
    x, y = data
    loss_history, yhat_history, What_history = history
    fig = plt.figure(figsize=(7.5, 2.5), dpi=100)
    ax1 = fig.add_subplot(1, 2, 1)
    ax2 = fig.add_subplot(1, 2, 2, projection="3d")
    ax1.plot(x, y, "o")
    line, = ax1.plot(x, yhat_history[0])
    _w0 = np.arange(-6, 11, 0.5)
    _w1 = np.arange(-6, 11, 0.5)
    w1, w0 = np.meshgrid(_w1, _w0)
    lss = w0 * 0
    for i in range(len(_w0)):
        for j in range(len(_w1)):
            lss[i, j] = torch.sum((y - _w0[i] - _w1[j] * x) ** 2)
    ax2.plot_surface(w0, w1, lss, rstride=1, cstride=1, color="b", alpha=0.35)
    ax2.scatter(2.5, 4, torch.sum((y - 2.5 - 4 * x) ** 2), s=200, color="red", marker="*")
    ax2.scatter(What_history[0][0], What_history[0][1], loss_history[0], color="b")
    ax2.azim, ax2.elev = 40, 5
    ax2.set_box_aspect(None, zoom=1.25)

    def animate(epoc):
        line.set_ydata(yhat_history[epoc])
        ax2.scatter(np.array(What_history)[epoc, 0], np.array(What_history)[epoc, 1],
                    loss_history[epoc], color="grey")
        return line

    ani = animation.FuncAnimation(fig, animate, frames=30)
    plt.close()
    return ani


def measure(name, build):
    start = time.perf_counter()
    html = build()
    seconds = time.perf_counter() - start
    print(f"{name:<34} {len(html.encode()) / 1024:8.1f} KB {seconds:8.2f} s")
    return len(html.encode()), seconds


def main():
    data = gdlesson.make_data()
    history = gdlesson.train(data.X, data.y, alpha=0.001, epochs=30)
    lists = [history.loss_history, history.yhat_history, history.What_history]
    print(f"30 frames, 7.5 x 2.5 in, matplotlib {matplotlib.__version__}")
    print(f"{'':<34} {'size':>11} {'time':>10}")
    measure("lecture show_lrpr, to_jshtml()",
            lambda: lecture_show_lrpr([data.x, data.y], lists).to_jshtml())
    measure("lecture show_lrpr, gd.as_player()",
            lambda: gdlesson.as_player(lecture_show_lrpr([data.x, data.y], lists)).html())
    measure("gd.show_lrpr(...).to_jshtml()",
            lambda: gdlesson.show_lrpr(data, history).to_jshtml())


if __name__ == "__main__":
    main()
