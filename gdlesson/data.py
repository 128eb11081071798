"""The lecture's data and its settings: y = 2.5 + 4x + ε, the start (-5, 10), α = 0.001, 30 epochs.

This module owns every number the lecture fixes, so the rest of the library and the
pages name them (``START``, ``ALPHA``, ``EPOCHS``…) instead of repeating them.
"""

from dataclasses import dataclass

import torch

from ._checks import check_int, check_pair, check_real

SEED = 43052                 # torch.manual_seed(43052)
N = 100                      # observations
TRUE_W = (2.5, 4.0)          # the W that generates the data: y = 2.5 + 4x + ε
SIGMA = 0.5                  # ε ~ N(0, 0.5²)
START = (-5.0, 10.0)         # the first line the lecture draws: Ŵ = (-5, 10)
ALPHA = 0.001                # the lecture's learning rate
EPOCHS = 30                  # the lecture's number of updates
LECTURE_ALPHAS = (0.0001, 0.001, 0.0083, 0.0085, 0.01)   # the learning rates the lecture compares


@dataclass(frozen=True)
class RegressionData:
    """시뮬레이션으로 만든 회귀 데이터로, 강의의 ``[x, y]`` 목록처럼 ``x, y`` 두 값으로 풀립니다.

    Parameters
    ----------
    x : Tensor of shape (n,)
        크기 순으로 정렬한 입력.
    X : Tensor of shape (n, 2)
        설계행렬 ``[1, x]``.
    y : Tensor of shape (n,)
        출력 ``X @ W + ε``.
    W : Tensor of shape (2,)
        참값 파라미터 (w0, w1).
    """

    x: torch.Tensor
    X: torch.Tensor
    y: torch.Tensor
    W: torch.Tensor

    @property
    def n(self):
        """관측값의 개수입니다."""
        return self.x.shape[0]

    def __iter__(self):
        """Unpack as ``x, y``: the pair the lecture's ``show_lrpr(data, ...)`` takes."""
        return iter((self.x, self.y))


def make_data(n=N, W=TRUE_W, sigma=SIGMA, seed=SEED):
    """torch의 전역 난수 상태를 건드리지 않고 강의의 데이터를 만듭니다.

    ``seed`` 값을 시드로 받은 이 함수만의 난수 생성기(``torch.Generator``)가, 강의에서
    ``torch.manual_seed(43052)`` 다음에 실행하는 아래 코드와 똑같은 숫자를 뽑습니다::

        x, _ = torch.randn(100).sort()
        X = torch.stack([torch.ones(100), x]).T
        ϵ = torch.randn(100) * 0.5
        y = X @ W + ϵ

    Parameters
    ----------
    n : int, default=100
        관측값의 개수(2 이상).
    W : sequence of 2 floats, default=(2.5, 4.0)
        참값 절편과 기울기.
    sigma : float, default=0.5
        잡음 ε의 표준편차(0이면 점이 모두 직선 위에 놓입니다).
    seed : int, default=43052
        이 함수만의 난수 생성기에 줄 시드.

    Returns
    -------
    data : RegressionData
        ``x`` (n,), ``X`` (n, 2), ``y`` (n,), ``W`` (2,), 모두 float32입니다.
    """
    n = check_int("n", n, minimum=2)
    W = check_pair("W", W).clone()
    sigma = check_real("sigma", sigma, nonnegative=True)
    seed = check_int("seed", seed, minimum=0)
    generator = torch.Generator().manual_seed(seed)
    x, _ = torch.randn(n, generator=generator).sort()
    X = torch.stack([torch.ones(n), x]).T
    epsilon = torch.randn(n, generator=generator) * sigma
    y = X @ W + epsilon
    return RegressionData(x=x, X=X, y=y, W=W)
