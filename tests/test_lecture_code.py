"""Every code cell of the lecture note is on a page as the note writes it, or the page
"강의 코드와 다른 곳" (book/differences.md) shows how the site's code differs from it.

For each lecture cell the page cell (or code box) that holds most of its lines is its place
on the site. A lecture line missing there, and a line there that is neither the lecture's
nor a helper's (``gd.``), must be quoted on the differences page. So a change to the
lecture's code that the differences page does not show fails here.
"""

import re
from pathlib import Path

import pytest

from lecture_code import LECTURE_CELLS

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"
CODE = re.compile(r"^```(?:\{code-cell\}[^\n]*|python)\n(.*?)^```", re.S | re.M)
DIFFERENCES = (BOOK / "differences.md").read_text(encoding="utf-8")
LECTURE_LINES = {line for _, code in LECTURE_CELLS for line in code.splitlines() if line.strip()}


def _lines(code):
    return [line.rstrip() for line in code.splitlines() if line.strip()]


def _site_cells():
    """(page, lines) of every code cell and python code box of the pages, without the
    cells' option lines (``:tags:``, the YAML block of ``mystnb`` options)."""
    cells = []
    for page in sorted(BOOK.glob("*.md")):
        for code in CODE.findall(page.read_text(encoding="utf-8")):
            code = re.sub(r"^---\n.*?^---\n", "", code, flags=re.S | re.M)
            lines = [line for line in _lines(code) if not re.match(r"^:\w[\w-]*:", line)]
            cells.append((page.name, lines))
    return cells


SITE_CELLS = _site_cells()


def _shown_on_differences_page(line):
    return line.strip() in DIFFERENCES


@pytest.mark.parametrize("name, code", LECTURE_CELLS, ids=[name for name, _ in LECTURE_CELLS])
def test_lecture_cell_is_on_a_page_or_its_difference_is_listed(name, code):
    lecture = _lines(code)
    page, site = max(SITE_CELLS, key=lambda cell: len(set(lecture) & set(cell[1])))
    missing = [line for line in lecture if line not in site]
    added = [line for line in site if line not in LECTURE_LINES and "gd." not in line
             and not line.lstrip().startswith("import gdlesson")]
    if not set(lecture) & set(site):          # nothing of it on a page: all of it is a difference
        missing, added = lecture, []
    unlisted = [line for line in missing + added if not _shown_on_differences_page(line)]
    assert not unlisted, (f"lecture cell {name!r}, closest site cell on {page}: lines that "
                          f"differ and are not shown on book/differences.md:\n" + "\n".join(unlisted))


def test_the_differences_page_is_in_the_book():
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    assert "book/differences" in toc
    assert "(differences.md)" in (BOOK / "04_animation.md").read_text(encoding="utf-8")
