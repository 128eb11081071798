"""Views beyond the lecture: the loss seen from above with GD paths, and a sweep over α."""

import matplotlib.pyplot as plt
import numpy as np
from .analysis import best_alpha, critical_alpha, final_losses, ols
from .fonts import korean_style
from .loss import sse
from .surface import loss_surface

_PATH_COLORS = ["tab:green", "tab:blue", "tab:purple", "tab:orange", "tab:red", "tab:brown"]


def _until_it_leaves(path, lim):
    """The rows of ``path`` up to and including the first one outside the square ``lim``."""
    outside = ~np.all((path >= lim[0]) & (path <= lim[1]), axis=1)
    return path[: int(np.argmax(outside)) + 1] if outside.any() else path


def plot_contour_paths(data, histories, ax=None, lim=(-6, 11)):
    """Contour map of the SSE over (w0, w1) with the path of each run drawn on it.

    The true W is a red star, the least-squares minimum a black cross. A diverging path
    is drawn up to its first point outside the box (the axes cut that last segment), so
    it neither rescales the axes nor criss-crosses the picture. Returns the Axes.
    """
    grid = np.linspace(lim[0], lim[1], 121)
    W0, W1, L = loss_surface(data.x, data.y, grid, grid)
    minimum = ols(data.X, data.y).tolist()
    with korean_style():
        if ax is None:
            _, ax = plt.subplots(figsize=(6.5, 6), layout="constrained")
        levels = np.geomspace(L.min() * 1.05, L.max(), 14)
        ax.contour(W0, W1, L, levels=levels, colors="0.6", linewidths=0.8)
        for order, (color, h) in enumerate(zip(_PATH_COLORS, histories)):
            path = _until_it_leaves(np.array([h.What0] + h.What_history), lim)
            ax.plot(path[:, 0], path[:, 1], ".-", color=color, lw=0.9, ms=3.5, alpha=0.85,
                    zorder=10 - order,          # the first (slowest) runs stay on top
                    label=f"α = {h.alpha:g}" + (" (발산)" if h.diverged else ""))
        ax.plot(*data.W.tolist(), "*", color="red", ms=16, label="참값 W = (2.5, 4)")
        ax.plot(*minimum, "x", color="black", ms=10, mew=2,
                label=f"최소제곱해 ({minimum[0]:.4f}, {minimum[1]:.4f})")
        ax.set_xlim(*lim)
        ax.set_ylim(*lim)
        ax.set_aspect("equal")
        ax.set_xlabel("$w_0$")
        ax.set_ylabel("$w_1$")
        ax.legend(loc="lower left", fontsize=8)
    return ax


def plot_alpha_sweep(data, alphas=None, epochs=30, ax=None):
    """Loss after ``epochs`` updates against α (log–log), with α* and the best α marked.

    Returns the Axes.
    """
    if alphas is None:
        alphas = np.geomspace(1e-4, 1.2e-2, 200)
    losses = final_losses(data.X, data.y, alphas, epochs=epochs).numpy()
    losses = np.where(np.isfinite(losses), losses, np.nan)
    a_star, a_best = critical_alpha(data.X), best_alpha(data.X)
    with korean_style():
        if ax is None:
            _, ax = plt.subplots(figsize=(7, 4), layout="constrained")
        ax.plot(alphas, losses, "-", color="tab:blue", label=f"{epochs} epoch 후 loss")
        ax.axvline(a_star, color="red", ls="--", label=f"α* = 1/λ_max = {a_star:.6f}")
        ax.axvline(a_best, color="green", ls=":", label=f"가장 빠른 α = {a_best:.5f}")
        floor = sse(ols(data.X, data.y), data.X, data.y).item()
        ax.axhline(floor, color="0.5", lw=0.8, label=f"최소 loss = {floor:.2f}")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("학습률 α (로그 눈금)")
        ax.set_ylabel("loss (로그 눈금)")
        ax.legend(fontsize=8)
    return ax
