"""Argument checks of tensors, arrays and sequences for the public functions (the
data, X and y, What); messages as in ``_checks``."""

import torch

DTYPE = torch.float32
DTYPES = (torch.float32, torch.float64)


def check_dtype(name, value):
    """Return ``value`` after checking it is torch.float32 or torch.float64."""
    if value not in DTYPES:
        raise ValueError(f"{name} must be torch.float32 or torch.float64, got {value}")
    return value


def as_tensor(name, value, dtype=DTYPE):
    """A detached tensor of ``dtype`` made from a list, tuple, array or tensor."""
    if isinstance(value, torch.Tensor):
        return value.detach().to(dtype)
    try:
        return torch.as_tensor(value, dtype=dtype)
    except (TypeError, ValueError, RuntimeError) as err:
        raise TypeError(f"{name} must be a tensor, array or sequence of numbers, "
                        f"got {type(value).__name__} {value!r}") from err


def check_pair(name, value, dtype=DTYPE):
    """A tensor of shape (2,) with finite entries: an intercept and a slope such as What or W."""
    value = as_tensor(name, value, dtype)
    if value.shape != (2,):
        raise ValueError(f"{name} must have 2 entries (w0, w1), got shape {tuple(value.shape)}")
    if not torch.isfinite(value).all():
        raise ValueError(f"{name} must be finite, got {value.tolist()}")
    return value


def check_vector(name, value, dtype=DTYPE):
    """A 1-d tensor of finite values with at least 2 entries (x or y of the data)."""
    value = as_tensor(name, value, dtype)
    if value.ndim != 1 or value.shape[0] < 2:
        raise ValueError(f"{name} must be 1-dimensional with at least 2 values, got shape "
                         f"{tuple(value.shape)}")
    if not torch.isfinite(value).all():
        raise ValueError(f"{name} contains NaN or inf; the data must be finite")
    return value


def check_X(X, dtype=DTYPE):
    """``X`` as a tensor of shape (n, 2), n >= 2, with finite values."""
    X = as_tensor("X", X, dtype)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X must have shape (n, 2) (a column of ones and x), got {tuple(X.shape)}")
    if X.shape[0] < 2:
        raise ValueError(f"X must have at least 2 rows, got n={X.shape[0]}")
    if not torch.isfinite(X).all():
        raise ValueError("X contains NaN or inf; the data must be finite")
    return X


def check_Xy(X, y, dtype=DTYPE):
    """``X`` (n, 2) and ``y`` (n,) as tensors after checking shapes and values."""
    X = check_X(X, dtype)
    y = as_tensor("y", y, dtype)
    n = X.shape[0]
    if y.ndim != 1 or y.shape[0] != n:
        raise ValueError(f"y must have shape ({n},) to match X, got {tuple(y.shape)}")
    if not torch.isfinite(y).all():
        raise ValueError("y contains NaN or inf; the data must be finite")
    return X, y


def check_xy(x, y, dtype=DTYPE):
    """``x`` and ``y`` of the same length n as tensors (the data as the lecture plots it)."""
    x, y = check_vector("x", x, dtype), check_vector("y", y, dtype)
    if x.shape != y.shape:
        raise ValueError(f"y must have shape {tuple(x.shape)} to match x, got {tuple(y.shape)}")
    return x, y
