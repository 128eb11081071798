"""The built site teaches every step of the lecture with its numbers, keeps its animations
in frame files, and its downloadable notebooks run."""

import html
import io
import os
import re

import nbformat
import pytest
from nbclient import NotebookClient
from PIL import Image

from conftest import BOOK_PAGES, NOTEBOOK_PAGES, ROOT, html_pages, players

# every number the lecture prints, as it prints it, and the page it belongs to
LECTURE_OUTPUTS = {
    "book/01_model_and_data": ["torch.Size([100, 2])"],
    "book/02_loss_and_gradient": [
        "tensor([-5., 10.], requires_grad=True)",
        "tensor(8587.6875, grad_fn=<SumBackward0>)",
        "tensor([-1342.2522,  1188.9305])",
        "tensor([-1342.2522,  1188.9308])",
        "(tensor(-1341.7968), tensor(1190.4297))",
        "수정전: tensor([-5., 10.])",
        "수정하는폭: tensor([ 1.3423, -1.1889])",
        "수정후: tensor([-3.6577,  8.8111])",
        "*참값: (2.5,4)",
        "(tensor([-5., 10.]), tensor([-3.6577,  8.8111]))",
    ],
    "book/03_training": ["tensor([2.4290, 4.0144])", "[[-3.657747745513916, 8.81106948852539],",
                         "[2.4289560317993164, 4.014443874359131]]"],
    "book/04_animation": ["[-3.657747745513916, 8.81106948852539]"],
}
# the learning rates the lecture animates: each has a player in the section about it
ANIMATED = {"book/04_animation": ["0.001"],
            "book/05_learning_rate": ["0.0001", "0.0083", "0.0085", "0.01"]}


def _text(path):
    return html.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))


def _source(site, page):
    return (site / f"{page}.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("page", sorted(LECTURE_OUTPUTS))
def test_lecture_outputs_appear_as_printed(site, page):
    text = _text(site / f"{page}.html")
    for output in LECTURE_OUTPUTS[page]:
        assert output in text, f"{output!r} missing from {page}"


def test_what_history_table_has_30_rows(site):
    table = re.search(r'<table class="what-history">.*?</table>', _source(site, "book/03_training"),
                      re.S).group(0)
    assert table.count("<tr>") == 31
    assert "<td>1</td><td>-3.6577</td><td>8.8111</td>" in table
    assert "<td>30</td><td>2.4290</td><td>4.0144</td>" in table


@pytest.mark.parametrize("page", sorted(ANIMATED))
def test_every_lecture_alpha_has_its_animation(site, page):
    source = _source(site, page)
    for alpha in ANIMATED[page]:
        # the section (h2) about this α, or the page for its one rate
        sections = [s for s in re.split(r"<h2>", source) if f"α = {alpha}" in s[:200]] or [source]
        assert any('class="gd-player' in s for s in sections), f"no animation for α = {alpha}"


def test_animation_frames_are_files_of_30_frames(site):
    found = 0
    for page in BOOK_PAGES:
        for player in players(_source(site, page)):
            found += 1
            assert len(player["frames"]) == len(player["labels"]) == 30, page
            assert all(not f.startswith("data:") for f in player["frames"])
            first = site / os.path.normpath(os.path.join(os.path.dirname(page), player["frames"][0]))
            image = Image.open(io.BytesIO(first.read_bytes()))
            assert image.format == "WEBP" and image.size == tuple(2 * v for v in player["size"])
    assert found >= 8                     # 04: 3, 05: 5


def test_pages_are_light(site):
    for page in html_pages(site):
        assert page.stat().st_size <= 500_000, f"{page.name} is {page.stat().st_size} bytes"
    for page in BOOK_PAGES:
        for player in players(_source(site, page)):
            frames = sum((site / os.path.normpath(os.path.join(os.path.dirname(page), f))).stat().st_size
                         for f in player["frames"])
            assert frames <= 600_000, f"{page}: an animation's 30 frames weigh {frames} bytes"


def test_figures_have_korean_captions(site):
    for page in NOTEBOOK_PAGES[:3]:
        captions = re.findall(r"<figcaption>(.*?)</figcaption>", _source(site, page), re.S)
        assert captions and all(re.search("[가-힣]", c) for c in captions), page


def test_every_notebook_page_is_downloadable(site):
    for page in NOTEBOOK_PAGES:
        assert (site / "_sources" / f"{page}.ipynb").exists(), page


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_downloadable_notebook_runs_top_to_bottom(site, page, tmp_path, monkeypatch):
    path = site / "_sources" / f"{page}.ipynb"
    nb = nbformat.read(path, as_version=4)
    assert "```{" not in "".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    monkeypatch.setenv("PYTHONPATH", str(ROOT))       # gdlesson from this checkout
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert not errors


def test_download_button_offers_the_notebook(site):
    source = _source(site, "book/02_loss_and_gradient")
    assert "_sources/book/02_loss_and_gradient.ipynb" in source
    assert "colab.research.google.com/github/" in source and "02_loss_and_gradient.ipynb" in source


def test_the_site_publishes_the_wheel_its_pages_install(site):
    wheel = site / "dist" / notebooks_wheel_name()
    assert wheel.is_file() and wheel.stat().st_size > 10_000
    import zipfile
    names = zipfile.ZipFile(wheel).namelist()
    assert {"gdlesson/__init__.py", "gdlesson/player.js", "gdlesson/player.css"} <= set(names)
    for page in NOTEBOOK_PAGES:
        assert f"dist/{notebooks_wheel_name()}" in _text(site / f"{page}.html"), page


def notebooks_wheel_name():
    from conftest import notebooks
    return notebooks.wheel_name()


def test_api_page_lists_every_public_name(site):
    import inspect

    import gdlesson
    source = _source(site, "book/api")
    text = re.sub(r"\s+", " ", _text(site / "book/api.html")).replace("\u2019", "'")
    for name in gdlesson.__all__:
        obj = getattr(gdlesson, name)
        assert f'id="gdlesson.{name}"' in source, f"{name} missing from the API page"
        summary = re.sub(r"\s+", " ", inspect.getdoc(obj).split("\n\n")[0]).replace("``", "")
        summary = re.sub(r":\w+:`~?([^`]+)`", r"\1", summary)     # roles show their target
        text, summary = text.replace("()", ""), summary.replace("()", "")   # train() as train
        assert summary[:40] in text, f"{name}: docstring not shown"


def test_lecture_pages_link_functions_to_the_api(site):
    for page, name in [("book/01_model_and_data", "make_data"), ("book/03_training", "train"),
                       ("book/04_animation", "show_lrpr")]:
        assert f'href="api.html#gdlesson.{name}"' in _source(site, page), page


DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')


def test_every_page_has_its_own_korean_description(site):
    seen = {}
    for page in html_pages(site):
        source = page.read_text(encoding="utf-8")
        found = DESCRIPTION.findall(source)
        assert len(found) == 1, f"{page.name}: {len(found)} descriptions"
        text = html.unescape(found[0])
        assert re.search("[가-힣]", text) and 20 <= len(text) <= 160, f"{page.name}: {text!r}"
        assert "\\" not in text and "$" not in text, f"{page.name}: raw TeX in {text!r}"
        if page.parent.name == "book":
            assert text not in seen, f"{page.name} has the description of {seen.get(text)}"
            seen[text] = page.name


def test_root_index_is_a_page_that_redirects(site):
    source = (site / "index.html").read_text(encoding="utf-8")
    assert source.startswith("<!DOCTYPE html>") and '<html lang="ko">' in source
    assert re.search(r"<title>[^<]*[가-힣][^<]*</title>", source)
    assert DESCRIPTION.search(source)
    assert '<link rel="canonical" href="https://' in source
    assert '<meta http-equiv="Refresh" content="0; url=book/index.html">' in source
    assert '<a href="book/index.html">' in source   # for a browser that does not redirect


def test_favicon_ico_at_the_root(site):
    icon = (site / "favicon.ico").read_bytes()
    assert icon[:4] == b"\x00\x00\x01\x00" and len(icon) < 10_000


def test_web_font_has_every_hangul_of_the_site_and_stays_small(site):
    from fontTools.ttLib import TTFont
    font_file = site / "_static/fonts/nanumgothic-site.woff2"
    cmap = TTFont(str(font_file)).getBestCmap()
    for page in html_pages(site):
        text = html.unescape(page.read_text(encoding="utf-8"))
        missing = sorted({c for c in re.findall("[가-힣]", text) if ord(c) not in cmap})
        assert not missing, f"{page.name}: no glyph for {''.join(missing)}"
    assert font_file.stat().st_size <= 60_000, f"the Korean web font is {font_file.stat().st_size} bytes"
