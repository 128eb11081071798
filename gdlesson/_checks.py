"""Argument checks shared by the library.

Each check raises ``TypeError`` (wrong kind of value) or ``ValueError`` (right kind,
wrong value) with a message that names the argument and says what was expected, so a
student who passes ``alpha=-0.1`` learns what to fix instead of reading a traceback
from deep inside torch.
"""

import math
import numbers

import torch

DTYPE = torch.float32


def check_real(name, value, *, positive=False, nonnegative=False):
    """Return ``value`` as a float after checking it is a finite real number."""
    if isinstance(value, torch.Tensor) and value.numel() == 1:
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__} {value!r}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value}")
    if positive and value <= 0:
        raise ValueError(f"{name} must be > 0, got {value}")
    if nonnegative and value < 0:
        raise ValueError(f"{name} must be >= 0, got {value}")
    return value


def check_int(name, value, *, minimum):
    """Return ``value`` as an int after checking it is an integer >= ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__} {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value}")
    return int(value)


def as_tensor(name, value, dtype=DTYPE):
    """Convert a list, tuple, array or tensor to a detached tensor of ``dtype``."""
    if isinstance(value, torch.Tensor):
        return value.detach().to(dtype)
    try:
        return torch.as_tensor(value, dtype=dtype)
    except (TypeError, ValueError, RuntimeError) as err:
        raise TypeError(f"{name} must be a tensor, array or sequence of numbers, got {value!r}") from err


def check_What(What, dtype=DTYPE):
    """Return ``What`` as a tensor of shape (2,): the intercept and the slope."""
    What = as_tensor("What", What, dtype)
    if What.shape != (2,):
        raise ValueError(f"What must have 2 entries (w0, w1), got shape {tuple(What.shape)}")
    if not torch.isfinite(What).all():
        raise ValueError(f"What must be finite, got {What.tolist()}")
    return What


def check_Xy(X, y, dtype=DTYPE):
    """Return ``X`` (n, 2) and ``y`` (n,) as tensors after checking shapes and values."""
    X = as_tensor("X", X, dtype)
    y = as_tensor("y", y, dtype)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X must have shape (n, 2) (a column of ones and x), got {tuple(X.shape)}")
    n = X.shape[0]
    if n < 2:
        raise ValueError(f"X must have at least 2 rows, got n={n}")
    if y.ndim != 1 or y.shape[0] != n:
        raise ValueError(f"y must have shape ({n},) to match X, got {tuple(y.shape)}")
    if not torch.isfinite(X).all():
        raise ValueError("X contains NaN or inf; the data must be finite")
    if not torch.isfinite(y).all():
        raise ValueError("y contains NaN or inf; the data must be finite")
    return X, y
