"""The lecture's numbers against this build's run, one by one and by name.

The pages never type an output: the numbers of their sentences and captions are glued from
the run (``tests/test_prose_numbers.py``), so when a teacher changes an input (α = 0.001 →
0.002 on page 03) the sentences follow the run. Whether the run still reproduces the
lecture is asked here. Each number the lecture prints, and each one the pages state, is a
test of its own, named after what it is: a build that no longer reproduces the lecture
fails once for every number that moved, and says which.

The run's numbers are read from the build: what the pages glue (myst-nb keeps each glued
value, by name, in ``_build/jupyter_execute``) and what the lecture's cells print (the built
pages).
"""

import ast
import html
import json
import re

import pytest

from conftest import BUILD, ROOT, page_html

# what the lecture prints, as it prints it: (name, page, printed text)
PRINTED = [
    ("the data's shape", "01_model_and_data", "torch.Size([100, 2])"),
    ("the first line Ŵ", "02_loss_and_gradient", "tensor([-5., 10.], requires_grad=True)"),
    ("loss at the start", "02_loss_and_gradient", "tensor(8587.6875, grad_fn=<SumBackward0>)"),
    ("What.grad", "02_loss_and_gradient", "tensor([-1342.2522,  1188.9305])"),
    ("check 1: −2Xᵀy + 2XᵀXW", "02_loss_and_gradient", "tensor([-1342.2522,  1188.9308])"),
    ("check 2: forward differences", "02_loss_and_gradient", "(tensor(-1341.7968), tensor(1190.4297))"),
    ("before the update", "02_loss_and_gradient", "수정전: tensor([-5., 10.])"),
    ("the step −α·What.grad", "02_loss_and_gradient", "수정하는폭: tensor([ 1.3423, -1.1889])"),
    ("after one update", "02_loss_and_gradient", "수정후: tensor([-3.6577,  8.8111])"),
    ("the truth", "02_loss_and_gradient", "*참값: (2.5,4)"),
    ("Wbefore, Wafter", "02_loss_and_gradient", "(tensor([-5., 10.]), tensor([-3.6577,  8.8111]))"),
    ("Ŵ after 30 epochs", "03_training", "tensor([2.4290, 4.0144])"),
    ("What_history, first row", "03_training", "[[-3.657747745513916, 8.81106948852539],"),
    ("What_history, last row", "03_training", "[2.4289560317993164, 4.014443874359131]]"),
    ("What_history[0] on page 04", "04_animation", "[-3.657747745513916, 8.81106948852539]"),
]

# what the pages state of the lecture's numbers: (name, page, glued name, the lecture's number)
# — compared as the page shows it (the lecture's digits)
GLUED = [
    ("loss at the start (page 02's prose)", "02_loss_and_gradient", "loss_start", "8587.6875"),
    ("What.grad, w0 direction", "02_loss_and_gradient", "grad_w0", "-1342.2522"),
    ("What.grad, w1 direction", "02_loss_and_gradient", "grad_w1", "1188.9305"),
    ("the lecture's α", "02_loss_and_gradient", "alpha", "0.001"),
    ("ŵ0 after one update", "02_loss_and_gradient", "after_w0", "-3.6577"),
    ("ŵ1 after one update", "02_loss_and_gradient", "after_w1", "8.8111"),
    ("the lecture's α (page 03's training loop)", "03_training", "loop_alpha", "0.001"),
    ("the lecture's epochs", "03_training", "loop_epochs", "30"),
    ("ŵ0 after 30 epochs (figure 3.1)", "03_training", "final_w0", "2.4290"),
    ("ŵ1 after 30 epochs (figure 3.1)", "03_training", "final_w1", "4.0144"),
    ("ŵ0 at the end of the recording loop", "03_training", "record_w0", "2.4290"),
    ("ŵ1 at the end of the recording loop", "03_training", "record_w1", "4.0144"),
    ("loss_history[0]", "03_training", "record_loss_start", "8587.6875"),
    ("the animated run's α (page 04)", "04_animation", "alpha", "0.001"),
    ("the grey point's ŵ0 (page 04)", "04_animation", "after_w0", "-3.66"),
    ("the grey point's ŵ1 (page 04)", "04_animation", "after_w1", "8.81"),
    ("the grey point's height, loss_history[0] (page 04)", "04_animation", "loss_start", "8587.6875"),
    ("ŵ0 after 30 epochs (page 08)", "08_last_digit", "w30_w0", "2.4290"),
    ("ŵ1 after 30 epochs (page 08)", "08_last_digit", "w30_w1", "4.0144"),
]


def glued(page):
    """name → value of what a page glues, as the build's run computed it (myst-nb writes
    them beside the executed notebook, ``<page>.glue.json``, in their text/plain form)."""
    path = BUILD / "jupyter_execute" / "book" / f"{page}.glue.json"
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    return {name: ast.literal_eval(re.sub(r"^np\.\w+\((.*)\)$", r"\1", output["data"]["text/plain"]))
            for name, output in data.items()}


def printed(page):
    """The page's text as the built page shows it, outputs included."""
    return html.unescape(re.sub(r"<[^>]+>", "", page_html(f"book/{page}.html")))


def as_the_page_shows(value, lecture):
    """``value`` with as many decimals as the lecture's number has."""
    decimals = len(lecture.partition(".")[2])
    return f"{value:.{decimals}f}" if isinstance(value, float) else str(value)


@pytest.mark.parametrize("name, page, text", PRINTED, ids=[f"{n} {t}" for n, _, t in PRINTED])
def test_the_run_prints_the_lectures_number(site, name, page, text):
    assert text in printed(page), f"{page}: the lecture's {name} {text!r} is not what this run prints"


@pytest.mark.parametrize("name, page, key, lecture", GLUED, ids=[f"{n} {v}" for n, _, _, v in GLUED])
def test_the_pages_state_the_lectures_number(site, name, page, key, lecture):
    values = glued(page)
    assert key in values, f"{page} glues no {key!r}"
    got = as_the_page_shows(values[key], lecture)
    assert got == lecture, f"{page}: the lecture's {name} is {lecture}, this run gives {got}"


def test_every_glued_lecture_number_is_in_a_sentence():
    """A number in GLUED is one a page states: its glue name appears in the page's text."""
    for name, page, key, _ in GLUED:
        text = (ROOT / "book" / f"{page}.md").read_text(encoding="utf-8")
        assert re.search(r"\{glue:text\}`" + re.escape(key) + r"[:`]", text), (name, page, key)


def test_as_the_page_shows():
    assert as_the_page_shows(2.4289560317993164, "2.4290") == "2.4290"
    assert as_the_page_shows(-3.657747745513916, "-3.66") == "-3.66"
    assert as_the_page_shows(30, "30") == "30" and as_the_page_shows(0.002, "0.001") == "0.002"
