"""연습 3.1–3.4: the training loop, its three histories and what each row holds."""

import functools

import torch

from ..data import ALPHA, EPOCHS, START
from ..loss import sum_of_squares
from ..training import train
from .chapter1 import lecture_data
from .core import NUMBER, OX, VECTOR, Exercise, Mistake, Part
from .chapter2 import W_FIELDS

UPDATES = 10            # 연습 3.1: Ŵ after this many updates
LOSS_ROW = 10           # 연습 3.2: loss_history[LOSS_ROW]
BELOW = 100             # 연습 3.4: the first update after which the loss is below this


def vec(values):
    return tuple(float(v) for v in values)


@functools.lru_cache(maxsize=None)
def lecture_run():
    """The lecture's run (α = 0.001, 30 epochs from (-5, 10))."""
    data = lecture_data()
    return train(data.X, data.y)


def row_series(history):
    """Every Ŵ_k of a run, named for the notebook's check ("업데이트 k번 뒤의 Ŵ")."""
    return tuple((f"업데이트 {k}번 뒤의 Ŵ", vec(w)) for k, w in enumerate(history.weights))


def ex3_1():
    """Ŵ after 10 updates and the row of What_history that holds it."""
    history = lecture_run()
    rows = history.What_history
    return Exercise("3.1", [
        Part(VECTOR, vec(rows[UPDATES - 1]), label="(1)", decimals=4, fields=W_FIELDS,
             form="(1) Ŵ = [??, ??]", series=row_series(history),
             hint="강의의 기록 반복문에서 What_history에는 업데이트한 뒤의 What이 쌓입니다.",
             mistakes=[Mistake(f"업데이트를 {UPDATES + 1}번 한 뒤의 값입니다.", vec(rows[UPDATES])),
                       Mistake(f"업데이트를 {UPDATES - 1}번 한 뒤의 값입니다.",
                               vec(rows[UPDATES - 2]))]),
        Part(NUMBER, UPDATES - 1, label="(2)", decimals=0, form="(2) What_history[??]",
             hint="What_history[0]이 업데이트를 몇 번 한 뒤의 Ŵ인지 생각해 보세요.",
             mistakes=[Mistake("그 행은 업데이트를 한 번 더 한 뒤의 Ŵ입니다. 파이썬의 인덱스는 0부터 "
                               "셉니다.", UPDATES)]),
    ], inputs={"updates": UPDATES, "alpha": ALPHA}, solution="""
What= torch.tensor([-5.0,10.0],requires_grad=True)
alpha=0.001
What_history = []
for epoc in range(10):
    yhat=X@What
    loss=torch.sum((y-yhat)**2)
    loss.backward()
    What.data = What.data-alpha * What.grad; What_history.append(What.data.tolist())
    What.grad=None
print(What.data, len(What_history)-1)   # (1) 10번 업데이트한 Ŵ, (2) 그 Ŵ가 든 마지막 인덱스
gd.exercises.ex3_1.check(What.data, len(What_history)-1)""")


def ex3_2():
    """Whose loss loss_history[10] is, and its value."""
    history = lecture_run()
    losses = history.loss_history
    return Exercise("3.2", [
        Part(NUMBER, LOSS_ROW, label="(1)", decimals=0, form="(1) 업데이트 ??번 뒤",
             hint="loss_history에는 업데이트하기 전의 loss가 쌓입니다.",
             mistakes=[Mistake("loss_history에는 업데이트하기 전에 잰 loss가 쌓입니다.",
                               LOSS_ROW + 1),
                       Mistake("loss_history[0]은 출발점, 곧 업데이트 0번 뒤의 loss입니다.",
                               LOSS_ROW - 1)]),
        Part(NUMBER, losses[LOSS_ROW], label="(2)", decimals=2, form="(2) loss = ??",
             hint="강의의 기록 반복문을 30번 돌린 뒤 loss_history[10]을 보세요.",
             mistakes=[Mistake("한 칸 앞, loss_history[9]의 값입니다.", losses[LOSS_ROW - 1]),
                       Mistake("한 칸 뒤, loss_history[11]의 값입니다.", losses[LOSS_ROW + 1])]),
    ], inputs={"row": LOSS_ROW, "alpha": ALPHA, "epochs": EPOCHS}, solution="""
print(loss_history[10])   # 위의 기록 반복문(α=0.001, 30 epoch)이 남긴 loss_history
print(torch.sum((y-X@torch.tensor(What_history[9]))**2))   # 업데이트 10번 뒤의 Ŵ의 loss: 같은 값
gd.exercises.ex3_2.check(10, loss_history[10])""")


def ex3_3():
    """What forgetting ``What.grad=None`` does: the gradients add up."""
    data = lecture_data()
    What = torch.tensor(START, requires_grad=True)
    for _ in range(EPOCHS):
        sum_of_squares(data.y, data.X @ What).backward()
        What.data = What.data - ALPHA * What.grad           # What.grad is never cleared
    kept = vec(What.detach())
    lecture = vec(lecture_run().What)
    same = torch.allclose(torch.tensor(kept), torch.tensor(lecture), atol=1e-4)
    o = lambda holds: "O" if holds else "X"   # noqa: E731
    return Exercise("3.3", [
        Part(OX, o(same), label="(1)", form="(1) ??",
             hint="loss.backward()는 경사를 What.grad에 더해 쌓습니다.",
             mistakes=[Mistake("What.grad를 비우지 않으면 앞 epoch의 경사가 계속 더해져서, 업데이트 "
                               "폭이 달라집니다.", o(not same))]),
        Part(VECTOR, kept, label="(2)", decimals=4, fields=W_FIELDS, form="(2) Ŵ = [??, ??]",
             hint="강의의 반복문에서 What.grad=None 한 줄만 지우고 30번 돌려 보세요.",
             mistakes=[Mistake("What.grad=None을 지우지 않은 강의의 결과입니다.", lecture)]),
    ], inputs={"epochs": EPOCHS}, solution="""
What= torch.tensor([-5.0,10.0],requires_grad=True)
alpha=0.001
for epoc in range(30):
    yhat=X@What
    loss=torch.sum((y-yhat)**2)
    loss.backward()
    What.data = What.data-alpha * What.grad   # What.grad=None 없이
print(What.data)
gd.exercises.ex3_3.check("X", What.data)""")


def ex3_4():
    """Write the code: the first update after which the loss is below 100."""
    history = lecture_run()
    first = next(k for k, loss in enumerate(history.losses) if loss < BELOW)
    return Exercise("3.4", [Part(
        NUMBER, first, decimals=0, form="업데이트 ??번 뒤",
        hint="loss_history를 앞에서부터 보면서 처음으로 100보다 작아지는 인덱스를 찾으세요.",
        mistakes=[Mistake("epoch 번호(1부터)로 셌습니다. loss_history[k]는 업데이트 k번 뒤의 "
                          "loss입니다.", first + 1),
                  Mistake("100보다 작아지기 한 번 전입니다.", first - 1)])],
        inputs={"below": BELOW}, solution="""
k = [i for i, l in enumerate(loss_history) if l < 100][0]
print(k, loss_history[k-1], loss_history[k])
gd.exercises.ex3_4.check(k)""")


EXERCISES = [ex3_1, ex3_2, ex3_3, ex3_4]
