"""연습 4.1–4.4: the loss surface's grid, the animation's grey points, the red star."""

import gc
import warnings

import numpy as np
import torch
from matplotlib import animation
from matplotlib.figure import Figure

from ..analysis import ols
from ..loss import GRID, sse
from .chapter1 import lecture_data
from .chapter3 import lecture_run
from .core import CHOICE, NUMBER, OX, Exercise, Mistake, Part


def ex4_1():
    """How many values the lecture's grid has, and how many points its surface."""
    side = len(GRID)
    start, stop, step = -6, 11, 0.5
    with_stop = len(np.arange(start, stop + step, step))
    unit = len(np.arange(start, stop, 1))
    return Exercise("4.1", [
        Part(NUMBER, side, label="(1)", decimals=0, form="(1) ??개",
             hint="np.arange(시작, 끝, 간격)은 끝값을 넣지 않습니다.",
             mistakes=[Mistake("끝값 11까지 넣어 셌습니다: np.arange는 끝값을 빼고 만듭니다.", with_stop),
                       Mistake("간격을 1로 셌습니다: 간격은 0.5입니다.", unit)]),
        Part(NUMBER, side * side, label="(2)", decimals=0, form="(2) ??개",
             hint="w₀의 값마다 w₁의 값이 모두 짝지어집니다(이중 for문).",
             mistakes=[Mistake("끝값 11까지 넣어 셌습니다.", with_stop * with_stop),
                       Mistake("두 격자의 개수를 더했습니다: 격자점은 곱입니다.", 2 * side)]),
    ], inputs={"start": start, "stop": stop, "step": step}, solution="""
_w0 = np.arange(-6, 11, 0.5)
_w1 = np.arange(-6, 11, 0.5)
w1,w0 = np.meshgrid(_w1,_w0)
print(len(_w0), w0.size)
gd.exercises.ex4_1.check(len(_w0), w0.size)""")


def ex4_2():
    """Whose loss sets the height of the grey point the lecture's ``animate`` draws."""
    data = lecture_data()
    history = lecture_run()
    loss = lambda W: sse(W, data.X, data.y).item()   # noqa: E731
    k = 5
    # animate(k) draws What_history[k] (Ŵ after k+1 updates) at height loss_history[k]
    height = history.loss_history[k]
    options = ("그 자리의 Ŵ(What_history[epoc])의 loss",
               "한 번 덜 업데이트한 Ŵ의 loss (epoc = 0이면 출발점의 loss)",
               "최소제곱해의 loss", "늘 출발점 (−5, 10)의 loss")
    holds = [height == loss(history.What_history[k]), height == loss(history.weights[k]),
             height == loss(ols(data.X, data.y).float()), height == history.loss_history[0]]
    if holds.count(True) != 1:
        raise RuntimeError(f"exercise 4.2: options that hold {holds}")
    return Exercise("4.2", [Part(
        CHOICE, holds.index(True), options=options, form="??",
        hint="강의의 기록 반복문에서 loss_history와 What_history에 각각 언제 값이 쌓이는지 보세요.",
        mistakes=[Mistake("그렇다면 회색 점이 곡면 위에 놓일 것입니다. 4장의 그림에서 점은 곡면보다 "
                          "떠 있습니다.", 0),
                  Mistake("loss_history[epoc]은 epoc마다 다른 값입니다.", 3)])],
        inputs={}, solution="""
k = 5
print(loss_history[k], torch.sum((y-X@torch.tensor(What_history[k]))**2),
      torch.sum((y-X@torch.tensor(What_history[k-1]))**2))
gd.exercises.ex4_2.check(2)""")


def ex4_3():
    """How much larger the red star's loss is than the least-squares solution's."""
    data = lecture_data()
    star = sse(data.W, data.X, data.y).item()
    best = sse(ols(data.X, data.y), data.X.double(), data.y.double()).item()
    return Exercise("4.3", [Part(
        NUMBER, star - best, decimals=3, form="??",
        hint="gd.ols(X, y)가 최소제곱해이고, 두 점의 loss를 torch.sum((y-X@W)**2)로 구해 빼세요.",
        mistakes=[Mistake("두 loss를 n으로 나눈 MSE의 차이입니다.", (star - best) / data.n),
                  Mistake("뺄셈의 순서가 반대입니다: 붉은 별의 loss에서 최소제곱해의 loss를 빼세요.",
                          best - star)])],
        inputs={}, solution="""
W_ols = gd.ols(X, y)
loss_star = torch.sum((y-X@torch.tensor([2.5,4]))**2)
loss_ols = torch.sum((y.double()-X.double()@W_ols)**2)
print(loss_star, loss_ols, loss_star - loss_ols)
gd.exercises.ex4_3.check(loss_star - loss_ols)""")


def ex4_4():
    """Which frames ``FuncAnimation(fig, animate, frames=30)`` asks ``animate`` for."""
    frames = 30
    with warnings.catch_warnings():
        # only its frame numbers are read: it is never drawn, which matplotlib would warn about
        warnings.simplefilter("ignore", UserWarning)
        anim = animation.FuncAnimation(Figure(), lambda k: (), frames=frames,
                                       cache_frame_data=False)
        asked = list(anim.new_frame_seq())
        del anim
        gc.collect()     # (its callbacks hold it in a cycle: freed here, inside the filter)
    one_to_n = asked == list(range(1, frames + 1))
    o = lambda holds: "O" if holds else "X"   # noqa: E731
    return Exercise("4.4", [Part(
        OX, o(one_to_n), form="??",
        hint="frames=30은 range(30)과 같은 번호들을 animate에 넘깁니다.",
        mistakes=[Mistake("파이썬의 range(30)처럼 0부터 셉니다. 그래서 강의의 animate(epoc)는 "
                          "yhat_history[epoc]를 바로 쓸 수 있습니다.", o(not one_to_n))])],
        inputs={"frames": frames}, solution="""
frames = list(ani.new_frame_seq())   # 위에서 FuncAnimation(fig, animate, frames=30)으로 만든 ani
print(frames[0], frames[-1], len(frames))
gd.exercises.ex4_4.check("X")""")


EXERCISES = [ex4_1, ex4_2, ex4_3, ex4_4]
