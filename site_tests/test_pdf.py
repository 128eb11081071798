"""The lecture as one PDF (``make pdf``, ``_ext/gdpdf``), read as a reader and a printer
would: its text holds every number the lecture prints, every chapter and section title and
every figure and animation caption of the built pages; its fonts are embedded; nothing lies
outside the page or in its margins; its outline holds every chapter with its sections; its
links inside the PDF land on its pages and its links out are addresses; the solutions are in
the appendix, not under the questions; its metadata names the title, author and language.

What it must hold comes from the built site (``_build/html``) and the lecture's numbers
(``test_lecture_numbers.PRINTED``, ``tests/lecture_values.py``), not from lists typed here.
"""

import html.parser
import re
import subprocess
import sys

import pytest
from PIL import Image
from pypdf import PdfReader

from conftest import BOOK_PAGES, BUILD, ROOT, SITE, page_html
from test_lecture_numbers import PRINTED

sys.path.insert(0, str(ROOT / "tests"))
from lecture_values import WHAT_HISTORY  # noqa: E402

sys.path.insert(0, str(ROOT / "_ext"))
from gdpdf import PDF_NAME  # noqa: E402
from gdpdf import make as gdpdf  # noqa: E402

PDF = BUILD / "pdf" / PDF_NAME
MM = 72 / 25.4                       # points per millimetre
MARGIN_MM = {"left": 13, "right": 13, "top": 14, "bottom": 16}   # gdpdf/pdf.css, @page
FOOTER_BAND_MM = 6                   # the footer sits in the bottom margin; below it, nothing


def squeeze(text):
    """Text without any whitespace: a line the PDF wrapped compares equal to the page's."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def pdf():
    if not PDF.exists():
        pytest.fail(f"{PDF} is missing: run `make pdf` (`make test` does)")
    return PdfReader(PDF)


def _pdftotext(*options):
    out = subprocess.run(["pdftotext", *options, str(PDF), "-"], capture_output=True,
                         text=True, check=True).stdout
    return out.split("\f")[:-1]


@pytest.fixture(scope="module")
def pages_text():
    """The text of every page in the order it was printed (index 0 is page 1); ``-raw``,
    since pdftotext's reading order otherwise drops a hyphen that ends a wrapped line."""
    return _pdftotext("-raw")


@pytest.fixture(scope="module")
def pages_layout():
    """The text of every page laid out as printed: a contents entry and its number, the
    footer's chapter and page number, each on one line."""
    return _pdftotext("-layout")


@pytest.fixture(scope="module")
def text(pages_text):
    return squeeze("".join(pages_text))


class _Parts(html.parser.HTMLParser):
    """A built page's headings (h1–h3) and captions (figcaption), as their text, and the
    text of each solution (``details.gd-solution`` without its summary)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings, self.captions, self.solutions = [], [], []
        self.stack, self.current, self.skip = [], None, 0

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag in ("h1", "h2", "h3"):
            self.current = (self.headings, tag, [])
        elif tag == "figcaption":
            self.current = (self.captions, tag, [])
        elif tag == "details" and "gd-solution" in classes:
            self.current = (self.solutions, tag, [])
        if self.current and tag in ("summary", "script", "style") or "headerlink" in classes:
            self.skip += 1
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
            self.skip -= 1
        elif self.current and tag == self.current[1]:
            target, name, parts = self.current
            target.append((name, " ".join("".join(parts).split())))
            self.current = None

    def handle_data(self, data):
        if self.current and not self.skip:
            self.current[2].append(data)


def parts(page):
    parser = _Parts()
    source = page_html(f"{page}.html")
    parser.feed(source[source.index('<article class="bd-article">'):source.index("</article>")])
    return parser


def chapter_pages(pdf):
    """``[(first page index, last page index)]`` of each chapter, in the outline's order
    (the outline's first entry is the contents page)."""
    tops = [item for item in pdf.outline if not isinstance(item, list)][1:]
    starts = [pdf.get_destination_page_number(item) for item in tops]
    return list(zip(starts, [s - 1 for s in starts[1:]] + [len(pdf.pages) - 1]))


# --- what it holds ----------------------------------------------------------------------------

def test_the_pdf_is_in_the_site_where_the_pages_link_it():
    assert (SITE / PDF_NAME).read_bytes() == PDF.read_bytes()
    for page in BOOK_PAGES + ["search", "genindex"]:
        assert f'href="{"../" if page.startswith("book/") else ""}{PDF_NAME}"' in page_html(f"{page}.html"), page


@pytest.mark.parametrize("name, page, printed", PRINTED, ids=[n for n, _, _ in PRINTED])
def test_every_number_the_lecture_prints(text, name, page, printed):
    assert squeeze(printed) in text, f"{name} ({page}) {printed!r} is not in the PDF"


def test_every_row_of_the_what_history(text):
    missing = [row for row in WHAT_HISTORY if squeeze(f"[{row[0]}, {row[1]}]") not in text]
    assert not missing, f"rows of What_history not in the PDF: {missing}"


@pytest.mark.parametrize("page", BOOK_PAGES)
def test_every_title_and_caption_of_the_page(text, page):
    found = parts(page)
    assert found.headings, page
    missing = [t for _, t in found.headings + found.captions if squeeze(t) not in text]
    assert not missing, f"{page}: titles or captions not in the PDF: {missing}"


def test_animations_print_as_captioned_filmstrips(text):
    """Every player prints as its strip of frames, each frame with its label, under the
    number the site gives it (a numbered caption: 그림 4.3)."""
    strips = 0
    for page in BOOK_PAGES:
        source = page_html(f"{page}.html")
        for strip in re.findall(r'<div class="gd-strip">(.*?)</div>', source, re.S):
            strips += 1
            labels = re.findall(r"<figcaption>(.*?)</figcaption>", strip)
            assert len(labels) >= 4, page
            for label in labels:
                assert squeeze(label) in text, (page, label)
        if strips and '<div class="gd-strip">' in source:
            numbered = [t for _, t in parts(page).captions if re.match(r"(그림|애니메이션) \d+\.\d+", t)]
            assert numbered and all(squeeze(t) in text for t in numbered), page
    assert strips > 0


def test_the_cover(pages_text):
    cover = squeeze(pages_text[0])
    config = gdpdf.read_yaml("_config.yml")
    for fact in (config["title"], config["author"], config["html"]["baseurl"]):
        assert squeeze(fact) in cover, fact
    index = page_html("book/index.html")
    video = re.search(r'href="(https://(?:www\.)?youtu[^"]+)"', index).group(1)
    assert squeeze(video.replace("&amp;", "&")) in cover
    date = re.search(r"\d{4}년 \d+월 \d+일", index).group(0)
    assert squeeze(date) in cover


def test_the_contents_page_numbers_are_where_the_chapters_start(pdf, pages_layout):
    contents = pages_layout[1] + pages_layout[2]
    for (first, _last), item in zip(chapter_pages(pdf), [i for i in pdf.outline if not isinstance(i, list)][1:]):
        line = next((line for line in contents.splitlines() if squeeze(item.title) in squeeze(line)), None)
        assert line is not None, f"{item.title!r} is not on the contents page"
        assert line.split()[-1] == str(first + 1), f"{line.strip()!r}: the chapter starts on page {first + 1}"


def test_every_page_has_its_chapter_and_number_in_the_footer(pdf, pages_layout):
    total = len(pages_layout)
    chapters = [i.title for i in pdf.outline if not isinstance(i, list)][1:]
    for (first, last), title in zip(chapter_pages(pdf), chapters):
        for index in range(first, last + 1):
            tail = squeeze(pages_layout[index].rstrip().splitlines()[-1])
            assert tail.endswith(f"{index + 1}/{total}"), (index + 1, tail)
            assert tail.startswith(squeeze(title)), (index + 1, tail, title)


def test_solutions_are_in_the_appendix_not_under_the_questions(pdf, pages_text):
    spans = dict(zip(BOOK_PAGES, chapter_pages(pdf)))
    first, last = spans["book/answers"]
    appendix = squeeze("".join(pages_text[first:last + 1]))
    count = 0
    for page in BOOK_PAGES:
        if page == "book/answers":
            continue
        start, end = spans[page]
        chapter = squeeze("".join(pages_text[start:end + 1]))
        for _, solution in parts(page).solutions:
            count += 1
            assert squeeze(solution) not in chapter, f"{page}: a solution prints under its question"
            assert squeeze(solution)[:60] in appendix, f"{page}: a solution is not in the appendix"
    assert count > 0


# --- how it is made ---------------------------------------------------------------------------

def test_every_font_is_embedded():
    out = subprocess.run(["pdffonts", str(PDF)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows
    for row in rows:
        emb = row.split()[-5]           # the columns emb sub uni object ID, at the line's end
        assert emb == "yes", f"a font is not embedded: {row}"


def test_no_text_outside_the_page_box_or_in_the_margins(pdf):
    """Every word (pdftotext -bbox) lies inside the page box, within the side margins, and
    above the band at the bottom edge (the footer is in the bottom margin). The top is left
    to the rasterised check: a word's box here is its font's full height, above the ink."""
    out = subprocess.run(["pdftotext", "-bbox", str(PDF), "-"], capture_output=True,
                         text=True, check=True).stdout
    outside = []
    for number, page in enumerate(re.findall(r"<page (.*?)</page>", out, re.S), start=1):
        width, height = (float(v) for v in re.search(r'width="([\d.]+)" height="([\d.]+)"', page).groups())
        for x0, y0, x1, y1, word in re.findall(
                r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>', page):
            x0, y0, x1, y1 = map(float, (x0, y0, x1, y1))
            if (x0 < MARGIN_MM["left"] * MM - 1 or x1 > width - MARGIN_MM["right"] * MM + 1
                    or y0 < 0 or y1 > height - FOOTER_BAND_MM * MM):
                outside.append((number, word, round(x0), round(y0), round(x1), round(y1)))
    assert not outside, f"words outside the printed area (page, word, box in pt): {outside[:10]}"


def test_every_page_keeps_a_blank_margin(tmp_path):
    """Rasterised, every page's edges are blank: left and right as wide as the side margins,
    the top margin, and the band below the footer — no image or box runs into them."""
    subprocess.run(["pdftoppm", "-r", "30", "-gray", "-png", str(PDF), str(tmp_path / "p")], check=True)
    inked = []
    for png in sorted(tmp_path.glob("p-*.png")):
        with Image.open(png) as image:
            px_per_mm = image.width / (gdpdf.PAPERS["A4"][0] if image.height > image.width * 1.35 else gdpdf.PAPERS["Letter"][0])
            ink = image.point(lambda v: 255 if v < 235 else 0)
            box = ink.getbbox()
            if box is None:
                continue
            band = {"left": box[0], "top": box[1], "right": image.width - box[2], "bottom": image.height - box[3]}
            need = {"left": MARGIN_MM["left"], "right": MARGIN_MM["right"], "top": MARGIN_MM["top"],
                    "bottom": FOOTER_BAND_MM}
            short = {side: round(band[side] / px_per_mm, 1) for side in band
                     if band[side] < (need[side] - 1.5) * px_per_mm}
            if short:
                inked.append((png.stem, short))
    assert not inked, f"pages with ink in the margin (page, blank mm left): {inked[:10]}"


def test_the_outline_holds_every_chapter_and_its_sections(pdf):
    top = [item for item in pdf.outline if not isinstance(item, list)]
    assert top[0].title == "차례"
    chapters = top[1:]
    assert len(chapters) == len(BOOK_PAGES)
    children = {}
    for i, item in enumerate(pdf.outline):
        if isinstance(item, list):
            children[pdf.outline[i - 1].title] = [c.title for c in item if not isinstance(c, list)]
    for page, item in zip(BOOK_PAGES, chapters):
        headings = parts(page).headings
        h1 = [t for tag, t in headings if tag == "h1"][0]
        assert item.title == h1, (page, item.title)
        h2 = [t for tag, t in headings if tag == "h2"]
        assert children.get(item.title, []) == h2, page
    starts = [pdf.get_destination_page_number(item) for item in chapters]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)


def test_internal_links_land_on_its_pages_and_external_ones_are_addresses(pdf):
    dests = pdf.named_destinations
    pages = {page.indirect_reference.idnum for page in pdf.pages}
    internal = external = 0
    for page in pdf.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            if "/Dest" in annot:
                name = annot["/Dest"]
                assert name in dests, f"a link to {name}, which the PDF does not hold"
                assert dests[name].page.idnum in pages
                internal += 1
            else:
                uri = annot["/A"]["/URI"]
                assert uri.startswith(("https://", "http://", "mailto:")), uri
                assert "127.0.0.1" not in uri, uri
                external += 1
    contents_links = [a.get_object()["/Dest"] for p in pdf.pages[1:3] for a in p.get("/Annots") or []]
    assert len(contents_links) >= len(BOOK_PAGES)
    assert internal > len(contents_links) and external > 0


def test_the_metadata_names_title_author_and_language(pdf):
    config = gdpdf.read_yaml("_config.yml")
    assert pdf.metadata.title == config["title"]
    assert pdf.metadata.author == config["author"]
    assert pdf.trailer["/Root"]["/Lang"] == "ko"


def test_a4_by_default(pdf):
    box = pdf.pages[0].mediabox
    assert (round(float(box.width) / MM), round(float(box.height) / MM)) == gdpdf.PAPERS["A4"]


def test_destinations_and_contents_pages():
    """The contents' page numbers come from where Chromium put each id."""
    found = {"a": (3, 700.0), "a--x": (4, 100.0)}
    entries = [{"id": "a", "level": 1, "text": "A"}, {"id": "a--x", "level": 2, "text": "X"}]
    assert gdpdf.heading_pages(entries, found) == [4, 5]
    with pytest.raises(RuntimeError, match="a--y"):
        gdpdf.heading_pages([{"id": "a--y", "level": 2, "text": "Y"}], found)
    assert gdpdf.pdf_startxref(b"%PDF-1.3\n...\nstartxref\n1234\n%%EOF\n") == 1234
