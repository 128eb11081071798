"""Build-time math (``_ext/gdsite/mathml.py``): TeX to MathML that browsers draw as TeX
would, the TeX kept as an annotation, errors that name the problem, and a font that holds
what the formulas use. No site build needed."""

import xml.etree.ElementTree as ET

import pytest

import site_extensions  # noqa: F401  (puts _ext on the path)
from gdsite import mathml


def _math(tex, display=False):
    return ET.fromstring(mathml.render(tex, display).replace("<math", '<math xmlns:x="x"', 1))


def _texts(tex, tag):
    return [el.text for el in _math(tex).iter(tag)]


def test_bold_letters_become_unicode_math_bold():
    assert _texts(r"{\bf W}", "mi") == ["\U0001d416"]          # 𝐖, MathML Core ignores mathvariant


def test_the_tex_is_kept_as_annotation_and_display_is_marked():
    root = _math(r"\hat{\bf W}_{ols}", True)
    assert root.get("display") == "block"
    assert next(root.iter("annotation")).text == r"\hat{\bf W}_{ols}"


def test_a_unary_minus_has_no_operator_space_and_a_binary_one_keeps_it():
    unary = [el for el in _math("-5 + x").iter("mo") if el.text == "\u2212"]
    binary = [el for el in _math("a - b").iter("mo") if el.text == "\u2212"]
    assert unary[0].get("lspace") == "0em" and binary[0].get("lspace") is None


def test_big_braces_and_hats_are_drawn_not_spelled():
    assert "{" in _texts(r"\big\{ x \big\}", "mo") and "\\{" not in _texts(r"\big\{ x \big\}", "mo")
    hat = next(_math(r"\hat{y}").iter("mover"))
    assert [el.text for el in hat.iter("mo")] == ["\u02c6"]


def test_korean_text_is_kept_for_the_page_font():
    assert _texts(r"\text{수렴} \iff 0 < \alpha", "mtext") == ["수렴"]


@pytest.mark.parametrize("tex, message", [
    (r"\foo + 1", "unknown command"),
    (r"\frac{1}{2", "missing }"),
    (r"\begin{aligned} a &= b \end{aligned}", r"\\begin\{array\}\{rl\}"),
])
def test_a_tex_error_names_the_problem(tex, message):
    with pytest.raises(mathml.TeXError, match=message):
        mathml.render(tex, True)


def test_aligned_lines_as_an_array():
    rows = list(_math(r"\begin{array}{rl} a &= b \\ &= c \end{array}", True).iter("mtr"))
    assert len(rows) == 2


def test_display_tex_wraps_only_bare_multi_line_formulas():
    from docutils import nodes
    assert mathml.display_tex(nodes.math_block("", "a \\\\ b")) == r"\begin{split}a \\ b\end{split}"
    array = r"\begin{array}{rl} a \\ b \end{array}"
    assert mathml.display_tex(nodes.math_block("", array)) == array


def test_the_font_holds_the_italic_letters_the_browser_draws():
    points = mathml.font_codepoints([(r"\hat{w}_0 + x", False)])
    assert ord("\U0001d464") in points and ord("\U0001d465") in points     # 𝑤, 𝑥
    assert not any(0xAC00 <= p <= 0xD7A3 for p in mathml.font_codepoints([(r"\text{수렴}", False)]))


def test_the_font_is_cut_to_the_formulas_with_its_math_table(tmp_path):
    from fontTools.ttLib import TTFont
    found = [(r"\hat{\mathbf{W}} \leftarrow \hat{\mathbf{W}} - \alpha \nabla loss", True),
             (r"\sum_{i=1}^{n} (y_i - w_0 - w_1 x_i)^2", False)]
    target = tmp_path / "math.woff2"
    mathml.finish_font(mathml.cut_font(found, target), target)
    font = TTFont(target)
    assert font.flavor == "woff2" and "MATH" in font          # stretchy brackets, script sizes
    assert set(font.getBestCmap()) == set(mathml.font_codepoints(found))
    assert not (tmp_path / "math.woff2.part").exists()


def test_a_failed_cut_says_why(tmp_path):
    import subprocess
    import sys
    from sphinx.errors import ExtensionError
    failing = subprocess.Popen([sys.executable, "-c", "raise SystemExit('no such font')"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with pytest.raises(ExtensionError, match="no such font"):
        mathml.finish_font(failing, tmp_path / "math.woff2")


def _parent_of(root, child):
    return next(p for p in root.iter() if child in list(p))


def test_a_fenced_matrix_has_a_row_of_its_own_inside_a_split():
    """WebKit and Firefox stretch a bracket only within its own <mrow>."""
    from docutils import nodes
    tex = mathml.display_tex(nodes.math_block("", r"{\bf y} &= \begin{bmatrix} y_1 \\ y_2 \end{bmatrix} - x \\ a &= b"))
    root = _math(tex, True)
    inner = [t for t in root.iter("mtable") if t.get("displaystyle") is None]
    assert len(inner) == 1
    row = _parent_of(root, inner[0])
    assert row.tag == "mrow" and [c.tag for c in row] == ["mo", "mtable", "mo"]
    assert [c.text for c in row if c.tag == "mo"] == ["[", "]"]
    minus = [el for el in root.iter("mo") if el.text == "\u2212"][0]
    assert minus.get("lspace") is None                    # still a binary minus after ]


@pytest.mark.parametrize("tex, char", [(r"\hat{y}", "\u02c6"), (r"\bar{x}", "\u00af"),
                                       (r"\hat{\bf W}", "\u02c6")])
def test_an_accent_is_an_accent_whose_box_is_its_ink(tex, char):
    over = next(_math(tex).iter("mover"))
    assert over.get("accent") == "true"
    padded = over[1]
    assert padded.tag == "mpadded" and [c.text for c in padded] == [char]
    bottom, top = mathml._ink(char)
    assert 0.5 < bottom < top < 0.7                       # STIX Two Math: above the x-height
    assert padded.get("voffset") == f"{-bottom:.3f}em"
    assert padded.get("height") == f"{top - bottom:.3f}em" and padded.get("depth") == "0em"
    assert padded[0].get("stretchy") == "false"           # \hat, not \widehat
