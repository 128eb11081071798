"""The lecture's loss: the sum of squared errors (SSE)."""

import torch

from ._checks import check_What, check_Xy


def sse(What, X, y):
    """Sum of squared errors ``(y - X @ What)ᵀ (y - X @ What)``.

    Parameters
    ----------
    What : Tensor, shape (2,)   if it requires grad, the result keeps the graph
    X : Tensor, shape (n, 2)
    y : Tensor, shape (n,)

    Returns
    -------
    Tensor, shape ()   e.g. ``tensor(8587.6875)`` at What = (-5, 10) on the lecture's data
    """
    X, y = check_Xy(X, y)
    if not (isinstance(What, torch.Tensor) and What.requires_grad):
        What = check_What(What)
    elif What.shape != (2,):
        raise ValueError(f"What must have 2 entries (w0, w1), got shape {tuple(What.shape)}")
    yhat = X @ What
    return torch.sum((y - yhat) ** 2)
