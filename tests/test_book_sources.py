"""The pages as sources: found from ``_toc.yml``; each notebook page opens with the setup
cell that installs the wheel by its hash; the lecture code they show agrees with the
library; they make ordinary Jupyter notebooks. No site build needed (that the committed notebooks
match the last build is a check of the built site)."""

import re
import shutil
import subprocess
import sys

import pytest
import torch
import yaml
from myst_nb.core.read import read_myst_markdown_notebook

import gdlesson
import site_extensions  # noqa: F401  (puts _ext on the path)
from gdsite import common, notebooks, wheel

PAGES = common.notebook_pages()
ROOT = common.ROOT
URL = "https://example.org/course/dist/gdlesson-9.9-py3-none-any.whl#sha256=" + "0" * 64


def _code_cells(page):
    """The code cells of a page as the build reads it (setup cell included)."""
    text = notebooks.with_setup_cell((ROOT / "book" / page).read_text(encoding="utf-8"), URL)
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
    assert [p.relative_to(ROOT).with_suffix("").as_posix() for p in common.toc_pages()] == files
    assert [p.stem for p in PAGES][:5] == ["01_model_and_data", "02_loss_and_gradient",
                                          "03_training", "04_animation", "05_learning_rate"]


ANSWER_CELL = re.compile(r'gd\.exercises\.(answer_box\("ex\d+_\d+"\)|answer_sheet\(\d+\))')


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_every_page_opens_with_the_setup_cell(page):
    cells = _code_cells(page.name)
    setup = cells[0]
    assert f'%pip install -q --no-deps "{URL}" koreanize-matplotlib==0.1.1' in setup.source
    assert 'if importlib.util.find_spec("gdlesson") is None:' in setup.source
    assert '%config InlineBackend.figure_formats = ["retina"]' in setup.source
    assert setup.metadata["tags"] == ["setup"]
    # nothing a copying student needs is hidden: a removed cell only glues numbers for the
    # prose, and the only cells shown without their code are the 확인 문제's answer boxes
    for cell in cells:
        tags = set(cell.metadata.get("tags", []))
        assert "hide-input" not in tags
        if "remove-input" in tags:
            assert ANSWER_CELL.fullmatch(cell.source), cell.source
        if "remove-cell" in tags:
            assert "glue(" in cell.source, cell.source
            assert not any(call in cell.source for call in ("print(", "plt.", "display(")), cell.source


def test_the_wheel_url_pins_the_wheel_of_the_sources(built_wheel):
    path, sha256 = built_wheel
    url = wheel.wheel_url(path, sha256, "https://example.org/course/")
    assert url == f"https://example.org/course/dist/{path.name}#sha256={sha256}"
    assert path.name == f"gdlesson-{gdlesson.__version__}-py3-none-any.whl"


def test_the_wheel_is_reproducible_and_holds_the_library(built_wheel, tmp_path):
    import zipfile
    path, _ = built_wheel
    again = wheel.build_wheel(tmp_path)
    assert again.read_bytes() == path.read_bytes()
    names = zipfile.ZipFile(again).namelist()
    assert "gdlesson/player/core.py" in names and "gdlesson/player/static/gd-player.js" in names
    entry_points = zipfile.ZipFile(again).read(
        f"gdlesson-{gdlesson.__version__}.dist-info/entry_points.txt").decode()
    assert "gdlesson.player.sphinx:PlayerRenderer" in entry_points


def _serve(folder):
    """An HTTP server on 127.0.0.1 for ``folder``, as the site serves ``dist/``."""
    import functools
    import http.server
    import threading
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _setup_cell_pip(wheel_url, target):
    """The setup cell's own ``%pip install`` line, run by pip into ``target`` (the pinned
    font package left out: it comes from PyPI and is not what is tested here)."""
    import shlex
    cell = notebooks.setup_cell(wheel_url)
    line = next(line for line in cell.splitlines() if "%pip install" in line)
    args = shlex.split(line.split("%pip install", 1)[1])
    args.remove(notebooks.KOREAN_FONT_PACKAGE)
    return subprocess.run([sys.executable, "-m", "pip", "install", "--no-cache-dir",
                           "--disable-pip-version-check", "--target", str(target), *args],
                          capture_output=True, text=True, timeout=300)


def test_the_setup_cell_refuses_a_wheel_that_is_not_the_one_built(built_wheel, tmp_path):
    """The URL in every setup cell ends in ``#sha256=`` of the wheel the pages were built with,
    so a different wheel served under the same name (stale or altered) is refused by pip."""
    import zipfile
    path, sha256 = built_wheel
    site = tmp_path / "site"
    (site / "dist").mkdir(parents=True)
    other = site / "dist" / path.name                 # same name, one module changed
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(other, "w") as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "gdlesson/__init__.py":
                body += b"\n# altered\n"
            dst.writestr(item, body)
    server = _serve(site)
    try:
        url = wheel.wheel_url(path, sha256, f"http://127.0.0.1:{server.server_port}")
        refused = _setup_cell_pip(url, tmp_path / "refused")
        assert refused.returncode != 0
        assert "THESE PACKAGES DO NOT MATCH THE HASHES" in refused.stderr
        assert sha256 in refused.stderr
        assert not (tmp_path / "refused" / "gdlesson").exists()

        shutil.copyfile(path, other)                  # the wheel of the build: installed
        installed = _setup_cell_pip(url, tmp_path / "installed")
        assert installed.returncode == 0, installed.stderr
        assert (tmp_path / "installed" / "gdlesson" / "player" / "core.py").is_file()
    finally:
        server.shutdown()
        server.server_close()


def test_the_setup_cell_follows_the_title():
    text = notebooks.with_setup_cell("# 제목\n\n본문\n", URL)
    assert text.startswith("# 제목\n\n```{code-cell} ipython3\n:tags: [setup]") and URL in text


def test_lecture_training_loop_equals_train(data):
    """Page 03: "결과 Ŵ는 비트 하나까지 같습니다", at the α and epochs the page's loop sets (whether
    those are the lecture's is tests/test_lecture_code.py's and the built site's to say)."""
    ns = _run(_cell("03_training.md", "## 30번 반복합니다!!"), data)
    history = gdlesson.train(data.X, data.y, alpha=ns["alpha"], epochs=ns["epoc"] + 1)
    assert torch.equal(ns["What"].data, history.What)


def test_lecture_recording_loop_equals_train_history(data):
    ns = _run(_cell("03_training.md", "loss_history = [] # 기록하고 싶은것 1"), data)
    history = gdlesson.train(data.X, data.y, alpha=ns["alpha"], epochs=ns["epoc"] + 1)
    assert ns["What_history"] == history.What_history
    assert ns["loss_history"] == history.loss_history
    assert ns["yhat_history"] == history.yhat_history


@pytest.mark.parametrize("alpha", [0.0001, 0.0083, 0.0085, 0.01])
def test_page_05_runs_the_lecture_loop_at_every_alpha(data, runs, alpha):
    """Page 05 shows the lecture's recording loop for each α; gd.train's history is the same."""
    ns = _run(_cell("05_learning_rate.md", f"alpha={alpha}\n"), data)
    assert ns["What_history"] == runs[alpha].What_history
    assert ns["loss_history"] == runs[alpha].loss_history


def test_lecture_finite_difference_equals_grad_numeric(data):
    ns = _run(_cell("02_loss_and_gradient.md", "_lossfn = lambda") + "\nh=0.001\n"
              "g = (_lossfn(-5+h,10) - _lossfn(-5,10))/h,  (_lossfn(-5,10+h) - _lossfn(-5,10))/h",
              data)
    assert torch.equal(torch.stack(ns["g"]), gdlesson.grad_numeric((-5, 10), data.X, data.y, h=0.001))


def test_the_lecture_show_lrpr_changes_only_the_dist_line():
    page4 = _cell("04_animation.md", "def show_lrpr(data,history):")
    # the one line of the function changed from the lecture note, as today's matplotlib requires
    assert "ax2.dist = 8" not in page4.replace("(강의노트: ax2.dist = 8)", "")
    assert "ax2.set_box_aspect(None, zoom=1.25)" in page4


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_notebook_is_plain_jupyter(page):
    nb = notebooks.page_notebook(page, URL)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert not re.search(r"```\{|:::\{|\{(doc|ref|numref|py:\w+|glue:?\w*|literalinclude)\}", markdown)
    assert not re.search(r"\]\([\w-]+\.md", markdown)            # page links point at notebooks
    first = next(c for c in nb.cells if c.cell_type == "code")
    assert URL in first.source


def test_literalinclude_becomes_the_library_source():
    nb = notebooks.page_notebook(ROOT / "book" / "06_why_0083.md", URL)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    import inspect
    from gdlesson import training
    assert inspect.getsource(training.no_grad_step).strip() in markdown
