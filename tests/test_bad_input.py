"""Bad input gets a TypeError or ValueError whose message names the argument as the
caller wrote it and says what was expected."""

import math

import pytest
import torch

import gdlesson

X_GOOD = torch.stack([torch.ones(5), torch.arange(5.0)]).T
Y_GOOD = torch.arange(5.0)


def _train(trainer=gdlesson.train, **kw):
    args = dict(X=X_GOOD, y=Y_GOOD)
    args.update(kw)
    return trainer(**args)


CASES = [
    (lambda: _train(alpha=0), ValueError, r"alpha must be > 0, got 0"),
    (lambda: _train(alpha=-0.1), ValueError, r"alpha must be > 0, got -0.1"),
    (lambda: _train(alpha=math.nan), ValueError, r"alpha must be a finite number, got nan"),
    (lambda: _train(alpha=math.inf), ValueError, r"alpha must be a finite number, got inf"),
    (lambda: _train(alpha="0.001"), TypeError, r"alpha must be a real number, got str"),
    (lambda: _train(alpha=True), TypeError, r"alpha must be a real number, got bool"),
    (lambda: _train(epochs=0), ValueError, r"epochs must be an integer >= 1, got 0"),
    (lambda: _train(epochs=2.5), TypeError, r"epochs must be an integer, got float"),
    (lambda: _train(What=(1.0, 2.0, 3.0)), ValueError, r"What must have 2 entries .* shape \(3,\)"),
    (lambda: _train(What=(1.0, math.nan)), ValueError, r"What must be finite"),
    (lambda: _train(gdlesson.train_sgd, alpha=-1), ValueError, r"alpha must be > 0, got -1"),
    (lambda: _train(gdlesson.train_no_grad, What=[1]), ValueError, r"What must have 2 entries"),
    (lambda: _train(X=torch.ones(5, 3)), ValueError, r"X must have shape \(n, 2\).* \(5, 3\)"),
    (lambda: _train(X=torch.ones(5)), ValueError, r"X must have shape \(n, 2\).* \(5,\)"),
    (lambda: _train(y=torch.ones(4)), ValueError, r"y must have shape \(5,\) to match X, got \(4,\)"),
    (lambda: _train(X=X_GOOD[:1], y=Y_GOOD[:1]), ValueError, r"X must have at least 2 rows, got n=1"),
    (lambda: _train(y=torch.tensor([0, 1, math.nan, 3, 4])), ValueError, r"y contains NaN or inf"),
    (lambda: _train(X=X_GOOD * torch.tensor([1, math.inf])), ValueError, r"X contains NaN or inf"),
    (lambda: _train(X="data"), TypeError, r"X must be a tensor, array or sequence of numbers"),
    (lambda: gdlesson.make_data(n=1), ValueError, r"n must be an integer >= 2, got 1"),
    (lambda: gdlesson.make_data(n=10.0), TypeError, r"n must be an integer, got float"),
    (lambda: gdlesson.make_data(sigma=-0.5), ValueError, r"sigma must be >= 0, got -0.5"),
    (lambda: gdlesson.make_data(W=(1.0, 2.0, 3.0)), ValueError, r"^W must have 2 entries"),
    (lambda: gdlesson.grad_numeric((0, 0), X_GOOD, Y_GOOD, h=0), ValueError, r"h must be > 0, got 0"),
    (lambda: gdlesson.grad_numeric((0, 0), X_GOOD, Y_GOOD, method="backward"), ValueError,
     r"method must be one of \('forward', 'central'\), got 'backward'"),
    (lambda: gdlesson.grad_autograd((0, 0), X_GOOD, Y_GOOD, dtype=torch.int32), ValueError,
     r"dtype must be torch.float32 or torch.float64"),
    (lambda: gdlesson.sse((0, 0), X_GOOD, torch.ones(3)), ValueError, r"y must have shape \(5,\)"),
    (lambda: gdlesson.growth_factors(X_GOOD, 0), ValueError, r"alpha must be > 0"),
    (lambda: gdlesson.final_losses(X_GOOD, Y_GOOD, [0.1, -1]), ValueError, r"alphas must be > 0"),
    (lambda: gdlesson.stability_table(X_GOOD, [0]), ValueError, r"alphas must be > 0"),
    (lambda: gdlesson.loss_surface(torch.ones(3), torch.ones(4)), ValueError,
     r"y must have shape \(3,\) to match x"),
    (lambda: gdlesson.show_lrpr(42, None), TypeError, r"data must be a RegressionData or \(x, y\)"),
    (lambda: gdlesson.as_player("not an animation"), TypeError,
     r"anim must be a matplotlib Animation, got str"),
]


@pytest.mark.parametrize("call, error, message", CASES, ids=[c[2][:40] for c in CASES])
def test_bad_input_message(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_numpy_and_lists_are_accepted():
    h = gdlesson.train(X_GOOD.numpy(), Y_GOOD.tolist(), What=[0, 0], alpha=0.01, epochs=2)
    assert h.epochs_run == 2
