"""The loss and its gradient: the SSE, the loss over a grid of (w0, w1), and three ways
to get ∂loss/∂W (autograd, the formula −2Xᵀy + 2XᵀXW, finite differences).

:func:`sum_of_squares` is the one place the SSE is written; everything else that needs a
loss (training, analysis, figures) calls it. At What = (-5, 10) on the lecture's data the
defaults reproduce the lecture's printed results:

- ``sse``            → ``tensor(8587.6875)``
- ``grad_autograd``  → ``tensor([-1342.2522,  1188.9305])``
- ``grad_formula``   → ``tensor([-1342.2522,  1188.9308])``
- ``grad_numeric``   → ``tensor([-1341.7968,  1190.4297])``
"""

import numpy as np
import torch

from ._checks import (check_choice, check_dtype, check_pair, check_real, check_xy,
                      check_Xy)

GRID = np.arange(-6, 11, 0.5)   # the lecture's w0, w1 ∈ [-6, 11) in steps of 0.5 (34 values)
DIFFERENCES = ("forward", "central")
LANES = 8      # the accumulators of grad_formula's fixed summation order (a vectorised BLAS's)


def sum_of_squares(y, yhat, dim=None):
    """The lecture's loss ``torch.sum((y - yhat) ** 2)`` (summed over ``dim``, or over all)."""
    squares = (y - yhat) ** 2
    return torch.sum(squares) if dim is None else torch.sum(squares, dim=dim)


def sse(What, X, y):
    """Sum of squared errors ``(y - X @ What)ᵀ (y - X @ What)``.

    Parameters
    ----------
    What : Tensor of shape (2,)
        The estimate (w0, w1). A tensor that requires grad is used as it is, so the
        result keeps the graph and ``loss.backward()`` fills ``What.grad``.
    X : Tensor of shape (n, 2)
        Design matrix ``[1, x]``.
    y : Tensor of shape (n,)
        Responses.

    Returns
    -------
    loss : Tensor of shape ()
        ``tensor(8587.6875)`` at What = (-5, 10) on the lecture's data.
    """
    X, y = check_Xy(X, y)
    if isinstance(What, torch.Tensor) and What.requires_grad:
        if What.shape != (2,):
            raise ValueError(f"What must have 2 entries (w0, w1), got shape {tuple(What.shape)}")
    else:
        What = check_pair("What", What)
    return sum_of_squares(y, X @ What)


def loss_surface(x, y, w0=None, w1=None):
    """The SSE ``Σ (y - w0 - w1 x)²`` at every point of the grid ``w0 × w1`` (float64).

    The lecture fills this grid with a double for loop; here it is one broadcast.

    Parameters
    ----------
    x : Tensor of shape (n,)
        Inputs.
    y : Tensor of shape (n,)
        Responses.
    w0 : array-like of shape (k,), default=None
        Grid values of the intercept; None means the lecture's ``np.arange(-6, 11, 0.5)``.
    w1 : array-like of shape (m,), default=None
        Grid values of the slope; None means the lecture's grid.

    Returns
    -------
    W0, W1, L : ndarray of shape (k, m)
        The grid as ``np.meshgrid(w0, w1, indexing="ij")`` and the loss at each point.
    """
    x, y = check_xy(x, y, dtype=torch.float64)
    w0 = torch.as_tensor(GRID if w0 is None else np.asarray(w0, float), dtype=torch.float64)
    w1 = torch.as_tensor(GRID if w1 is None else np.asarray(w1, float), dtype=torch.float64)
    W0, W1 = torch.meshgrid(w0, w1, indexing="ij")
    yhat = W0[..., None] + W1[..., None] * x
    return W0.numpy(), W1.numpy(), sum_of_squares(y, yhat, dim=-1).numpy()


def _matmul32(A, B):
    """float32 ``A @ B`` with a fixed summation order, identical on every machine.

    A vectorised BLAS adds the products in several interleaved float32 accumulators with
    fused multiply-add, and that order decides the last printed digit. Here the products
    go into 8 accumulators (one rounding per multiply-add), which are then added
    pairwise: the order an AVX2 BLAS uses, and the one behind the lecture's ``1188.9308``.
    """
    A, B = A.to(torch.float64), B.to(torch.float64)
    vector = B.ndim == 1
    if vector:
        B = B[:, None]
    pad = (-A.shape[1]) % LANES
    terms = A[:, :, None] * B[None, :, :]                      # (m, n, k), exact in float64
    terms = torch.cat([terms, terms.new_zeros(A.shape[0], pad, B.shape[1])], dim=1)
    terms = terms.reshape(A.shape[0], -1, LANES, B.shape[1])  # (m, n/8, 8, k)
    acc = torch.zeros(A.shape[0], LANES, B.shape[1], dtype=torch.float32)
    for block in terms.unbind(dim=1):
        acc = (acc.to(torch.float64) + block).to(torch.float32)
    while acc.shape[1] > 1:
        half = acc.shape[1] // 2
        acc = acc[:, :half] + acc[:, half:]
    out = acc[:, 0]
    return out[:, 0] if vector else out


def grad_autograd(What, X, y, dtype=torch.float64):
    """Gradient by ``loss.backward()``, the lecture's way, returned as float32.

    Parameters
    ----------
    What : Tensor of shape (2,)
        Where to take the gradient.
    X : Tensor of shape (n, 2)
        Design matrix.
    y : Tensor of shape (n,)
        Responses.
    dtype : torch.float32 or torch.float64, default=torch.float64
        Precision of the forward and backward pass. float64 rounds once at the end and
        gives the correctly rounded gradient, the lecture's printed
        ``[-1342.2522, 1188.9305]``, on every machine. float32 runs like the lecture's
        code, whose last digit depends on the order this machine's BLAS adds in.

    Returns
    -------
    grad : Tensor of shape (2,)
        ``[∂loss/∂w0, ∂loss/∂w1]``, float32.
    """
    dtype = check_dtype("dtype", dtype)
    X, y = check_Xy(X, y, dtype=dtype)
    What = check_pair("What", What, dtype=dtype).requires_grad_(True)
    sum_of_squares(y, X @ What).backward()
    return What.grad.to(torch.float32)


def grad_formula(What, X, y, dtype=torch.float32):
    """Gradient by the formula ``-2 Xᵀy + 2 XᵀX W`` (the SSE differentiated by hand).

    Parameters
    ----------
    What : Tensor of shape (2,)
        Where to take the gradient.
    X : Tensor of shape (n, 2)
        Design matrix.
    y : Tensor of shape (n,)
        Responses.
    dtype : torch.float32 or torch.float64, default=torch.float32
        float32, as in the lecture: the sums follow a fixed order and give the
        lecture's ``[-1342.2522, 1188.9308]``, whose last digit is 2 float32 steps
        above the exact value (the rounding of XᵀX, multiplied by 2w₁, and of the larger
        second term, about 2165, show there). float64 is accurate to ~1e-10.

    Returns
    -------
    grad : Tensor of shape (2,)
        ``[∂loss/∂w0, ∂loss/∂w1]`` in ``dtype``.
    """
    dtype = check_dtype("dtype", dtype)
    X, y = check_Xy(X, y, dtype=dtype)
    What = check_pair("What", What, dtype=dtype)
    if dtype == torch.float64:
        return -2 * X.T @ y + 2 * X.T @ X @ What
    return _matmul32(-2 * X.T, y) + _matmul32(_matmul32(2 * X.T, X), What)


def grad_numeric(What, X, y, h=0.001, method="forward", dtype=torch.float32):
    """Gradient by finite differences of ``loss(w0, w1) = Σ (y - w0 - w1 x)²``.

    Parameters
    ----------
    What : Tensor of shape (2,)
        Where to take the gradient.
    X : Tensor of shape (n, 2)
        Design matrix; its second column is x.
    y : Tensor of shape (n,)
        Responses.
    h : float, default=0.001
        The step, > 0.
    method : {"forward", "central"}, default="forward"
        ``"forward"`` is the lecture's check ``(loss(w0 + h, w1) - loss(w0, w1)) / h``;
        its error is O(h) plus float32 rounding of a loss near 8587 divided by h, about
        0.5 here. ``"central"`` is ``(loss(w + h) - loss(w - h)) / (2h)``, which has no
        truncation error for a quadratic loss: exact to ~1e-8 in float64.
    dtype : torch.float32 or torch.float64, default=torch.float32
        Precision of the loss evaluations.

    Returns
    -------
    grad : Tensor of shape (2,)
        ``[∂loss/∂w0, ∂loss/∂w1]``, e.g. ``tensor([-1341.7968, 1190.4297])`` with the
        defaults at (-5, 10) on the lecture's data.
    """
    h = check_real("h", h, positive=True)
    method = check_choice("method", method, DIFFERENCES)
    dtype = check_dtype("dtype", dtype)
    X, y = check_Xy(X, y, dtype=dtype)
    w0, w1 = check_pair("What", What, dtype=torch.float64).tolist()
    x = X[:, 1]

    def loss(w0, w1):
        return sum_of_squares(y, w0 + w1 * x)

    if method == "forward":
        base = loss(w0, w1)
        d0 = (loss(w0 + h, w1) - base) / h
        d1 = (loss(w0, w1 + h) - base) / h
    else:
        d0 = (loss(w0 + h, w1) - loss(w0 - h, w1)) / (2 * h)
        d1 = (loss(w0, w1 + h) - loss(w0, w1 - h)) / (2 * h)
    return torch.stack([d0, d1])

