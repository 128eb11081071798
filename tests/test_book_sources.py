"""The pages as sources: found from ``_toc.yml``; each notebook page opens with the setup
cell; the lecture code they show agrees with the library; their committed notebooks are
ordinary Jupyter notebooks in sync with them. No site build needed."""

import re

import pytest
import torch
import yaml
from myst_nb.core.read import read_myst_markdown_notebook

import gdlesson
from site_extensions import load_extension

notebooks = load_extension("notebooks")
PAGES = notebooks.notebook_pages()
ROOT = notebooks.ROOT


def _code_cells(page):
    """The code cells of a page as the build reads it (setup cell included)."""
    text = notebooks.with_setup_cell((ROOT / "book" / page).read_text(encoding="utf-8"))
    return [c for c in read_myst_markdown_notebook(text).cells if c.cell_type == "code"]


def _cell(page, marker):
    """Source of the one code cell of ``page`` that contains ``marker``."""
    found = [c.source for c in _code_cells(page) if marker in c.source]
    assert len(found) == 1, f"{len(found)} cells of {page} contain {marker!r}"
    return found[0]


def _run(source, data):
    namespace = {"torch": torch, "X": data.X, "y": data.y, "x": data.x}
    exec(source, namespace)
    return namespace


def test_pages_come_from_the_toc():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]
    assert [p.relative_to(ROOT).with_suffix("").as_posix() for p in notebooks.toc_pages()] == files
    assert [p.stem for p in PAGES][:5] == ["01_model_and_data", "02_loss_and_gradient",
                                          "03_training", "04_animation", "05_learning_rate"]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_every_page_opens_with_the_setup_cell(page):
    cells = _code_cells(page.name)
    setup = cells[0]
    baseurl = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["html"]["baseurl"]
    version = re.search(r'__version__ = "(.+)"', (ROOT / "gdlesson/__init__.py").read_text()).group(1)
    url = f"{baseurl.rstrip('/')}/dist/gdlesson-{version}-py3-none-any.whl"
    assert f"%pip install -q --no-deps {url} koreanize-matplotlib==0.1.1" in setup.source
    assert 'if importlib.util.find_spec("gdlesson") is None:' in setup.source
    assert setup.metadata["tags"] == ["setup"]
    # nothing a copying student needs is hidden
    assert not [c for c in cells if {"remove-cell", "remove-input"} & set(c.metadata.get("tags", []))]


def test_a_fork_gets_cells_pointing_at_its_own_site():
    text = notebooks.with_setup_cell("# 제목\n\n본문\n", "https://example.org/course/")
    assert "https://example.org/course/dist/gdlesson-" in text and text.startswith("# 제목\n")


def test_lecture_training_loop_equals_train(data, history):
    ns = _run(_cell("03_training.md", "## 30번 반복합니다!!"), data)
    assert torch.equal(ns["What"].data, history.What)


def test_lecture_recording_loop_equals_train_history(data, history):
    ns = _run(_cell("03_training.md", "loss_history = [] # 기록하고 싶은것 1"), data)
    assert ns["What_history"] == history.What_history
    assert ns["loss_history"] == history.loss_history
    assert ns["yhat_history"] == history.yhat_history


def test_page_05_first_loop_is_the_lecture_loop_at_0_0001(data, runs):
    source = _cell("05_learning_rate.md", "alpha=0.0001\n")
    ns = _run(source.replace("show_lrpr([x,y],[loss_history,yhat_history,What_history])", ""), data)
    assert ns["What_history"] == runs[0.0001].What_history


def test_lecture_finite_difference_equals_grad_numeric(data):
    ns = _run(_cell("02_loss_and_gradient.md", "_lossfn = lambda") + "\nh=0.001\n"
              "g = (_lossfn(-5+h,10) - _lossfn(-5,10))/h,  (_lossfn(-5,10+h) - _lossfn(-5,10))/h",
              data)
    assert torch.equal(torch.stack(ns["g"]), gdlesson.grad_numeric((-5, 10), data.X, data.y, h=0.001))


def test_the_lecture_show_lrpr_is_the_same_on_both_pages():
    page4 = _cell("04_animation.md", "def show_lrpr(data,history):")
    page5 = _cell("05_learning_rate.md", "def show_lrpr(data,history):")
    assert page4 == page5
    # the one line changed from the lecture note, as today's matplotlib requires
    assert "ax2.dist = 8" not in page4.replace("(강의노트: ax2.dist = 8)", "")
    assert "ax2.set_box_aspect(None, zoom=1.25)" in page4


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_committed_notebook_is_in_sync(page):
    committed = page.with_suffix(".ipynb")
    assert committed.exists(), f"run: python _ext/notebooks.py ({committed.name} missing)"
    assert committed.read_text(encoding="utf-8") == notebooks.notebook_text(
        notebooks.page_notebook(page)), f"run: python _ext/notebooks.py ({committed.name} stale)"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_notebook_is_plain_jupyter(page):
    nb = notebooks.page_notebook(page)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert not re.search(r"```\{|:::\{|\{(doc|ref|py:\w+|literalinclude)\}", markdown)
    assert not re.search(r"\]\([\w-]+\.md", markdown)            # page links point at notebooks
    first = next(c for c in nb.cells if c.cell_type == "code")
    assert notebooks.wheel_url() in first.source


def test_literalinclude_becomes_the_library_source():
    nb = notebooks.page_notebook(ROOT / "book" / "06_why_0083.md")
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    import inspect
    from gdlesson import training
    assert inspect.getsource(training.no_grad_step).strip() in markdown
