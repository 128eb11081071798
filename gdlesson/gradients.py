"""Three ways to get ∂loss/∂W: autograd, the matrix formula and finite differences.

Each returns a tensor of shape (2,) ``[∂loss/∂w0, ∂loss/∂w1]``. At What = (-5, 10) on
the lecture's data the defaults reproduce the lecture's printed results:

- ``grad_autograd``  → ``tensor([-1342.2522,  1188.9305])``
- ``grad_formula``   → ``tensor([-1342.2522,  1188.9308])``
- ``grad_numeric``   → ``tensor([-1341.7968,  1190.4297])``
"""

import torch

from ._checks import check_real, check_What, check_Xy

_METHODS = ("forward", "central")


_LANES = 8


def _matmul32(A, B):
    """float32 ``A @ B`` with a fixed summation order, identical on every machine.

    A vectorised BLAS adds the products in several interleaved float32 accumulators
    with fused multiply-add, and the order decides the last printed digit. Here the
    products go into 8 accumulators (one rounding per multiply-add), which are then
    added pairwise: the order an AVX2 BLAS uses, and the one behind the lecture's
    printed ``1188.9308``.
    """
    A, B = A.to(torch.float64), B.to(torch.float64)
    vector = B.ndim == 1
    if vector:
        B = B[:, None]
    n = A.shape[1]
    pad = (-n) % _LANES
    terms = A[:, :, None] * B[None, :, :]                      # (m, n, k), exact in float64
    terms = torch.cat([terms, terms.new_zeros(A.shape[0], pad, B.shape[1])], dim=1)
    terms = terms.reshape(A.shape[0], -1, _LANES, B.shape[1])  # (m, n/8, 8, k)
    acc = torch.zeros(A.shape[0], _LANES, B.shape[1], dtype=torch.float32)
    for block in terms.unbind(dim=1):
        acc = (acc.to(torch.float64) + block).to(torch.float32)
    while acc.shape[1] > 1:
        half = acc.shape[1] // 2
        acc = acc[:, :half] + acc[:, half:]
    out = acc[:, 0]
    return out[:, 0] if vector else out


def grad_autograd(What, X, y, dtype=torch.float64):
    """Gradient by ``loss.backward()``, returned as float32, shape (2,).

    The default runs the forward and backward pass in float64 and rounds once, which
    gives the correctly rounded gradient — the lecture's printed
    ``[-1342.2522, 1188.9305]`` — on every machine. With ``dtype=torch.float32`` the
    pass runs in float32 like the lecture's code; its last digit then depends on the
    order in which this machine's BLAS adds (e.g. ``1188.9307``).
    """
    if dtype not in (torch.float32, torch.float64):
        raise ValueError(f"dtype must be torch.float32 or torch.float64, got {dtype}")
    X, y = check_Xy(X, y, dtype=dtype)
    What = check_What(What, dtype=dtype).requires_grad_(True)
    loss = torch.sum((y - X @ What) ** 2)
    loss.backward()
    return What.grad.to(torch.float32)


def grad_formula(What, X, y, dtype=torch.float32):
    """Gradient by the closed form ``-2 Xᵀy + 2 XᵀX W`` (the SSE differentiated by hand).

    In float32 (the default, as in the lecture) the two terms are thousands in size
    and nearly cancel, so float32 rounding shows in the last digit: the sums follow a
    fixed order (see ``_matmul32``) and give the lecture's ``[-1342.2522, 1188.9308]``.
    With ``dtype=torch.float64`` the result is accurate to ~1e-10.
    """
    if dtype not in (torch.float32, torch.float64):
        raise ValueError(f"dtype must be torch.float32 or torch.float64, got {dtype}")
    X, y = check_Xy(X, y, dtype=dtype)
    What = check_What(What, dtype=dtype)
    if dtype == torch.float64:
        return -2 * X.T @ y + 2 * X.T @ X @ What
    return _matmul32(-2 * X.T, y) + _matmul32(_matmul32(2 * X.T, X), What)


def grad_numeric(What, X, y, h=0.001, method="forward", dtype=torch.float32):
    """Gradient by finite differences of ``loss(w0, w1) = Σ (y - w0 - w1 x)²``.

    ``method="forward"`` with float32 (the defaults) is the lecture's check:
    ``(loss(w0 + h, w1) - loss(w0, w1)) / h``. Its error is O(h) from truncation plus
    float32 rounding of a loss near 8587 divided by h — about 0.5 here.

    ``method="central"`` uses ``(loss(w + h) - loss(w - h)) / (2h)``. For a quadratic
    loss the central difference has no truncation error at all, so with
    ``dtype=torch.float64`` it agrees with the exact gradient to about 1e-8.

    Parameters
    ----------
    What : shape (2,);  X : shape (n, 2);  y : shape (n,)
    h : float > 0, the step
    method : "forward" or "central"
    dtype : torch.float32 or torch.float64, the precision of the loss evaluations
    """
    h = check_real("h", h, positive=True)
    if method not in _METHODS:
        raise ValueError(f"method must be one of {_METHODS}, got {method!r}")
    if dtype not in (torch.float32, torch.float64):
        raise ValueError(f"dtype must be torch.float32 or torch.float64, got {dtype}")
    X, y = check_Xy(X, y, dtype=dtype)
    w0, w1 = check_What(What, dtype=torch.float64).tolist()
    x = X[:, 1]

    def _lossfn(w0, w1):
        return torch.sum((y - w0 - w1 * x) ** 2)

    if method == "forward":
        base = _lossfn(w0, w1)
        d0 = (_lossfn(w0 + h, w1) - base) / h
        d1 = (_lossfn(w0, w1 + h) - base) / h
    else:
        d0 = (_lossfn(w0 + h, w1) - _lossfn(w0 - h, w1)) / (2 * h)
        d1 = (_lossfn(w0, w1 + h) - _lossfn(w0, w1 - h)) / (2 * h)
    return torch.stack([d0, d1])
