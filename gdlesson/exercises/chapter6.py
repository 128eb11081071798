"""연습 6.1–6.4: why 0.0083 already fails — α* from XᵀX, the growth factors, the long run,
the closed form."""

import torch

from ..analysis import best_alpha, closed_form_path, critical_alpha, eigenvalues, ols
from ..data import START
from ..training import train
from .chapter1 import lecture_data
from .chapter3 import lecture_run, row_series, vec
from .chapter2 import W_FIELDS
from .core import NUMBER, OX, VECTOR, Exercise, Mistake, Part

FACTOR_ALPHA = 0.005        # 연습 6.2
LONG_ALPHA = 0.0083         # 연습 6.3 (2)
LONG_EPOCHS = 1000          # 연습 6.3: "a long run"
CLOSED_K = 20               # 연습 6.4: Ŵ_k by the closed form
FACTOR_FIELDS = ("λ_min 방향", "λ_max 방향")


def ex6_1():
    """α* = 1/λ_max(XᵀX), and the other thresholds it is confused with."""
    data = lecture_data()
    lam_min, lam_max = eigenvalues(data.X).tolist()
    return Exercise("6.1", [Part(
        NUMBER, critical_alpha(data.X), decimals=6, form="α* = ??",
        hint="torch.linalg.eigvalsh(X.T @ X)로 두 고윳값을 구하세요.",
        mistakes=[Mistake("λ_min을 썼습니다. 먼저 커지는 것은 가파른 방향(λ_max)의 오차입니다.",
                          1 / lam_min),
                  Mistake("지그재그가 시작되는 α(1/(2λ_max))입니다. 발산의 경계는 그 두 배입니다.",
                          1 / (2 * lam_max)),
                  Mistake("loss가 ½Σ(y − ŷ)²일 때의 경계 2/λ_max입니다. 이 강의의 loss(SSE)는 경사가 "
                          "2XᵀX(W − Ŵ)라서 경계가 1/λ_max입니다.", 2 / lam_max),
                  Mistake("가장 빠른 α, 1/(λ_min + λ_max)입니다.", best_alpha(data.X))])],
        inputs={}, solution="""
lam = torch.linalg.eigvalsh(X.T @ X)
print(lam, 1/lam[1])
gd.exercises.ex6_1.check(1/lam[1])""")


def ex6_2():
    """The growth factors 1 − 2αλ at α = 0.005."""
    data = lecture_data()
    lam = eigenvalues(data.X)
    factors = vec(1 - 2 * FACTOR_ALPHA * lam)
    return Exercise("6.2", [Part(
        VECTOR, factors, decimals=4, fields=FACTOR_FIELDS, form="[??, ??]",
        hint="배율은 1 − 2αλ입니다. λ_min, λ_max 순서로, 부호까지 적으세요.",
        mistakes=[Mistake("2를 빠뜨렸습니다: SSE의 경사는 2XᵀX(W − Ŵ)이므로 배율은 1 − 2αλ입니다.",
                          vec(1 - FACTOR_ALPHA * lam)),
                  Mistake("부호를 뺐습니다: 음수인 배율은 오차의 부호를 매번 바꿉니다(지그재그).",
                          vec((1 - 2 * FACTOR_ALPHA * lam).abs())),
                  Mistake("순서가 바뀌었습니다: λ_min 방향이 먼저입니다.", factors[::-1])])],
        inputs={"alpha": FACTOR_ALPHA}, solution="""
lam = torch.linalg.eigvalsh(X.T @ X)
print(1 - 2*0.005*lam)
gd.exercises.ex6_2.check(1 - 2*0.005*lam)""")


def ex6_3():
    """Where the loss goes in the long run at α = α* and at α = 0.0083."""
    data = lecture_data()
    X, y = data.X.double(), data.y.double()
    W_ols = ols(data.X, data.y)
    lam, Q = torch.linalg.eigh(X.T @ X)
    error = Q.T @ (torch.tensor(START, dtype=torch.float64) - W_ols)
    floor = torch.sum((y - X @ W_ols) ** 2).item()
    start = torch.sum((y - X @ torch.tensor(START, dtype=torch.float64)) ** 2).item()
    # at α = α*: the gentle error dies out, the steep one flips sign at the same size forever
    limit = floor + lam[1].item() * error[1].item() ** 2
    passes_at_star = limit > start
    passes_above = train(data.X, data.y, alpha=LONG_ALPHA, epochs=LONG_EPOCHS, warn=False).diverged
    o = lambda holds: "O" if holds else "X"   # noqa: E731
    return Exercise("6.3", [
        Part(OX, o(passes_at_star), label="(1)", form="(1) ??",
             hint="α = α*이면 가파른 방향의 배율이 정확히 −1입니다.",
             mistakes=[Mistake("α = α*에서는 가파른 방향의 오차가 부호만 바꾸고 크기는 그대로여서, "
                               "loss가 처음 값보다 작은 값으로 다가갑니다.", o(not passes_at_star))]),
        Part(OX, o(passes_above), label="(2)", form="(2) ??",
             hint="0.0083은 α*보다 조금 큽니다. 가파른 방향의 배율의 절댓값을 보세요.",
             mistakes=[Mistake("α*를 넘으면 가파른 방향의 오차가 매번 조금씩 커져서, 처음에 아무리 "
                               "작아졌어도 loss는 결국 처음 값을 넘습니다.", o(not passes_above))]),
    ], inputs={"alpha": LONG_ALPHA, "epochs": LONG_EPOCHS}, solution="""
alpha_star = 1/torch.linalg.eigvalsh(X.T @ X)[1].item()
print(gd.train(X, y, alpha=alpha_star, epochs=1000, warn=False).status())
print(gd.train(X, y, alpha=0.0083, epochs=1000, warn=False).status())
gd.exercises.ex6_3.check("X", "O")""")


def ex6_4():
    """Ŵ_20 by the closed form, without the loop."""
    data = lecture_data()
    X = data.X.double()
    path = closed_form_path(data.X, data.y, alpha=0.001, epochs=CLOSED_K)
    W0 = torch.tensor(START, dtype=torch.float64)
    A = torch.eye(2, dtype=torch.float64) - 2 * 0.001 * X.T @ X
    true_W = data.W.double()
    around_truth = true_W + torch.linalg.matrix_power(A, CLOSED_K) @ (W0 - true_W)
    W_ols = ols(data.X, data.y)
    A1 = torch.eye(2, dtype=torch.float64) - 0.001 * X.T @ X
    no_two = W_ols + torch.linalg.matrix_power(A1, CLOSED_K) @ (W0 - W_ols)
    return Exercise("6.4", [Part(
        VECTOR, vec(path[CLOSED_K - 1]), decimals=4, fields=W_FIELDS, form="Ŵ = [??, ??]",
        series=row_series(lecture_run()),
        hint="Ŵ_k = Ŵ + (I − 2αXᵀX)^k (Ŵ_0 − Ŵ), Ŵ는 최소제곱해입니다. torch.linalg.matrix_power를 "
             "쓰세요.",
        mistakes=[Mistake("Ŵ 자리에 참값 (2.5, 4)를 넣었습니다. 경사하강법이 다가가는 곳은 "
                          "최소제곱해입니다.", vec(around_truth)),
                  Mistake("2를 빠뜨렸습니다: 행렬은 I − 2αXᵀX입니다.", vec(no_two)),
                  Mistake(f"k = {CLOSED_K - 1}의 값입니다.", vec(path[CLOSED_K - 2]))])],
        inputs={"k": CLOSED_K, "alpha": 0.001}, solution="""
Xd, yd = X.double(), y.double()
W_ols = torch.linalg.solve(Xd.T @ Xd, Xd.T @ yd)
A = torch.eye(2, dtype=torch.float64) - 2*0.001*Xd.T @ Xd
W20 = W_ols + torch.linalg.matrix_power(A, 20) @ (torch.tensor([-5.0,10.0], dtype=torch.float64) - W_ols)
print(W20, gd.train(X, y, epochs=20).What)
gd.exercises.ex6_4.check(W20)""")


EXERCISES = [ex6_1, ex6_2, ex6_3, ex6_4]
