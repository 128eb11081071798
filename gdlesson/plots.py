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
    """데이터 ``(x, y)`` 점들을 파란 점으로 그리고, 원하면 참값 직선을 빨간 점선으로 함께 그립니다.

    Parameters
    ----------
    data : RegressionData
        데이터. 예: ``make_data()`` 결과.
    ax : matplotlib Axes, default=None
        그릴 곳. None이면 새 그림을 만듭니다.
    true_line : bool, default=True
        참값 W의 직선(``y = w0 + w1 x``)도 그립니다.

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
    """데이터 위에 시도한 직선(``ŷ = X @ What``)을 파선으로 그립니다.

    Parameters
    ----------
    data : RegressionData
        데이터.
    What : sequence of 2 floats
        직선을 그릴 추정값(grad가 필요한 텐서도 됩니다).
    ax : matplotlib Axes, default=None
        그릴 곳. None이면 새 그림을 만듭니다.
    label : str, default=None
        범례 글. None이면 ``Ŵ = (w0, w1)`` 꼴입니다.
    data_points : bool, default=True
        데이터도 그립니다(데이터가 이미 있는 그림에 직선을 더할 때는 False).
    color : color, default="tab:orange"
        직선의 색.

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
    """데이터 위에 시도한 직선 여러 개를 파선으로 그리며, 직선마다 색 순환의 다음 색을 씁니다.

    Parameters
    ----------
    data : RegressionData
        데이터.
    fits : dict of str to sequence of 2 floats
        범례 이름 → 직선을 그릴 추정값 Ŵ, 그리는 순서대로.
    ax : matplotlib Axes, default=None
        그릴 곳. None이면 새 그림을 만듭니다.

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
    """epoch마다 패널 하나에, 그 epoch가 그리는 직선 ``yhat_history[epoch - 1]``
    (그 epoch의 업데이트 전 Ŵ의 직선)을 그립니다.

    Parameters
    ----------
    data : RegressionData
        데이터.
    history : History
        :func:`train` 함수로 실행한 결과.
    epochs : sequence of int, default=(3, 10, 15)
        1부터 세는 epoch 번호들. 각각 실행한 범위 안에 있어야 합니다.

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
    """업데이트 횟수 k에 따른 각 Ŵ_k의 loss L_k를 α의 색으로 그립니다.

    강의의 ``plt.plot(loss_history)`` 그림에 마지막 업데이트 뒤의 loss를 더한 것입니다.
    loss가 다시 커지기 시작한 곳은 고리로, 처음 loss를 넘은 곳은 점선(발산)으로 표시합니다.
    loss 값이 세 자릿수(1000배)보다 넓게 걸치면 세로축이 로그 눈금이 됩니다. 여러 실행을
    비교하려면 같은 ``ax`` 하나에 실행마다 한 번씩 호출하세요.

    Parameters
    ----------
    history : History
        :func:`train` 함수로 실행한 결과.
    ax : matplotlib Axes, default=None
        그릴 곳. None이면 새 그림을 만듭니다.

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
    """(w0, w1)에 대한 SSE의 등고선 지도 위에 각 실행의 경로 Ŵ_0, Ŵ_1, …을 그립니다.

    경로마다 자기 α의 색과 자기만의 표식을 씁니다. 참값 W는 붉은 별, 최소제곱해는 검은 ×
    표시입니다. 상자를 벗어나는 경로는 상자 밖의 첫 점까지만 그리므로(그 선분은 축에서 잘립니다)
    축 범위를 바꾸지 않습니다. 범례는 지도 아래에, 휴대폰에서도 읽을 수 있는 글자 크기로 놓입니다.

    Parameters
    ----------
    data : RegressionData
        데이터.
    histories : sequence of History
        그릴 실행들. 느린 것부터 줍니다(앞의 것이 위에 그려집니다).
    ax : matplotlib Axes, default=None
        그릴 곳. None이면 새 그림을 만듭니다.
    lim : tuple of 2 floats, default=(-6, 11)
        보여 줄 정사각형 범위 ``lim × lim``. 강의의 곡면 범위입니다.

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
    """``epochs`` 번 업데이트한 뒤의 loss를 α에 대해 그리고(로그–로그), α*와 가장 빠른 α를 표시합니다.

    닫힌 식으로 계산하므로 α가 수백 개라도 학습 반복문을 돌리지 않습니다. 강의의 학습률 다섯
    개는 각자의 색으로 표시합니다.

    Parameters
    ----------
    data : RegressionData
        데이터.
    alphas : array-like of float, default=None
        학습률들. None이면 ``SWEEP_RANGE`` (1e-4부터 1.2e-2까지)를 로그 눈금에서 고르게 나눈
        ``SWEEP_COUNT`` (200)개 값입니다.
    epochs : int, default=30
        실행마다 업데이트 횟수.
    ax : matplotlib Axes, default=None
        그릴 곳. None이면 새 그림을 만듭니다.

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
        ax.axvline(a_star, color="black", ls="--", label=f"α* = 1/λ_max = {a_star:.6f}")
        ax.axvline(a_best, color="green", ls=":", label=f"가장 빠른 α = {a_best:.6f}")
        ax.axhline(floor, color="0.5", lw=0.8, label=f"최소 loss = {floor:.2f}")
        ax.set_xscale("log")
        ax.set_yscale("log")
        _korean_labels(ax, "학습률 α (로그 눈금)", "loss (로그 눈금)")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=2, fontsize=10.5,
                  frameon=False)
    return ax
