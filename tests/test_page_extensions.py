"""The page helpers of ``_ext/page_meta.py`` and ``_ext/page_assets.py`` (no site build
needed): descriptions written from a page's first paragraph, and which component a page
body uses."""

from docutils.core import publish_doctree
from site_extensions import load_extension

page_meta = load_extension("page_meta")
page_assets = load_extension("page_assets")


def test_formulas_read_as_plain_text():
    tex = page_meta.tex_as_text
    assert tex(r"{\bf W} \leftarrow {\bf W} - \alpha \frac{\partial}{\partial {\bf W}}loss") \
        == "W ← W - α ∂/∂W loss"
    assert tex(r"\hat{\bf W}") == "Ŵ"
    assert tex(r"y_i = w_0 + w_1 x_i + \epsilon_i") == "yᵢ = w₀ + w₁ xᵢ + εᵢ"
    assert tex(r"{\bf X}^T{\bf X}") == "XᵀX"


def test_descriptions_are_cut_at_a_sentence_or_a_word():
    short = "짧은 문장입니다."
    assert page_meta.shorten(short) == short
    sentences = "첫 문장은 이만큼 깁니다. " * 12
    cut = page_meta.shorten(sentences, 100)
    assert len(cut) <= 100 and cut.endswith("깁니다.")
    words = "띄어쓰기만 있고 마침표가 없는 아주 긴 문장" * 10
    cut = page_meta.shorten(words, 100)
    assert len(cut) <= 100 and cut.endswith("…") and not cut[:-1].endswith(" ")


def test_description_is_the_first_paragraph_of_prose():
    doctree = publish_doctree("""Title
=====

**Author** · 2022

.. note::

   An admonition comes first but is not the page's description at all.

- a list item that is long enough to count as prose, but it is a list

The first paragraph of prose, long enough to describe the page.
""")
    assert page_meta.page_description(doctree) == \
        "The first paragraph of prose, long enough to describe the page."


def test_a_component_is_used_when_an_element_has_its_class():
    uses = page_assets._uses
    assert uses('<div class="highlight"><pre>', page_assets._CODE)
    assert not uses('<div class="highlight-ipython3 notranslate">', page_assets._CODE)
    assert uses('<details class="sd-sphinx-override sd-dropdown sd-card">', page_assets._DESIGN)
    assert not uses('<details class="sd-sphinx-override sd-dropdown">', page_assets._TOGGLE)
    assert uses('<div class="admonition dropdown">', page_assets._TOGGLE)
    assert uses('<div class="cell docutils container">', page_assets._CELL)
    assert not uses('<div class="cell_output docutils container">', page_assets._CELL)
