"""Stage 3 of the lecture: repeat the gradient step, record what happens, say how it went.

One loop (:func:`_descend`) runs gradient descent for :func:`train`,
:func:`train_no_grad` and :func:`train_sgd`; only the update step differs (d2l's idea of
passing the step in). How a run went is described with two words, the same on every
page, in every table and in the explorer. Counting ``k`` = updates done, ``Ŵ_k`` is the
estimate after k updates (``Ŵ_0`` the start) and ``L_k`` its loss:

- **다시 커짐** (rising, unstable): some ``L_k`` is larger than the smallest earlier loss
  (by more than ``RISE_RTOL``, so float rounding near the minimum does not count). For
  the SSE this happens only when α is above the stability threshold α*, and then the
  loss keeps growing: the run is on its way to diverge.
- **발산** (diverged): some ``L_k`` is larger than the starting loss ``L_0``, or not finite.

A run whose losses only went down is **줄어듦** (decreasing). Where a run goes if it is
continued forever is **수렴** (converges: the error shrinks along both eigenvectors of XᵀX,
so Ŵ approaches the least-squares solution) or, above α*, 발산 (the loss eventually
passes the starting loss, however long it first falls).
"""

import math
import warnings
from dataclasses import dataclass, field

import torch

from ._checks import check_int, check_pair, check_real, check_Xy
from .data import ALPHA, EPOCHS, START
from .loss import sum_of_squares

RISE_RTOL = 1e-4     # a loss counts as rising when it exceeds the smallest earlier one by 0.01 %
DECREASING, UNSTABLE, DIVERGED = "줄어듦", "불안정", "발산"
CONVERGES = "수렴"   # the long run below α* (see stability_table)


@dataclass
class History:
    """What one run of gradient descent recorded, in the lecture's order.

    Each parameter is kept as an attribute of the same name.

    Parameters
    ----------
    alpha : float
        The learning rate.
    epochs : int
        The number of epochs asked for.
    What0 : list of 2 floats
        The start Ŵ_0.
    step : str
        The update step: ``"lecture"``, ``"no_grad"`` or ``"sgd"``.
    loss_history : list of float
        The loss *before* each epoch's update (the lecture's ``loss_history``): L_0, L_1, …
    yhat_history : list of lists of float
        ``X @ What`` before each epoch's update (the lecture's ``yhat_history``).
    What_history : list of lists of 2 floats
        ``What`` *after* each epoch's update (the lecture's ``What_history``): Ŵ_1, Ŵ_2, …
    final_loss : float
        The loss at the last Ŵ, after the last update.
    stopped_at : int or None
        The epoch (1-based) in which a loss or Ŵ became inf/nan and the loop stopped.
    """

    alpha: float
    epochs: int
    What0: list
    step: str = "lecture"
    loss_history: list = field(default_factory=list)
    yhat_history: list = field(default_factory=list)
    What_history: list = field(default_factory=list)
    final_loss: float = math.nan
    stopped_at: int = None

    def __iter__(self):
        """Unpack as the lecture's ``loss_history, yhat_history, What_history``."""
        return iter((self.loss_history, self.yhat_history, self.What_history))

    @property
    def epochs_run(self):
        """How many epochs were recorded (``epochs``, unless the run stopped on inf/nan)."""
        return len(self.What_history)

    @property
    def What(self):
        """The last estimate Ŵ, a tensor of shape (2,)."""
        return torch.tensor(self.What_history[-1] if self.What_history else self.What0)

    @property
    def weights(self):
        """The start Ŵ_0 and the estimate Ŵ_k after each update k (``epochs_run + 1`` rows)."""
        return [list(self.What0)] + self.What_history

    @property
    def losses(self):
        """The loss L_k of each Ŵ_k in :attr:`weights`, the last one after the last update."""
        return self.loss_history + [self.final_loss]

    @property
    def rising_at(self):
        """The first k whose loss L_k exceeds the smallest earlier loss (다시 커짐), or None."""
        losses = self.losses
        lowest = losses[0]
        for k, loss in enumerate(losses[1:], start=1):
            if not math.isfinite(loss) or loss > lowest * (1 + RISE_RTOL):
                return k
            lowest = min(lowest, loss)
        return None

    @property
    def diverged_at(self):
        """The first k whose loss L_k exceeds the starting loss or is not finite (발산), or None."""
        losses = self.losses
        for k, loss in enumerate(losses[1:], start=1):
            if not math.isfinite(loss) or loss > losses[0]:
                return k
        return self.epochs_run + 1 if self.stopped_at is not None else None

    @property
    def diverged(self):
        """Whether the run diverged (see :attr:`diverged_at`)."""
        return self.diverged_at is not None

    @property
    def outcome(self):
        """``"발산"``, ``"불안정"`` (the loss is rising again) or ``"줄어듦"``."""
        if self.diverged:
            return DIVERGED
        return UNSTABLE if self.rising_at is not None else DECREASING

    def status(self):
        """One Korean sentence on how the run went, for pages and notebooks."""
        head = f"α = {self.alpha:g}, {self.epochs_run}/{self.epochs} epoch"
        first = self.losses[0]
        if self.stopped_at is not None:
            return (f"{head}: 업데이트 {self.diverged_at}번 뒤 loss가 처음 값({first:.2f})을 넘어 "
                    f"발산했고, epoch {self.stopped_at}에서 값이 inf/nan이 되어 계산을 멈췄습니다.")
        if self.diverged:
            k = self.diverged_at
            return (f"{head}: 업데이트 {k}번 뒤 loss({self.losses[k]:.4g})가 처음 값({first:.2f})을 "
                    "넘었습니다 → 발산.")
        w0, w1 = self.What.tolist()
        if self.rising_at is not None:
            return (f"{head}: 업데이트 {self.rising_at}번 뒤부터 loss가 다시 커지고 있습니다 → 불안정 "
                    f"(아직 처음 값보다는 작지만, 반복할수록 커져 발산합니다). Ŵ = [{w0:.4f}, {w1:.4f}]")
        return (f"{head}: loss가 계속 줄었습니다 ({first:.2f} → {self.final_loss:.2f}). "
                f"Ŵ = [{w0:.4f}, {w1:.4f}]")

    def __repr__(self):
        return f"History({self.status()})"


def lecture_step(What, alpha):
    """The lecture's update: ``What.data = What.data - alpha * What.grad``; ``What.grad = None``."""
    def step():
        What.data = What.data - alpha * What.grad
        What.grad = None
    return step


def no_grad_step(What, alpha):
    """``What -= alpha * What.grad`` under ``torch.no_grad()``, then clear the gradient."""
    def step():
        with torch.no_grad():
            What.sub_(alpha * What.grad)   # What -= alpha * What.grad, in place
        What.grad = None
    return step


def sgd_step(What, alpha):
    """``torch.optim.SGD([What], lr=alpha)``: ``step()`` then ``zero_grad()``."""
    optimizer = torch.optim.SGD([What], lr=alpha)

    def step():
        optimizer.step()
        optimizer.zero_grad()
    return step


STEPS = {"lecture": lecture_step, "no_grad": no_grad_step, "sgd": sgd_step}


def _descend(X, y, What0, alpha, epochs, step_name):
    """The lecture's recording loop with the update ``STEPS[step_name]``; stops on inf/nan."""
    What = What0.clone().requires_grad_(True)
    step = STEPS[step_name](What, alpha)
    history = History(alpha=alpha, epochs=epochs, What0=What0.tolist(), step=step_name)
    for epoch in range(1, epochs + 1):
        yhat = X @ What
        loss = sum_of_squares(y, yhat)
        value = loss.item()
        if math.isfinite(value):
            loss.backward()
            step()
        if not (math.isfinite(value) and torch.isfinite(What).all()):
            history.final_loss, history.stopped_at = value, epoch
            return history
        history.yhat_history.append(yhat.detach().tolist())
        history.loss_history.append(value)
        history.What_history.append(What.detach().tolist())
    history.final_loss = sum_of_squares(y, X @ What.detach()).item()
    return history


def _run(X, y, What, alpha, epochs, warn, step_name):
    """Check the arguments once, run the loop, warn if the run did not simply go down."""
    X, y = check_Xy(X, y)
    What = check_pair("What", What)
    alpha = check_real("alpha", alpha, positive=True)
    epochs = check_int("epochs", epochs, minimum=1)
    history = _descend(X, y, What, alpha, epochs, step_name)
    if warn and history.outcome != DECREASING:
        warnings.warn(history.status(), RuntimeWarning, stacklevel=3)
    return history


def train(X, y, What=START, alpha=ALPHA, epochs=EPOCHS, warn=True):
    """Gradient descent on the SSE, exactly as the lecture's loop computes it.

    Each epoch: ``yhat = X @ What``; ``loss = Σ(y - yhat)²``; ``loss.backward()``;
    ``What.data = What.data - alpha * What.grad``; ``What.grad = None``. A run that
    diverges never raises: :attr:`History.outcome` and :meth:`History.status` say what
    happened, and the loop stops early only when a value becomes inf/nan.

    Parameters
    ----------
    X : Tensor of shape (n, 2)
        Design matrix ``[1, x]``.
    y : Tensor of shape (n,)
        Responses.
    What : sequence of 2 floats, default=(-5.0, 10.0)
        The start Ŵ_0.
    alpha : float, default=0.001
        The learning rate, > 0.
    epochs : int, default=30
        The number of updates, >= 1.
    warn : bool, default=True
        Give one ``RuntimeWarning`` (the status sentence) when the loss rises again or
        diverges.

    Returns
    -------
    history : History
        The lecture's three histories and how the run went.
    """
    return _run(X, y, What, alpha, epochs, warn, "lecture")


def train_no_grad(X, y, What=START, alpha=ALPHA, epochs=EPOCHS, warn=True):
    """:func:`train` with the update written as today's code does, under ``torch.no_grad()``.

    The step ``What -= alpha * What.grad`` rounds exactly as the lecture's does, so the
    history equals :func:`train`'s bit for bit.

    Parameters
    ----------
    X : Tensor of shape (n, 2)
        Design matrix ``[1, x]``.
    y : Tensor of shape (n,)
        Responses.
    What : sequence of 2 floats, default=(-5.0, 10.0)
        The start Ŵ_0.
    alpha : float, default=0.001
        The learning rate, > 0.
    epochs : int, default=30
        The number of updates, >= 1.
    warn : bool, default=True
        Warn once when the loss rises again or diverges.

    Returns
    -------
    history : History
        As :func:`train` returns it.
    """
    return _run(X, y, What, alpha, epochs, warn, "no_grad")


def train_sgd(X, y, What=START, alpha=ALPHA, epochs=EPOCHS, warn=True):
    """:func:`train` with the update left to ``torch.optim.SGD([What], lr=alpha)``.

    SGD's ``add_(grad, alpha=-lr)`` rounds the product and the sum once instead of twice,
    so the history can differ from :func:`train`'s in the last float32 bit; it is the
    same at the printed precision.

    Parameters
    ----------
    X : Tensor of shape (n, 2)
        Design matrix ``[1, x]``.
    y : Tensor of shape (n,)
        Responses.
    What : sequence of 2 floats, default=(-5.0, 10.0)
        The start Ŵ_0.
    alpha : float, default=0.001
        The learning rate, > 0.
    epochs : int, default=30
        The number of updates, >= 1.
    warn : bool, default=True
        Warn once when the loss rises again or diverges.

    Returns
    -------
    history : History
        As :func:`train` returns it.
    """
    return _run(X, y, What, alpha, epochs, warn, "sgd")
