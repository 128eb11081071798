"""Tables that render as HTML in a notebook or page and as aligned text in a terminal."""

import html

from .analysis import critical_alpha, eigenvalues, growth_factors


class Table:
    """Rows of already formatted cells with a header and a caption.

    ``_repr_html_`` gives a real ``<table>`` (Jupyter, MyST-NB); ``str``/``repr`` give
    aligned text columns.
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
    """The What-history of a run: ``(epoch, ŵ0, ŵ1, loss)`` per epoch.

    Ŵ is the value *after* the epoch's update, loss the value *before* it (the lecture's
    recording order); values are shown with ``decimals`` digits (4, as torch prints).
    """
    d = decimals
    rows = [(str(k), f"{w0:.{d}f}", f"{w1:.{d}f}", f"{loss:.{d}f}")
            for k, ((w0, w1), loss) in enumerate(zip(history.What_history, history.loss_history), 1)]
    caption = f"α = {history.alpha:g}: 각 epoch의 업데이트 후 Ŵ와 업데이트 전 loss"
    return Table(("epoch", "ŵ0", "ŵ1", "loss"), rows, caption, css_class="what-history")


def stability_table(X, alphas):
    """For each α: the factors ``|1 - 2αλ|`` by which GD scales the error along the two
    eigenvectors of XᵀX each step, and whether it converges (both factors < 1)."""
    lam_min, lam_max = eigenvalues(X).tolist()
    rows = []
    for alpha in alphas:
        slow, fast = growth_factors(X, alpha).tolist()
        verdict = "수렴" if max(slow, fast) < 1 else "발산"
        rows.append((f"{alpha:g}", f"{slow:.4f}", f"{fast:.4f}", verdict))
    caption = (f"λ_min = {lam_min:.2f}, λ_max = {lam_max:.2f}, "
               f"α* = 1/λ_max = {critical_alpha(X):.6f}")
    return Table(("α", f"|1 − 2αλ_min| (λ={lam_min:.2f})", f"|1 − 2αλ_max| (λ={lam_max:.2f})",
                  "판정"), rows, caption)
