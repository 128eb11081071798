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
    """Eigenvalues of XᵀX in increasing order.

    Parameters
    ----------
    X : Tensor of shape (n, 2)
        Design matrix ``[1, x]``.

    Returns
    -------
    lam : Tensor of shape (2,)
        ``[λ_min, λ_max]``, float64 (92.98 and 121.39 on the lecture's data).
    """
    return _eigenvalues(_design(X))


def critical_alpha(X):
    """The stability threshold α* = 1 / λ_max(XᵀX): gradient descent on the SSE converges
    for α below it and diverges above it.

    Parameters
    ----------
    X : Tensor of shape (n, 2)
        Design matrix ``[1, x]``.

    Returns
    -------
    alpha_star : float
        0.008238 on the lecture's data.
    """
    return float(1.0 / _eigenvalues(_design(X))[-1])


def best_alpha(X):
    """The constant α with the fastest worst-case convergence, ``1 / (λ_min + λ_max)``.

    Parameters
    ----------
    X : Tensor of shape (n, 2)
        Design matrix ``[1, x]``.

    Returns
    -------
    alpha : float
        0.00466 on the lecture's data.
    """
    lam = _eigenvalues(_design(X))
    return float(1.0 / (lam[0] + lam[-1]))


def growth_factors(X, alpha):
    """The factors ``1 - 2αλ`` by which one update multiplies the error along each
    eigenvector of XᵀX. A negative factor flips the error's sign at every update (a
    zigzag across the minimum); a factor beyond ±1 makes that direction grow.

    Parameters
    ----------
    X : Tensor of shape (n, 2)
        Design matrix ``[1, x]``.
    alpha : float
        The learning rate, > 0.

    Returns
    -------
    factors : Tensor of shape (2,)
        For λ_min and λ_max, float64, with their signs.
    """
    alpha = check_real("alpha", alpha, positive=True)
    return 1 - 2 * alpha * _eigenvalues(_design(X))


def ols(X, y):
    """The least-squares solution Ŵ = argmin ‖y - XW‖², where gradient descent ends up.

    Parameters
    ----------
    X : Tensor of shape (n, 2)
        Design matrix ``[1, x]``.
    y : Tensor of shape (n,)
        Responses.

    Returns
    -------
    What : Tensor of shape (2,)
        float64; (2.4459, 4.0043) on the lecture's data.
    """
    return _ols(*check_Xy(X, y, dtype=F64))


def closed_form_path(X, y, What=START, alpha=ALPHA, epochs=EPOCHS):
    """``Ŵ_k = Ŵ + (I - 2αXᵀX)^k (Ŵ_0 - Ŵ)`` for k = 1..epochs, without iterating.

    The same sequence that :func:`train` records in ``What_history`` (up to float32
    rounding of the loop).

    Parameters
    ----------
    X : Tensor of shape (n, 2)
        Design matrix ``[1, x]``.
    y : Tensor of shape (n,)
        Responses.
    What : sequence of 2 floats, default=(-5.0, 10.0)
        The start Ŵ_0.
    alpha : float, default=0.001
        The learning rate, > 0.
    epochs : int, default=30
        The number of updates, >= 1.

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
    """The loss after ``epochs`` updates for each α, from the closed form (no loop).

    Parameters
    ----------
    X : Tensor of shape (n, 2)
        Design matrix ``[1, x]``.
    y : Tensor of shape (n,)
        Responses.
    alphas : sequence of float
        Learning rates, each > 0.
    What : sequence of 2 floats, default=(-5.0, 10.0)
        The start Ŵ_0.
    epochs : int, default=30
        The number of updates, >= 1.

    Returns
    -------
    losses : Tensor of shape (len(alphas),)
        float64; a run whose loss overflows gives ``inf``.
    """
    X, y = check_Xy(X, y, dtype=F64)
    W0 = check_pair("What", What, dtype=F64)
    epochs = check_int("epochs", epochs, minimum=1)
    alphas = torch.tensor([check_real("alphas", a, positive=True) for a in alphas], dtype=F64)
    ends = _closed_form(X, y, W0, alphas, torch.tensor([float(epochs)], dtype=F64))[:, 0]
    return sum_of_squares(y, ends @ X.T, dim=1)
