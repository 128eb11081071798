"""Tables that show as HTML in a notebook or page and as aligned text in a terminal:
the What history of a run and the stability of learning rates."""

import html

import torch

from ._checks import check_real, check_X
from .analysis import _eigenvalues
from .training import CONVERGES, DIVERGED


class Table:
    """Rows of already formatted cells with a header and a caption.

    ``_repr_html_`` gives a real ``<table>`` (Jupyter, MyST-NB); ``str`` and ``repr``
    give aligned text columns.

    Parameters
    ----------
    header : sequence of str
        Column titles.
    rows : sequence of sequences of str
        The cells, one sequence per row, as many as ``header``.
    caption : str, default=""
        Shown above the table.
    css_class : str, default="gd-table"
        Class of the HTML ``<table>``.
    """

    def __init__(self, header, rows, caption="", css_class="gd-table"):
        self.header, self.rows = tuple(header), [tuple(r) for r in rows]
        self.caption, self.css_class = caption, css_class

    def __len__(self):
        return len(self.rows)

    def __str__(self):
        cells = [self.header] + self.rows
        widths = [max(len(row[i]) for row in cells) for i in range(len(self.header))]
        return "\n".join("  ".join(c.rjust(w) for c, w in zip(row, widths)) for row in cells)

    __repr__ = __str__

    def _repr_html_(self):
        head = "".join(f"<th>{html.escape(h)}</th>" for h in self.header)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
                       for row in self.rows)
        return (f'<table class="{self.css_class}"><caption>{html.escape(self.caption)}</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def what_table(history, decimals=4):
    """The What history of a run: for each k, Ŵ after k updates and the loss of that Ŵ.

    Row k holds ``What_history[k-1]`` and its own loss L_k (the lecture's
    ``loss_history[k]``; for the last row the loss after the last update), so each row
    pairs an estimate with its loss.

    Parameters
    ----------
    history : History
        A run of :func:`train`.
    decimals : int, default=4
        Digits after the point (4, as torch prints).

    Returns
    -------
    table : Table
        ``epochs_run`` rows of (k, ŵ0, ŵ1, loss).
    """
    d = decimals
    rows = [(str(k), f"{w0:.{d}f}", f"{w1:.{d}f}", f"{loss:.{d}f}")
            for k, ((w0, w1), loss) in enumerate(zip(history.What_history, history.losses[1:]), 1)]
    caption = (f"α = {history.alpha:g}: 업데이트 k번 뒤의 Ŵ (What_history[k-1])와 "
               "그 Ŵ에서의 loss")
    return Table(("k", "ŵ0", "ŵ1", "loss"), rows, caption, css_class="what-history")


def stability_table(X, alphas):
    """For each α, the factors ``1 - 2αλ`` by which an update multiplies the error along
    the two eigenvectors of XᵀX, and where repeated updates lead: 수렴 when both factors lie
    between -1 and 1, else 발산 (the words of ``gdlesson.training``). A negative factor
    means the error flips its sign at every update.

    Parameters
    ----------
    X : Tensor of shape (n, 2)
        Design matrix ``[1, x]``.
    alphas : sequence of float
        Learning rates, each > 0.

    Returns
    -------
    table : Table
        One row per α: α, the two factors, where the updates lead.
    """
    lam = _eigenvalues(check_X(X, dtype=torch.float64))
    lam_min, lam_max = lam.tolist()
    rows = []
    for alpha in alphas:
        alpha = check_real("alphas", alpha, positive=True)
        slow, fast = (1 - 2 * alpha * lam).tolist()
        verdict = CONVERGES if max(abs(slow), abs(fast)) < 1 else DIVERGED
        rows.append((f"{alpha:.4g}", f"{slow:+.4f}", f"{fast:+.4f}", verdict))
    caption = (f"λ_min = {lam_min:.2f}, λ_max = {lam_max:.2f}, "
               f"α* = 1/λ_max = {1 / lam_max:.6f}")
    return Table(("α", "1 − 2αλ_min", "1 − 2αλ_max", "계속하면"), rows, caption)
