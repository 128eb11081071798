"""연습 1.1–1.4: the model y = 2.5 + 4x + ε, the data, what learning means, the trial line."""

import functools

import torch

from ..analysis import ols
from ..data import make_data
from .core import CHOICE, NUMBER, OX, Exercise, Mistake, Part

TRIAL = (1.0, 3.0)          # 연습 1.1's line ŷ = 1 + 3x


@functools.lru_cache(maxsize=None)
def lecture_data():
    """The lecture's data (seed 43052), made once for the exercises of every chapter."""
    return make_data()


def ex1_1():
    """ŷ of the first observation on the line Ŵ = (1, 3)."""
    data = lecture_data()
    What = torch.tensor(TRIAL)
    yhat = data.X @ What
    swapped = What[1] + What[0] * data.x
    return Exercise("1.1", [Part(
        NUMBER, yhat[0].item(), decimals=4, form="ŷ₁ = ??",
        hint="ŷ = X @ What에서 첫 번째 원소가 가장 작은 x의 예측값입니다(x는 크기 순).",
        mistakes=[
            Mistake("절편과 기울기를 바꿔 넣었습니다: ŷ = ŵ₀ + ŵ₁x에서 ŵ₀이 절편입니다.",
                    swapped[0].item()),
            Mistake("관측값 y₁입니다. 직선이 예측한 값 ŷ₁을 구하세요.", data.y[0].item()),
            Mistake("가장 큰 x의 예측값입니다. x는 크기 순으로 정렬되어 있습니다.", yhat[-1].item()),
        ])],
        inputs={"w0": TRIAL[0], "w1": TRIAL[1]},
        solution="""
What = torch.tensor([1.0,3.0])
yhat = X@What
print(yhat[0])
gd.exercises.ex1_1.check(yhat[0])""")


def ex1_2():
    """The shape of X @ What: four shapes of the lesson's tensors as the options."""
    data = lecture_data()
    What = torch.tensor(TRIAL)
    shapes = [What.shape, (data.X @ What).shape, data.X.T.shape, data.X.shape]
    options = tuple(f"torch.Size({list(shape)})" for shape in shapes)
    answer = shapes.index((data.X @ What).shape)
    why = {0: "What의 모양입니다.", 2: "X.T의 모양입니다.", 3: "X의 모양입니다."}
    return Exercise("1.2", [Part(
        CHOICE, answer, options=options, form="??",
        hint="(n, 2) 행렬에 길이 2인 벡터를 곱하면 무엇이 남는지 생각해 보세요.",
        mistakes=[Mistake(f"{why[k]} X @ What은 관측값마다 ŷ 하나입니다.", k) for k in why])],
        inputs={}, solution="""
What = torch.tensor([1.0,3.0])
print((X@What).shape)
gd.exercises.ex1_2.check(2)""")


def ex1_3():
    """Two statements about the model, judged by computing them."""
    data = lecture_data()
    W = data.W
    by_rows = torch.allclose(data.X @ W, W[0] + W[1] * data.x)           # (1) holds
    recovered = torch.allclose(ols(data.X, data.y).float(), W, atol=1e-3)   # (2) does not
    o = lambda holds: "O" if holds else "X"   # noqa: E731
    return Exercise("1.3", [
        Part(OX, o(by_rows), label="(1)", form="(1) ??",
             hint="X의 i번째 행 [1, xᵢ]과 W를 곱해 보세요.",
             mistakes=[Mistake("X의 첫 번째 열이 모두 1이라서 i번째 원소가 1·w₀ + xᵢ·w₁이 됩니다.",
                               o(not by_rows))]),
        Part(OX, o(recovered), label="(2)", form="(2) ??",
             hint="잡음 ε이 있으면 데이터에 가장 잘 맞는 직선도 참값 직선과 조금 다릅니다.",
             mistakes=[Mistake("데이터에는 잡음이 섞여 있어서, 점들만으로는 참값을 정확히 알 수 "
                               "없습니다. 학습은 참값에 가깝게 추정하는 일입니다.", o(not recovered))]),
    ], inputs={}, solution="""
W = torch.tensor([2.5,4])
print(torch.allclose(X@W, 2.5+4*x))      # (1) X@W의 i번째 원소 = w0 + w1*x_i
print(torch.linalg.lstsq(X, y[:,None]).solution[:,0])   # (2) 데이터로 찾은 가장 좋은 직선
gd.exercises.ex1_3.check("O", "X")""")


def ex1_4():
    """Write the code: the lecture's data from its seed, and the mean of y."""
    data = lecture_data()
    noiseless = data.X @ data.W
    unit_noise = make_data(sigma=1.0).y
    return Exercise("1.4", [Part(
        NUMBER, data.y.mean().item(), decimals=4, form="??",
        hint="torch.manual_seed(43052)부터 강의의 코드를 그대로 실행한 뒤 y.mean()을 구하세요.",
        mistakes=[
            Mistake("잡음 ε을 더하지 않은 X@W의 평균입니다.", noiseless.mean().item()),
            Mistake("잡음의 표준편차가 1입니다: torch.randn(100)에 0.5를 곱하세요.",
                    unit_noise.mean().item()),
        ])],
        inputs={"seed": 43052}, solution="""
torch.manual_seed(43052)
ones= torch.ones(100)
x,_ = torch.randn(100).sort()
X = torch.stack([ones,x]).T
W = torch.tensor([2.5,4])
ϵ = torch.randn(100)*0.5
y = X@W + ϵ
print(y.mean())
gd.exercises.ex1_4.check(y.mean())""")


EXERCISES = [ex1_1, ex1_2, ex1_3, ex1_4]
