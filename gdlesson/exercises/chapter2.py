"""연습 2.1–2.5: the loss, gradient descent in one and two dimensions, the gradient three
ways, one update by hand."""

import torch

from ..data import START
from ..loss import grad_autograd, grad_numeric, sse
from .chapter1 import lecture_data
from .core import CHOICE, NUMBER, OX, VECTOR, Exercise, Mistake, Part

WARMUP_START, WARMUP_ALPHA = 3.0, 0.1       # 연습 2.1: loss(w) = w² − 2w + 3 from w = 3
LOSS_AT = (0.0, 5.0)                       # 연습 2.2
STEP_ALPHA = 0.002                         # 연습 2.3
DIFF_H = 0.1                               # 연습 2.4
W_FIELDS = ("ŵ₀", "ŵ₁")
GRAD_FIELDS = ("∂/∂w₀", "∂/∂w₁")


def warmup_loss(w):
    """The lecture's one-dimensional example, loss(w) = w² − 2w + 3."""
    return w ** 2 - 2 * w + 3


def ex2_1():
    """One step of gradient descent on loss(w) = w² − 2w + 3 by hand, and where it ends."""
    w = torch.tensor(WARMUP_START, requires_grad=True)
    warmup_loss(w).backward()
    slope = w.grad.item()
    after = WARMUP_START - WARMUP_ALPHA * slope
    grid = torch.linspace(-5, 5, 10001, dtype=torch.float64)
    lowest = grid[torch.argmin(warmup_loss(grid))].item()
    return Exercise("2.1", [
        Part(NUMBER, after, label="(1)", decimals=4, form="(1) w = ??",
             hint="순간기울기 loss'(3)을 구한 뒤 w ← w − α·loss'(w)로 한 번 움직이세요.",
             mistakes=[
                 Mistake("순간기울기의 방향으로 움직였습니다: 기울기의 부호와 반대로 움직여야 "
                         "loss가 줄어듭니다.", WARMUP_START + WARMUP_ALPHA * slope),
                 Mistake("α를 곱하지 않았습니다: 한 번에 움직이는 폭은 α × 순간기울기입니다.",
                         WARMUP_START - slope),
                 Mistake("loss'(w) = 2w − 2에서 −2를 빠뜨렸습니다.",
                         WARMUP_START - WARMUP_ALPHA * 2 * WARMUP_START),
             ]),
        Part(NUMBER, lowest, label="(2)", decimals=4, form="(2) w = ??",
             hint="순간기울기가 0이 되는 w에서는 업데이트해도 w가 움직이지 않습니다.",
             mistakes=[Mistake("loss의 가장 작은 값(loss(1))입니다. loss를 가장 작게 만드는 w를 "
                               "구하세요.", warmup_loss(torch.tensor(lowest)).item())]),
    ], inputs={"w": WARMUP_START, "alpha": WARMUP_ALPHA}, solution="""
w = torch.tensor(3.0,requires_grad=True)
loss = w**2 - 2*w + 3
loss.backward()
print(w.grad, w.data - 0.1*w.grad)    # (1) 순간기울기와 한 번 업데이트한 w
gd.exercises.ex2_1.check(w.data - 0.1*w.grad, 1)""")


def ex2_2():
    """The loss at another Ŵ, and the slips of MSE, a missing square, rounding ŷ early."""
    data = lecture_data()
    What = torch.tensor(LOSS_AT)
    yhat = data.X @ What
    loss = sse(What, data.X, data.y).item()
    return Exercise("2.2", [Part(
        NUMBER, loss, decimals=2, form="loss = ??",
        hint="loss = torch.sum((y-yhat)**2), yhat = X@What입니다.",
        mistakes=[
            Mistake("n으로 나눈 평균(MSE)입니다. 이 강의의 loss는 제곱을 모두 더한 값(SSE)입니다.",
                    loss / data.n),
            Mistake("(y − ŷ)를 제곱하지 않고 더했습니다.", torch.sum(data.y - yhat).item()),
            Mistake("ŷ를 소수점 아래 첫째 자리로 반올림한 뒤 계산했습니다: 반올림은 마지막에 한 번만 "
                    "하세요.", torch.sum((data.y - torch.round(yhat, decimals=1)) ** 2).item()),
        ])],
        inputs={"w0": LOSS_AT[0], "w1": LOSS_AT[1]}, solution="""
What = torch.tensor([0.0,5.0])
yhat = X@What
loss = torch.sum((y-yhat)**2)
print(loss)
gd.exercises.ex2_2.check(loss)""")


def ex2_3():
    """One update from (-5, 10) at another α, and the slips of sign, α and MSE."""
    data = lecture_data()
    What = torch.tensor(START)
    grad = grad_autograd(What, data.X, data.y)
    vec = lambda t: tuple(t.tolist())   # noqa: E731
    return Exercise("2.3", [Part(
        VECTOR, vec(What - STEP_ALPHA * grad), decimals=4, fields=W_FIELDS,
        form="Ŵ = [??, ??]",
        hint="What.grad를 구한 뒤 What.data - alpha * What.grad를 계산하세요.",
        mistakes=[
            Mistake("경사의 방향으로 움직였습니다: 업데이트 규칙은 W − α × 경사입니다.",
                    vec(What + STEP_ALPHA * grad)),
            Mistake("α를 곱하지 않았습니다: 한 번에 움직이는 폭은 α × 경사입니다.",
                    vec(What - grad)),
            Mistake("loss를 n으로 나눈 MSE의 경사로 움직였습니다. 이 강의의 loss는 SSE입니다.",
                    vec(What - STEP_ALPHA * grad / data.n)),
        ])],
        inputs={"alpha": STEP_ALPHA, "w0": START[0], "w1": START[1]}, solution="""
What = torch.tensor([-5.0,10.0],requires_grad=True)
loss = torch.sum((y-X@What)**2)
loss.backward()
alpha=0.002
print(What.data - alpha * What.grad)
gd.exercises.ex2_3.check(What.data - alpha * What.grad)""")


def ex2_4():
    """The forward difference at a larger h, and whether a smaller h is closer."""
    data = lecture_data()
    vec = lambda t: tuple(t.tolist())   # noqa: E731
    exact = grad_autograd(START, data.X, data.y)
    coarse = grad_numeric(START, data.X, data.y, h=DIFF_H)
    fine = grad_numeric(START, data.X, data.y, h=0.001)
    closer = abs(fine[1] - exact[1]) < abs(coarse[1] - exact[1])
    o = lambda holds: "O" if holds else "X"   # noqa: E731
    return Exercise("2.4", [
        Part(VECTOR, vec(coarse), label="(1)", decimals=1, fields=GRAD_FIELDS,
             form="(1) [??, ??]",
             hint="(loss(w₀+h, w₁) − loss(w₀, w₁))/h와 (loss(w₀, w₁+h) − loss(w₀, w₁))/h입니다.",
             mistakes=[
                 Mistake("h로 나누지 않았습니다.", vec(coarse * DIFF_H)),
                 Mistake("중심차분이나 자동미분의 값입니다. 전진차분 (loss(w+h) − loss(w))/h로 "
                         "구하세요.", vec(grad_numeric(START, data.X, data.y, h=DIFF_H,
                                                    method="central"))),
                 Mistake("h가 강의의 0.001 그대로입니다.", vec(fine)),
             ]),
        Part(OX, o(closer), label="(2)", form="(2) ??",
             hint="(1)의 값과 강의의 h = 0.001일 때의 값을 What.grad와 비교해 보세요.",
             mistakes=[Mistake("전진차분의 오차는 h에 비례해서, h가 작을수록 (반올림 오차가 "
                               "커지기 전까지는) 자동미분 값에 가까워집니다.", o(not closer))]),
    ], inputs={"h": DIFF_H, "h_lecture": 0.001}, solution="""
h=0.1                # _lossfn: the lecture's function from (확인2) above
fd = torch.stack([(_lossfn(-5+h,10) - _lossfn(-5,10))/h, (_lossfn(-5,10+h) - _lossfn(-5,10))/h])
print(fd)    # (1); 강의의 h=0.001일 때는 (-1341.7968, 1190.4297), What.grad는 (-1342.2522, 1188.9305)
gd.exercises.ex2_4.check(fd, "O")""")


def ex2_5():
    """What the minus sign of the update rule means, checked on the loss itself."""
    data = lecture_data()
    What = torch.tensor(START)
    grad = grad_autograd(What, data.X, data.y)
    loss = lambda W: sse(W, data.X, data.y).item()   # noqa: E731
    options = ("경사의 방향으로 움직인다", "경사의 반대 방향으로 움직인다",
               "학습률 α를 음수로 둔다", "loss가 커지는 방향으로 움직인다")
    # the option that holds: a small step against the gradient lowers the loss, along it raises it
    lowers = loss(What - 1e-4 * grad) < loss(What) < loss(What + 1e-4 * grad)
    answer = 1 if lowers else 0
    return Exercise("2.5", [Part(
        CHOICE, answer, options=options, form="??",
        hint="W − α × 경사로 한 번 움직인 뒤 loss가 커졌는지 작아졌는지 보세요.",
        mistakes=[Mistake("경사는 loss가 가장 빨리 커지는 방향입니다.", 0),
                  Mistake("α는 보폭으로, 0보다 큰 수입니다.", 2),
                  Mistake("loss를 줄이려고 움직입니다.", 3)])],
        inputs={}, solution="""
What = torch.tensor([-5.0,10.0],requires_grad=True)
loss = torch.sum((y-X@What)**2)
loss.backward()
print(torch.sum((y-X@(What.data - 0.0001*What.grad))**2), loss.data)   # 경사의 반대로: loss가 줄어듦
gd.exercises.ex2_5.check(2)""")


EXERCISES = [ex2_1, ex2_2, ex2_3, ex2_4, ex2_5]
