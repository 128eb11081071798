"""The one training loop: three update steps, one record, one way of saying how a run went."""

import math
import warnings

import pytest
from numpy.testing import assert_allclose
import torch

import gdlesson
from gdlesson import training

IDIOMS = [gdlesson.train, gdlesson.train_no_grad, gdlesson.train_sgd]


def _quiet(trainer, data, **kw):
    return trainer(data.X, data.y, warn=False, **kw)


def test_one_loop_for_three_steps(data, monkeypatch):
    calls, loop = [], training._descend
    monkeypatch.setattr(training, "_descend", lambda *args: calls.append(args[-1]) or loop(*args))
    for trainer in IDIOMS:
        trainer(data.X, data.y, epochs=1)
    assert calls == ["lecture", "no_grad", "sgd"] and set(training.STEPS) == set(calls)


@pytest.mark.parametrize("alpha", [0.0001, 0.001, 0.0083, 0.01])
def test_no_grad_step_gives_the_lecture_history_bit_for_bit(data, alpha):
    lecture, idiom = _quiet(gdlesson.train, data, alpha=alpha), \
        _quiet(gdlesson.train_no_grad, data, alpha=alpha)
    assert idiom.What_history == lecture.What_history
    assert idiom.loss_history == lecture.loss_history
    assert idiom.yhat_history == lecture.yhat_history
    assert idiom.step == "no_grad" and lecture.step == "lecture"


@pytest.mark.parametrize("alpha", [0.0001, 0.001])
def test_sgd_step_equals_the_lecture_at_the_printed_precision(data, alpha):
    lecture, sgd = _quiet(gdlesson.train, data, alpha=alpha), _quiet(gdlesson.train_sgd, data, alpha=alpha)
    # SGD's add_(grad, alpha=-lr) rounds once where What - alpha*grad rounds twice
    assert_allclose(torch.tensor(sgd.What_history), torch.tensor(lecture.What_history),
                               rtol=0, atol=1e-6)
    assert str(sgd.What) == str(lecture.What)


def test_sgd_on_an_unstable_alpha_drifts_only_by_rounding(data):
    lecture = _quiet(gdlesson.train, data, alpha=0.0083)
    sgd = _quiet(gdlesson.train_sgd, data, alpha=0.0083)
    gap = (torch.tensor(sgd.What_history) - torch.tensor(lecture.What_history)).abs().max().item()
    assert 0 < gap < 1e-5


@pytest.mark.parametrize("trainer", IDIOMS, ids=lambda t: t.__name__)
@pytest.mark.parametrize("alpha, rising, diverged", [(0.01, 4, 5), (0.02, 1, 1)])
def test_every_step_reports_divergence_alike(data, trainer, alpha, rising, diverged):
    with pytest.warns(RuntimeWarning, match=rf"α = {alpha:g}.*발산") as record:
        h = trainer(data.X, data.y, alpha=alpha, epochs=30)
    assert len(record) == 1                               # warned once, not once per epoch
    assert (h.outcome, h.rising_at, h.diverged_at) == ("발산", rising, diverged)
    assert h.diverged and "발산" in h.status()


@pytest.mark.parametrize("trainer", IDIOMS, ids=lambda t: t.__name__)
def test_every_step_stops_on_overflow_and_keeps_only_finite_values(data, trainer):
    h = trainer(data.X, data.y, alpha=0.02, epochs=200, warn=False)
    assert h.stopped_at is not None and h.stopped_at < 200
    assert h.epochs_run == h.stopped_at - 1
    values = h.loss_history + [v for w in h.What_history for v in w]
    assert all(math.isfinite(v) for v in values)
    assert h.diverged_at == 1 and f"epoch {h.stopped_at}" in h.status()


def test_exploded_run_warned_once(exploded):
    history, caught = exploded
    assert [str(w.message) for w in caught] == [history.status()]
    assert caught[0].category is RuntimeWarning


@pytest.mark.parametrize("alpha, outcome, rising, diverged", [
    (0.0001, "줄어듦", None, None), (0.001, "줄어듦", None, None),
    (0.0083, "불안정", 7, None),         # bottoms out after six updates, then rises
    (0.0085, "발산", 6, 28), (0.01, "발산", 4, 5),
])
def test_outcome_of_the_lecture_rates(runs, alpha, outcome, rising, diverged):
    h = runs[alpha]
    assert (h.outcome, h.rising_at, h.diverged_at) == (outcome, rising, diverged)
    assert h.epochs_run == 30 and h.stopped_at is None


def test_status_sentences(runs):
    assert runs[0.001].status() == ("α = 0.001, 30/30 epoch: loss가 계속 줄었습니다 "
                                    "(8587.69 → 26.40). Ŵ = [2.4290, 4.0144]")
    unstable = runs[0.0083].status()
    assert "업데이트 7번 뒤부터 loss가 다시 커지고 있습니다 → 불안정" in unstable
    assert "반복할수록 커져 발산합니다" in unstable
    assert "업데이트 28번 뒤 loss(8639)가 처음 값(8587.69)을 넘었습니다 → 발산." in runs[0.0085].status()


def test_unstable_run_warns_with_its_status(data):
    with pytest.warns(RuntimeWarning) as record:
        h = gdlesson.train(data.X, data.y, alpha=0.0083)
    assert str(record[0].message) == h.status()


def test_stable_run_gives_no_warning(data):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        gdlesson.train(data.X, data.y, alpha=gdlesson.critical_alpha(data.X) * 0.99, epochs=1500)


def test_rounding_near_the_minimum_is_not_rising(data):
    # at convergence float32 losses wobble by ~1e-7 relative; RISE_RTOL is far above that
    for alpha in (0.001, gdlesson.best_alpha(data.X)):
        h = gdlesson.train(data.X, data.y, alpha=alpha, epochs=1500)
        wobble = max((b - a) / a for a, b in zip(h.losses, h.losses[1:]))
        assert 0 < wobble < training.RISE_RTOL / 100 and h.rising_at is None


def test_just_above_the_threshold_rises_then_diverges(data):
    h = gdlesson.train(data.X, data.y, alpha=gdlesson.critical_alpha(data.X) * 1.001, epochs=1000,
                       warn=False)
    assert h.outcome == "발산" and 0 < h.rising_at < h.diverged_at


def test_0083_diverges_when_run_longer(data):
    h = gdlesson.train(data.X, data.y, alpha=0.0083, epochs=400, warn=False)
    assert h.outcome == "발산" and h.diverged_at > 30


def test_weights_and_losses_pair_each_estimate_with_its_loss(data, history):
    assert len(history.weights) == len(history.losses) == 31
    assert history.weights[0] == list(gdlesson.START) and history.weights[1:] == history.What_history
    for What, loss in zip(history.weights[::10], history.losses[::10]):
        assert loss == pytest.approx(gdlesson.sse(What, data.X, data.y).item(), rel=1e-6)
    assert history.losses[:30] == history.loss_history


def test_history_repr_is_its_status(history):
    assert repr(history) == f"History({history.status()})"
