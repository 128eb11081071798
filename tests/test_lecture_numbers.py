"""Every number the lecture prints, computed by the library and compared as printed."""

import torch
from numpy.testing import assert_allclose

import gdlesson
from lecture_values import (AFTER_30, AFTER_ONE_STEP, GRAD_AUTOGRAD, GRAD_FORMULA,
                            GRAD_NUMERIC, LOSS_AT_START, STEP, WHAT_HISTORY)

START = gdlesson.START


def test_data_matches_global_seed_and_leaves_it_alone():
    torch.manual_seed(0)
    before = torch.get_rng_state()
    data = gdlesson.make_data()
    assert torch.equal(torch.get_rng_state(), before)
    torch.manual_seed(43052)
    x, _ = torch.randn(100).sort()
    X = torch.stack([torch.ones(100), x]).T
    y = X @ torch.tensor([2.5, 4]) + torch.randn(100) * 0.5
    assert torch.equal(data.x, x) and torch.equal(data.X, X) and torch.equal(data.y, y)
    assert data.X.shape == (100, 2) and data.y.shape == (100,) and data.W.tolist() == [2.5, 4.0]
    assert bool((data.x[1:] >= data.x[:-1]).all())


def test_loss_at_start(data):
    assert str(gdlesson.sse(START, data.X, data.y)) == LOSS_AT_START
    What = torch.tensor(START, requires_grad=True)
    assert str(gdlesson.sse(What, data.X, data.y)) == "tensor(8587.6875, grad_fn=<SumBackward0>)"


def test_three_gradients_print_as_the_lecture(data):
    assert str(gdlesson.grad_autograd(START, data.X, data.y)) == GRAD_AUTOGRAD
    assert str(gdlesson.grad_formula(START, data.X, data.y)) == GRAD_FORMULA
    assert str(gdlesson.grad_numeric(START, data.X, data.y, h=0.001)) == GRAD_NUMERIC


def test_one_update_at_alpha_0001(data):
    alpha = 0.001
    What = torch.tensor(START)
    grad = gdlesson.grad_autograd(What, data.X, data.y)
    assert str(-alpha * grad) == STEP
    assert str(What - alpha * grad) == AFTER_ONE_STEP
    assert str(gdlesson.train(data.X, data.y, alpha=alpha, epochs=1).What) == AFTER_ONE_STEP


def test_thirty_epochs(history):
    assert str(history.What) == AFTER_30
    assert history.epochs_run == 30 and history.outcome == "줄어듦"


def test_all_30_What_history_rows(history):
    assert len(history.What_history) == 30
    for ours, lecture in zip(history.What_history, WHAT_HISTORY):
        assert [f"{v:.4f}" for v in ours] == [f"{v:.4f}" for v in lecture]
    # float32 sums differ in the last bit between BLAS builds: a few ulps at most
    assert_allclose(torch.tensor(history.What_history), torch.tensor(WHAT_HISTORY),
                               rtol=0, atol=1e-6)


def test_histories_follow_the_lecture_recording_order(data, history):
    assert len(history.loss_history) == len(history.yhat_history) == 30
    assert history.loss_history[0] == 8587.6875          # loss before the first update
    assert len(history.yhat_history[0]) == 100
    yhat3 = (data.X @ torch.tensor(history.What_history[1])).tolist()
    assert history.yhat_history[2] == yhat3              # epoch 3 draws Ŵ after update 2
    assert all(b < a for a, b in zip(history.losses, history.losses[1:]))


def test_history_unpacks_like_the_lecture(history):
    loss_history, yhat_history, What_history = history
    assert What_history is history.What_history and loss_history is history.loss_history
