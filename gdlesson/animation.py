"""The lesson's learning animation: the lecture's ``show_lrpr``, as a library function.

Left: the data and the line of the current Ŵ. Right: the SSE surface with the true W as
a red star and the visited Ŵ as grey points, each at its own loss. Every frame is
captioned with α, the number of updates k, Ŵ_k and its loss; animations of different
runs share the lecture's axes and marker sizes, so they compare by eye, and each is
marked with its learning rate's colour. The frames are shown by the player
(:mod:`gdlesson.player`).
"""

import math

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import MaxNLocator

from ._checks import check_int, check_xy
from .loss import GRID, loss_surface, sum_of_squares
from .player.recorder import PlayerAnimation
from .style import DATA_COLOR, FIT_COLOR, PATH_COLOR, TRUE_COLOR, alpha_color, korean_style
from .training import History

OUTSIDE = "Ŵ가 그림 범위 밖"     # what a caption says when the point has left the axes
# The smallest text of a frame, in points: the tick labels of the 3-D panel (set in
# show_lrpr). The site's checks require it to show at 10 CSS px or more on a phone.
SMALLEST_TEXT_PT = 9.5


def _frames_of(history):
    """``(yhat_history, points, alpha)``: ``points`` rows are (w0, w1, loss) per frame.

    For a ``History`` frame k shows Ŵ_k, the estimate whose line ``yhat_history[k]`` is
    and whose loss ``loss_history[k]`` is. The lecture's plain lists carry no start, so
    there the point is ``What_history[k]`` (after the update) at ``loss_history[k]``
    (before it), as the lecture draws it, and α is unknown (nan).
    """
    if isinstance(history, History):
        whats = history.weights[: history.epochs_run]
        return list(history.yhat_history), np.array(
            [[w[0], w[1], loss] for w, loss in zip(whats, history.loss_history)], float), \
            history.alpha
    try:
        loss_history, yhat_history, whats = history
    except (TypeError, ValueError) as err:
        raise TypeError("history must be a History or [loss_history, yhat_history, "
                        "What_history]") from err
    points = np.array([[float(w[0]), float(w[1]), float(loss)]
                       for w, loss in zip(whats, loss_history)], float).reshape(-1, 3)
    return list(yhat_history), points, math.nan


def show_lrpr(data, history, figsize=(7.5, 2.5), interval=200):
    """강의의 ``show_lrpr`` 함수처럼, 기록된 epoch마다 프레임 하나씩 실행 과정을 애니메이션으로 만듭니다.

    왼쪽: 데이터와 직선 ``yhat_history[k]``. 오른쪽: w0, w1 ∈ [-6, 11) 범위의 SSE 곡면과,
    붉은 별로 찍은 참값 W, 회색 점으로 찍은 Ŵ_0 … Ŵ_k. ``History`` 객체를 주면 점은 저마다 자기 loss
    높이에 있어 곡면 위에 놓입니다(강의의 세 리스트를 주면 강의처럼 업데이트 뒤의 Ŵ를 업데이트
    전 loss 높이에 찍습니다). 상자를 벗어나거나 유한하지 않은 점은 빼고(축은 강의의 범위를 그대로
    둡니다) 그 프레임의 캡션에 그렇다고 적습니다. 프레임 k의 캡션은 α, k, Ŵ_k와 그 loss를
    알려 줍니다. ``History`` 기록을 주면 데이터 패널이 α를 그 색(:func:`alpha_color`)으로
    적고, 플레이어도 그렇게 합니다.

    Parameters
    ----------
    data : RegressionData or tuple of (x, y)
        데이터. ``make_data()`` 결과나 강의의 ``[x, y]`` 목록.
    history : History or list of 3 lists
        :func:`train` 함수로 실행한 결과, 또는 강의의
        ``[loss_history, yhat_history, What_history]`` 목록.
    figsize : tuple of 2 float, default=(7.5, 2.5)
        프레임 크기(인치). 강의의 값입니다.
    interval : int, default=200
        프레임 사이의 간격(밀리초).

    Returns
    -------
    anim : PlayerAnimation
        그림(figure)이 이미 닫힌 ``FuncAnimation`` 객체이며, 노트북은 이를 플레이어로
        보여 줍니다.
    """
    try:
        x, y = data
    except (TypeError, ValueError) as err:
        raise TypeError(f"data must be a RegressionData or (x, y), got {type(data).__name__}") from err
    x_t, y_t = check_xy(x, y)
    x, y = x_t.numpy(), y_t.numpy()
    interval = check_int("interval", interval, minimum=1)
    yhat_history, points, alpha = _frames_of(history)
    frames = len(yhat_history)
    if frames == 0 or len(points) != frames:
        raise ValueError("history must hold at least one epoch, with as many losses as yhats")
    W0, W1, L = loss_surface(x, y)
    true_W = getattr(data, "W", None)
    w0, w1 = true_W.tolist() if true_W is not None else (2.5, 4.0)
    true_loss = float(sum_of_squares(y_t, w0 + w1 * x_t))
    lo, hi = GRID[0], GRID[-1]
    inside = np.isfinite(points).all(axis=1) & (points[:, 0] >= lo) & (points[:, 0] <= hi) \
        & (points[:, 1] >= lo) & (points[:, 1] <= hi) & (points[:, 2] <= L.max())
    spread = np.ptp(y)
    color = None if math.isnan(alpha) else alpha_color(alpha)

    with korean_style():
        fig = plt.figure(figsize=figsize)
        ax1 = fig.add_axes((0.075, 0.1, 0.395, 0.8 if color else 0.86))
        ax2 = fig.add_axes((0.52, 0.0, 0.48, 1.0), projection="3d")
        ax1.plot(x, y, "o", color=DATA_COLOR, ms=3)
        line, = ax1.plot(x, yhat_history[0], color=FIT_COLOR, lw=2)
        ax1.set_ylim(y.min() - 0.25 * spread, y.max() + 0.25 * spread)
        ax1.tick_params(labelsize=9.5)
        if color:   # which run this is, in its learning rate's colour, above every frame
            ax1.set_title(f"α = {alpha:g}", loc="left", fontsize=10, color=color, pad=3)
        ax2.plot_surface(W0, W1, L, rstride=1, cstride=1, color="b", alpha=0.35)
        ax2.plot([w0], [w1], [true_loss], "*", color=TRUE_COLOR, ms=14)
        path, = ax2.plot([], [], [], "o", color=PATH_COLOR, ms=4)
        ax2.set(xlim=(lo, hi), ylim=(lo, hi), zlim=(0, L.max()))
        ax2.set_xlabel("$w_0$", fontsize=9.5, labelpad=-4)
        ax2.set_ylabel("$w_1$", fontsize=9.5, labelpad=-4)
        ax2.tick_params(labelsize=SMALLEST_TEXT_PT, pad=-2)
        for axis, ticks in ((ax2.xaxis, 4), (ax2.yaxis, 4), (ax2.zaxis, 3)):
            axis.set_major_locator(MaxNLocator(ticks))
        ax2.view_init(elev=5, azim=40)
        ax2.set_box_aspect(None, zoom=0.98)   # the lecture's ax2.dist = 8, fitted to half the figure

    def update(k):
        line.set_ydata(yhat_history[k])
        shown = points[: k + 1][inside[: k + 1]]
        path.set_data_3d(shown[:, 0], shown[:, 1], shown[:, 2])
        return line, path

    labels = frame_captions(points, inside, alpha)
    anim = PlayerAnimation(fig, update, frames, labels=labels, alt=_alt_text(alpha, points, inside),
                           dynamic=[line, path], key_colors=[color] if color else [],
                           color=color, interval=interval, blit=False)
    plt.close(fig)
    return anim


def frame_captions(points, inside, alpha):
    """The caption of each frame: α, the updates done k, Ŵ_k and its loss, and whether
    Ŵ_k has left the axes. ``points`` rows are (w0, w1, loss); with the lecture's plain
    lists (α unknown, nan) a frame is numbered by its epoch instead."""
    known = not math.isnan(alpha)
    captions = []
    for k, (w0k, w1k, lossk) in enumerate(points):
        head = f"α = {alpha:g} · 업데이트 {k}번 뒤" if known else f"epoch {k + 1}"
        tail = "" if inside[k] else f" ({OUTSIDE})"
        captions.append(f"{head}: Ŵ = ({w0k:.3g}, {w1k:.3g}), loss = {lossk:.4g}{tail}")
    return captions


def _ro(number):
    """``number`` followed by the particle 로 or 으로, as the number is read aloud: after a
    last digit read with a final consonant other than ㄹ (0 영/십/백…, 3 삼, 6 육) it is 으로."""
    return f"{number}으로" if number.rstrip(")")[-1:] in "036" else f"{number}로"


def _leaving(inside, step):
    """How the run leaves the axes, as a sentence part: when it first leaves, and whether
    (and from when) it stays out. ``step(k)`` names frame k."""
    out = np.flatnonzero(~inside)
    first = int(out[0])
    back_in = np.flatnonzero(inside[first:])
    if back_in.size == 0:
        return f"{step(first)}에 처음 그림 범위 밖으로 나가 돌아오지 않습니다"
    last_in = first + int(back_in[-1])
    if last_in == len(inside) - 1:
        return (f"{step(first)}에 처음 그림 범위 밖으로 나가지만 마지막 장면에서는 "
                "범위 안에 있습니다")
    return (f"{step(first)}에 처음 그림 범위 밖으로 나가고, {step(last_in + 1)}부터는 "
            "돌아오지 않습니다")


def _alt_text(alpha, points, inside):
    """What the animation shows, in one sentence, for readers who do not see it."""
    known = not math.isnan(alpha)
    first, last = points[0], points[-1]
    span = f"업데이트 {len(points) - 1}번 동안 " if known else ""
    where = (f"{span}Ŵ는 ({first[0]:.3g}, {first[1]:.3g})에서 "
             f"{_ro(f'({last[0]:.3g}, {last[1]:.3g})')}, "
             f"loss는 {first[2]:.4g}에서 {_ro(f'{last[2]:.4g}')} 바뀝니다")
    if not inside.all():
        step = (lambda k: f"업데이트 {k}번 뒤") if known else (lambda k: f"{k + 1}번째 프레임")
        where += ". " + _leaving(np.asarray(inside, bool), step)
    head = f"α = {alpha:g}의 학습 과정" if known else "학습 과정"
    return (f"{head} 애니메이션 ({len(points)}프레임). 왼쪽은 데이터와 그 프레임의 직선, "
            f"오른쪽은 손실 곡면 위의 Ŵ 경로. {where}.")
