"""The What-history as a table: HTML in a notebook or page, aligned text in a terminal."""

import html


class WhatHistoryTable:
    """Rows ``(epoch, ŵ0, ŵ1, loss)`` of a run: What after each update, loss before it.

    ``_repr_html_`` gives a real ``<table>`` (Jupyter, MyST-NB); ``str``/``repr`` give
    aligned text. Values are shown with ``decimals`` digits (4, as torch prints).
    """

    header = ("epoch", "ŵ0", "ŵ1", "loss")

    def __init__(self, history, decimals=4):
        self.history = history
        self.decimals = decimals

    def rows(self):
        """List of ``(epoch, w0, w1, loss)`` tuples, epoch starting at 1."""
        h = self.history
        return [(k + 1, w[0], w[1], loss)
                for k, (w, loss) in enumerate(zip(h.What_history, h.loss_history))]

    def _cells(self):
        d = self.decimals
        return [(str(k), f"{w0:.{d}f}", f"{w1:.{d}f}", f"{loss:.{d}f}")
                for k, w0, w1, loss in self.rows()]

    def __len__(self):
        return len(self.history.What_history)

    def __str__(self):
        cells = [self.header] + self._cells()
        widths = [max(len(row[i]) for row in cells) for i in range(len(self.header))]
        return "\n".join("  ".join(c.rjust(w) for c, w in zip(row, widths)) for row in cells)

    __repr__ = __str__

    def _repr_html_(self):
        head = "".join(f"<th>{html.escape(h)}</th>" for h in self.header)
        body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>"
                       for row in self._cells())
        caption = (f"α = {self.history.alpha:g}: 각 epoch의 업데이트 후 Ŵ와 "
                   "업데이트 전 loss")
        return (f'<table class="what-history"><caption>{html.escape(caption)}</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def what_table(history, decimals=4):
    """Return a :class:`WhatHistoryTable` of ``history``."""
    return WhatHistoryTable(history, decimals=decimals)
