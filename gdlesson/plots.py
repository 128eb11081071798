"""Static figures of the lecture: data, fitted lines, fits per epoch and the loss curve.

Every helper takes an optional ``ax`` (a new figure is made when it is None), draws in
the lecture's look — data as blue dots ``'o'``, lines dashed ``'--'`` — with Korean
labels, and returns what it drew. Nothing here calls ``plt.show()``.
"""

import math

import matplotlib.pyplot as plt
import torch

from .fonts import korean_style

FIGSIZE = (6.0, 4.0)


def _axes(ax, figsize=FIGSIZE):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _fitted_values(data, What):
    What = torch.as_tensor(What, dtype=torch.float32).detach()
    return (data.X @ What).tolist()


def plot_data(data, ax=None, true_line=True):
    """Scatter ``(x, y)`` and, optionally, the true line ``y = w0 + w1 x``.

    Returns the list of Line2D artists drawn.
    """
    with korean_style():
        ax = _axes(ax)
        artists = ax.plot(data.x, data.y, "o", label="데이터 (xᵢ, yᵢ)")
        if true_line:
            w0, w1 = data.W.tolist()
            artists += ax.plot(data.x, w0 + w1 * data.x, "--",
                               label=f"참값 y = {w0:g} + {w1:g}x")
        ax.set_xlabel("$x$")
        ax.set_ylabel("$y$")
        ax.legend(loc="upper left")
    return artists


def plot_fit(data, What, ax=None, label=None, data_points=True, **style):
    """Draw the fitted line ``X @ What`` (dashed) over the data.

    Parameters
    ----------
    data : RegressionData
    What : shape (2,), the estimate whose line is drawn
    label : legend text; by default ``Ŵ = (w0, w1)``
    data_points : also draw the data (False when adding a line to an existing plot)

    Returns the list of Line2D artists drawn.
    """
    with korean_style():
        ax = _axes(ax)
        artists = []
        if data_points:
            artists += ax.plot(data.x, data.y, "o", label="데이터")
        w0, w1 = torch.as_tensor(What, dtype=torch.float32).tolist()
        label = label or fr"$\hat{{W}} = ({w0:.4g}, {w1:.4g})$"
        artists += ax.plot(data.x, _fitted_values(data, What), style.pop("ls", "--"),
                           label=label, **style)
        ax.set_xlabel("$x$")
        ax.set_ylabel("$y$")
        ax.legend(loc="upper left")
    return artists


def plot_fits(data, fits, ax=None):
    """Several fitted lines over the data: ``fits`` maps a label to a What.

    Returns the list of Line2D artists drawn.
    """
    with korean_style():
        ax = _axes(ax)
        artists = ax.plot(data.x, data.y, "o", label="데이터")
        for label, What in fits.items():
            artists += plot_fit(data, What, ax=ax, label=label, data_points=False)
    return artists


def plot_epochs(data, history, epochs=(3, 10, 15)):
    """One panel per epoch with the fit ``yhat_history[epoch - 1]`` (before that epoch's update).

    Returns the Figure.
    """
    epochs = list(epochs)
    for epoch in epochs:
        if not 1 <= epoch <= history.epochs_run:
            raise ValueError(f"epochs must lie in 1..{history.epochs_run}, got {epoch}")
    with korean_style():
        fig, axes = plt.subplots(1, len(epochs), figsize=(3.2 * len(epochs), 3.0),
                                 sharey=True, layout="constrained")
        for ax, epoch in zip(list(axes) if len(epochs) > 1 else [axes], epochs):
            ax.plot(data.x, data.y, "o", ms=4)
            ax.plot(data.x, history.yhat_history[epoch - 1], "--", lw=2)
            ax.set_title(f"epoch = {epoch}")
            ax.set_xlabel("$x$")
        fig.axes[0].set_ylabel("$y$")
    return fig


def plot_loss(history, ax=None):
    """The loss before each update against the epoch; a log scale when it spans > 3 decades.

    A diverged run is marked with a red dotted line at ``diverged_at``. Returns the artists.
    """
    with korean_style():
        ax = _axes(ax)
        epochs = range(1, history.epochs_run + 1)
        artists = ax.plot(epochs, history.loss_history, ".-", label=f"α = {history.alpha:g}")
        finite = [v for v in history.loss_history if math.isfinite(v) and v > 0]
        if finite and max(finite) / min(finite) > 1e3:
            ax.set_yscale("log")
        if history.diverged:
            artists.append(ax.axvline(history.diverged_at, color="red", ls=":",
                                      label=f"발산 시작 (epoch {history.diverged_at})"))
        ax.set_xlabel("epoch")
        ax.set_ylabel("loss (SSE)")
        ax.legend()
    return artists
