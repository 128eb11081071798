"""What the pages say about their outputs and figures, checked against the computation.

One class per page. Each test names the sentence (or caption) it stands behind; the
numbers in those sentences are glued from the page's own run, and these tests keep the
words around them true: who is larger, which way a line is wrong, which direction
zigzags, when a loss turns, what a caption contains. If the computation changes
underneath a sentence, its test fails.
"""

import colorsys
import math
import re
from fractions import Fraction
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch

import gdlesson as gd
from gdlesson.training import DIVERGED, UNSTABLE
from lecture_values import WHAT_HISTORY
from page_sources import lecture_cell

LECTURE_ALPHAS = (0.0001, 0.001, 0.0083, 0.0085, 0.01)
BOOK = Path(__file__).resolve().parent.parent / "book"


def _np(t):
    return np.asarray(t, dtype=float)


@pytest.fixture(scope="module")
def ols(data):
    return gd.ols(data.X, data.y).numpy()


@pytest.fixture(scope="module")
def floor(data, ols):
    return gd.sse(torch.tensor(ols, dtype=torch.float64), data.X.double(), data.y.double()).item()


@pytest.fixture(scope="module")
def eigen(data):
    """(λ_min, λ_max, v_min, v_max) of XᵀX in float64."""
    X = data.X.double()
    values, vectors = torch.linalg.eigh(X.T @ X)
    return values[0].item(), values[1].item(), vectors[:, 0].numpy(), vectors[:, 1].numpy()


@pytest.fixture(scope="module")
def stage3(data):
    """Page 03's training loop as the page sets it (its alpha and its range)."""
    alpha, epochs = lecture_cell("03_training", "## 30번 반복합니다!!")
    return gd.train(data.X, data.y, alpha=alpha, epochs=epochs, warn=False)


@pytest.fixture(scope="module")
def record(data):
    """Page 03's recording loop as the page sets it: the run of its tables and figures."""
    alpha, epochs = lecture_cell("03_training", "What_history = [] # 기록하고 싶은것 3")
    return gd.train(data.X, data.y, alpha=alpha, epochs=epochs, warn=False)


def _errors(history, ols, vector):
    """The error Ŵ_k − Ŵ_ols of a run along one eigenvector, for k = 0 … epochs."""
    return (_np(history.weights) - ols) @ vector


class TestPage01ModelAndData:
    def test_the_points_rise_along_one_line(self, data):
        """fig-points: "x가 커질수록 y도 커지며 점들이 거의 한 직선을 따라 놓여 있습니다"."""
        assert np.corrcoef(data.x.numpy(), data.y.numpy())[0, 1] > 0.98

    def test_the_trial_line_is_too_steep_and_too_low(self, ols):
        """fig-trial: "너무 가파르고 절편도 작습니다" (ŷ = −5 + 10x against the data's best line)."""
        assert 10 > 2 * ols[1] and -5 < ols[0] - 5

    def test_the_matrix_product_draws_the_same_line(self, data):
        """fig-trial-matrix: X@What is "바로 위의 −5 + 10x와 같은 선"; shapes (100, 2) and (2,)."""
        What = torch.tensor([-5.0, 10.0])
        assert tuple(data.X.shape) == (100, 2) and tuple((data.X @ What).shape) == (100,)
        assert torch.allclose(data.X @ What, -5 + 10 * data.x)

    def test_the_helper_draws_the_truth_as_a_red_dotted_line(self, data):
        """"참값 직선 … 도우미 그림에서는 늘 빨간 점선"."""
        ax = gd.plot_data(data)
        truth = [line for line in ax.get_lines() if line.get_linestyle() == ":"]
        assert truth and matplotlib.colors.same_color(truth[0].get_color(), "red")
        plt.close(ax.figure)


    def test_make_data_leaves_the_global_seed_alone(self, data):
        """"자기만의 난수 생성기로 실행해서, 전역 시드를 건드리지 않고도 똑같은 숫자를 만듭니다"."""
        torch.manual_seed(0)
        state = torch.get_rng_state()
        again = gd.make_data()
        assert torch.equal(torch.get_rng_state(), state)
        assert torch.equal(again.X, data.X) and torch.equal(again.y, data.y)
        torch.manual_seed(43052)
        ones = torch.ones(100)
        x, _ = torch.randn(100).sort()
        X = torch.stack([ones, x]).T
        y = X @ torch.tensor([2.5, 4]) + torch.randn(100) * 0.5
        assert torch.equal(X, data.X) and torch.equal(y, data.y)


class TestPage02LossAndGradient:
    def test_a_line_closer_to_the_data_has_a_smaller_loss(self, data, ols):
        """"그어 본 직선이 적당할수록 loss가 작습니다"; the first line is "훨씬 가파릅니다"."""
        trial = gd.sse((-5.0, 10.0), data.X, data.y).item()
        better = gd.sse((-3.6577, 8.8111), data.X, data.y).item()
        best = gd.sse(torch.tensor(ols, dtype=torch.float32), data.X, data.y).item()
        assert trial > better > best and 10 > 2 * ols[1]

    def test_the_gradient_says_which_way_the_loss_falls(self, data):
        """"w0를 늘리면 loss가 줄고, w1을 늘리면 loss가 커진다"."""
        g = gd.grad_autograd((-5.0, 10.0), data.X, data.y)
        assert g[0] < 0 < g[1]
        h = 0.01
        assert gd.sse((-5 + h, 10.0), data.X, data.y) < gd.sse((-5.0, 10.0), data.X, data.y)
        assert gd.sse((-5.0, 10 + h), data.X, data.y) > gd.sse((-5.0, 10.0), data.X, data.y)

    def test_grad_autograd_rounds_a_float64_gradient_once(self, data):
        """"float64로 계산한 뒤 마지막에 한 번만 float32로 바꿉니다"."""
        exact = gd.grad_formula((-5.0, 10.0), data.X, data.y, dtype=torch.float64)
        assert torch.equal(gd.grad_autograd((-5.0, 10.0), data.X, data.y), exact.float())

    def test_finite_differences_are_close_but_not_equal(self, data):
        """"약간의 오차가 있지만 거의 비슷합니다"; central differences in float64 are "거의 똑같아집니다"."""
        auto = gd.grad_autograd((-5.0, 10.0), data.X, data.y)
        forward = gd.grad_numeric((-5.0, 10.0), data.X, data.y, h=0.001)
        error = (forward - auto).abs()
        assert (error > 0).all() and (error / auto.abs() < 0.002).all()
        exact = gd.grad_formula((-5.0, 10.0), data.X, data.y, dtype=torch.float64)
        central = gd.grad_numeric((-5.0, 10.0), data.X, data.y, h=0.001, method="central",
                                  dtype=torch.float64)
        assert (central - exact).abs().max() < 1e-6

    def test_one_update_gives_a_flatter_line_closer_to_the_data(self, data):
        """fig-before-after: the line after is "덜 가파르고 데이터에 가까워졌습니다"."""
        after = [-3.6577, 8.8111]
        assert after[1] < 10 and gd.sse(after, data.X, data.y) < gd.sse((-5.0, 10.0), data.X, data.y)


class TestPage03Training:
    """The runs are page 03's own loops, read from the page: a teacher's edit of their α or
    epochs is checked against every sentence here."""

    def test_the_loop_ends_near_the_truth_and_follows_the_data(self, stage3, floor):
        """"…번 반복한 결과 Ŵ는 참값 (2.5, 4)와 꽤 비슷해졌습니다"; figure 3.1: "데이터의 추세를 잘
        따라갑니다" (its loss is within 1 % of the least squares floor)."""
        assert np.abs(_np(stage3.What) - [2.5, 4.0]).max() < 0.1
        assert stage3.final_loss < 1.01 * floor

    @pytest.mark.parametrize("epoch, steeper, lower, close", [(3, True, True, False),
                                                              (10, True, True, False),
                                                              (15, True, True, True)])
    def test_the_lines_of_epochs_3_10_15(self, record, ols, floor, epoch, steeper, lower, close):
        """Captions: epoch 3 "훨씬 가파르고 절편도 작습니다", epoch 10 "조금 가파르고 절편이 작습니다",
        epoch 15 "데이터의 추세와 거의 겹칩니다"."""
        w0, w1 = record.weights[epoch - 1]          # yhat_history[epoch - 1]'s Ŵ
        assert (w1 > ols[1]) == steeper and (w0 < ols[0]) == lower
        loss = record.losses[epoch - 1]
        if epoch == 3:
            assert w1 > 1.5 * ols[1]
        assert (loss < 2 * floor) == close

    def test_What_moves_one_way_in_shrinking_steps(self, record):
        """"ŵ0는 한 번도 내려가지 않고 올라오고, ŵ1은 한 번도 올라가지 않고 내려옵니다. 한 번에 움직이는
        거리는 처음에 가장 크고 매번 줄어듭니다"."""
        W = _np(record.weights)
        assert (np.diff(W[:, 0]) > 0).all() and (np.diff(W[:, 1]) < 0).all()
        steps = np.linalg.norm(np.diff(W, axis=0), axis=1)
        assert (np.diff(steps) < 0).all()

    def test_the_loss_falls_at_every_update(self, record):
        """"loss는 8587.6875에서 시작해 한 번도 커지지 않고 매번 줄어듭니다" (and the loss figure's caption)."""
        losses = _np(record.losses)
        assert losses[0] == 8587.6875 and (np.diff(losses) < 0).all()
        drops = -np.diff(losses)
        assert drops[:3].sum() > 0.5 * (losses[0] - losses[-1])       # "처음 몇 번에 크게"

    def test_a_run_warns_once_when_its_loss_rises_or_diverges(self, data):
        """"다 돈 뒤에 loss가 다시 커졌거나 발산했으면 경고를 한 번 냅니다"."""
        import warnings
        for alpha, warns in [(0.001, False), (0.0083, True), (0.01, True)]:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                gd.train(data.X, data.y, alpha=alpha)
            assert len(caught) == (1 if warns else 0), alpha


class TestPage04Animation:
    def test_the_lecture_grid(self):
        """"−6부터 … 0.5 간격": the glued size and last value come from this grid."""
        grid = np.arange(-6, 11, 0.5)
        assert len(grid) == 34 and grid[-1] == 10.5 and len(grid) ** 2 == 1156

    def test_the_grey_point_floats_above_the_surface(self, history):
        """The lecture's point at Ŵ_{k+1} is drawn at the loss before the update: above the
        surface, by less and less ("업데이트가 진행될수록 두 loss의 차이가 줄어서")."""
        gaps = _np(history.loss_history) - _np(history.losses[1:])
        assert (gaps > 0).all() and (np.diff(gaps) < 0).all() and gaps[0] > 1000

    def test_gd_show_lrpr_points_lie_on_the_surface_and_captions_say_so(self, lesson_player, history):
        """"회색 점을 … 그 Ŵ의 loss 높이로 찍습니다"; "장면마다 α, 업데이트 횟수 k, … Ŵ와 loss를 … 적고"."""
        for k in (0, 15, 29):
            w0, w1 = history.weights[k]
            assert lesson_player.labels[k] == (f"α = 0.001 · 업데이트 {k}번 뒤: Ŵ = ({w0:.3g}, {w1:.3g}), "
                                               f"loss = {history.losses[k]:.4g}")

    def test_gd_show_lrpr_keeps_the_same_axes_for_every_alpha(self, data):
        """"축의 범위가 학습률과 상관없이 늘 같습니다" (so page 05's animations compare by eye)."""
        limits, sizes = set(), set()
        for alpha in (0.0001, 0.01):
            anim = gd.show_lrpr(data, gd.train(data.X, data.y, alpha=alpha, epochs=2, warn=False))
            ax1, ax2 = anim.figure.axes
            limits.add((ax1.get_xlim(), ax1.get_ylim(), ax2.get_xlim3d(), ax2.get_ylim3d(),
                        ax2.get_zlim3d()))
            sizes.add(tuple(line.get_markersize() for ax in (ax1, ax2) for line in ax.get_lines()))
            assert anim.player.color == gd.alpha_color(alpha)
        assert len(limits) == 1 and len(sizes) == 1

    def test_the_red_star_is_not_the_minimum(self, data, ols):
        """Tip: "붉은 별은 … 참값 (2.5, 4)이고 … loss가 가장 작은 점은 최소제곱해입니다"."""
        assert not np.allclose(ols, [2.5, 4.0], atol=1e-3)
        assert gd.sse(torch.tensor(ols), data.X.double(), data.y.double()) < \
            gd.sse((2.5, 4.0), data.X.double(), data.y.double())


class TestPage05LearningRate:
    def test_0_0001_stops_halfway_down_the_slope(self, data, runs, floor, ols):
        """Caption "마지막 장면에서도 회색 점이 곡면의 비탈 중간에 머뭅니다" and "30번 업데이트한 뒤에도
        loss는 … 2776.23까지밖에 줄지 않습니다(애니메이션의 마지막 장면은 업데이트 29번 뒤입니다)"."""
        slow = runs[0.0001]
        assert slow.outcome == "줄어듦" and slow.final_loss > 50 * floor
        assert np.linalg.norm(_np(slow.What) - ols) > 1
        labels = gd.show_lrpr(data, slow).player.labels
        assert labels[-1].startswith("α = 0.0001 · 업데이트 29번 뒤: ")
        assert f"{slow.final_loss:.2f}" == "2776.23"

    def test_the_lectures_function_widens_its_axes_not_its_points(self, data, runs):
        """"그래야 애니메이션마다 축의 범위가 같아서 … (강의의 함수는 점이 곡면 밖으로 나가면 오른쪽
        그림의 축을 넓힙니다)": the lecture's show_lrpr draws every point at one size for every α,
        and its 3-D axes grow with the points of α = 0.01, while gd.show_lrpr's stay put."""
        from matplotlib import animation
        from lecture_code import LECTURE_CELLS
        code = dict(LECTURE_CELLS)["show_lrpr_def"].replace("ax2.dist = 8", "ax2.set_box_aspect(None, zoom=1.25)")
        space = {"plt": plt, "np": np, "torch": torch, "animation": animation}
        exec(code, space)
        limits, sizes = {}, set()
        for alpha in (0.001, 0.01):
            ani = space["show_lrpr"]([data.x, data.y], list(runs[alpha]))
            for frame in range(30):
                ani._func(frame)
            ax2 = ani._fig.axes[1]
            limits[alpha] = ax2.get_xlim3d()
            sizes |= {float(s) for c in ax2.collections[2:] for s in c.get_sizes()}
            ani._draw_was_started = True                     # drawn by hand: no warning when freed
            plt.close(ani._fig)
        assert len(sizes) == 1                                    # one marker size, every α
        assert limits[0.01][1] - limits[0.01][0] > 100 * (limits[0.001][1] - limits[0.001][0])

    def test_0_0083_zigzags_falls_then_rises(self, runs, ols, eigen):
        """"매번 최소점을 지나쳐 골짜기의 양쪽을 오갑니다"; the loss falls to its minimum, rises from the
        next update on, stays below the start in 30 epochs (불안정) and diverges later."""
        run = runs[0.0083]
        big = _errors(run, ols, eigen[3])
        assert (np.sign(big[1:]) != np.sign(big[:-1])).all()         # crosses at every update
        k = int(np.argmin(run.losses))
        assert run.rising_at == k + 1 and run.outcome == UNSTABLE
        assert max(run.losses[1:]) < run.losses[0]

    def test_0_0083_diverges_if_continued(self, data):
        """"반복할수록 지그재그의 폭이 커져서 … 처음 loss를 넘어 발산합니다"."""
        run = gd.train(data.X, data.y, alpha=0.0083, epochs=200, warn=False)
        assert run.outcome == DIVERGED and 30 < run.diverged_at < 200

    def test_0_0085_zigzag_grows_then_diverges(self, runs, ols, eigen):
        """"지그재그의 폭이 점점 커지다가 loss가 처음 값을 넘습니다"."""
        run = runs[0.0085]
        big = np.abs(_errors(run, ols, eigen[3]))
        assert (np.diff(big) > 0).all() and run.outcome == DIVERGED and run.diverged_at <= 30

    def test_0_01_leaves_the_axes_and_its_slope_flips(self, runs):
        """"…번째 업데이트 만에 Ŵ가 처음으로 그림 범위 밖으로 튀어 나가고, …번째 업데이트부터는 다시
        돌아오지 않습니다"; "기울기의 부호가 바뀌면서 점점 가팔라져"."""
        W = _np(runs[0.01].weights)
        lo, hi = gd.loss.GRID[0], gd.loss.GRID[-1]
        outside = ~((W >= lo) & (W <= hi)).all(axis=1)
        first, gone = int(np.argmax(outside)), int(np.flatnonzero(~outside).max()) + 1
        assert 0 < first < gone < 30 and outside[gone:].all() and not outside[gone - 1]
        slopes = W[:, 1]
        assert (np.sign(slopes[1:]) != np.sign(slopes[:-1])).all()
        assert (np.abs(slopes[2:]) > np.abs(slopes[:-2])).all()

    def test_the_loss_comparison_caption(self, runs):
        """fig-loss-by-alpha: "0.0001은 느리게, 0.001은 꾸준히 줄고, 0.0083은 줄다가 다시 커지며,
        0.0085와 0.01은 발산합니다"."""
        outcomes = {a: r.outcome for a, r in runs.items()}
        assert outcomes == {0.0001: "줄어듦", 0.001: "줄어듦", 0.0083: UNSTABLE,
                            0.0085: DIVERGED, 0.01: DIVERGED}
        assert runs[0.0001].final_loss > runs[0.001].final_loss

    def test_every_alpha_has_its_colour_in_figures_and_animations(self, data, runs):
        """"색은 이 교재의 그림과 애니메이션에서 α마다 같고"."""
        fig, ax = plt.subplots()
        for run in runs.values():
            gd.plot_loss(run, ax=ax)
        colours = [line.get_color() for line in ax.get_lines() if line.get_label().startswith("α")]
        plt.close(fig)
        assert [matplotlib.colors.to_hex(c) for c in colours] == [gd.alpha_color(a) for a in runs]
        assert len(set(colours)) == len(runs)
        orange = matplotlib.colors.to_rgb("tab:orange")
        assert all(np.abs(np.subtract(matplotlib.colors.to_rgb(gd.alpha_color(a)), orange)).sum() > 0.5
                   for a in runs)                       # no α is the fitted line's orange


    def test_0_0085_zigzag_grows_faster_than_0_0083s(self, data, runs, ols, eigen):
        """"0.0083보다 조금 더 크게 했을 뿐인데 지그재그의 폭이 더 빨리 커지고"."""
        growth = {a: np.abs(_errors(runs[a], ols, eigen[3])) for a in (0.0083, 0.0085)}
        ratio = {a: g[-1] / g[0] for a, g in growth.items()}
        assert ratio[0.0085] > 2 * ratio[0.0083] > 2
        later = gd.train(data.X, data.y, alpha=0.0083, epochs=200, warn=False).diverged_at
        assert runs[0.0085].diverged_at < later

    def test_0_01_scenes_outside_the_axes_say_so(self, data, runs):
        """"범위 밖의 점은 그림에 나오지 않고, 그 장면의 설명에 "범위 밖"이라고 나옵니다"."""
        run = runs[0.01]
        lo, hi = gd.loss.GRID[0], gd.loss.GRID[-1]
        labels = gd.show_lrpr(data, run).player.labels
        for k, (w0, w1) in enumerate(run.weights[:len(labels)]):
            outside = not (lo <= w0 <= hi and lo <= w1 <= hi)
            assert ("범위 밖" in labels[k]) == outside, labels[k]

    def test_rings_mark_the_rise_and_dotted_lines_the_divergence(self, runs):
        """"고리는 loss가 다시 커지기 시작한 곳, 점선은 발산한 곳입니다" (and page 03: "그 자리도 표시")."""
        for alpha, rises, diverges in [(0.001, False, False), (0.0083, True, False), (0.01, True, True)]:
            ax = gd.plot_loss(runs[alpha])
            lines = ax.get_lines()
            rings = [l for l in lines if l.get_marker() == "o" and l.get_markerfacecolor() == "none"]
            dotted = [l for l in lines if l.get_linestyle() == ":"]
            plt.close(ax.figure)
            assert (len(rings) == 1) == rises and (len(dotted) == 1) == diverges, alpha
            if rises:
                assert rings[0].get_xdata()[0] == runs[alpha].rising_at
            if diverges:
                assert runs[alpha].diverged_at in dotted[0].get_xdata()

    def test_exercise_5_2s_solution_prints_what_it_asks(self):
        """연습 5.2 asks for "마지막 loss": its solution prints the final loss against the bound."""
        solution = gd.exercises.ex5_2.solution_code
        assert "history.final_loss < 400" in solution and "min(history.losses)" not in solution


class TestPage06WhyAlphaStar:
    # the colour words of the contour paragraph, and the hue range (degrees) each word names
    COLOUR_WORDS = {0.0001: ("청록", 150, 180), 0.001: ("보라", 230, 270), 0.0083: ("자홍", 310, 340),
                    0.0085: ("올리브색", 50, 70), 0.01: ("남색", 210, 235)}

    def test_the_colour_words_name_the_colours_drawn(self):
        """"0.0001(청록, 동그라미) … 0.001(보라, 네모) … 0.0085(올리브색, 마름모)와 0.01(남색, …)"."""
        text = (BOOK / "06_why_0083.md").read_text(encoding="utf-8")
        for alpha, (word, lo, hi) in self.COLOUR_WORDS.items():
            assert f"{alpha:g}({word}," in text
            rgb = matplotlib.colors.to_rgb(gd.alpha_color(alpha))
            assert lo <= colorsys.rgb_to_hsv(*rgb)[0] * 360 <= hi, (alpha, word)

    def test_the_sweep_draws_alpha_star_as_a_black_dashed_line(self, data):
        """Sweep caption: "α*(검은 파선)" and "초록 점선(가장 빠른 α)"; red stays the truth's colour."""
        ax = gd.plot_alpha_sweep(data, alphas=np.geomspace(1e-4, 1.2e-2, 8))
        star = [l for l in ax.get_lines() if l.get_label().startswith("α* = ")]
        best = [l for l in ax.get_lines() if l.get_label().startswith("가장 빠른 α")]
        assert len(star) == len(best) == 1
        assert matplotlib.colors.same_color(star[0].get_color(), "black")
        assert star[0].get_linestyle() == "--"
        assert matplotlib.colors.same_color(best[0].get_color(), "green")
        assert best[0].get_linestyle() == ":"
        plt.close(ax.figure)

    def test_a_negative_factor_flips_and_beyond_one_grows(self, data, eigen):
        """Bullets: for 0.0083 the λ_max factor is below −1 (flips, grows) and the λ_min factor
        between −1 and 0 (flips, shrinks); 0.001's factors lie in (0, 1); 0.0001's are near 1."""
        lam_min, lam_max = eigen[:2]
        for alpha in (0.0083, 0.0085, 0.01):
            small, big = gd.growth_factors(data.X, alpha).tolist()
            assert -1 < small < 0 and big < -1
        small, big = gd.growth_factors(data.X, 0.001).tolist()
        assert 0 < big < small < 1
        assert min(gd.growth_factors(data.X, 0.0001).tolist()) > 0.97
        assert 1 / (2 * lam_max) < 1 / (2 * lam_min) < 0.0083     # both directions flip there

    def test_at_alpha_star_the_loss_neither_converges_nor_diverges(self, data, floor):
        """"경계인 α = α*에서는 그 방향의 배율이 정확히 −1이라 … 수렴도 발산도 아니고, loss는 최솟값보다
        큰 … 근처에 머물며 처음 값을 넘지 않습니다"."""
        star = gd.critical_alpha(data.X)
        assert gd.growth_factors(data.X, star)[1].item() == pytest.approx(-1, abs=1e-12)
        run = gd.train(data.X, data.y, alpha=star, epochs=400, warn=False)
        assert max(run.losses[1:]) < run.losses[0] and run.outcome != DIVERGED
        assert run.final_loss > 10 * floor                            # not the least squares floor
        assert abs(run.losses[-50] - run.final_loss) < 1e-3 * run.final_loss   # it stays there

    def test_the_best_alpha_equalises_the_two_factors(self, data):
        small, big = gd.growth_factors(data.X, gd.best_alpha(data.X)).tolist()
        assert small == pytest.approx(-big, abs=1e-12)

    def test_the_closed_form_and_the_loop_agree_to_float32_rounding(self, data):
        """"가장 큰 차이가 10⁻⁵보다 작아서"."""
        for alpha in (0.001, 0.0083):
            path = gd.closed_form_path(data.X, data.y, alpha=alpha, epochs=30)
            loop = torch.tensor(gd.train(data.X, data.y, alpha=alpha, warn=False).What_history,
                                dtype=torch.float64)
            assert (path - loop).abs().max() < 1e-5

    def test_the_contour_paths(self, data, ols, eigen):
        """"0.001은 곧장 바닥으로"; "0.0083은 첫 걸음에 바닥을 건너뛴 뒤 … 지그재그";
        "0.0085와 0.01은 … 그림 밖으로 나갑니다"; the λ_min zigzag shrinks while λ_max's grows."""
        runs = {a: gd.train(data.X, data.y, alpha=a, warn=False) for a in LECTURE_ALPHAS}
        distance = np.linalg.norm(_np(runs[0.001].weights) - ols, axis=1)
        assert (np.diff(distance) < 0).all()
        small = _errors(runs[0.0083], ols, eigen[2])
        # down to 10⁻⁵: below that the float32 loop has reached its own rounding floor near the
        # float64 optimum, where the last bits (which differ between CPUs) decide the sign
        small = small[np.abs(small) > 1e-5]
        assert len(small) > 15 and np.sign(small[0]) != np.sign(small[1])
        assert (np.diff(np.abs(small)) < 0).all() and (np.diff(np.abs(_errors(runs[0.0083], ols, eigen[3]))) > 0).all()
        for alpha in (0.0085, 0.01):
            W = _np(runs[alpha].weights)
            assert (~((W >= -6) & (W <= 11)).all(axis=1)).any()
        assert (((_np(runs[0.0001].weights) >= -6) & (_np(runs[0.0001].weights) <= 11)).all())

    def test_the_contour_legend_stays_legible_on_a_phone(self, data):
        """The legend below the map is 11 pt: on a 358 px column a figure of 5.2 in shows it at
        about 10 CSS px (the issue it fixes: 6 px)."""
        runs = [gd.train(data.X, data.y, alpha=a, epochs=3, warn=False) for a in LECTURE_ALPHAS]
        ax = gd.plot_contour_paths(data, runs)
        legend = ax.get_legend()
        size_pt = legend.get_texts()[0].get_fontsize()
        width_in = ax.figure.get_figwidth()
        plt.close(ax.figure)
        css_px = size_pt / 72 * 100 * 358 / (width_in * 100)
        assert css_px >= 9.5
        markers = {line.get_marker() for line in ax.get_lines()[:len(runs)]}
        assert len(markers) == len(runs)

    def test_the_sweep_rises_before_alpha_star_and_explodes_after(self, data, floor):
        """fig-sweep: "α*에 가까워지면 loss가 커지기 시작해 α*를 넘으면 폭발합니다"."""
        star = gd.critical_alpha(data.X)
        near, far = gd.final_losses(data.X, data.y, [0.985 * star, 1.02 * star]).tolist()
        assert floor + 1 < near < 10 * floor and far > 30 * floor

    def test_the_reference_alpha_just_misses_the_flat_range(self, data, floor):
        """"기준인 0.001은 30번 뒤의 loss가 … 이 범위에 조금 못 미칩니다"."""
        loss = gd.train(data.X, data.y, alpha=0.001, warn=False).final_loss
        assert floor + 0.01 < loss < floor + 0.1

    def test_gradient_descent_goes_to_the_least_squares_solution(self, data, ols):
        """"경사하강법이 찾아가는 곳은 … 최소제곱해입니다"."""
        long = gd.train(data.X, data.y, alpha=0.001, epochs=2000, warn=False)
        assert np.allclose(_np(long.What), ols, atol=1e-3)

    def test_three_idioms_report_alike(self, data):
        """"셋 다 같은 방식으로 발산을 알립니다"; no_grad's history equals the lecture's."""
        statuses = {train(data.X, data.y, alpha=0.01, warn=False).status()
                    for train in (gd.train, gd.train_no_grad, gd.train_sgd)}
        assert len(statuses) == 1
        assert gd.train_no_grad(data.X, data.y).What_history == gd.train(data.X, data.y).What_history


    def test_the_contour_map_draws_what_its_caption_names(self, data, runs):
        """fig-contour: "출발점 (−5, 10) … 표시 모양은 학습률마다 다름. 붉은 별은 참값, 검은 X는 최소제곱해";
        the paragraph's shapes: 동그라미, 네모, 세모, 마름모, 역삼각형."""
        ax = gd.plot_contour_paths(data, list(runs.values()))
        lines = {l.get_label(): l for l in ax.get_lines()}
        plt.close(ax.figure)
        paths = [l for label, l in lines.items() if label.startswith("α = ")]
        assert [l.get_marker() for l in paths] == ["o", "s", "^", "D", "v"]
        assert all(l.get_xydata()[0].tolist() == [-5.0, 10.0] for l in paths)
        star = next(l for label, l in lines.items() if label.startswith("참값"))
        cross = next(l for label, l in lines.items() if label.startswith("최소제곱해"))
        assert star.get_marker() == "*" and matplotlib.colors.same_color(star.get_color(), "red")
        assert cross.get_marker() == "x" and matplotlib.colors.same_color(cross.get_color(), "black")

    def test_the_gentle_directions_error_is_the_larger_at_the_start(self, ols, eigen):
        """"처음에는 λ_min 방향의 큰 오차가 부호를 바꾸면서도 … 빠르게 줄어서"."""
        start = np.array([-5.0, 10.0]) - ols
        assert abs(start @ eigen[2]) > 3 * abs(start @ eigen[3])

    def test_the_fastest_alpha_reaches_the_floor(self, data, floor):
        """"초록 점선(가장 빠른 α)에서도 30번 뒤의 loss는 최솟값에 닿지만" (to the printed 0.01)."""
        run = gd.train(data.X, data.y, alpha=gd.best_alpha(data.X), warn=False)
        assert abs(run.final_loss - floor) < 1e-3

    def test_sgd_differs_from_the_lecture_in_the_last_bits_only(self, data):
        """"달라도 … 마지막 비트 몇 개의 크기라서, 출력되는 자릿수(소수점 아래 넷째 자리)에서는 같습니다"."""
        lecture, sgd = gd.train(data.X, data.y), gd.train_sgd(data.X, data.y)
        for a, b in zip(lecture.What_history, sgd.What_history):
            assert [f"{v:.4f}" for v in a] == [f"{v:.4f}" for v in b]
            assert all(abs(u - v) <= 4 * np.spacing(np.float32(abs(u))) for u, v in zip(a, b))


class TestPage07AlphaExplorer:
    SCRIPT = (BOOK / "_static" / "explorer.js").read_text(encoding="utf-8")

    def test_the_longest_run_of_0_0083_is_still_unstable(self, data):
        """"(발산하는 것은 …번째 업데이트 뒤라서, 탐험기의 epoch 수로는 아직 불안정입니다.)"; the explorer
        computes in float64, where it diverges at the same update."""
        most = int(re.search(r"var EPOCHS_MAX = (\d+);", self.SCRIPT).group(1))
        diverged = gd.train(data.X, data.y, alpha=0.0083, epochs=300, warn=False).diverged_at
        Xd, yd = data.X.double(), data.y.double()
        W = torch.tensor([-5.0, 10.0], dtype=torch.float64)
        start, k = ((yd - Xd @ W) ** 2).sum(), 0
        while ((yd - Xd @ W) ** 2).sum() <= start:
            W, k = W - 0.0083 * (-2 * Xd.T @ yd + 2 * Xd.T @ Xd @ W), k + 1
        assert k == diverged > most

    def test_float64_gives_the_lectures_W_at_the_printed_digits(self, data, stage3):
        """"기준인 (page 03's α)로 (its epochs) epoch를 돌리면 3장에서 강의가 … 반복해 얻은 것과 같은 Ŵ가
        … 나옵니다": the explorer's float64 steps against page 03's float32 loop."""
        Xd, yd = data.X.double(), data.y.double()
        W = torch.tensor([-5.0, 10.0], dtype=torch.float64)
        for _ in range(stage3.epochs_run):
            W = W - stage3.alpha * (-2 * Xd.T @ yd + 2 * Xd.T @ Xd @ W)
        assert [f"{v:.4f}" for v in W.tolist()] == [f"{v:.4f}" for v in stage3.What.tolist()]

    def test_the_loss_axis_turns_logarithmic_past_two_decades(self):
        """(다): "가장 큰 loss와 가장 작은 loss가 두 자릿수 넘게 차이 나면 세로축이 로그 눈금이 됩니다"."""
        assert "var logY = hi / lo > 100;" in self.SCRIPT

    def test_each_contour_inwards_halves_the_excess_loss(self):
        """(가): "안쪽 등고선으로 한 칸 들어갈 때마다 (loss − 최솟값)이 절반이 됩니다"."""
        assert "var delta = excess * Math.pow(0.5, k)" in self.SCRIPT


@pytest.fixture(scope="module")
def exact(data):
    """The gradient at (−5, 10) in exact rational arithmetic on the float32 data."""
    xs = [Fraction(float(v)) for v in data.x]
    ys = [Fraction(float(v)) for v in data.y]
    residuals = [y - (-5 + 10 * x) for x, y in zip(xs, ys)]
    return (-2 * sum(residuals), -2 * sum(r * x for r, x in zip(residuals, xs)))


class TestPage08LastDigit:
    def test_float64_is_exact_to_ten_decimals(self, data, exact):
        """"float64의 오차는 10⁻¹⁰보다 훨씬 작습니다"."""
        got = gd.grad_formula((-5.0, 10.0), data.X, data.y, dtype=torch.float64).tolist()
        assert all(abs(Fraction(g) - e) < Fraction(1, 10 ** 11) for g, e in zip(got, exact))

    def test_the_lecture_print_is_the_correctly_rounded_float32(self, exact):
        nearest = torch.tensor(float(exact[1])).item()
        assert f"{nearest:.4f}" == "1188.9305"
        ulp = 2.0 ** -13
        for printed, steps in [("1188.9307", 1), ("1188.9308", 2)]:
            assert round((torch.tensor(float(printed)).item() - float(exact[1])) / ulp) == steps

    def test_the_order_of_the_sum_changes_the_last_digit(self, data, exact):
        """Forward gives the float32 nearest the exact value, backward another one; the terms are
        made elementwise, one rounding per operation, so this holds on every CPU."""
        w0, w1 = torch.tensor([-5.0, 10.0])
        terms = -2 * (data.y - (w0 + w1 * data.x)) * data.x
        sums = []
        for ordered in (terms, terms.flip(0)):
            total = torch.tensor(0.0)
            for term in ordered:
                total = total + term
            sums.append(total.item())
        assert sums[0] == torch.tensor(float(exact[1])).item() and sums[1] != sums[0]

    def test_the_formula_rounds_its_larger_second_term(self, data):
        """"둘째 항은 … 결과보다 커서"; grad_formula's 1188.9308 is about 2 ulp above."""
        What = torch.tensor([-5.0, 10.0])
        first, second = -2 * data.X.T @ data.y, 2 * data.X.T @ data.X @ What
        assert second[1] > (first + second)[1] > 0 and first[0] < 0 and second[0] < 0
        assert f"{gd.grad_formula(What, data.X, data.y)[1].item():.4f}" == "1188.9308"

    def test_train_matches_every_printed_row_below_the_last_bits(self, history):
        """"30줄의 기록은 출력되는 넷째 자리까지 강의노트와 모두 같고, 그 아래의 차이는 10⁻⁶보다 작습니다"."""
        assert len(history.What_history) == len(WHAT_HISTORY) == 30
        for ours, lecture in zip(history.What_history, WHAT_HISTORY):
            assert [f"{v:.4f}" for v in ours] == [f"{v:.4f}" for v in lecture]
            assert all(abs(a - b) < 1e-6 for a, b in zip(ours, lecture))

    def test_matmul_terms_may_differ_from_elementwise_terms_only_in_the_last_bit(self, data):
        """"행렬곱은 CPU에 따라 곱셈과 덧셈을 한 번에 반올림하기도(FMA)": X @ W is one of the two
        roundings of w0 + w1·x, either the elementwise one or the fused one, on any CPU."""
        W = torch.tensor([-5.0, 10.0])
        matmul = data.X @ W
        elementwise = W[0] + W[1] * data.x
        fused = (W[0].double() + W[1].double() * data.x.double()).float()
        assert not torch.equal(elementwise, fused)       # the two roundings do differ on this data
        assert all(m in (e, f) for m, e, f in zip(matmul.tolist(), elementwise.tolist(), fused.tolist()))
