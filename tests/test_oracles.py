"""The library against independent oracles: three gradients, lstsq, eigenvalues."""

import pytest
import torch

import gdlesson


@pytest.mark.parametrize("seed", range(5))
def test_three_gradients_agree_in_float64(data, seed):
    g = torch.Generator().manual_seed(seed)
    What = torch.rand(2, generator=g, dtype=torch.float64) * 20 - 6
    auto = gdlesson.grad_autograd(What, data.X, data.y).double()
    formula = gdlesson.grad_formula(What, data.X, data.y, dtype=torch.float64)
    numeric = gdlesson.grad_numeric(What, data.X, data.y, h=1e-3, method="central",
                                    dtype=torch.float64)
    torch.testing.assert_close(formula, numeric, rtol=1e-8, atol=1e-6)
    torch.testing.assert_close(auto, formula, rtol=1e-6, atol=1e-3)  # autograd rounds once to float32


def test_forward_difference_error_is_order_h(data):
    exact = gdlesson.grad_formula((-5, 10), data.X, data.y, dtype=torch.float64)
    errors = [(gdlesson.grad_numeric((-5, 10), data.X, data.y, h=h, dtype=torch.float64)
               - exact).abs().max().item() for h in (1e-2, 1e-3)]
    assert errors[1] < errors[0] / 5          # forward differences: error shrinks like h
    central = gdlesson.grad_numeric((-5, 10), data.X, data.y, method="central", dtype=torch.float64)
    assert (central - exact).abs().max().item() < 1e-6


def test_ols_matches_lstsq(data):
    expected = torch.linalg.lstsq(data.X.double(), data.y.double()[:, None]).solution[:, 0]
    torch.testing.assert_close(gdlesson.ols(data.X, data.y), expected)
    assert [round(v, 4) for v in gdlesson.ols(data.X, data.y).tolist()] == [2.4459, 4.0043]


def test_long_training_reaches_ols(data):
    h = gdlesson.train(data.X, data.y, alpha=0.001, epochs=2000)
    torch.testing.assert_close(h.What.double(), gdlesson.ols(data.X, data.y), rtol=0, atol=1e-3)


def test_loss_at_ols_is_below_loss_at_true_W(data):
    at_ols = gdlesson.sse(gdlesson.ols(data.X, data.y).float(), data.X, data.y).item()
    at_true = gdlesson.sse(data.W, data.X, data.y).item()
    assert at_ols < at_true
    assert round(at_ols, 2) == 26.36 and round(at_true, 2) == 26.65


def test_critical_alpha_is_one_over_largest_eigenvalue(data):
    lam = torch.linalg.eigvalsh(data.X.double().T @ data.X.double())
    assert gdlesson.critical_alpha(data.X) == pytest.approx(1 / lam[-1].item(), rel=1e-12)
    assert [round(v, 2) for v in gdlesson.eigenvalues(data.X).tolist()] == [92.98, 121.39]
    assert round(gdlesson.critical_alpha(data.X), 6) == 0.008238
    assert round(gdlesson.best_alpha(data.X), 5) == 0.00466


def test_growth_factors_of_the_lecture_alphas(data):
    top = {a: gdlesson.growth_factors(data.X, a)[-1].item() for a in (0.0083, 0.0085, 0.01)}
    assert round(top[0.0083], 3) == 1.015
    assert round(top[0.0085], 3) == 1.064
    assert round(top[0.01], 2) == 1.43
    assert gdlesson.growth_factors(data.X, 0.001).max().item() < 1


def test_just_below_critical_alpha_converges_just_above_diverges(data):
    a = gdlesson.critical_alpha(data.X)
    below = gdlesson.train(data.X, data.y, alpha=a * 0.98, epochs=1500, warn=False)
    above = gdlesson.train(data.X, data.y, alpha=a * 1.02, epochs=1500, warn=False)
    assert not below.diverged
    torch.testing.assert_close(below.What.double(), gdlesson.ols(data.X, data.y), rtol=0, atol=1e-2)
    assert above.diverged and above.diverged_at is not None


def test_closed_form_matches_train(data, history):
    path = gdlesson.closed_form_path(data.X, data.y, alpha=0.001, epochs=30)
    torch.testing.assert_close(path, torch.tensor(history.What_history, dtype=torch.float64),
                               rtol=0, atol=1e-4)
    for alpha in (0.0001, 0.0083):
        h = gdlesson.train(data.X, data.y, alpha=alpha, epochs=30)
        cf = gdlesson.closed_form_path(data.X, data.y, alpha=alpha, epochs=30)
        torch.testing.assert_close(cf, torch.tensor(h.What_history, dtype=torch.float64),
                                   rtol=1e-4, atol=1e-3)


def test_alpha_0083_dips_then_climbs(data):
    h = gdlesson.train(data.X, data.y, alpha=0.0083, epochs=30)
    low = min(range(30), key=h.loss_history.__getitem__)
    assert low == 6 and round(h.loss_history[low]) == 359   # after six updates
    assert h.loss_history[-1] > h.loss_history[low]


@pytest.mark.parametrize("alpha", [0.0001, 0.001, 0.0083, 0.01])
def test_no_grad_idiom_gives_the_lecture_history(data, alpha):
    lecture = gdlesson.train(data.X, data.y, alpha=alpha, warn=False)
    idiom = gdlesson.train_no_grad(data.X, data.y, alpha=alpha)
    assert idiom.What_history == lecture.What_history          # bit for bit
    assert idiom.loss_history == lecture.loss_history
    assert idiom.yhat_history == lecture.yhat_history


@pytest.mark.parametrize("alpha", [0.0001, 0.001])
def test_sgd_idiom_gives_the_lecture_history(data, alpha):
    lecture = gdlesson.train(data.X, data.y, alpha=alpha)
    sgd = gdlesson.train_sgd(data.X, data.y, alpha=alpha)
    # SGD's add_(grad, alpha=-lr) rounds once where the lecture's What - alpha*grad rounds
    # twice: at most one float32 step apart, identical as printed
    for ours, theirs in zip(sgd.What_history, lecture.What_history):
        assert [f"{v:.4f}" for v in ours] == [f"{v:.4f}" for v in theirs]
        assert max(abs(a - b) for a, b in zip(ours, theirs)) < 1e-6
    assert str(sgd.What) == str(lecture.What)


def test_sgd_idiom_on_an_unstable_alpha_drifts_only_by_rounding(data):
    # at 0.0083 the one-step rounding difference grows ×1.015 per epoch, as any error does
    lecture = gdlesson.train(data.X, data.y, alpha=0.0083)
    sgd = gdlesson.train_sgd(data.X, data.y, alpha=0.0083)
    gaps = [max(abs(a - b) for a, b in zip(o, t)) for o, t in zip(sgd.What_history, lecture.What_history)]
    assert 0 < max(gaps) < 1e-5


def test_final_losses_sweep(data):
    alphas = [0.0001, 0.001, gdlesson.best_alpha(data.X), 0.0083, 0.01]
    losses = gdlesson.final_losses(data.X, data.y, alphas, epochs=30)
    direct = [gdlesson.sse(gdlesson.train(data.X, data.y, alpha=a, warn=False).What, data.X,
                           data.y).item() for a in alphas]
    assert losses.tolist() == pytest.approx(direct, rel=1e-3)
    assert losses[2] == losses.min()                # the best constant α wins after 30 epochs
    assert losses[4] > 1e6                          # 0.01 has blown up


def test_0085_diverges_at_epoch_29(data):
    h = gdlesson.train(data.X, data.y, alpha=0.0085, epochs=30, warn=False)
    assert h.diverged_at == 29 and h.stopped_at is None


def test_0083_diverges_when_run_longer(data):
    h = gdlesson.train(data.X, data.y, alpha=0.0083, epochs=400, warn=False)
    assert h.diverged and h.diverged_at > 30
