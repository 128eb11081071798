"""확인 문제 (gdlesson.exercises): every reference answer against the lecture and an
independent computation, every known mistake told apart from the answer and from each
other, and the notebook's check accepting right answers and naming what differs in
wrong ones."""

import math
import re

import numpy as np
import pytest
import torch

import gdlesson as gd
from gdlesson.exercises import core
from gdlesson.exercises.core import judge
from gdlesson.exercises.page import AnswerBox, markup, precision_text, sheet_line

from lecture_values import AFTER_30, AFTER_ONE_STEP, LOSS_AT_START, WHAT_HISTORY

EVERY = gd.exercises.every()
PARTS = [(e, k, p) for e in EVERY for k, p in enumerate(e.parts)]
PART_IDS = [f"{e.number}-{k + 1}" for e, k, _ in PARTS]


def answer(name, k=0):
    return getattr(gd.exercises, name).parts[k].answer


@pytest.fixture(scope="module")
def data():
    return gd.make_data()


@pytest.fixture(scope="module")
def lecture(data):
    return gd.train(data.X, data.y)


# --- every chapter has its exercises, numbered as the pages number them ------------------------

def test_every_chapter_has_at_least_three_exercises_numbered_in_order():
    for chapter in gd.exercises.CHAPTERS:
        exercises = gd.exercises.of_chapter(chapter)
        assert len(exercises) >= 3, chapter
        assert [e.number for e in exercises] == [f"{chapter}.{k}" for k in
                                                  range(1, len(exercises) + 1)]
        assert [e.name for e in exercises] == [f"ex{chapter}_{k}" for k in
                                                range(1, len(exercises) + 1)]


def test_an_unknown_exercise_or_chapter_is_a_clear_error():
    with pytest.raises(AttributeError, match=r"no exercise 3\.9 \(연습 3\.9\)"):
        gd.exercises.ex3_9
    with pytest.raises(AttributeError, match="has no attribute 'ex3'"):
        gd.exercises.ex3
    with pytest.raises(ValueError, match=r"chapter must be one of \(1, 2, 3, 4, 5, 6\), got 7"):
        gd.exercises.of_chapter(7)


# --- the reference answers: the lecture's numbers and an independent computation --------------

def test_chapter1_answers(data):
    assert answer("ex1_1") == pytest.approx(1.0 + 3.0 * data.x[0].item(), abs=1e-5)
    options = gd.exercises.ex1_2.parts[0].options
    assert options[answer("ex1_2")] == "torch.Size([100])"
    assert [answer("ex1_3", 0), answer("ex1_3", 1)] == ["O", "X"]
    torch.manual_seed(43052)
    x, _ = torch.randn(100).sort()
    eps = torch.randn(100) * 0.5
    assert answer("ex1_4") == pytest.approx((2.5 + 4 * x + eps).mean().item(), abs=1e-6)


def test_chapter2_answers(data):
    assert answer("ex2_1", 0) == pytest.approx(3 - 0.1 * (2 * 3 - 2))     # 2.6, by hand
    assert answer("ex2_1", 1) == pytest.approx(1.0, abs=1e-3)              # the minimum of w² − 2w + 3
    assert answer("ex2_2") == pytest.approx(((data.y - 5 * data.x) ** 2).sum().item(), rel=1e-6)
    # at the lecture's α the same update gives the lecture's printed Ŵ
    grad = gd.grad_autograd(gd.START, data.X, data.y)
    assert str(torch.tensor(gd.START) - 0.001 * grad) == AFTER_ONE_STEP
    assert answer("ex2_3") == pytest.approx((torch.tensor(gd.START) - 0.002 * grad).tolist())
    loss = lambda w0, w1: ((data.y - w0 - w1 * data.x) ** 2).sum().item()   # noqa: E731
    h = 0.1
    expected = [(loss(-5 + h, 10) - loss(-5, 10)) / h, (loss(-5, 10 + h) - loss(-5, 10)) / h]
    assert answer("ex2_4") == pytest.approx(expected, abs=0.05)
    assert answer("ex2_4", 1) == "O"
    assert gd.exercises.ex2_5.parts[0].options[answer("ex2_5")] == "경사의 반대 방향으로 움직인다"
    assert str(torch.tensor(gd.sse(gd.START, data.X, data.y).item())) == LOSS_AT_START


def test_chapter3_answers(lecture):
    assert list(answer("ex3_1", 0)) == WHAT_HISTORY[9]        # the lecture's printed history
    assert answer("ex3_1", 1) == 9
    assert answer("ex3_2", 0) == 10
    assert answer("ex3_2", 1) == pytest.approx(lecture.loss_history[10])
    assert str(lecture.What) == AFTER_30
    assert answer("ex3_3", 0) == "X"
    assert not np.allclose(answer("ex3_3", 1), WHAT_HISTORY[-1], atol=1e-2)
    losses = lecture.loss_history
    assert losses[answer("ex3_4") - 1] >= 100 > losses[answer("ex3_4")]


def test_chapter4_answers(data, lecture):
    assert answer("ex4_1", 0) == len(np.arange(-6, 11, 0.5)) == 34
    assert answer("ex4_1", 1) == 34 * 34
    # the grey point of animate(5) is drawn at loss_history[5], the loss before update 6
    options = gd.exercises.ex4_2.parts[0].options
    assert options[answer("ex4_2")].startswith("한 번 덜 업데이트한")
    assert lecture.loss_history[5] == pytest.approx(gd.sse(WHAT_HISTORY[4], data.X, data.y).item())
    W_ols = torch.linalg.lstsq(data.X.double(), data.y.double()[:, None]).solution[:, 0]
    gap = (((data.y.double() - data.X.double() @ torch.tensor([2.5, 4.0], dtype=torch.float64)) ** 2).sum()
           - ((data.y.double() - data.X.double() @ W_ols) ** 2).sum()).item()
    assert answer("ex4_3") == pytest.approx(gap, abs=1e-4)
    assert answer("ex4_4") == "X"


def test_chapter5_answers(data):
    k = answer("ex5_1")
    run = gd.train(data.X, data.y, alpha=0.0085, warn=False)
    assert run.loss_history[k] > run.loss_history[0] >= max(run.loss_history[1:k])
    below = answer("ex5_2")
    finals = [gd.train(data.X, data.y, alpha=a, warn=False).final_loss
              for a in (0.0001, 0.0005, 0.001, 0.005, 0.0083)]
    assert below == {i for i, f in enumerate(finals) if f < 400}
    lam_min, lam_max = torch.linalg.eigvalsh(data.X.double().T @ data.X.double()).tolist()
    assert answer("ex5_3", 0) == pytest.approx(1 / (2 * lam_max))
    # (2): the largest α with five decimals that does not diverge within 50 epochs
    alpha = answer("ex5_3", 1)
    assert re.fullmatch(r"0\.\d{5}", f"{alpha:.5f}") and alpha == pytest.approx(round(alpha, 5))
    assert not gd.train(data.X, data.y, alpha=alpha, epochs=50, warn=False).diverged
    assert gd.train(data.X, data.y, alpha=alpha + 1e-5, epochs=50, warn=False).diverged
    outcome = gd.train(data.X, data.y, alpha=alpha, epochs=50, warn=False).outcome
    assert gd.exercises.ex5_3.parts[2].options[answer("ex5_3", 2)] == outcome == "불안정"


def test_chapter6_answers(data):
    XtX = data.X.double().T @ data.X.double()
    lam = torch.linalg.eigvalsh(XtX)
    assert answer("ex6_1") == pytest.approx(1 / lam[1].item())
    assert f"{answer('ex6_1'):.6f}" == "0.008238"
    assert answer("ex6_2") == pytest.approx((1 - 2 * 0.005 * lam).tolist())
    assert [answer("ex6_3", 0), answer("ex6_3", 1)] == ["X", "O"]
    # the closed form agrees with the loop of 20 updates
    assert answer("ex6_4") == pytest.approx(gd.train(data.X, data.y, epochs=20).What.tolist(),
                                            abs=2e-4)


# --- the known mistakes ----------------------------------------------------------------------

def _gap(part, a, b):
    """How far apart two answers of a number or vector part are, in units of the last decimal."""
    a, b = np.atleast_1d(a), np.atleast_1d(b)
    return np.max(np.abs(a - b)) / 10.0 ** -part.decimals


@pytest.mark.parametrize("exercise,k,part", PARTS, ids=PART_IDS)
def test_each_mistake_is_told_apart_and_named(exercise, k, part):
    """Each mistake's value is far from the answer (more than 3 units of the last decimal,
    so rounding cannot turn one into the other; a whole number by at least 1) and gets its
    own message."""
    for mistake in part.mistakes:
        if mistake.answer is None:          # above/below a bound (연습 5.3 (2))
            probe = (mistake.above + 3 * 10.0 ** -part.decimals if mistake.above is not None
                     else mistake.below - 3 * 10.0 ** -part.decimals)
        else:
            probe = mistake.answer
            if part.kind in (core.NUMBER, core.VECTOR):
                least = 1 if part.decimals == 0 else 3.0001
                assert _gap(part, probe, part.answer) >= least, (exercise.number, mistake.message)
            else:
                assert probe != part.answer
        right, message = judge(part, probe)
        assert not right and message == f"{core.WRONG} {mistake.message}", exercise.number
        assert not right


@pytest.mark.parametrize("exercise,k,part", PARTS, ids=PART_IDS)
def test_a_verdict_never_gives_the_answer_away(exercise, k, part):
    if part.kind not in (core.NUMBER, core.VECTOR) or part.decimals == 0:
        return
    values = np.atleast_1d(part.answer)
    wrong = tuple(v + 7 * 10.0 ** -part.decimals for v in values)
    probes = [m.answer for m in part.mistakes if m.answer is not None] + [
        wrong[0] if part.kind == core.NUMBER else wrong]
    for probe in probes:
        _, message = judge(part, probe)
        for v in values:
            assert f"{v:.{part.decimals}f}" not in message


def test_the_rounding_rule_is_half_a_unit_of_the_stated_decimal():
    part = gd.exercises.ex3_2.parts[1]                      # loss, two decimals
    assert judge(part, round(part.answer, 2)) == (True, core.RIGHT)
    assert judge(part, part.answer + 0.0049)[0]
    right, message = judge(part, part.answer + 0.012)      # within 1.5 units: "almost"
    assert not right and message == f"{core.WRONG} {core.CLOSE}"
    right, message = judge(part, part.answer + 0.5)
    assert not right and message == f"{core.WRONG} {part.hint}"


def test_a_vector_says_which_entry_is_wrong():
    part = gd.exercises.ex2_3.parts[0]
    w0, w1 = part.answer
    right, message = judge(part, (w0, w1 + 0.01))
    assert not right and "ŵ₁의 값이 맞지 않습니다." in message and "ŵ₀" not in message


# --- the notebook's check ---------------------------------------------------------------------

def test_check_accepts_tensors_numbers_and_lists(data):
    yhat = data.X @ torch.tensor([1.0, 3.0])
    assert gd.exercises.ex1_1.check(yhat[0]).correct
    assert gd.exercises.ex1_1.check(float(yhat[0])).correct
    assert gd.exercises.ex3_1.check(torch.tensor(WHAT_HISTORY[9]), 9)
    assert gd.exercises.ex3_1.check(WHAT_HISTORY[9], 9)
    assert gd.exercises.ex3_1.check(np.array(WHAT_HISTORY[9]), 9)
    assert gd.exercises.ex5_2.check([2, 3, 4])
    assert gd.exercises.ex5_2.check(["②", "③", "④"])
    assert gd.exercises.ex1_3.check("O", "x")
    assert gd.exercises.ex1_3.check(True, False)


def test_check_names_what_differs():
    verdict = gd.exercises.ex3_1.check(torch.tensor(WHAT_HISTORY[10]), 10)
    assert not verdict
    text = repr(verdict)
    assert text.startswith("연습 3.1:\n  (1) 아닙니다. 업데이트를 11번 한 뒤의 값입니다.")
    assert "(2) 아닙니다. 그 행은 업데이트를 한 번 더 한 뒤의 Ŵ입니다." in text
    # a row of the history no mistake names: which update it belongs to, and by how much
    verdict = gd.exercises.ex3_1.check(WHAT_HISTORY[4], 9)
    assert "업데이트 5번 뒤의 Ŵ의 값과 같습니다." in repr(verdict)
    assert "차이는 ŵ₀ " in repr(verdict)
    # the sign
    verdict = gd.exercises.ex2_3.check([-v for v in answer("ex2_3")])
    assert "부호가 반대입니다." in repr(verdict)


@pytest.mark.parametrize("value,says", [
    (torch.zeros(3), "값 2개(ŵ₀, ŵ₁)가 필요한데, 모양이 (3,)입니다."),
    (torch.zeros(2, 2), "모양이 (2, 2)입니다."),
    (torch.zeros(2, dtype=torch.complex64), "실수 텐서가 아닙니다 (dtype torch.complex64)."),
    ("1.4", "숫자를 넣어 주세요: str '1.4'입니다."),
    ([[1.0], 2.0], "목록 안에 목록이 있습니다."),
])
def test_check_says_what_kind_of_answer_was_expected(value, says):
    verdict = gd.exercises.ex3_1.check(value)
    assert not verdict and says in repr(verdict)
    assert "(2) 아직 답하지 않았습니다." in repr(verdict)


def test_check_rejects_options_that_do_not_exist_and_too_many_answers():
    assert "보기는 1–4번입니다: 5입니다." in repr(gd.exercises.ex1_2.check(5))
    assert "'O' 또는 'X'를 넣어 주세요: 'Y'입니다." in repr(gd.exercises.ex1_3.check("Y"))
    with pytest.raises(TypeError, match="연습 1.2은 부분이 1개인데 답이 2개입니다"):
        gd.exercises.ex1_2.check(1, 2)


@pytest.mark.parametrize("exercise", EVERY, ids=[e.number for e in EVERY])
def test_the_right_answers_pass_and_perturbed_ones_fail(exercise):
    """Each part's reference answer (as a student would hand it in: rounded to the stated
    decimals) passes; moved by 5 units of its last decimal, or another option, it fails."""
    right = []
    for part in exercise.parts:
        if part.kind == core.NUMBER:
            right.append(round(part.answer, part.decimals))
        elif part.kind == core.VECTOR:
            right.append(torch.tensor([round(v, part.decimals) for v in part.answer],
                                      dtype=torch.float64))
        elif part.kind == core.CHOICES:
            right.append([k + 1 for k in sorted(part.answer)])
        elif part.kind == core.CHOICE:
            right.append(part.answer + 1)
        else:
            right.append(part.answer)
    verdict = exercise.check(*right)
    assert verdict.correct, repr(verdict)
    for k, part in enumerate(exercise.parts):
        wrong = list(right)
        if part.kind in (core.NUMBER, core.VECTOR):
            wrong[k] = right[k] + 5 * 10.0 ** -part.decimals
        elif part.kind == core.OX:
            wrong[k] = "X" if part.answer == "O" else "O"
        elif part.kind == core.CHOICE:
            wrong[k] = (part.answer + 1) % len(part.options) + 1
        else:
            wrong[k] = [1]
        verdict = exercise.check(*wrong)
        assert not verdict.correct
        assert verdict.lines[k][2].startswith(core.WRONG), repr(verdict)


@pytest.mark.parametrize("exercise", EVERY, ids=[e.number for e in EVERY])
def test_hint_and_solution_are_what_the_page_shows(exercise):
    assert exercise.hint().text.startswith("힌트: ")
    code = exercise.solution()
    assert code.code and f"gd.exercises.{exercise.name}.check(" in code.text
    assert code._repr_markdown_().startswith("```python\n")


# --- the page's side -----------------------------------------------------------------------

def test_the_answer_box_lays_out_the_form():
    html = AnswerBox(gd.exercises.ex3_1).html(embed=False)
    assert html.count('inputmode="decimal"') == 2 and html.count('inputmode="numeric"') == 1
    assert "(소수점 아래 넷째 자리까지)" in html and "(정수로)" in html
    assert html.count('class="gd-sign"') == 2          # no ± key for a row index
    assert html.count('role="status"') == 2             # one live verdict per part
    assert 'aria-label="연습 3.1 (1) ŵ₀"' in html
    assert AnswerBox(gd.exercises.ex1_3).html(embed=False).count('type="radio"') == 4
    assert AnswerBox(gd.exercises.ex5_2).html(embed=False).count('type="checkbox"') == 5


def test_the_box_in_a_notebook_carries_its_style_and_script():
    bundle = gd.exercises.answer_box("ex2_2")._repr_mimebundle_()
    assert bundle["application/vnd.gdlesson.answer+json"]["parts"][0]["decimals"] == 2
    assert bundle["text/html"].startswith("<style>") and bundle["text/html"].endswith("</script>")
    assert bundle["text/plain"] == "<연습 2.2의 답안 상자>"


def test_the_sheet_line_follows_the_forms():
    sheet = gd.exercises.answer_sheet(3).payload()
    assert sheet_line(sheet) == ("3장 확인 문제 | 연습 3.1 (1) Ŵ = [??, ??] (2) What_history[??] | "
                                 "연습 3.2 (1) 업데이트 ??번 뒤 (2) loss = ?? | "
                                 "연습 3.3 (1) ?? (2) Ŵ = [??, ??] | 연습 3.4 업데이트 ??번 뒤")


def test_precision_words_and_bad_payloads():
    assert [precision_text(d) for d in (0, 2, 4, 6)] == [
        "정수로", "소수점 아래 둘째 자리까지", "소수점 아래 넷째 자리까지", "소수점 아래 여섯째 자리까지"]
    with pytest.raises(ValueError, match="decimals must be 0–8, got 9"):
        precision_text(9)
    with pytest.raises(ValueError, match="type 'answer-box' or 'answer-sheet', got 'x'"):
        markup({"type": "x"})


def test_the_exercises_need_no_pytorch_to_be_read():
    """core and page are plain Python: the Sphinx build reads payloads without PyTorch."""
    import subprocess
    import sys
    code = ("import sys; import gdlesson.exercises.core, gdlesson.exercises.page, "
            "gdlesson.exercises.sphinx; assert 'torch' not in sys.modules, 'torch imported'")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_every_answer_is_finite():
    for exercise, _, part in PARTS:
        for value in np.atleast_1d(part.answer if part.kind in (core.NUMBER, core.VECTOR) else 0):
            assert math.isfinite(value), exercise.number
