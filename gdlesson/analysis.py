"""Why some learning rates fail: the stability threshold of gradient descent on the SSE.

For ``loss(W) = ‖y - XW‖²`` the gradient step is linear in W, so with the least-squares
solution Ŵ:  ``W_k - Ŵ = (I - 2α XᵀX)^k (W_0 - Ŵ)``. Along an eigenvector of XᵀX with
eigenvalue λ the error is multiplied by ``1 - 2αλ`` each step, so GD converges iff
``α < 1 / λ_max``. All computations here are in float64.
"""

import torch

from ._checks import check_int, check_real, check_What, check_Xy


def _gram(X):
    X, _ = check_Xy(X, torch.zeros(len(X)), dtype=torch.float64)
    return X.T @ X


def eigenvalues(X):
    """Eigenvalues of XᵀX in increasing order, shape (2,) float64."""
    return torch.linalg.eigvalsh(_gram(X))


def critical_alpha(X):
    """The largest stable learning rate for the SSE: ``1 / λ_max(XᵀX)`` (a float)."""
    return float(1.0 / eigenvalues(X)[-1])


def best_alpha(X):
    """The constant α with the fastest worst-case convergence: ``1 / (λ_min + λ_max)``."""
    lam = eigenvalues(X)
    return float(1.0 / (lam[0] + lam[-1]))


def growth_factors(X, alpha):
    """``|1 - 2αλ|`` for each eigenvalue λ of XᵀX (increasing λ): > 1 means that direction grows."""
    alpha = check_real("alpha", alpha, positive=True)
    return (1 - 2 * alpha * eigenvalues(X)).abs()


def ols(X, y):
    """The least-squares solution Ŵ = argmin ‖y - XW‖², shape (2,) float64."""
    X, y = check_Xy(X, y, dtype=torch.float64)
    return torch.linalg.solve(X.T @ X, X.T @ y)


def closed_form_path(X, y, What=(-5.0, 10.0), alpha=0.001, epochs=30):
    """``W_k = Ŵ + (I - 2αXᵀX)^k (W_0 - Ŵ)`` for k = 1..epochs, shape (epochs, 2) float64.

    The same sequence ``train`` records in ``What_history``, without iterating.
    """
    X, y = check_Xy(X, y, dtype=torch.float64)
    W0 = check_What(What, dtype=torch.float64)
    alpha = check_real("alpha", alpha, positive=True)
    epochs = check_int("epochs", epochs, minimum=1)
    What_ols = ols(X, y)
    lam, Q = torch.linalg.eigh(X.T @ X)
    k = torch.arange(1, epochs + 1, dtype=torch.float64)[:, None]
    scale = (1 - 2 * alpha * lam)[None, :] ** k          # (epochs, 2)
    coords = Q.T @ (W0 - What_ols)                       # (2,)
    return What_ols + (scale * coords) @ Q.T


def final_losses(X, y, alphas, What=(-5.0, 10.0), epochs=30):
    """Loss after ``epochs`` updates for each α in ``alphas``, float64, shape (len(alphas),).

    Uses the closed form, so a sweep over hundreds of α costs no training loop; a run
    whose loss overflows gives ``inf``.
    """
    X, y = check_Xy(X, y, dtype=torch.float64)
    out = []
    for alpha in alphas:
        W = closed_form_path(X, y, What=What, alpha=alpha, epochs=epochs)[-1]
        out.append(torch.sum((y - X @ W) ** 2).item())
    return torch.tensor(out, dtype=torch.float64)
