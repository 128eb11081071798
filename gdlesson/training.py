"""Stage 3 of the lecture: repeat the gradient step and record what happens."""

import math
import warnings
from dataclasses import dataclass, field

import torch

from ._checks import check_int, check_real, check_What, check_Xy


@dataclass
class History:
    """What one run of gradient descent recorded, in the lecture's order.

    - ``loss_history`` — list of ``epochs_run`` floats: the loss *before* each update
    - ``yhat_history`` — ``epochs_run`` lists of n floats: ``X @ What`` *before* each update
    - ``What_history`` — ``epochs_run`` lists of 2 floats: ``What`` *after* each update
    - ``alpha``, ``epochs`` — the learning rate and the number of epochs asked for
    - ``What0`` — the starting point, 2 floats
    - ``diverged_at`` — first epoch (1-based) whose loss was not finite or above the
      starting loss, or None
    - ``stopped_at`` — epoch at which values became non-finite and the run stopped, or None
    """

    alpha: float
    epochs: int
    What0: list
    loss_history: list = field(default_factory=list)
    yhat_history: list = field(default_factory=list)
    What_history: list = field(default_factory=list)
    diverged_at: int = None
    stopped_at: int = None

    @property
    def diverged(self):
        """Whether the run diverged (see ``diverged_at``)."""
        return self.diverged_at is not None

    @property
    def epochs_run(self):
        """How many epochs were recorded (``epochs``, unless the run stopped on inf/nan)."""
        return len(self.What_history)

    @property
    def What(self):
        """The last estimate, a tensor of shape (2,)."""
        last = self.What_history[-1] if self.What_history else self.What0
        return torch.tensor(last)

    def __iter__(self):
        """Unpack as the lecture's ``loss_history, yhat_history, What_history``."""
        return iter((self.loss_history, self.yhat_history, self.What_history))

    def status(self):
        """One Korean sentence on how the run ended, for pages and notebooks."""
        head = f"alpha={self.alpha:g}, {self.epochs_run}/{self.epochs} epochs"
        if self.stopped_at is not None:
            return (f"{head}: epoch {self.diverged_at}부터 발산했고, epoch {self.stopped_at}에서 "
                    "값이 inf/nan이 되어 계산을 멈췄습니다.")
        if self.diverged:
            return f"{head}: epoch {self.diverged_at}부터 발산했습니다 (loss가 처음 값보다 커짐)."
        w0, w1 = self.What.tolist()
        return f"{head}: 발산하지 않음, What = [{w0:.4f}, {w1:.4f}]"

    def __repr__(self):
        return f"History({self.status()})"


def train(X, y, What=(-5.0, 10.0), alpha=0.001, epochs=30, warn=True):
    """Gradient descent on the SSE, exactly as the lecture's loop computes it.

    Each epoch: ``yhat = X @ What``; ``loss = Σ(y - yhat)²``; ``loss.backward()``;
    ``What ← What - alpha * What.grad``. A diverging run never raises: it is recorded
    in ``diverged_at``, warned about once (unless ``warn=False``), and the loop stops
    as soon as the loss or What becomes inf/nan.

    Parameters
    ----------
    X : Tensor, shape (n, 2);  y : Tensor, shape (n,)
    What : shape (2,), the starting point (the lecture's (-5, 10))
    alpha : float > 0, the learning rate
    epochs : int >= 1

    Returns
    -------
    History
    """
    X, y = check_Xy(X, y)
    What = check_What(What).clone().requires_grad_(True)
    alpha = check_real("alpha", alpha, positive=True)
    epochs = check_int("epochs", epochs, minimum=1)
    history = History(alpha=alpha, epochs=epochs, What0=What.tolist())
    for epoch in range(1, epochs + 1):
        yhat = X @ What
        loss = torch.sum((y - yhat) ** 2)
        value = loss.item()
        if history.diverged_at is None and (
            not math.isfinite(value) or (history.loss_history and value > history.loss_history[0])
        ):
            history.diverged_at = epoch
            if warn:
                warnings.warn(f"train: alpha={alpha:g} diverged at epoch {epoch} "
                              f"(loss {value:.4g}, starting loss {history.loss_history[0]:.4g})"
                              if history.loss_history else
                              f"train: alpha={alpha:g} gave a non-finite loss at epoch {epoch}",
                              RuntimeWarning, stacklevel=2)
        if not math.isfinite(value):
            history.stopped_at = epoch
            break
        loss.backward()
        new_What = What.data - alpha * What.grad
        if not torch.isfinite(new_What).all():
            history.stopped_at = epoch
            break
        history.yhat_history.append(yhat.data.tolist())
        history.loss_history.append(value)
        What.data = new_What
        history.What_history.append(What.data.tolist())
        What.grad = None
    return history
