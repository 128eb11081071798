"""The built site as files (no browser): the animations as frame files, page weight, the
notebooks (downloadable, committed) and the wheel the pages install, the API page,
descriptions, the root page, the favicon, the web font, sized images, no render-blocking
script. The lecture's numbers are in ``test_lecture_numbers.py``, the words the pages use in
``test_vocabulary.py``."""

import hashlib
import html
import html.parser
import inspect
import os
import re
import zipfile

import nbformat
import pytest
from PIL import Image

import gdlesson
from conftest import (BOOK_PAGES, BUILD, NOTEBOOK_PAGES, PAGES, ROOT, gdsite_common,
                      gdsite_notebooks, html_pages, page_html, shown_code)

# the learning rates the lecture animates: each has a player in the section about it
ANIMATED = {"book/04_animation": ["0.001"],
            "book/05_learning_rate": ["0.0001", "0.0083", "0.0085", "0.01"]}
FRAMES = 30                              # every lecture animation has 30 epochs
INLINE_HEAD_SCRIPT_BUDGET = 2_000        # bytes of inline script allowed in <head> (colour mode, font)
SETUP_WHEEL = re.compile(r'"(?P<url>\S+/dist/(?P<name>gdlesson-[^"/#]+\.whl))#sha256=(?P<sha>[0-9a-f]{64})"')


def _text(page):
    return html.unescape(re.sub(r"<[^>]+>", "", page_html(f"{page}.html")))


def test_what_history_table_has_30_rows(site):
    table = re.search(r'<table class="what-history">.*?</table>', page_html("book/03_training.html"),
                      re.S).group(0)
    assert table.count("<tr>") == 31
    assert "<td>1</td><td>-3.6577</td><td>8.8111</td>" in table
    assert "<td>30</td><td>2.4290</td><td>4.0144</td>" in table


class _Sections(html.parser.HTMLParser):
    """Where each <h2> of a page starts (offsets into the HTML) and its text."""

    def __init__(self, source):
        super().__init__(convert_charrefs=True)
        self.lines = [0]
        for line in source.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line))
        self.starts, self.titles, self.in_h2 = [], [], False
        self.feed(source)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag == "h2":
            line, column = self.getpos()
            self.starts.append(self.lines[line - 1] + column)
            self.titles.append("")
            self.in_h2 = True

    def handle_endtag(self, tag):
        if tag == "h2":
            self.in_h2 = False

    def handle_data(self, data):
        if self.in_h2:
            self.titles[-1] += data


def sections(source):
    """``[(h2 text, HTML of the section)]`` of a page, the text before the first h2 first."""
    found = _Sections(source)
    bounds = [0] + found.starts + [len(source)]
    titles = [""] + found.titles
    return [(titles[i], source[bounds[i]:bounds[i + 1]]) for i in range(len(titles))]


@pytest.mark.parametrize("page", sorted(ANIMATED))
def test_every_lecture_alpha_has_its_animation(site, page):
    source = page_html(f"{page}.html")
    for alpha in ANIMATED[page]:
        # the section (h2) about this α, or the whole page for its one rate
        about = [body for title, body in sections(source) if f"α = {alpha}" in title] or [source]
        players = [p for body in about for p in gdlesson.find_players(body)]
        assert any(p.labels[0].startswith(f"α = {alpha} ") for p in players), \
            f"{page}: no animation of α = {alpha} where the page speaks of it"


def _players():
    return [(page, player) for page in BOOK_PAGES
            for player in gdlesson.find_players(page_html(f"{page}.html"))]


def _frame_file(site, page, frame):
    return site / os.path.normpath(os.path.join(os.path.dirname(page), frame))


def test_animation_frames_are_webp_files_at_twice_the_size(site):
    found = _players()
    assert len(found) >= 8, f"{len(found)} players in the book"       # 04: 3, 05: 5 or more
    for page, player in found:
        assert len(player.frames) == len(player.labels) == FRAMES, f"{page}: {player.id}"
        for frame in player.frames:
            assert not frame.startswith("data:"), f"{page}: {player.id} embeds its frames"
            with Image.open(_frame_file(site, page, frame)) as image:
                kind, size = image.format, image.size
            assert kind == "WEBP" and size == (2 * player.width, 2 * player.height), \
                f"{page}: {frame} is {kind} {size}"


def test_pages_are_light(site):
    for page in html_pages(site):
        assert page.stat().st_size <= 500_000, f"{page.name} is {page.stat().st_size} bytes"
    for page, player in _players():
        frames = sum(_frame_file(site, page, f).stat().st_size for f in player.frames)
        assert frames <= 600_000, f"{page}: the 30 frames of {player.id} weigh {frames} bytes"


def test_figures_have_korean_captions(site):
    for page in NOTEBOOK_PAGES[:3]:
        captions = re.findall(r"<figcaption>(.*?)</figcaption>", page_html(f"{page}.html"), re.S)
        assert captions and all(re.search("[가-힣]", c) for c in captions), page


# --- notebooks ------------------------------------------------------------------------------

MYST = [re.compile(r"^(`{3,}|:{3,})\{[\w-]+\}", re.M),          # ```{directive} / :::{directive}
        re.compile(r"\{[\w:-]+\}`[^`]*`"),                         # {role}`content`
        re.compile(r"^\([\w-]+\)=\s*$", re.M)]                     # (label)=


ANSWER_CELL = re.compile(r'gd\.exercises\.(answer_box\("ex\d+_\d+"\)|answer_sheet\(\d+\))')


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_download_notebook_is_plain_and_has_the_pages_code(site, page):
    """The download button's notebook: plain Markdown (no MyST), and its code cells are the
    page's, in order (so the copy-run of the page's cells covers it)."""
    path = site / "_sources" / f"{page}.ipynb"
    assert path.exists(), f"no download notebook for {page}"
    nb = nbformat.read(path, as_version=4)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    left = [m.group(0) for pattern in MYST for m in pattern.finditer(markdown)]
    assert not left, f"{page}.ipynb has MyST syntax: {left[:5]}"
    code = [c.source.rstrip("\n") for c in nb.cells if c.cell_type == "code"]
    # the 확인 문제's answer boxes: the page shows each as a box, the notebook as its call
    answers = [c for c in code if ANSWER_CELL.fullmatch(c)]
    source = page_html(f"{page}.html")
    assert len(answers) == source.count('<form class="gd-answer"') + \
        source.count('<div class="gd-answer-sheet"')
    assert [c for c in code if c not in answers] == shown_code(source), \
        f"the code cells of {page}.ipynb differ from the page's"


def test_committed_notebooks_are_those_of_the_build(site):
    """book/*.ipynb (the Colab button opens them) are what ``make notebooks`` writes from
    this build's executed notebooks."""
    stale = []
    for path, text in gdsite_notebooks.repo_notebooks(BUILD).items():
        old = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        new = text.splitlines()
        if old != new:
            line = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
            stale.append(f"{path.relative_to(ROOT).as_posix()} (line {line + 1}: "
                         f"{(old[line] if line < len(old) else '(end)').strip()[:100]!r} -> "
                         f"{(new[line] if line < len(new) else '(end)').strip()[:100]!r})")
    assert not stale, "stale committed notebooks: run `make notebooks`\n" + "\n".join(stale)


def test_download_button_offers_the_notebook(site):
    source = page_html("book/02_loss_and_gradient.html")
    assert "_sources/book/02_loss_and_gradient.ipynb" in source
    assert "colab.research.google.com/github/" in source and "02_loss_and_gradient.ipynb" in source


def test_the_site_publishes_the_wheel_its_pages_install(site):
    wheels = sorted((site / "dist").glob("gdlesson-*.whl"))
    assert len(wheels) == 1, f"dist/ holds {[w.name for w in wheels]}"
    wheel = wheels[0]
    sha = hashlib.sha256(wheel.read_bytes()).hexdigest()
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"gdlesson/__init__.py", "gdlesson/player/core.py", "gdlesson/player/static/gd-player.js"} <= names
    baseurl = gdsite_common.site_baseurl()
    for page in NOTEBOOK_PAGES:
        setup = shown_code(page_html(f"{page}.html"))[0]
        found = SETUP_WHEEL.search(setup)
        assert found, f"{page}: the setup cell names no wheel:\n{setup}"
        assert found["url"] == f"{baseurl}/dist/{wheel.name}", f"{page}: installs {found['url']}"
        assert found["sha"] == sha, f"{page}: the setup cell pins sha256={found['sha']}, " \
                                    f"the published wheel is {sha}"


def test_api_page_lists_every_public_name(site):
    source = page_html("book/api.html")
    text = re.sub(r"\s+", " ", _text("book/api")).replace("\u2019", "'")
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
        assert f'href="api.html#gdlesson.{name}"' in page_html(f"{page}.html"), page


# --- every page -----------------------------------------------------------------------------

def test_every_page_has_its_own_korean_description(site):
    seen, problems = {}, []
    for page in html_pages(site):
        name = page.relative_to(site).as_posix()
        found = tags_of(page).descriptions
        if len(found) != 1:
            problems.append(f"{name}: {len(found)} descriptions")
            continue
        text = html.unescape(found[0])
        if not (re.search("[가-힣]", text) and 20 <= len(text) <= 160):
            problems.append(f"{name}: {text!r}")
        if "\\" in text or "$" in text:
            problems.append(f"{name}: raw TeX in {text!r}")
        if page.parent.name == "book" and text in seen:
            problems.append(f"{name} has the description of {seen[text]}")
        seen[text] = name
    assert not problems, "\n".join(problems)


def test_root_index_is_a_page_that_redirects(site):
    source = page_html("index.html")
    assert source.startswith("<!DOCTYPE html>") and '<html lang="ko">' in source
    assert re.search(r"<title>[^<]*[가-힣][^<]*</title>", source)
    assert tags_of(site / "index.html").descriptions
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


class _Tags(html.parser.HTMLParser):
    """The description metas of a page, and its <img> tags with whether each one sits in a
    header menu (drawn only when the reader opens it)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.descriptions, self.images, self.menus = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("name") == "description":
            self.descriptions.append(attrs.get("content") or "")
        elif tag == "img":
            self.images.append((attrs, any(self.menus)))
        elif tag == "ul":
            self.menus.append("dropdown-menu" in (attrs.get("class") or "").split())

    def handle_endtag(self, tag):
        if tag == "ul" and self.menus:
            self.menus.pop()


def tags_of(page):
    parser = _Tags()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_every_image_has_its_size(site):
    """Images in the text carry width and height, so nothing moves when they arrive. The
    launch menu's logos are left out: they are drawn only when the reader opens the menu
    (the crawl's layout-shift check covers the page as it loads)."""
    unsized = [f"{page.relative_to(site).as_posix()}: {attrs.get('src')}"
               for page in html_pages(site) for attrs, in_menu in tags_of(page).images
               if not in_menu and not (attrs.get("width", "").isdigit()
                                       and attrs.get("height", "").isdigit())]
    assert not unsized, f"{len(unsized)} images without width and height:\n" + "\n".join(unsized)


def test_no_render_blocking_script(site):
    for page in html_pages(site):
        head = page.read_text(encoding="utf-8").split("</head>", 1)[0]
        for tag in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", head):
            assert re.search(r"\s(defer|async)\b|type=\"module\"", tag), f"{page.name}: {tag}"
        inline = sum(len(s) for s in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", head, re.S)
                     if s.strip())
        assert inline <= INLINE_HEAD_SCRIPT_BUDGET, f"{page.name}: {inline} bytes of inline script"
