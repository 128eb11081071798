"""The lecture's training loop in today's PyTorch idioms — same numbers, epoch for epoch.

The lecture updates ``What.data`` and resets ``What.grad = None``. Current code usually
writes the step under ``torch.no_grad()`` or lets ``torch.optim.SGD`` do it. The
``no_grad`` step computes ``What - alpha * What.grad`` exactly as the lecture does, so its
history equals :func:`gdlesson.train`'s bit for bit. SGD's ``add_(grad, alpha=-lr)``
rounds the product and the sum once instead of twice, so its history can differ in the
last float32 bit — equal at the printed precision.
"""

import torch

from ._checks import check_int, check_real, check_What, check_Xy
from .training import History


def _record(X, y, What, alpha, epochs, make_step):
    """The lecture's recording loop; ``make_step(What, alpha)`` returns the update step."""
    X, y = check_Xy(X, y)
    What = check_What(What).clone().requires_grad_(True)
    alpha = check_real("alpha", alpha, positive=True)
    epochs = check_int("epochs", epochs, minimum=1)
    step = make_step(What, alpha)
    history = History(alpha=alpha, epochs=epochs, What0=What.tolist())
    for _ in range(epochs):
        yhat = X @ What
        loss = torch.sum((y - yhat) ** 2)
        history.yhat_history.append(yhat.tolist())
        history.loss_history.append(loss.item())
        loss.backward()
        step()
        history.What_history.append(What.tolist())
    return history


def no_grad_step(What, alpha):
    """``What -= alpha * What.grad`` under ``torch.no_grad()``, then clear the gradient."""
    def step():
        with torch.no_grad():
            What.sub_(alpha * What.grad)   # What -= alpha * What.grad, in place
        What.grad.zero_()
    return step


def sgd_step(What, alpha):
    """``torch.optim.SGD([What], lr=alpha)``: ``step()`` then ``zero_grad()``."""
    optimizer = torch.optim.SGD([What], lr=alpha)

    def step():
        optimizer.step()
        optimizer.zero_grad()
    return step


def train_no_grad(X, y, What=(-5.0, 10.0), alpha=0.001, epochs=30):
    """Gradient descent with an in-place step under ``torch.no_grad()``. Returns a History."""
    return _record(X, y, What, alpha, epochs, no_grad_step)


def train_sgd(X, y, What=(-5.0, 10.0), alpha=0.001, epochs=30):
    """Gradient descent with ``torch.optim.SGD([What], lr=alpha)``. Returns a History."""
    return _record(X, y, What, alpha, epochs, sgd_step)
