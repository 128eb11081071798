"""Static figures: the data, fitted lines, fits per epoch, loss curves, and the two views
beyond the lecture (the loss seen from above with the paths of several α, and the loss
after 30 updates against α).

One convention, as in matplotlib: a helper that draws into one Axes takes ``ax=None``
(a new figure is made when it is None) and returns that Axes; a helper that makes several
Axes returns the Figure. Helpers draw in the lecture's look (blue dots, dashed lines),
with the colours of :mod:`gdlesson.style` and Korean labels, and never call ``plt.show()``.
"""

import math

import matplotlib.pyplot as plt
import numpy as np

from ._checks import check_pair
from .analysis import _ols, best_alpha, critical_alpha, final_losses
from .data import EPOCHS, LECTURE_ALPHAS
from .loss import loss_surface, sum_of_squares
from .style import DATA_COLOR, FAMILY, FIT_COLOR, TRUE_COLOR, alpha_color, korean_style

FIGSIZE = (6.0, 4.0)
SWEEP_RANGE = (1e-4, 1.2e-2)   # the learning rates plot_alpha_sweep shows by default
SWEEP_COUNT = 200
PATH_MARKERS = ("o", "s", "^", "D", "v", "P", "X")   # one per path, besides its colour


def _new_axes(ax, figsize=FIGSIZE):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _korean_labels(ax, xlabel, ylabel):
    """Axis labels in the Korean font even on Axes made outside :func:`korean_style`
    (a label keeps the font of the moment its Axes was made)."""
    ax.set_xlabel(xlabel, fontfamily=FAMILY)
    ax.set_ylabel(ylabel, fontfamily=FAMILY)


def _label_xy(ax):
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.legend(loc="upper left")


def plot_data(data, ax=None, true_line=True):
    """The data ``(x, y)`` as blue dots and, optionally, the true line as a red dotted line.

    Parameters
    ----------
    data : RegressionData
        The data, e.g. ``make_data()``.
    ax : matplotlib Axes, default=None
        Where to draw; None makes a new figure.
    true_line : bool, default=True
        Also draw the line ``y = w0 + w1 x`` of the true W.

    Returns
    -------
    ax : matplotlib Axes
    """
    with korean_style():
        ax = _new_axes(ax)
        ax.plot(data.x, data.y, "o", color=DATA_COLOR, label="데이터 (xᵢ, yᵢ)")
        if true_line:
            w0, w1 = data.W.tolist()
            ax.plot(data.x, w0 + w1 * data.x, ":", color=TRUE_COLOR, lw=2,
                    label=f"참값 직선 y = {w0:g} + {w1:g}x")
        _label_xy(ax)
    return ax


def plot_fit(data, What, ax=None, label=None, data_points=True, color=FIT_COLOR):
    """The fitted line ``ŷ = X @ What`` as a dashed line, over the data.

    Parameters
    ----------
    data : RegressionData
        The data.
    What : sequence of 2 floats
        The estimate whose line is drawn (a tensor that requires grad is fine).
    ax : matplotlib Axes, default=None
        Where to draw; None makes a new figure.
    label : str, default=None
        Legend text; None gives ``Ŵ = (w0, w1)``.
    data_points : bool, default=True
        Also draw the data (False when adding a line to a plot that has them).
    color : color, default="tab:orange"
        Colour of the line.

    Returns
    -------
    ax : matplotlib Axes
    """
    What = check_pair("What", What)
    with korean_style():
        ax = _new_axes(ax)
        if data_points:
            ax.plot(data.x, data.y, "o", color=DATA_COLOR, label="데이터")
        w0, w1 = What.tolist()
        ax.plot(data.x, (data.X @ What).tolist(), "--", color=color,
                label=label or f"Ŵ = ({w0:.4g}, {w1:.4g})")
        _label_xy(ax)
    return ax


def plot_fits(data, fits, ax=None):
    """Several fitted lines over the data, each dashed in the next colour of the cycle.

    Parameters
    ----------
    data : RegressionData
        The data.
    fits : dict of str to sequence of 2 floats
        Legend label → the estimate Ŵ whose line is drawn, in drawing order.
    ax : matplotlib Axes, default=None
        Where to draw; None makes a new figure.

    Returns
    -------
    ax : matplotlib Axes
    """
    with korean_style():
        ax = _new_axes(ax)
        ax.plot(data.x, data.y, "o", color=DATA_COLOR, label="데이터")
        for index, (label, What) in enumerate(fits.items(), start=1):
            plot_fit(data, What, ax=ax, label=label, data_points=False, color=f"C{index}")
    return ax


def plot_epochs(data, history, epochs=(3, 10, 15)):
    """One panel per epoch with the line that epoch draws, ``yhat_history[epoch - 1]``
    (the line of Ŵ before that epoch's update).

    Parameters
    ----------
    data : RegressionData
        The data.
    history : History
        A run of :func:`train`.
    epochs : sequence of int, default=(3, 10, 15)
        1-based epochs, each within the run.

    Returns
    -------
    fig : matplotlib Figure
    """
    epochs = list(epochs)
    for epoch in epochs:
        if not 1 <= epoch <= history.epochs_run:
            raise ValueError(f"epochs must lie in 1..{history.epochs_run}, got {epoch}")
    with korean_style():
        fig, axes = plt.subplots(1, len(epochs), figsize=(3.2 * len(epochs), 3.0),
                                 sharey=True, layout="constrained", squeeze=False)
        for ax, epoch in zip(axes[0], epochs):
            ax.plot(data.x, data.y, "o", color=DATA_COLOR, ms=4)
            ax.plot(data.x, history.yhat_history[epoch - 1], "--", color=FIT_COLOR, lw=2)
            ax.set_title(f"epoch = {epoch}")
            ax.set_xlabel("$x$")
        axes[0][0].set_ylabel("$y$")
    return fig


def plot_loss(history, ax=None):
    """The loss L_k of each Ŵ_k against k, the number of updates, in the colour of α.

    The lecture's ``plt.plot(loss_history)`` with the loss after the last update added.
    Where the loss starts rising again a ring marks it, and where it exceeds the
    starting loss a dotted line (발산). The scale turns logarithmic when the losses span
    more than three decades; call it once per run on one ``ax`` to compare runs.

    Parameters
    ----------
    history : History
        A run of :func:`train`.
    ax : matplotlib Axes, default=None
        Where to draw; None makes a new figure.

    Returns
    -------
    ax : matplotlib Axes
    """
    losses = [v if math.isfinite(v) else np.nan for v in history.losses]
    color = alpha_color(history.alpha)
    with korean_style():
        ax = _new_axes(ax)
        ax.plot(range(len(losses)), losses, ".-", color=color, label=f"α = {history.alpha:g}")
        if history.rising_at is not None and not np.isnan(losses[history.rising_at]):
            ax.plot(history.rising_at, losses[history.rising_at], "o", ms=10, mfc="none",
                    mec=color, mew=1.5, label=f"다시 커짐 (업데이트 {history.rising_at}번 뒤)")
        if history.diverged:
            ax.axvline(history.diverged_at, color=color, ls=":",
                       label=f"발산 (업데이트 {history.diverged_at}번 뒤)")
        finite = [v for v in losses if v > 0]
        if finite and max(finite) / min(finite) > 1e3:
            ax.set_yscale("log")
        _korean_labels(ax, "업데이트 횟수 k", "loss (SSE)")
        ax.legend(fontsize=8)
    return ax


def _until_it_leaves(path, lim):
    """The rows of ``path`` up to and including the first one outside the square ``lim``."""
    outside = ~np.all((path >= lim[0]) & (path <= lim[1]), axis=1)
    return path[: int(np.argmax(outside)) + 1] if outside.any() else path


def plot_contour_paths(data, histories, ax=None, lim=(-6, 11)):
    """Contour map of the SSE over (w0, w1) with the path Ŵ_0, Ŵ_1, … of each run.

    Each path has the colour of its α and a marker of its own; the true W is the red star
    and the least-squares minimum a black cross. A path that leaves the box is drawn up
    to its first point outside it (the axes cut that segment), so it does not rescale the
    axes. The legend sits below the map in type that stays legible on a phone.

    Parameters
    ----------
    data : RegressionData
        The data.
    histories : sequence of History
        The runs to draw, slowest first (the first ones stay on top).
    ax : matplotlib Axes, default=None
        Where to draw; None makes a new figure.
    lim : tuple of 2 floats, default=(-6, 11)
        The square ``lim × lim`` shown, the lecture's surface range.

    Returns
    -------
    ax : matplotlib Axes
    """
    grid = np.linspace(lim[0], lim[1], 121)
    W0, W1, L = loss_surface(data.x, data.y, grid, grid)
    X, y = data.X.double(), data.y.double()
    minimum = _ols(X, y).tolist()
    with korean_style():
        ax = _new_axes(ax, figsize=(5.2, 6.4))
        levels = np.geomspace(L.min() * 1.05, L.max(), 14)
        ax.contour(W0, W1, L, levels=levels, colors="0.6", linewidths=0.8)
        for order, h in enumerate(histories):
            path = _until_it_leaves(np.array(h.weights), lim)
            ax.plot(path[:, 0], path[:, 1], "-", marker=PATH_MARKERS[order % len(PATH_MARKERS)],
                    color=alpha_color(h.alpha), lw=1.2, ms=4.5, alpha=0.9, zorder=10 - order,
                    label=f"α = {h.alpha:g} ({h.outcome})")
        ax.plot(*data.W.tolist(), "*", color=TRUE_COLOR, ms=16, label="참값 W = (2.5, 4)")
        ax.plot(*minimum, "x", color="black", ms=10, mew=2,
                label=f"최소제곱해 ({minimum[0]:.4f}, {minimum[1]:.4f})")
        ax.set_xlim(*lim)
        ax.set_ylim(*lim)
        ax.set_aspect("equal")
        ax.set_xlabel("$w_0$")
        ax.set_ylabel("$w_1$")
        # below the map, in type that stays legible when the figure is shrunk to a phone
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=2, fontsize=11,
                  frameon=False, handlelength=1.8, columnspacing=1.0)
    return ax


def plot_alpha_sweep(data, alphas=None, epochs=EPOCHS, ax=None):
    """The loss after ``epochs`` updates against α (log–log), with α* and the best α marked.

    Computed from the closed form, so hundreds of α cost no training loop. The lecture's
    five rates are marked in their colours.

    Parameters
    ----------
    data : RegressionData
        The data.
    alphas : array-like of float, default=None
        The learning rates; None means ``SWEEP_COUNT`` (200) values spread evenly on a
        log scale over ``SWEEP_RANGE`` (1e-4 to 1.2e-2).
    epochs : int, default=30
        Updates per run.
    ax : matplotlib Axes, default=None
        Where to draw; None makes a new figure.

    Returns
    -------
    ax : matplotlib Axes
    """
    alphas = np.geomspace(*SWEEP_RANGE, SWEEP_COUNT) if alphas is None else np.asarray(alphas, float)
    losses = final_losses(data.X, data.y, list(alphas) + list(LECTURE_ALPHAS), epochs=epochs)
    losses = np.where(np.isfinite(losses.numpy()), losses.numpy(), np.nan)
    a_star, a_best = critical_alpha(data.X), best_alpha(data.X)
    X, y = data.X.double(), data.y.double()
    floor = sum_of_squares(y, X @ _ols(X, y)).item()
    with korean_style():
        ax = _new_axes(ax, figsize=(6, 5.6))
        ax.plot(alphas, losses[: len(alphas)], "-", color="0.35", label=f"{epochs}번 업데이트 후 loss")
        for alpha, loss in zip(LECTURE_ALPHAS, losses[len(alphas):]):
            ax.plot(alpha, loss, "o", color=alpha_color(alpha), label=f"α = {alpha:g}")
        ax.axvline(a_star, color="red", ls="--", label=f"α* = 1/λ_max = {a_star:.6f}")
        ax.axvline(a_best, color="green", ls=":", label=f"가장 빠른 α = {a_best:.5f}")
        ax.axhline(floor, color="0.5", lw=0.8, label=f"최소 loss = {floor:.2f}")
        ax.set_xscale("log")
        ax.set_yscale("log")
        _korean_labels(ax, "학습률 α (로그 눈금)", "loss (로그 눈금)")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=2, fontsize=10.5,
                  frameon=False)
    return ax
