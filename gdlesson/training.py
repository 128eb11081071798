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

The tables at the end show runs as HTML in a notebook or page and as aligned text in a
terminal: the What history of one run (:func:`what_table`) and how each learning rate's
run goes (:func:`stability_table`).
"""

import html
import math
import warnings
from dataclasses import dataclass, field

import torch

from ._checks import check_int, check_pair, check_real, check_X, check_Xy
from .data import ALPHA, EPOCHS, START
from .analysis import _eigenvalues
from .loss import sum_of_squares

RISE_RTOL = 1e-4     # a loss counts as rising when it exceeds the smallest earlier one by 0.01 %
DECREASING, UNSTABLE, DIVERGED = "줄어듦", "불안정", "발산"
CONVERGES = "수렴"   # the long run below α* (see stability_table)
ON_THE_EDGE = "경계: 줄지도 커지지도 않음"   # at α* itself: the steep error keeps its size


@dataclass
class History:
    """경사하강법을 한 번 실행하며 기록한 내용을 강의의 순서대로 담은 객체입니다.

    각 매개변수는 같은 이름의 속성으로 남습니다.

    Parameters
    ----------
    alpha : float
        학습률.
    epochs : int
        요청한 epoch 수.
    What0 : list of 2 floats
        출발점 Ŵ_0.
    step : str
        업데이트 방식: ``"lecture"``, ``"no_grad"``, ``"sgd"`` 가운데 하나.
    loss_history : list of float
        각 epoch에서 업데이트하기 *전의* loss(강의의 ``loss_history``): L_0, L_1, …
    yhat_history : list of lists of float
        각 epoch에서 업데이트하기 전의 ``X @ What`` 값(강의의 ``yhat_history``).
    What_history : list of lists of 2 floats
        각 epoch에서 업데이트한 *뒤의* ``What`` 값(강의의 ``What_history``): Ŵ_1, Ŵ_2, …
    final_loss : float
        마지막 업데이트 뒤, 마지막 Ŵ에서의 loss.
    stopped_at : int or None
        loss나 Ŵ가 inf/nan이 되어 반복이 멈춘 epoch(1부터 셉니다).
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
        """기록된 epoch 수입니다(inf/nan으로 멈추지 않았다면 ``epochs`` 값과 같습니다)."""
        return len(self.What_history)

    @property
    def What(self):
        """마지막 추정값 Ŵ이며, 모양이 (2,)인 텐서입니다."""
        return torch.tensor(self.What_history[-1] if self.What_history else self.What0)

    @property
    def weights(self):
        """출발점 Ŵ_0과, 업데이트 k번 뒤의 추정값 Ŵ_k들입니다(``epochs_run + 1`` 행)."""
        return [list(self.What0)] + self.What_history

    @property
    def losses(self):
        """:attr:`weights` 목록의 각 Ŵ_k에서의 loss L_k이며, 마지막 값은 마지막 업데이트 뒤의 loss입니다."""
        return self.loss_history + [self.final_loss]

    @property
    def rising_at(self):
        """loss L_k가 그때까지의 가장 작은 loss보다 0.01 % 넘게(``RISE_RTOL``) 커지는(다시 커짐) 첫 k이며,
        없으면 None입니다."""
        losses = self.losses
        lowest = losses[0]
        for k, loss in enumerate(losses[1:], start=1):
            if not math.isfinite(loss) or loss > lowest * (1 + RISE_RTOL):
                return k
            lowest = min(lowest, loss)
        return None

    @property
    def diverged_at(self):
        """loss L_k가 처음 loss보다 커지거나 유한하지 않게 되는(발산) 첫 k이며, 없으면 None입니다."""
        losses = self.losses
        for k, loss in enumerate(losses[1:], start=1):
            if not math.isfinite(loss) or loss > losses[0]:
                return k
        return self.epochs_run + 1 if self.stopped_at is not None else None

    @property
    def diverged(self):
        """실행이 발산했는지 여부입니다(:attr:`diverged_at` 참고)."""
        return self.diverged_at is not None

    @property
    def outcome(self):
        """실행 결과로, ``"발산"``, ``"불안정"`` (loss가 다시 커지는 중), ``"줄어듦"`` 가운데 하나입니다."""
        if self.diverged:
            return DIVERGED
        return UNSTABLE if self.rising_at is not None else DECREASING

    def status(self):
        """실행이 어떻게 되었는지 말하는 한국어 문장 하나를 돌려줍니다(페이지와 노트북용)."""
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
    """강의의 반복문이 계산하는 그대로, SSE에 경사하강법을 실행합니다.

    각 epoch에서 ``yhat = X @ What``; ``loss = Σ(y - yhat)²``; ``loss.backward()``;
    ``What.data = What.data - alpha * What.grad``; ``What.grad = None`` 순서로 계산합니다.
    발산하는 실행도 예외를 일으키지 않습니다. 무슨 일이 있었는지는 :attr:`History.outcome`
    속성과 :meth:`History.status` 메서드가 알려 주고, 반복은 어떤 값이 inf/nan이 될 때만
    일찍 멈춥니다.

    Parameters
    ----------
    X : Tensor of shape (n, 2)
        설계행렬 ``[1, x]``.
    y : Tensor of shape (n,)
        출력.
    What : sequence of 2 floats, default=(-5.0, 10.0)
        출발점 Ŵ_0.
    alpha : float, default=0.001
        학습률. 0보다 커야 합니다.
    epochs : int, default=30
        업데이트 횟수. 1 이상이어야 합니다.
    warn : bool, default=True
        loss가 다시 커지거나 발산하면 ``RuntimeWarning`` 경고(상태 문장)를 한 번 냅니다.

    Returns
    -------
    history : History
        강의의 세 가지 기록과 실행 결과.
    """
    return _run(X, y, What, alpha, epochs, warn, "lecture")


def train_no_grad(X, y, What=START, alpha=ALPHA, epochs=EPOCHS, warn=True):
    """:func:`train` 함수와 같되, 업데이트를 요즘 코드처럼 ``torch.no_grad()`` 블록 안에서 씁니다.

    ``What -= alpha * What.grad`` 단계는 강의의 업데이트와 똑같이 반올림하므로, 기록이
    :func:`train` 함수의 기록과 비트 하나까지 같습니다.

    Parameters
    ----------
    X : Tensor of shape (n, 2)
        설계행렬 ``[1, x]``.
    y : Tensor of shape (n,)
        출력.
    What : sequence of 2 floats, default=(-5.0, 10.0)
        출발점 Ŵ_0.
    alpha : float, default=0.001
        학습률. 0보다 커야 합니다.
    epochs : int, default=30
        업데이트 횟수. 1 이상이어야 합니다.
    warn : bool, default=True
        loss가 다시 커지거나 발산하면 경고를 한 번 냅니다.

    Returns
    -------
    history : History
        :func:`train` 함수가 돌려주는 것과 같습니다.
    """
    return _run(X, y, What, alpha, epochs, warn, "no_grad")


def train_sgd(X, y, What=START, alpha=ALPHA, epochs=EPOCHS, warn=True):
    """:func:`train` 함수와 같되, 업데이트를 ``torch.optim.SGD([What], lr=alpha)`` 옵티마이저에 맡깁니다.

    SGD의 ``add_(grad, alpha=-lr)`` 연산은 CPU에 따라 곱과 합을 두 번이 아니라 한 번에
    반올림하기도(FMA) 하므로, 기록이 :func:`train` 함수의 기록과 float32의 마지막 비트에서 다를 수
    있습니다. 출력되는 자릿수에서는 같습니다.

    Parameters
    ----------
    X : Tensor of shape (n, 2)
        설계행렬 ``[1, x]``.
    y : Tensor of shape (n,)
        출력.
    What : sequence of 2 floats, default=(-5.0, 10.0)
        출발점 Ŵ_0.
    alpha : float, default=0.001
        학습률. 0보다 커야 합니다.
    epochs : int, default=30
        업데이트 횟수. 1 이상이어야 합니다.
    warn : bool, default=True
        loss가 다시 커지거나 발산하면 경고를 한 번 냅니다.

    Returns
    -------
    history : History
        :func:`train` 함수가 돌려주는 것과 같습니다.
    """
    return _run(X, y, What, alpha, epochs, warn, "sgd")


# --- tables -------------------------------------------------------------------------------

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
