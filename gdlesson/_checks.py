"""Argument checks for the public functions (private helpers trust their inputs).

Each check raises ``TypeError`` (wrong kind of value) or ``ValueError`` (right kind,
wrong value) with a message that names the argument as the caller wrote it and says
what was expected, so a student who passes ``alpha=-0.1`` learns what to fix instead of
reading a traceback from deep inside torch.

The checks of plain numbers and choices are here; those of tensors are in
``_tensor_checks`` (this module does not import torch, so the player and the Sphinx
extension can use it without loading PyTorch).
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
