"""Argument checks for the public functions (private helpers trust their inputs).

Each check raises ``TypeError`` (wrong kind of value) or ``ValueError`` (right kind,
wrong value) with a message that names the argument as the caller wrote it and says
what was expected, so a student who passes ``alpha=-0.1`` learns what to fix instead of
reading a traceback from deep inside torch.

The checks of plain numbers and choices come first, those of tensors after them. Torch is
imported by the tensor checks when they run, not with this module, so the player and the
Sphinx extension use the number checks without loading PyTorch.
"""

import math
import numbers
import sys


def check_real(name, value, *, positive=False, nonnegative=False):
    """Return ``value`` as a float after checking it is a finite real number."""
    torch = sys.modules.get("torch")    # a value can be a tensor only once torch is imported
    if torch is not None and isinstance(value, torch.Tensor) and value.numel() == 1:
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__} {value!r}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value}")
    if positive and value <= 0:
        raise ValueError(f"{name} must be > 0, got {value:g}")
    if nonnegative and value < 0:
        raise ValueError(f"{name} must be >= 0, got {value:g}")
    return value


def check_int(name, value, *, minimum):
    """Return ``value`` as an int after checking it is an integer >= ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__} {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value}")
    return int(value)


def check_choice(name, value, choices):
    """Return ``value`` after checking it is one of ``choices``."""
    if value not in choices:
        raise ValueError(f"{name} must be one of {tuple(choices)}, got {value!r}")
    return value


# --- tensors (torch is imported when a check runs) ----------------------------------------

def check_dtype(name, value):
    """Return ``value`` after checking it is torch.float32 or torch.float64."""
    import torch
    if value not in (torch.float32, torch.float64):
        raise ValueError(f"{name} must be torch.float32 or torch.float64, got {value}")
    return value


def as_tensor(name, value, dtype=None):
    """A detached tensor of ``dtype`` (float32 unless given) made from a list, tuple, array or
    tensor."""
    import torch
    dtype = torch.float32 if dtype is None else dtype
    if isinstance(value, torch.Tensor):
        return value.detach().to(dtype)
    try:
        return torch.as_tensor(value, dtype=dtype)
    except (TypeError, ValueError, RuntimeError) as err:
        raise TypeError(f"{name} must be a tensor, array or sequence of numbers, "
                        f"got {type(value).__name__} {value!r}") from err


def check_pair(name, value, dtype=None):
    """A tensor of shape (2,) with finite entries: an intercept and a slope such as What or W."""
    import torch
    value = as_tensor(name, value, dtype)
    if value.shape != (2,):
        raise ValueError(f"{name} must have 2 entries (w0, w1), got shape {tuple(value.shape)}")
    if not torch.isfinite(value).all():
        raise ValueError(f"{name} must be finite, got {value.tolist()}")
    return value


def check_vector(name, value, dtype=None):
    """A 1-d tensor of finite values with at least 2 entries (x or y of the data)."""
    import torch
    value = as_tensor(name, value, dtype)
    if value.ndim != 1 or value.shape[0] < 2:
        raise ValueError(f"{name} must be 1-dimensional with at least 2 values, got shape "
                         f"{tuple(value.shape)}")
    if not torch.isfinite(value).all():
        raise ValueError(f"{name} contains NaN or inf; the data must be finite")
    return value


def check_X(X, dtype=None):
    """``X`` as a tensor of shape (n, 2), n >= 2, with finite values."""
    import torch
    X = as_tensor("X", X, dtype)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X must have shape (n, 2) (a column of ones and x), got {tuple(X.shape)}")
    if X.shape[0] < 2:
        raise ValueError(f"X must have at least 2 rows, got n={X.shape[0]}")
    if not torch.isfinite(X).all():
        raise ValueError("X contains NaN or inf; the data must be finite")
    return X


def check_Xy(X, y, dtype=None):
    """``X`` (n, 2) and ``y`` (n,) as tensors after checking shapes and values."""
    import torch
    X = check_X(X, dtype)
    y = as_tensor("y", y, dtype)
    n = X.shape[0]
    if y.ndim != 1 or y.shape[0] != n:
        raise ValueError(f"y must have shape ({n},) to match X, got {tuple(y.shape)}")
    if not torch.isfinite(y).all():
        raise ValueError("y contains NaN or inf; the data must be finite")
    return X, y


def check_xy(x, y, dtype=None):
    """``x`` and ``y`` of the same length n as tensors (the data as the lecture plots it)."""
    x, y = check_vector("x", x, dtype), check_vector("y", y, dtype)
    if x.shape != y.shape:
        raise ValueError(f"y must have shape {tuple(x.shape)} to match x, got {tuple(y.shape)}")
    return x, y
