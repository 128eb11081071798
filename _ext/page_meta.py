"""What search engines, link previews and old browsers ask of every page.

- ``<meta name="description">`` on every page, in Korean and specific to the page: its
  first paragraph of prose (the first one of at least ``MIN_PARAGRAPH`` characters outside
  admonitions, lists, tables and cell outputs; math written as plain text: α, Ŵ, xᵢ),
  shortened to ``MAX_DESCRIPTION`` characters at a sentence or word boundary. A page that
  sets its own (MyST front matter ``html_meta: {description: …}``) keeps it. The search
  and index pages get a fixed one.
- ``index.html`` at the root of the site: Jupyter Book writes a bare redirect there (no
  doctype, no title). It becomes a small HTML5 page with a title, a description and a
  canonical link that redirects to the first page (``<meta http-equiv="Refresh">`` plus a
  visible link, for browsers that do not follow it). It links no icon: the redirect would
  cut that request short (browsers fall back to ``/favicon.ico``).
- ``/favicon.ico`` is copied from ``book/_extra/`` by ``html_extra_path`` (browsers and
  crawlers ask for it whatever the page's ``<link rel="icon">`` says); it is the site's
  ``favicon.svg`` drawn at 16, 32 and 48 px.
"""

import html
import re
import unicodedata
from pathlib import Path

from docutils import nodes

MIN_PARAGRAPH = 30
MAX_DESCRIPTION = 150
SKIP_INSIDE = (nodes.Admonition, nodes.list_item, nodes.table, nodes.caption, nodes.footnote,
               nodes.sidebar, nodes.topic)
OTHER_PAGES = {"search": "{title} — 교재 전체에서 단어를 찾습니다.",
               "genindex": "{title} — 교재의 색인입니다."}

TEX_WORDS = {
    r"\alpha": "α", r"\beta": "β", r"\epsilon": "ε", r"\varepsilon": "ε", r"\lambda": "λ",
    r"\eta": "η", r"\theta": "θ", r"\sigma": "σ", r"\mu": "μ", r"\partial": "∂",
    r"\nabla": "∇", r"\sum": "Σ", r"\leftarrow": "←", r"\rightarrow": "→", r"\to": "→",
    r"\times": "×", r"\cdot": "·", r"\approx": "≈", r"\le": "≤", r"\leq": "≤", r"\ge": "≥",
    r"\geq": "≥", r"\neq": "≠", r"\dots": "…", r"\ldots": "…", r"\cdots": "…", r"\infty": "∞",
    r"\top": "ᵀ", r"\quad": " ", r"\qquad": " ", r"\,": " ", r"\;": " ", r"\!": "",
}
SUBSCRIPTS = str.maketrans("0123456789ijn", "₀₁₂₃₄₅₆₇₈₉ᵢⱼₙ")


def tex_as_text(tex):
    """A short TeX formula as plain text: ``\\hat{\\bf W}`` → Ŵ, ``x_i`` → xᵢ, ``\\alpha`` → α."""
    text = re.sub(r"\{\\(?:bf|rm|it)\s+([^{}]*)\}", r"{\1}", tex)              # {\bf W} -> {W}
    text = re.sub(r"\\(?:mathbf|boldsymbol|mathrm|operatorname|text)\{([^{}]*)\}", r"\1", text)
    text = re.sub(r"\\(?:bf|rm|it)\b\s*", "", text)
    text = re.sub(r"\\hat\s*\{\s*([A-Za-z])\s*\}|\\hat\s+([A-Za-z])",
                  lambda m: (m.group(1) or m.group(2)) + "\u0302", text)       # Ŵ
    arg = r"\{((?:[^{}]|\{[^{}]*\})*)\}"                                        # {…} or {…{…}…}
    text = re.sub(r"\\frac" + arg + arg, r"\1/\2 ", text)
    for word in sorted(TEX_WORDS, key=len, reverse=True):
        text = re.sub(re.escape(word) + r"(?![A-Za-z])", TEX_WORDS[word], text)
    text = re.sub(r"_\{?([0-9ijn])\}?", lambda m: m.group(1).translate(SUBSCRIPTS), text)
    text = re.sub(r"\^\{?T\}?", "ᵀ", text).replace("^2", "²")
    text = re.sub(r"\\[A-Za-z]+", "", text).replace("{", "").replace("}", "")
    text = re.sub(r"∂\s+", "∂", text)
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", text).strip())   # W + ̂ -> Ŵ


def _text(node):
    """The text of a paragraph, its math as plain text."""
    if isinstance(node, nodes.math):
        return tex_as_text(node.astext())
    if isinstance(node, nodes.Text):
        return str(node)
    return "".join(_text(child) for child in node.children)


def _inside(node, kinds):
    parent = node.parent
    while parent is not None:
        if isinstance(parent, kinds) or "cell_output" in parent.get("classes", ()):
            return True
        parent = parent.parent
    return False


def shorten(text, limit=MAX_DESCRIPTION):
    """``text`` cut to ``limit`` characters: at the end of a sentence if one ends in the
    second half, otherwise at a space, with "…"."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    head = text[:limit]
    ends = [m.end() for m in re.finditer(r"[.?!。](?=\s)", head)]
    if ends and ends[-1] >= limit // 2:
        return head[:ends[-1]]
    return head[:head.rfind(" ") if " " in head[limit // 2:] else limit - 1].rstrip(" ,") + "…"


def page_description(doctree):
    """The description of a page: its first paragraph of prose, shortened."""
    for paragraph in doctree.findall(nodes.paragraph):
        if _inside(paragraph, SKIP_INSIDE):
            continue
        text = re.sub(r"\s+", " ", _text(paragraph)).strip()
        if len(text) >= MIN_PARAGRAPH:
            return shorten(text)
    return ""


def _describe(app, pagename, templatename, context, doctree):
    metatags = context.get("metatags", "")
    if 'name="description"' in metatags:
        return
    if doctree is not None:
        description = page_description(doctree)
    else:
        description = OTHER_PAGES.get(pagename, "").format(
            title=app.config.html_title or app.config.project)
    if description:
        context["metatags"] = (metatags + f'\n    <meta name="description" '
                               f'content="{html.escape(description)}" />')


ROOT_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="description" content="{description}">
{canonical}<meta http-equiv="Refresh" content="0; url={target}">
</head>
<body>
<p><a href="{target}">{title}</a> 교재의 첫 페이지로 이동합니다.</p>
</body>
</html>
"""


def _root_index(app, exception):
    """The site's root index.html: a valid page that redirects to the book's first page."""
    if exception is not None or app.builder.name != "html" or app.config.root_doc == "index":
        return
    target = app.builder.get_target_uri(app.config.root_doc)
    description = page_description(app.env.get_doctree(app.config.root_doc))
    base = app.config.html_baseurl
    canonical = (f'<link rel="canonical" href="{html.escape(base.rstrip("/") + "/" + target)}">\n'
                 if base else "")
    Path(app.outdir, "index.html").write_text(ROOT_PAGE.format(
        lang=app.config.language or "en", title=html.escape(app.config.html_title or app.config.project),
        description=html.escape(description), canonical=canonical,
        target=html.escape(target)), encoding="utf-8")


def setup(app):
    app.connect("html-page-context", _describe)
    app.connect("build-finished", _root_index, priority=900)   # after sphinx-external-toc's stub
    return {"parallel_read_safe": True, "parallel_write_safe": True}
