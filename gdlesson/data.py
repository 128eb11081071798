"""The lecture's data: y = 2.5 + 4x + ε with ε ~ N(0, 0.5²), x sorted."""

from dataclasses import dataclass

import torch

from ._checks import check_int, check_real, check_What


@dataclass(frozen=True)
class RegressionData:
    """Simulated regression data; unpacks as ``x, y``.

    - ``x`` — Tensor, shape (n,): sorted inputs
    - ``X`` — Tensor, shape (n, 2): design matrix ``[1, x]``
    - ``y`` — Tensor, shape (n,): responses ``X @ W + ε``
    - ``W`` — Tensor, shape (2,): the true parameter (w0, w1)
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


def make_data(n=100, W=(2.5, 4.0), sigma=0.5, seed=43052):
    """Generate the lecture's data without touching torch's global random state.

    A local ``torch.Generator`` seeded with ``seed`` draws the same numbers as the
    lecture's ``torch.manual_seed(43052)`` followed by::

        x, _ = torch.randn(100).sort()
        X = torch.stack([torch.ones(100), x]).T
        ϵ = torch.randn(100) * 0.5
        y = X @ W + ϵ

    Returns a :class:`RegressionData` with ``x`` (n,), ``X`` (n, 2), ``y`` (n,), ``W`` (2,).
    """
    n = check_int("n", n, minimum=2)
    W = check_What(W).clone()
    sigma = check_real("sigma", sigma, nonnegative=True)
    seed = check_int("seed", seed, minimum=0)
    generator = torch.Generator().manual_seed(seed)
    x, _ = torch.randn(n, generator=generator).sort()
    X = torch.stack([torch.ones(n), x]).T
    epsilon = torch.randn(n, generator=generator) * sigma
    y = X @ W + epsilon
    return RegressionData(x=x, X=X, y=y, W=W)
