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
    """Simulated regression data; unpacks as ``x, y`` like the lecture's ``[x, y]``.

    Parameters
    ----------
    x : Tensor of shape (n,)
        Sorted inputs.
    X : Tensor of shape (n, 2)
        Design matrix ``[1, x]``.
    y : Tensor of shape (n,)
        Responses ``X @ W + ε``.
    W : Tensor of shape (2,)
        The true parameter (w0, w1).
    """

    x: torch.Tensor
    X: torch.Tensor
    y: torch.Tensor
    W: torch.Tensor

    @property
    def n(self):
        """Number of observations."""
        return self.x.shape[0]

    def __iter__(self):
        """Unpack as ``x, y``: the pair the lecture's ``show_lrpr(data, ...)`` takes."""
        return iter((self.x, self.y))


def make_data(n=N, W=TRUE_W, sigma=SIGMA, seed=SEED):
    """Generate the lecture's data without touching torch's global random state.

    A local ``torch.Generator`` seeded with ``seed`` draws the same numbers as the
    lecture's ``torch.manual_seed(43052)`` followed by::

        x, _ = torch.randn(100).sort()
        X = torch.stack([torch.ones(100), x]).T
        ϵ = torch.randn(100) * 0.5
        y = X @ W + ϵ

    Parameters
    ----------
    n : int, default=100
        Number of observations (at least 2).
    W : sequence of 2 floats, default=(2.5, 4.0)
        The true intercept and slope.
    sigma : float, default=0.5
        Standard deviation of the noise ε (0 gives points on the line).
    seed : int, default=43052
        Seed of the local generator.

    Returns
    -------
    data : RegressionData
        ``x`` (n,), ``X`` (n, 2), ``y`` (n,) and ``W`` (2,), all float32.
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
