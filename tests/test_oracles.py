"""The library against independent oracles: three gradients, lstsq, eigenvalues, the
closed form of gradient descent."""

import pytest
from numpy.testing import assert_allclose
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
    assert_allclose(formula, numeric, rtol=1e-8, atol=1e-6)
    assert_allclose(auto, formula, rtol=1e-6, atol=1e-3)   # autograd rounds to float32


def test_forward_difference_error_is_order_h(data):
    exact = gdlesson.grad_formula((-5, 10), data.X, data.y, dtype=torch.float64)
    errors = [(gdlesson.grad_numeric((-5, 10), data.X, data.y, h=h, dtype=torch.float64)
               - exact).abs().max().item() for h in (1e-2, 1e-3)]
    assert errors[1] < errors[0] / 5
    central = gdlesson.grad_numeric((-5, 10), data.X, data.y, method="central", dtype=torch.float64)
    assert_allclose(central, exact, rtol=0, atol=1e-6)


def test_loss_surface_is_the_lecture_double_loop(data):
    import numpy as np
    W0, W1, L = gdlesson.loss_surface(data.x, data.y)
    assert L.shape == (34, 34) and W0[0, 0] == -6 and W1[0, -1] == 10.5
    for i, j in [(0, 0), (5, 20), (33, 33)]:
        expected = torch.sum((data.y - W0[i, j] - W1[i, j] * data.x) ** 2).item()
        assert L[i, j] == pytest.approx(expected, rel=1e-5)
    assert np.unravel_index(L.argmin(), L.shape) == (17, 20)   # grid point nearest (2.5, 4)


def test_ols_matches_lstsq(data):
    expected = torch.linalg.lstsq(data.X.double(), data.y.double()[:, None]).solution[:, 0]
    assert_allclose(gdlesson.ols(data.X, data.y), expected, rtol=1e-7, atol=1e-7)
    assert_allclose(gdlesson.ols(data.X, data.y),
                               torch.tensor([2.4459, 4.0043], dtype=torch.float64), rtol=0, atol=5e-5)


def test_long_training_reaches_ols(data):
    h = gdlesson.train(data.X, data.y, alpha=0.001, epochs=2000)
    assert_allclose(h.What.double(), gdlesson.ols(data.X, data.y), rtol=0, atol=1e-3)


def test_loss_at_ols_is_below_loss_at_true_W(data):
    at_ols = gdlesson.sse(gdlesson.ols(data.X, data.y).float(), data.X, data.y).item()
    at_true = gdlesson.sse(data.W, data.X, data.y).item()
    assert at_ols == pytest.approx(26.36, abs=0.005) and at_true == pytest.approx(26.65, abs=0.005)


def test_critical_alpha_is_one_over_largest_eigenvalue(data):
    lam = torch.linalg.eigvalsh(data.X.double().T @ data.X.double())
    assert gdlesson.critical_alpha(data.X) == pytest.approx(1 / lam[-1].item(), rel=1e-12)
    assert_allclose(gdlesson.eigenvalues(data.X),
                               torch.tensor([92.98, 121.39], dtype=torch.float64), rtol=0, atol=5e-3)
    assert gdlesson.critical_alpha(data.X) == pytest.approx(0.008238, abs=5e-7)
    assert gdlesson.best_alpha(data.X) == pytest.approx(0.00466, abs=5e-6)


def test_growth_factors_of_the_lecture_alphas(data):
    expected = {0.001: [0.8140, 0.7572], 0.0083: [-0.5435, -1.0150], 0.0085: [-0.5807, -1.0635],
                0.01: [-0.8596, -1.4277]}
    for alpha, factors in expected.items():
        assert gdlesson.growth_factors(data.X, alpha).tolist() == pytest.approx(factors, abs=5e-5)


def test_just_below_critical_alpha_converges(data):
    a = gdlesson.critical_alpha(data.X)
    below = gdlesson.train(data.X, data.y, alpha=a * 0.98, epochs=1500)
    assert below.outcome == "줄어듦"
    assert_allclose(below.What.double(), gdlesson.ols(data.X, data.y), rtol=0, atol=1e-2)


def test_closed_form_matches_train(data, runs):
    for alpha, atol in [(0.001, 1e-4), (0.0001, 1e-3), (0.0083, 1e-3)]:
        cf = gdlesson.closed_form_path(data.X, data.y, alpha=alpha, epochs=30)
        assert_allclose(cf, torch.tensor(runs[alpha].What_history, dtype=torch.float64),
                                   rtol=1e-4, atol=atol)


def test_alpha_0083_dips_then_climbs(runs):
    h = runs[0.0083]
    low = min(range(30), key=h.loss_history.__getitem__)
    assert low == 6 and h.loss_history[low] == pytest.approx(359, abs=0.5)   # after six updates
    assert h.loss_history[-1] > h.loss_history[low]


def test_final_losses_sweep(data):
    alphas = [0.0001, 0.001, gdlesson.best_alpha(data.X), 0.0083, 0.01]
    losses = gdlesson.final_losses(data.X, data.y, alphas, epochs=30)
    direct = [gdlesson.train(data.X, data.y, alpha=a, warn=False).final_loss for a in alphas]
    assert losses.tolist() == pytest.approx(direct, rel=1e-3)
    assert losses[2] == losses.min()                # the best constant α wins after 30 epochs
    assert losses[4] > 1e6                          # 0.01 has blown up
