"""The code the pages write inline agrees with the library, and the pages' notebooks are
ordinary Jupyter notebooks kept in sync with the Markdown sources (no site build needed)."""

import re
from pathlib import Path

import pytest
import torch
import yaml

import gdlesson
from site_extensions import load_extension

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"


plain_notebooks = load_extension("plain_notebooks")
PAGES = plain_notebooks.notebook_pages()


def _cell(page, tag):
    """Source of the code cell carrying ``tag`` in a page."""
    text = (BOOK / page).read_text(encoding="utf-8")
    match = re.search(r"```\{code-cell\} ipython3\n:tags: \[" + tag + r"\]\n\n(.*?)```", text, re.S)
    assert match, f"no cell tagged {tag} in {page}"
    return match.group(1)


def _run(source, data):
    namespace = {"torch": torch, "X": data.X, "y": data.y, "x": data.x}
    exec(source, namespace)
    return namespace


def test_lecture_training_loop_equals_train(data, history):
    ns = _run(_cell("03_training.md", "lecture-loop"), data)
    assert torch.equal(ns["What"].data, history.What)


def test_lecture_recording_loop_equals_train_history(data, history):
    ns = _run(_cell("03_training.md", "lecture-history"), data)
    assert ns["What_history"] == history.What_history
    assert ns["loss_history"] == history.loss_history
    assert ns["yhat_history"] == history.yhat_history


def test_lecture_finite_difference_equals_grad_numeric(data):
    text = (BOOK / "02_loss_and_gradient.md").read_text(encoding="utf-8")
    lossfn = re.search(r"^_lossfn = lambda.*$", text, re.M).group(0)
    ns = _run(lossfn + "\nh=0.001\n"
              "g = (_lossfn(-5+h,10) - _lossfn(-5,10))/h,  (_lossfn(-5,10+h) - _lossfn(-5,10))/h", data)
    assert torch.equal(torch.stack(ns["g"]), gdlesson.grad_numeric((-5, 10), data.X, data.y, h=0.001))


def test_every_page_is_a_notebook_page_in_the_toc():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = {c["file"] for part in toc["parts"] for c in part["chapters"]}
    assert {f"book/{p.stem}" for p in PAGES} <= files
    assert len(PAGES) >= 5


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_committed_notebook_is_in_sync(page):
    committed = page.with_suffix(".ipynb")
    assert committed.exists(), f"run: python _ext/plain_notebooks.py ({committed.name} missing)"
    assert committed.read_text(encoding="utf-8") == plain_notebooks.notebook_text(
        plain_notebooks.page_notebook(page)), f"run: python _ext/plain_notebooks.py ({committed.name} stale)"


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_notebook_is_plain_jupyter(page):
    nb = plain_notebooks.page_notebook(page)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert not re.search(r"```\{|:::\{|\{(doc|ref|py:\w+|literalinclude)\}", markdown)
    assert not re.search(r"\]\([\w-]+\.md", markdown)            # page links point at notebooks
    first = nb.cells[0]
    repo = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["repository"]["url"]
    assert first.cell_type == "code" and f"git+{repo}" in first.source
    assert 'find_spec("gdlesson") is None' in first.source


def test_literalinclude_becomes_the_library_source():
    nb = plain_notebooks.page_notebook(BOOK / "03_training.md")
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    import inspect
    assert inspect.getsource(gdlesson.train).strip() in markdown
