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

from ._checks import check_choice, check_dtype, check_pair, check_real, check_Xy, check_xy

GRID = np.arange(-6, 11, 0.5)   # the lecture's w0, w1 ∈ [-6, 11) in steps of 0.5 (34 values)
DIFFERENCES = ("forward", "central")
LANES = 8      # the accumulators of grad_formula's fixed summation order (a vectorised BLAS's)


def sum_of_squares(y, yhat, dim=None):
    """The lecture's loss ``torch.sum((y - yhat) ** 2)`` (summed over ``dim``, or over all)."""
    squares = (y - yhat) ** 2
    return torch.sum(squares) if dim is None else torch.sum(squares, dim=dim)


def sse(What, X, y):
    """오차제곱합(SSE), 곧 ``(y - X @ What)ᵀ (y - X @ What)`` 값을 계산합니다.

    Parameters
    ----------
    What : Tensor of shape (2,)
        추정값 (w0, w1). grad가 필요한(requires grad) 텐서는 그대로 쓰므로, 결과에 계산
        그래프가 남고 ``loss.backward()`` 호출이 ``What.grad`` 속성을 채웁니다.
    X : Tensor of shape (n, 2)
        설계행렬 ``[1, x]``.
    y : Tensor of shape (n,)
        출력.

    Returns
    -------
    loss : Tensor of shape ()
        강의 데이터의 What = (-5, 10)에서는 ``tensor(8587.6875)`` 값입니다.
    """
    X, y = check_Xy(X, y)
    if isinstance(What, torch.Tensor) and What.requires_grad:
        if What.shape != (2,):
            raise ValueError(f"What must have 2 entries (w0, w1), got shape {tuple(What.shape)}")
    else:
        What = check_pair("What", What)
    return sum_of_squares(y, X @ What)


def loss_surface(x, y, w0=None, w1=None):
    """격자 ``w0 × w1`` 위의 모든 점에서 SSE ``Σ (y - w0 - w1 x)²`` 값을 계산합니다(float64).

    강의는 이 격자를 이중 for 반복문으로 채우고, 여기서는 브로드캐스팅 한 번으로 계산합니다.

    Parameters
    ----------
    x : Tensor of shape (n,)
        입력.
    y : Tensor of shape (n,)
        출력.
    w0 : array-like of shape (k,), default=None
        절편의 격자값. None이면 강의의 격자(``np.arange(-6, 11, 0.5)``)입니다.
    w1 : array-like of shape (m,), default=None
        기울기의 격자값. None이면 강의의 격자입니다.

    Returns
    -------
    W0, W1, L : ndarray of shape (k, m)
        ``np.meshgrid(w0, w1, indexing="ij")`` 형태의 격자와 각 점의 loss.
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
    """강의처럼 ``loss.backward()`` 호출로 경사를 구해 float32로 돌려줍니다.

    Parameters
    ----------
    What : Tensor of shape (2,)
        경사를 구할 점.
    X : Tensor of shape (n, 2)
        설계행렬.
    y : Tensor of shape (n,)
        출력.
    dtype : torch.float32 or torch.float64, default=torch.float64
        순전파와 역전파의 정밀도. float64는 마지막에 한 번만 반올림하므로 어느 컴퓨터에서나
        올바르게 반올림된 경사, 곧 강의에 출력된 ``[-1342.2522, 1188.9305]`` 값을 줍니다.
        float32는 강의의 코드처럼 계산하며, 그 마지막 자리는 이 컴퓨터의 BLAS가 더하는
        순서에 따라 달라집니다.

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
    """공식 ``-2 Xᵀy + 2 XᵀX W`` (SSE를 손으로 미분한 식)으로 경사를 구합니다.

    Parameters
    ----------
    What : Tensor of shape (2,)
        경사를 구할 점.
    X : Tensor of shape (n, 2)
        설계행렬.
    y : Tensor of shape (n,)
        출력.
    dtype : torch.float32 or torch.float64, default=torch.float32
        float32는 강의와 같습니다. 합을 정해진 순서로 더해 강의의 ``[-1342.2522, 1188.9308]``
        값을 주며, 그 마지막 자리는 정확한 값보다 float32 간격 두 칸만큼 큽니다(2w₁이 곱해진
        XᵀX의 반올림 오차와, 약 2165인 더 큰 둘째 항의 반올림 오차가 거기에 드러납니다).
        float64는 ~1e-10까지 정확합니다.

    Returns
    -------
    grad : Tensor of shape (2,)
        ``dtype`` 자료형의 ``[∂loss/∂w0, ∂loss/∂w1]``.
    """
    dtype = check_dtype("dtype", dtype)
    X, y = check_Xy(X, y, dtype=dtype)
    What = check_pair("What", What, dtype=dtype)
    if dtype == torch.float64:
        return -2 * X.T @ y + 2 * X.T @ X @ What
    return _matmul32(-2 * X.T, y) + _matmul32(_matmul32(2 * X.T, X), What)


def grad_numeric(What, X, y, h=0.001, method="forward", dtype=torch.float32):
    """유한차분으로 ``loss(w0, w1) = Σ (y - w0 - w1 x)²`` 함수의 경사를 구합니다.

    Parameters
    ----------
    What : Tensor of shape (2,)
        경사를 구할 점.
    X : Tensor of shape (n, 2)
        설계행렬. 둘째 열이 x입니다.
    y : Tensor of shape (n,)
        출력.
    h : float, default=0.001
        차분 간격. 0보다 커야 합니다.
    method : {"forward", "central"}, default="forward"
        ``"forward"`` 방식은 강의의 확인 방법 ``(loss(w0 + h, w1) - loss(w0, w1)) / h``
        (전진차분)입니다. 그 오차는 O(h)에, 8587 근처의 loss를 float32로 반올림한 오차를 h로
        나눈 값이 더해진 것으로, 강의의 (-5, 10)에서는 w0 방향 약 0.46, w1 방향 약 1.50입니다
        (그중 O(h) 부분은 약 0.1). ``"central"`` 방식은 ``(loss(w + h) - loss(w - h)) / (2h)``
        (중심차분)이며, 이차 손실함수에서는 절단오차가 없어 float64로 ~1e-8까지 정확합니다.
    dtype : torch.float32 or torch.float64, default=torch.float32
        loss 계산의 정밀도.

    Returns
    -------
    grad : Tensor of shape (2,)
        ``[∂loss/∂w0, ∂loss/∂w1]``. 예를 들어 강의 데이터의 (-5, 10)에서 기본값으로 구하면
        ``tensor([-1341.7968, 1190.4297])`` 값입니다.
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

