"""연습 5.1–5.3: learning rates that are too small or too large; 5.3 is the lecture's
homework, done with the α explorer or in one's own notebook."""

import functools
import math

from ..analysis import critical_alpha, eigenvalues
from ..data import EPOCHS
from ..training import DECREASING, DIVERGED, UNSTABLE, train
from .chapter1 import lecture_data
from .core import CHOICE, CHOICES, NUMBER, Exercise, Mistake, Part

FAST_ALPHA = 0.0085                                       # 연습 5.1
LIST_ALPHAS = (0.0001, 0.0005, 0.001, 0.005, 0.0083)      # 연습 5.2
LIST_BELOW = 400                                          # … their loss after 30 epochs below this
HOMEWORK_EPOCHS = 50                                      # 연습 5.3 (2), (3)
HOMEWORK_DECIMALS = 5
OUTCOMES = (DECREASING, UNSTABLE, DIVERGED)


def ex5_1():
    """After which update α = 0.0085 first passes the starting loss."""
    data = lecture_data()
    history = train(data.X, data.y, alpha=FAST_ALPHA, warn=False)
    k = history.diverged_at
    return Exercise("5.1", [Part(
        NUMBER, k, decimals=0, form="업데이트 ??번 뒤",
        hint="loss_history[k]는 업데이트 k번 뒤의 loss입니다. loss_history[0]보다 처음으로 커지는 k를 "
             "찾으세요.",
        mistakes=[Mistake("loss가 다시 커지기 시작한 때입니다. 처음 loss를 넘는 때를 찾으세요.",
                          history.rising_at),
                  Mistake("epoch 번호(1부터)로 셌습니다. loss_history[k]는 업데이트 k번 뒤의 "
                          "loss입니다.", k + 1)])],
        inputs={"alpha": FAST_ALPHA, "epochs": EPOCHS}, solution="""
history = gd.train(X, y, alpha=0.0085, warn=False)
loss_history = history.loss_history
k = [i for i, l in enumerate(loss_history) if l > loss_history[0]][0]
print(k, loss_history[k], loss_history[0])
gd.exercises.ex5_1.check(k)""")


def ex5_2():
    """Which of five α end below a loss of 400 after 30 epochs."""
    data = lecture_data()
    runs = [train(data.X, data.y, alpha=a, warn=False) for a in LIST_ALPHAS]
    below = frozenset(k for k, run in enumerate(runs) if run.final_loss < LIST_BELOW)
    dipped = frozenset(k for k, run in enumerate(runs) if min(run.losses) < LIST_BELOW) - below
    mistakes = []
    if dipped:
        mistakes.append(Mistake(f"한때 loss가 {LIST_BELOW}보다 작아졌다가 다시 커진 α가 들어 있습니다. "
                                f"{EPOCHS}번 업데이트한 뒤의 loss로 판단하세요.", below | dipped))
    return Exercise("5.2", [Part(
        CHOICES, below, options=tuple(f"α = {a:g}" for a in LIST_ALPHAS), form="??",
        hint="α마다 gd.train(X, y, alpha=…)의 final_loss를 보세요(마지막 업데이트 뒤의 loss).",
        mistakes=mistakes)],
        inputs={"below": LIST_BELOW, "epochs": EPOCHS}, solution="""
for k, alpha in enumerate([0.0001, 0.0005, 0.001, 0.005, 0.0083], start=1):
    history = gd.train(X, y, alpha=alpha, warn=False)
    print(k, alpha, round(history.final_loss, 2), history.final_loss < 400)
gd.exercises.ex5_2.check([2, 3, 4])""")


@functools.lru_cache(maxsize=None)
def largest_stable_alpha(epochs=HOMEWORK_EPOCHS):
    """The largest α whose run does not diverge within ``epochs`` (bisection on gd.train)."""
    data = lecture_data()
    lo, hi = critical_alpha(data.X), 2 * critical_alpha(data.X)
    for _ in range(48):
        middle = (lo + hi) / 2
        if train(data.X, data.y, alpha=middle, epochs=epochs, warn=False).diverged:
            hi = middle
        else:
            lo = middle
    return lo


def ex5_3():
    """The homework: where the path starts to zigzag, the largest α that does not diverge
    within 50 epochs, and how that run goes."""
    data = lecture_data()
    lam_min, lam_max = eigenvalues(data.X).tolist()
    zigzag = 1 / (2 * lam_max)
    bound = largest_stable_alpha()
    unit = 10.0 ** -HOMEWORK_DECIMALS
    answer = math.floor(bound / unit) * unit
    outcome = train(data.X, data.y, alpha=answer, epochs=HOMEWORK_EPOCHS, warn=False).outcome
    return Exercise("5.3", [
        Part(NUMBER, zigzag, label="(1)", decimals=4, form="(1) α = ??",
             hint="탐험기의 안내문이 '지그재그로 움직이지만'으로 바뀌는 α를 찾거나, 배율 1 − 2αλ가 "
                  "음수가 되기 시작하는 α를 구하세요.",
             mistakes=[Mistake("완만한 방향(λ_min)에서도 지그재그가 시작되는 α입니다. 먼저 지그재그가 "
                               "시작되는 방향을 찾으세요.", 1 / (2 * lam_min)),
                       Mistake("발산이 시작되는 경계 α*입니다. 지그재그는 그보다 작은 α에서 "
                               "시작됩니다.", critical_alpha(data.X))]),
        Part(NUMBER, answer, label="(2)", decimals=HOMEWORK_DECIMALS, form="(2) α = ??",
             hint=f"탐험기에서 epoch 수를 {HOMEWORK_EPOCHS}으로 두고 α를 조금씩 키우며, 안내문이 "
                  "'발산'으로 바뀌기 직전의 α를 찾으세요.",
             mistakes=[Mistake(f"이 α로는 {HOMEWORK_EPOCHS} epoch 안에 loss가 처음 값을 넘습니다"
                               "(발산).", above=bound),
                       Mistake(f"이보다 조금 더 큰 α도 {HOMEWORK_EPOCHS} epoch 안에는 발산하지 "
                               "않습니다.", below=answer - unit / 2)]),
        Part(CHOICE, OUTCOMES.index(outcome), label="(3)", options=OUTCOMES, form="(3) ??",
             hint="그 α로 학습한 loss 곡선이 다시 커지는지, 처음 값을 넘는지 보세요.",
             mistakes=[Mistake(f"{HOMEWORK_EPOCHS} epoch 안에는 loss가 처음 값을 넘지 않습니다.",
                               OUTCOMES.index(DIVERGED)),
                       Mistake("loss가 한 번 작아진 뒤 다시 커집니다.",
                               OUTCOMES.index(DECREASING))]),
    ], inputs={"epochs": HOMEWORK_EPOCHS, "decimals": HOMEWORK_DECIMALS}, solution="""
lam = gd.eigenvalues(X)
print(1/(2*lam[1]))                                            # (1) 1 - 2αλ_max < 0 이 되는 α
for alpha in [0.00836, 0.00837, 0.00838, 0.00839]:
    history = gd.train(X, y, alpha=alpha, epochs=50, warn=False)
    print(alpha, history.outcome, history.diverged_at)          # (2), (3)
gd.exercises.ex5_3.check(1/(2*lam[1]), 0.00838, 2)""")


EXERCISES = [ex5_1, ex5_2, ex5_3]
