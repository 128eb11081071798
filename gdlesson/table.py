"""Tables that show as HTML in a notebook or page and as aligned text in a terminal:
the What history of a run and the stability of learning rates."""

import html
import math

import torch

from ._checks import check_real
from ._tensor_checks import check_X
from .analysis import _eigenvalues
from .training import CONVERGES, DIVERGED, ON_THE_EDGE


class Table:
    """이미 문자열로 만든 셀들을 머리글, 제목과 함께 행으로 담은 표입니다.

    ``_repr_html_`` 메서드는 진짜 ``<table>`` 요소를 주고(Jupyter, MyST-NB), ``str`` 함수와
    ``repr`` 함수는 열을 맞춘 텍스트를 줍니다.

    Parameters
    ----------
    header : sequence of str
        열 제목들.
    rows : sequence of sequences of str
        셀들. 행마다 시퀀스 하나이고, 셀 수는 ``header`` 길이와 같습니다.
    caption : str, default=""
        표 위에 보이는 제목.
    css_class : str, default="gd-table"
        HTML ``<table>`` 요소의 클래스.
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
    """각 k마다 업데이트 k번 뒤의 Ŵ와 그 Ŵ에서의 loss를 담은, 실행의 What 기록 표를 만듭니다.

    k번째 행에는 ``What_history[k-1]`` 값과 그 값 자신의 loss L_k가 들어갑니다(강의의
    ``loss_history[k]``; 마지막 행은 마지막 업데이트 뒤의 loss). 그래서 각 행은 추정값과
    그 loss를 짝지어 보여 줍니다.

    Parameters
    ----------
    history : History
        :func:`train` 함수로 실행한 결과.
    decimals : int, default=4
        소수점 아래 자릿수(torch가 출력하는 것처럼 4).

    Returns
    -------
    table : Table
        (k, ŵ0, ŵ1, loss)로 된 행 ``epochs_run`` 개.
    """
    d = decimals
    rows = [(str(k), f"{w0:.{d}f}", f"{w1:.{d}f}", f"{loss:.{d}f}")
            for k, ((w0, w1), loss) in enumerate(zip(history.What_history, history.losses[1:]), 1)]
    caption = (f"α = {history.alpha:g}: 업데이트 k번 뒤의 Ŵ (What_history[k-1])와 "
               "그 Ŵ에서의 loss")
    return Table(("k", "ŵ0", "ŵ1", "loss"), rows, caption, css_class="what-history")


def stability_table(X, alphas):
    """α마다 업데이트가 XᵀX의 두 고유벡터 방향으로 오차에 곱하는 배율 ``1 - 2αλ`` 값과,
    업데이트를 되풀이하면 어디로 가는지를 표로 만듭니다.

    두 배율이 모두 -1과 1 사이에 있으면 수렴, 하나라도 그 밖이면 발산입니다(``gdlesson.training``
    모듈의 용어). 배율이 꼭 ±1이면(α = α*) 그 방향의 오차가 크기를 그대로 두므로 경계입니다.
    음수인 배율은 업데이트마다 오차의 부호가 바뀐다는 뜻입니다.

    Parameters
    ----------
    X : Tensor of shape (n, 2)
        설계행렬 ``[1, x]``.
    alphas : sequence of float
        학습률들. 각각 0보다 커야 합니다.

    Returns
    -------
    table : Table
        α마다 한 행: α, 두 배율, 업데이트가 이르는 곳.
    """
    lam = _eigenvalues(check_X(X, dtype=torch.float64))
    lam_min, lam_max = lam.tolist()
    rows = []
    for alpha in alphas:
        alpha = check_real("alphas", alpha, positive=True)
        slow, fast = (1 - 2 * alpha * lam).tolist()
        largest = max(abs(slow), abs(fast))
        verdict = (ON_THE_EDGE if math.isclose(largest, 1, rel_tol=1e-9)
                   else CONVERGES if largest < 1 else DIVERGED)
        rows.append((f"{alpha:.4g}", f"{slow:+.4f}", f"{fast:+.4f}", verdict))
    caption = (f"λ_min = {lam_min:.2f}, λ_max = {lam_max:.2f}, "
               f"α* = 1/λ_max = {1 / lam_max:.6f}")
    return Table(("α", "1 − 2αλ_min", "1 − 2αλ_max", "계속하면"), rows, caption)
