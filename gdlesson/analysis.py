"""Why some learning rates fail: the stability threshold of gradient descent on the SSE.

For ``loss(W) = ‖y - XW‖²`` the gradient step is linear in W, so with the least-squares
solution Ŵ: ``W_k - Ŵ = (I - 2α XᵀX)^k (W_0 - Ŵ)``. Along an eigenvector of XᵀX with
eigenvalue λ the error is multiplied by ``1 - 2αλ`` each step, so gradient descent
converges iff ``α < α* = 1 / λ_max``. Everything here is computed in float64.
"""

import torch

from ._checks import check_int, check_pair, check_real, check_X, check_Xy
from .data import ALPHA, EPOCHS, START
from .loss import sum_of_squares

F64 = torch.float64


def _eigenvalues(X):
    return torch.linalg.eigvalsh(X.T @ X)


def _ols(X, y):
    return torch.linalg.solve(X.T @ X, X.T @ y)


def _closed_form(X, y, W0, alphas, steps):
    """Ŵ_k = Ŵ + (I - 2αXᵀX)^k (Ŵ_0 - Ŵ) for each α in ``alphas`` (a 1-d tensor) and each
    k in ``steps`` (a 1-d tensor): shape (len(alphas), len(steps), 2)."""
    What_ols = _ols(X, y)
    lam, Q = torch.linalg.eigh(X.T @ X)
    scale = (1 - 2 * alphas[:, None, None] * lam) ** steps[None, :, None]   # (α, k, 2)
    return What_ols + (scale * (Q.T @ (W0 - What_ols))) @ Q.T


def _design(X):
    return check_X(X, dtype=F64)


def eigenvalues(X):
    """XᵀX의 고윳값을 작은 것부터 차례로 돌려줍니다.

    Parameters
    ----------
    X : Tensor of shape (n, 2)
        설계행렬 ``[1, x]``.

    Returns
    -------
    lam : Tensor of shape (2,)
        ``[λ_min, λ_max]``, float64 (강의 데이터에서 92.98과 121.39).
    """
    return _eigenvalues(_design(X))


def critical_alpha(X):
    """SSE의 경사하강법이 그보다 작은 α에서는 수렴하고 큰 α에서는 발산하는 안정 경계
    α* = 1 / λ_max(XᵀX)를 구합니다.

    Parameters
    ----------
    X : Tensor of shape (n, 2)
        설계행렬 ``[1, x]``.

    Returns
    -------
    alpha_star : float
        강의 데이터에서 0.008238.
    """
    return float(1.0 / _eigenvalues(_design(X))[-1])


def best_alpha(X):
    """최악의 경우의 수렴이 가장 빠른 상수 학습률 α, 곧 ``1 / (λ_min + λ_max)`` 값을 구합니다.

    Parameters
    ----------
    X : Tensor of shape (n, 2)
        설계행렬 ``[1, x]``.

    Returns
    -------
    alpha : float
        강의 데이터에서 0.00466.
    """
    lam = _eigenvalues(_design(X))
    return float(1.0 / (lam[0] + lam[-1]))


def growth_factors(X, alpha):
    """업데이트 한 번이 XᵀX의 각 고유벡터 방향으로 오차에 곱하는 배율 ``1 - 2αλ`` 값을 구합니다.

    음수인 배율은 업데이트마다 오차의 부호를 바꾸고(최소점을 사이에 둔 지그재그), ±1을 벗어난
    배율은 그 방향의 오차를 키웁니다.

    Parameters
    ----------
    X : Tensor of shape (n, 2)
        설계행렬 ``[1, x]``.
    alpha : float
        학습률. 0보다 커야 합니다.

    Returns
    -------
    factors : Tensor of shape (2,)
        λ_min과 λ_max의 배율, float64, 부호 포함.
    """
    alpha = check_real("alpha", alpha, positive=True)
    return 1 - 2 * alpha * _eigenvalues(_design(X))


def ols(X, y):
    """경사하강법이 결국 다다르는 곳인 최소제곱해(Ŵ = argmin ‖y - XW‖²)를 구합니다.

    Parameters
    ----------
    X : Tensor of shape (n, 2)
        설계행렬 ``[1, x]``.
    y : Tensor of shape (n,)
        출력.

    Returns
    -------
    What : Tensor of shape (2,)
        float64. 강의 데이터에서 (2.4459, 4.0043).
    """
    return _ols(*check_Xy(X, y, dtype=F64))


def closed_form_path(X, y, What=START, alpha=ALPHA, epochs=EPOCHS):
    """k = 1..epochs에 대해 ``Ŵ_k = Ŵ + (I - 2αXᵀX)^k (Ŵ_0 - Ŵ)`` 값을 반복 없이 계산합니다.

    :func:`train` 함수가 ``What_history`` 기록에 남기는 것과 같은 수열입니다(반복문의 float32
    반올림 차이는 빼고).

    Parameters
    ----------
    X : Tensor of shape (n, 2)
        설계행렬 ``[1, x]``.
    y : Tensor of shape (n,)
        출력.
    What : sequence of 2 floats, default=(-5.0, 10.0)
        출발점 Ŵ_0.
    alpha : float, default=0.001
        학습률. 0보다 커야 합니다.
    epochs : int, default=30
        업데이트 횟수. 1 이상이어야 합니다.

    Returns
    -------
    path : Tensor of shape (epochs, 2)
        Ŵ_1 … Ŵ_epochs, float64.
    """
    X, y = check_Xy(X, y, dtype=F64)
    alpha = torch.tensor([check_real("alpha", alpha, positive=True)], dtype=F64)
    steps = torch.arange(1, check_int("epochs", epochs, minimum=1) + 1, dtype=F64)
    return _closed_form(X, y, check_pair("What", What, dtype=F64), alpha, steps)[0]


def final_losses(X, y, alphas, What=START, epochs=EPOCHS):
    """각 α로 ``epochs`` 번 업데이트한 뒤의 loss를 닫힌 식으로 구합니다(반복문 없이).

    Parameters
    ----------
    X : Tensor of shape (n, 2)
        설계행렬 ``[1, x]``.
    y : Tensor of shape (n,)
        출력.
    alphas : sequence of float
        학습률들. 각각 0보다 커야 합니다.
    What : sequence of 2 floats, default=(-5.0, 10.0)
        출발점 Ŵ_0.
    epochs : int, default=30
        업데이트 횟수. 1 이상이어야 합니다.

    Returns
    -------
    losses : Tensor of shape (len(alphas),)
        float64. loss가 오버플로하는 실행은 ``inf`` 값을 줍니다.
    """
    X, y = check_Xy(X, y, dtype=F64)
    W0 = check_pair("What", What, dtype=F64)
    epochs = check_int("epochs", epochs, minimum=1)
    alphas = torch.tensor([check_real("alphas", a, positive=True) for a in alphas], dtype=F64)
    ends = _closed_form(X, y, W0, alphas, torch.tensor([float(epochs)], dtype=F64))[:, 0]
    return sum_of_squares(y, ends @ X.T, dim=1)
