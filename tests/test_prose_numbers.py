"""A number a page's prose states comes from the page's run (myst-nb ``glue``) unless it is
an input of the lecture's code or a constant of its formulas.

The prose is what a reader reads as text: paragraphs, headings, lists, tables,
admonitions, and the captions and alternative texts of figures (cell metadata), with math
but without code, code spans, glued values, links' addresses and HTML tags. A number there
is any run of digits (with a decimal point) that is not part of a name (``float32``,
``w0``, ``Stage1``) or an index in math (``w_0``, ``x^2``). It must be one of the lecture's
inputs (below), a one-digit count or ordinal (a list's "(1)", "3단계") unless it counts
updates or times ("6번", "2배": those come from runs), a chapter number ("4장"), or part of
the lecture's date. What the lecture's runs print (8587.6875, Ŵ = [2.4290, 4.0144], …) is an
output like any other: a page glues it, so that a changed input changes the sentence too,
and ``site_tests/test_lecture_numbers.py`` says by name which of the lecture's numbers a
build no longer reproduces.
"""

import re
from pathlib import Path

import pytest

from page_sources import CODE_CELL as CELL, HEADING, cell_inputs, sections

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "book").glob("*.md"))

# What the lecture's code is given, and the constants of its formulas: no run makes them.
LECTURE_INPUTS = {
    "43052", "100", "2.5", "4", "0.5",                          # seed, n, W, σ of the data
    "-5", "10",                                                 # the first line Ŵ = (−5, 10)
    "0.001", "0.0001", "0.0083", "0.0085", "0.01",              # the learning rates, and h
    "30", "3", "15",                                            # epochs; the epochs it draws
    "-6", "11", "6", "5",                                       # the grid np.arange(-6, 11, 0.5)
    "7.5", "40", "8", "200", "1.25", "0.35",                    # figsize, view, star size, alpha
    "-2", "2", "1", "-1",                       # −2Xᵀy + 2XᵀXW, the column of ones, a factor ±1
}
# Of these inputs, the ones a lecture's cell sets (``alpha=0.001``, ``range(30)``, ``frames=30``,
# a list of α) are glued where a sentence states them next to that cell, from the cell's own
# variable, so that a teacher who edits the cell edits the sentence: ``stated_inputs`` below.
# The rest stay allowed as they are written: the data's seed, n, W and σ (page 01 writes them
# in the model's formulas, which hold no glued value, and gd.make_data() gives every page the
# same data), the start (−5, 10) (in the formulas and tables of pages 01–02 and 06), the grid and
# the figure's settings (named by the lecture's code, not set by the page), the constants of the
# formulas (−2, 2, the column of ones, a factor ±1), and the section titles of page 05, which are
# the lecture's own and name the α of the cell below them (``test_page_05_titles_name_their_cells_alpha``).
# Numbers the lecture's text writes that none of its runs prints (page 08 explains them).
LECTURE_TEXT = {"-1342.2523", "1188.9307"}
CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(?P<body>.*?)^```[ \t]*$", re.S | re.M)
CODE_BOX = re.compile(r"^(`{3,})(?:python|bash|text|console|\{literalinclude\}|\{eval-rst\})?[ \t]*"
                      r"[^\n]*\n.*?^\1[ \t]*$", re.S | re.M)
DIRECTIVE_FENCE = re.compile(r"^(?:`{3,}|:{3,})(?:\{[\w-]+\}[^\n]*)?[ \t]*$", re.M)
CELL_TEXT = re.compile(r"^\s+(?:caption|alt): *['\"]?(.*?)['\"]?$", re.M)   # prose in cell metadata
NUMBER = re.compile(r"(?<![A-Za-z0-9_.])[−-]?\d+(?:\.\d+)?(?![A-Za-z0-9_])")   # Korean may follow


def prose(text):
    """The prose of a page's MyST text (see the module docstring), as one string."""
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)            # front matter
    metadata = []
    for match in CODE_CELL.finditer(text):
        head = re.match(r"---\n(.*?)\n---\n", match.group("body"), re.S)
        if head:
            metadata += CELL_TEXT.findall(head.group(1))
    text = CODE_CELL.sub("", text)
    text = CODE_BOX.sub("", text)                                        # code boxes, autodoc
    text = DIRECTIVE_FENCE.sub("", text)                                 # admonitions keep their text
    text = "\n".join([text] + metadata)
    text = re.sub(r"\{glue(?::\w+)?\}`[^`]*`", " ", text)                 # glued values
    text = re.sub(r"``[^`]*``|`[^`]*`", " ", text)                        # code spans (roles too)
    text = re.sub(r"\]\([^)]*\)", "]", text)                              # link addresses
    text = re.sub(r"<[^>]+>", " ", text)                                  # HTML tags
    text = re.sub(r"^:\w[\w-]*:.*$", "", text, flags=re.M)                # directive options
    text = re.sub(r"[_^]\{[^}]*\}|[_^][\w−-]?\d*", " ", text)             # math indices
    return text


def stray_numbers(text):
    found = []
    for match in NUMBER.finditer(text):
        number = match.group().replace("−", "-")
        after = text[match.end():match.end() + 2]
        if number in LECTURE_INPUTS | LECTURE_TEXT and not (len(number) == 1 and after[:1] in "번배"):
            continue
        if re.fullmatch(r"\d", number) and after[:1] not in "번배":
            continue                                                    # a count or an ordinal
        if re.match(r"\s?(장|년|월|일)", after):
            continue                                                    # chapters, the date
        if text[max(0, match.start() - 3):match.start()] == "연습 ":
            continue                                                    # an exercise's number
        if "matplotlib" in text[max(0, match.start() - 16):match.start()]:
            continue                                                    # a version of matplotlib
        found.append(f"{number} in …{text[max(0, match.start() - 30):match.end() + 10]!r}")
    return found


def stated_inputs(text):
    """The numbers a sentence states, unglued, in a section whose lecture cell sets them."""
    found = []
    for section in sections(text):
        inputs = cell_inputs(section)
        if not inputs:
            continue
        body = HEADING.sub("", section)                                  # titles: see above
        for match in NUMBER.finditer(prose(body)):
            if float(match.group().replace("−", "-")) in inputs:
                where = prose(body)[max(0, match.start() - 30):match.end() + 10]
                found.append(f"{match.group()} in …{where!r} (set by the cell: glue it from its variable)")
    return found


def hardcoded_runs(text):
    """``gd.train`` calls that type the α the section's lecture cell sets, instead of ``alpha``."""
    found = []
    for section in sections(text):
        alphas = {v for v in cell_inputs("\n".join(
            m.group() for m in CELL.finditer(section) if re.search(r"^alpha\s*=", m.group(), re.M)))}
        for cell in CELL.finditer(section):
            for call in re.finditer(r"gd\.train\w*\([^)]*alpha=([\d.]+)", cell.group()):
                if float(call.group(1)) in alphas:
                    found.append(call.group())
    return found


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_inputs_stated_next_to_their_cell_are_glued(page):
    text = page.read_text(encoding="utf-8")
    stray = stated_inputs(text)
    assert not stray, f"{page.name}: a sentence types what the cell next to it sets:\n" + "\n".join(stray)
    typed = hardcoded_runs(text)
    assert not typed, f"{page.name}: a run types the lecture cell's α (write alpha=alpha):\n" + "\n".join(typed)


def test_page_05_titles_name_their_cells_alpha():
    """Each of page 05's titles "(k) α = …" names the α its section's lecture cell sets."""
    text = (ROOT / "book" / "05_learning_rate.md").read_text(encoding="utf-8")
    titled = [s for s in sections(text) if re.match(r"## \(\d\) α = ", s)]
    assert len(titled) == 4
    for section in titled:
        title = float(re.match(r"## \(\d\) α = ([\d.]+)", section).group(1))
        assert cell_inputs(section) >= {title} and len(cell_inputs(section) - {30.0}) == 1, \
            f"the title {section.splitlines()[0]!r} is not the α its cell sets"


def test_the_input_checks_find_a_typed_input():
    page = ("## 한 번\n\nα = 0.001로 두고 30번 돌립니다.\n\n```{code-cell} ipython3\nalpha=0.001\n"
            "for epoc in range(30):\n    pass\nh = gd.train(X, y, alpha=0.001)\n```\n\n## 다음\n\n0.001\n")
    assert [s.split()[0] for s in stated_inputs(page)] == ["0.001", "30"]
    assert hardcoded_runs(page) == ["gd.train(X, y, alpha=0.001"]
    glued = page.replace("α = 0.001로 두고 30번", "α = {glue:text}`alpha:g`로 두고 {glue:text}`n`번")
    assert not stated_inputs(glued.replace("alpha=0.001)", "alpha=alpha)"))
    assert not hardcoded_runs(glued.replace("alpha=0.001)", "alpha=alpha)"))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_prose_numbers_are_glued_or_the_lectures(page):
    stray = stray_numbers(prose(page.read_text(encoding="utf-8")))
    assert not stray, f"{page.name}: numbers in prose neither glued nor the lecture's inputs:\n" + \
        "\n".join(stray)


def test_the_check_finds_an_unglued_number():
    assert stray_numbers("loss는 여섯 번이 아니라 6번의 업데이트 만에 358.7까지 떨어집니다")
    assert not stray_numbers("α = 0.0083에서 (1) 3단계 전략, 4장, 2022년 9월 20일")
    assert stray_numbers("loss는 8587.6875에서 시작해") and stray_numbers("ŷ = 2.4290 + 4.0144x")
    assert not stray_numbers(prose("값은 {glue:text}`u_min:.1f`이고 $w_0$와 `float32`, x^{-13}"))
    assert stray_numbers(prose("```{code-cell} ipython3\n---\nmystnb:\n  figure:\n"
                               "    caption: '여섯 번 만에 358.7'\n---\nx\n```\n"))
