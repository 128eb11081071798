"""The SSE over a grid of (w0, w1): the blue bowl of the lecture's 3-D figure."""

import numpy as np
import torch

from ._checks import check_Xy

GRID = np.arange(-6, 11, 0.5)  # the lecture's w0, w1 ∈ [-6, 11) in steps of 0.5 (34 values)


def loss_surface(x, y, w0=None, w1=None):
    """SSE ``Σ (y - w0 - w1 x)²`` on the grid ``w0 × w1`` in one vectorised operation.

    Parameters
    ----------
    x, y : shape (n,)
    w0, w1 : 1-d arrays of grid values; None means the lecture's ``np.arange(-6, 11, 0.5)``

    Returns
    -------
    W0, W1, L : ndarrays of shape (len(w0), len(w1)), as ``np.meshgrid(..., indexing="ij")``
    """
    w0 = GRID if w0 is None else w0
    w1 = GRID if w1 is None else w1
    X = torch.stack([torch.ones(len(x)), torch.as_tensor(x, dtype=torch.float32)]).T
    X, y = check_Xy(X, y, dtype=torch.float64)
    x = X[:, 1].numpy()
    W0, W1 = np.meshgrid(np.asarray(w0, float), np.asarray(w1, float), indexing="ij")
    residual = y.numpy()[None, None, :] - W0[..., None] - W1[..., None] * x[None, None, :]
    return W0, W1, (residual ** 2).sum(axis=-1)
