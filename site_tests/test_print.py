"""Pages printed as handouts (Chromium's print to PDF, A4 and Letter): code and outputs wrap
at the margin, the players print a strip of labelled frames instead of dead controls, folded
cells print open, and no page is more than half empty except a chapter's last."""

import subprocess

import pytest
from PIL import Image

from conftest import SITE, players

PAGES = ["book/03_training", "book/05_learning_rate"]
FORMATS = {"A4": (210, 297), "Letter": (215.9, 279.4)}
MARGIN_MM = 12


@pytest.fixture
def printed(browser, server, tmp_path):
    """(page in print emulation at the paper's printable width, PDF path) for a page."""
    contexts = []

    def print_page(path, paper):
        width_mm = FORMATS[paper][0] - 2 * MARGIN_MM
        context = browser.new_context(viewport={"width": round(width_mm / 25.4 * 96), "height": 1000})
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{server}/{path}.html", wait_until="load")
        page.wait_for_load_state("networkidle")
        page.emulate_media(media="print")
        pdf = tmp_path / f"{path.replace('/', '_')}-{paper}.pdf"
        page.pdf(path=str(pdf), format=paper, margin={side: f"{MARGIN_MM}mm" for side in
                                                      ("top", "right", "bottom", "left")})
        return page, pdf

    yield print_page
    for context in contexts:
        context.close()


PRINT_STATE = """() => ({
  clipped: Array.from(document.querySelectorAll("pre")).filter(
    e => e.checkVisibility() && e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.slice(0, 60)),
  controls: Array.from(document.querySelectorAll(".gd-controls, .gd-stage, details.hide > summary"))
    .filter(e => e.checkVisibility()).length,
  folded: Array.from(document.querySelectorAll("details.hide .cell_input pre"))
    .filter(e => !e.checkVisibility()).length,
  strips: Array.from(document.querySelectorAll(".gd-strip")).map(strip => Array.from(
    strip.querySelectorAll("figure")).map(f => ({
      loaded: f.querySelector("img").complete && f.querySelector("img").naturalWidth > 0,
      label: f.querySelector("figcaption").textContent}))),
})"""


def _pdf_text(pdf):
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def _page_fill(pdf, tmp_path):
    """For each PDF page, how far down its content reaches (0–1 of the page's height)."""
    prefix = tmp_path / pdf.stem
    subprocess.run(["pdftoppm", "-r", "30", "-gray", "-png", str(pdf), str(prefix)], check=True)
    fills = []
    for png in sorted(tmp_path.glob(f"{pdf.stem}-*.png")):
        image = Image.open(png).point(lambda v: 255 if v > 245 else 0)
        box = Image.eval(image, lambda v: 255 - v).getbbox()
        fills.append(0 if box is None else box[3] / image.height)
    return fills


@pytest.mark.parametrize("paper", FORMATS)
@pytest.mark.parametrize("path", PAGES)
def test_page_prints_as_a_handout(printed, path, paper, tmp_path):
    page, pdf = printed(path, paper)
    state = page.evaluate(PRINT_STATE)
    assert not state["clipped"], f"cut at the margin: {state['clipped']}"
    assert state["controls"] == 0, "player controls or fold toggles are printed"
    assert state["folded"] == 0, "a folded cell prints closed"
    expected = players((SITE / f"{path}.html").read_text(encoding="utf-8"))
    assert len(state["strips"]) == len(expected)
    text = _pdf_text(pdf)
    for strip in state["strips"]:
        assert len(strip) >= 4 and all(frame["loaded"] for frame in strip)
        labels = [frame["label"] for frame in strip]
        assert labels[0] != labels[-1]                       # the first, …, the last epoch
        for label in labels:
            assert label.split(":")[0].split("(")[0].strip() in text, f"{label!r} not printed"
    fills = _page_fill(pdf, tmp_path)
    assert len(fills) >= 2
    half_empty = [i + 1 for i, fill in enumerate(fills[:-1]) if fill < 0.5]
    assert not half_empty, f"{path} ({paper}): pages {half_empty} are more than half empty"
