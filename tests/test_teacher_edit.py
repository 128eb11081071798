"""A teacher's edit keeps every sentence true: page 03 run from its source with the lecture's
α edited (0.001 → 0.002), in this Python, without a site build.

What the page glues is what its sentences and captions print, so the trial checks the glued
values: those of the edited loop follow it (the least squares solution's digits, 2.4459 and
4.0043, where 0.002 ends after 30 updates), those of the other loop stay, and every name the
page's text glues is still glued by the run. Which of the lecture's numbers the edited build no
longer reproduces is ``site_tests/test_lecture_numbers.py``'s to say, by name.
"""

import re

import pytest
import torch

from page_sources import run_page, source

STAGE3 = "What= torch.tensor([-5.0,10.0],requires_grad=True) #\nalpha=0.001\nfor epoc in range(30):"


def _glue_names(text):
    """The names the page's text and captions glue from its own run."""
    return {m.group(1) for m in re.finditer(r"\{glue:text\}`([\w]+)[:`]", text)}


@pytest.fixture(scope="module")
def page03():
    text = source("03_training")
    return text, run_page(text)


@pytest.fixture(scope="module")
def edited():
    text = source("03_training")
    assert text.count(STAGE3) == 1, "page 03's training loop is not the lecture's any more"
    text = text.replace(STAGE3, STAGE3.replace("alpha=0.001", "alpha=0.002"))
    return text, run_page(text)


def _shown(glued, *names):
    return [f"{glued[name]:.4f}" if isinstance(glued[name], float) else str(glued[name]) for name in names]


def test_the_page_as_it_is_states_the_lecture(page03):
    _, (glued, _) = page03
    assert _shown(glued, "loop_alpha", "final_w0", "final_w1") == ["0.0010", "2.4290", "4.0144"]
    assert _shown(glued, "record_w0", "record_w1", "record_updates") == ["2.4290", "4.0144", "30"]


def test_the_edited_loop_moves_its_sentences(edited):
    """Figure 3.1's caption and the sentence after the loop follow the edited α."""
    text, (glued, outputs) = edited
    assert _shown(glued, "loop_alpha", "loop_epochs", "final_w0", "final_w1") == \
        ["0.0020", "30", "2.4459", "4.0043"]
    caption = re.search(r"caption: '(.*)'\n\s+name: fig-final-fit", text).group(1)
    assert {"final_w0", "final_w1", "loop_epochs"} <= _glue_names(caption)
    what, same = next(o for o in outputs if isinstance(o, tuple) and len(o) == 2
                      and isinstance(o[1], bool))           # history.What, torch.equal(…)
    assert same and [f"{v:.4f}" for v in what.tolist()] == ["2.4459", "4.0043"]


def test_the_recording_loop_keeps_its_own_alpha(edited):
    """The recording loop sets alpha=0.001 again: its numbers, and gd.train's record beside
    it, stay the lecture's."""
    _, (glued, outputs) = edited
    assert _shown(glued, "record_w0", "record_w1", "record_loss_start") == ["2.4290", "4.0144", "8587.6875"]
    assert any(o == (True, True, True) for o in outputs
               if isinstance(o, tuple) and all(isinstance(v, bool) for v in o))


def test_every_glued_name_is_still_glued(edited):
    text, (glued, _) = edited
    missing = _glue_names(text) - set(glued)
    assert not missing, f"page 03's text glues names its run no longer makes: {missing}"


def test_the_edit_changes_the_printed_output(edited):
    _, (_, outputs) = edited
    printed = [o for o in outputs if isinstance(o, torch.Tensor) and o.shape == (2,)]
    assert [f"{v:.4f}" for v in printed[0].tolist()] == ["2.4459", "4.0043"]
