"""The lecture's ``show_lrpr``: the fitted line and the path on the loss surface, per epoch."""

import math

import matplotlib.pyplot as plt
import numpy as np
import torch
from matplotlib.animation import FuncAnimation
from matplotlib.ticker import MaxNLocator

from .fonts import korean_style
from .jshtml import frames_to_html, render_frames
from .surface import GRID, loss_surface
from .training import History


class LessonAnimation(FuncAnimation):
    """A ``FuncAnimation`` whose HTML (``to_jshtml``, notebook display) is the compact player."""

    def __init__(self, fig, func, frames, dynamic, alt="animation", **kwargs):
        super().__init__(fig, func, frames=frames, **kwargs)
        self._update, self._n_frames = func, frames
        self._dynamic, self.alt = dynamic, alt

    def to_jshtml(self, fps=None, embed_frames=True, default_mode=None):
        """Compact, offline HTML player (see ``gdlesson.jshtml``); cached per animation."""
        if not hasattr(self, "_compact_html"):
            images = render_frames(self._fig, self._update, self._n_frames, self._dynamic)
            self._compact_html = frames_to_html(images, fps=fps or 1000 / self._interval,
                                                default_mode=default_mode or "loop", alt=self.alt)
        return self._compact_html

    def _repr_html_(self):
        return self.to_jshtml()

    def __repr__(self):
        # no memory address: a notebook's text output stays the same from run to run
        return f"<LessonAnimation: {self._n_frames} frames, {self.alt}>"


def _frames(history):
    """``(yhat_history, path, alpha)`` of a run; ``path`` rows are (w0, w1, loss) per frame.

    For a ``History`` the point of frame k is What *before* update k+1, the Ŵ whose line
    and loss the frame shows. The lecture's plain lists ``[loss_history, yhat_history,
    What_history]`` carry no starting point, so there the point is What *after* the
    update, as the lecture draws it, and α is unknown (nan).
    """
    if isinstance(history, History):
        whats = [history.What0] + history.What_history[:-1]
        yhat_history, loss_history, alpha = history.yhat_history, history.loss_history, history.alpha
    else:
        loss_history, yhat_history, whats = history
        alpha = float("nan")
    path = np.array([[float(w[0]), float(w[1]), float(loss)]
                     for w, loss in zip(whats, loss_history)], dtype=float).reshape(-1, 3)
    return list(yhat_history), path, alpha


def show_lrpr(data, history, figsize=(7.5, 2.5), dpi=100, interval=200):
    """Animate a run as the lecture does: left the data and the current line ``yhat``,
    right the SSE surface over w0, w1 ∈ [-6, 11) with the true W as a red star and the
    visited Ŵ as grey points. One frame per recorded epoch.

    Parameters
    ----------
    data : RegressionData or ``(x, y)``
    history : History (or the lecture's ``[loss_history, yhat_history, What_history]``)
    figsize, dpi : size of each frame (the lecture's 7.5 × 2.5 inches at 100 dpi)

    Returns
    -------
    LessonAnimation (a FuncAnimation); its figure is already closed.
    Points outside the surface's box or not finite are left out, so a diverging run does
    not stretch the axes; the title then says the estimate left the plotted range.
    """
    x, y = data
    x, y = torch.as_tensor(x).numpy(), torch.as_tensor(y).numpy()
    yhat_history, path, alpha = _frames(history)
    frames = len(yhat_history)
    if frames == 0 or len(path) != frames:
        raise ValueError("history must hold at least one epoch, with as many losses as yhats")
    W0, W1, L = loss_surface(x, y)
    true_W = getattr(data, "W", torch.tensor([2.5, 4.0])).tolist()
    w0, w1 = true_W
    true_loss = float(((y - w0 - w1 * x) ** 2).sum())
    lo, hi = GRID[0], GRID[-1]
    inside = np.isfinite(path).all(axis=1) & (path[:, 0] >= lo) & (path[:, 0] <= hi) \
        & (path[:, 1] >= lo) & (path[:, 1] <= hi) & (path[:, 2] <= L.max())
    ylim = (y.min() - 0.25 * np.ptp(y), y.max() + 0.25 * np.ptp(y))

    with korean_style():
        fig = plt.figure(figsize=figsize, dpi=dpi)
        ax1 = fig.add_subplot(1, 2, 1)
        ax2 = fig.add_subplot(1, 2, 2, projection="3d")
        ax1.plot(x, y, "o", ms=3)
        line, = ax1.plot(x, yhat_history[0], lw=2)
        ax1.set_ylim(*ylim)
        ax1.tick_params(labelsize=7)
        title = fig.suptitle("", fontsize=8, y=0.98)
        ax2.plot_surface(W0, W1, L, rstride=1, cstride=1, color="b", alpha=0.35)
        ax2.scatter(w0, w1, true_loss, s=200, color="red", marker="*", depthshade=False)
        points = ax2.scatter([], [], [], color="grey", depthshade=False)
        ax2.set_xlim(lo, hi)
        ax2.set_ylim(lo, hi)
        ax2.set_zlim(0, L.max())
        ax2.set_xlabel("$w_0$", fontsize=7, labelpad=-8)
        ax2.set_ylabel("$w_1$", fontsize=7, labelpad=-8)
        ax2.tick_params(labelsize=5, pad=-3)
        for axis in (ax2.xaxis, ax2.yaxis, ax2.zaxis):
            axis.set_major_locator(MaxNLocator(4))
        ax2.view_init(elev=5, azim=40)
        ax2.set_box_aspect(None, zoom=1.25)  # the lecture's ax2.dist = 8 (default 10)
        fig.subplots_adjust(left=0.06, right=0.98, bottom=0.1, top=0.88, wspace=0.05)

    def update(k):
        line.set_ydata(yhat_history[k])
        shown = path[: k + 1][inside[: k + 1]]
        points._offsets3d = (shown[:, 0], shown[:, 1], shown[:, 2])
        w0k, w1k, lossk = path[k]
        head = f"α = {alpha:g}, " if not math.isnan(alpha) else ""
        note = "" if inside[k] else "  (Ŵ가 그림 범위 밖)"
        title.set_text(f"{head}epoch {k + 1}: Ŵ = ({w0k:.3g}, {w1k:.3g}), loss = {lossk:.4g}{note}")
        return line, points, title

    alt = (f"α = {alpha:g} 학습 과정 애니메이션: 왼쪽은 데이터와 epoch별 적합선, "
                "오른쪽은 손실함수 곡면 위의 Ŵ 경로" if not math.isnan(alpha) else
                "학습 과정 애니메이션")
    anim = LessonAnimation(fig, update, frames, dynamic=[line, points, title], alt=alt,
                           interval=interval, blit=False)
    plt.close(fig)
    return anim
