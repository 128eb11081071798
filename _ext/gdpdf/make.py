"""The lecture as one PDF, printed from the built site by Chromium.

Every page of ``_toc.yml`` is opened in Debian's Chromium (through Playwright, no browser
download), its article taken as its scripts left it (``snapshot.js``), and all of them put
into one print document after a cover and a contents page (``assemble.js``, ``pdf.css``).
Chromium prints that document with the site's print styles: the outline from the headings,
links inside the document as links inside the PDF, the running footer from CSS named pages.
It is printed twice: the first print tells on which page each heading landed, the second
carries those numbers on the contents page. pypdf then adds the author, subject and language.
"""

import argparse
import functools
import http.server
import io
import logging
import os
import re
import shutil
import sys
import threading
import time
from pathlib import Path

import yaml

# pypdf says (as a log record) that Chromium's trailer counts fewer objects than it writes:
# nothing a reader of the PDF meets
logging.getLogger("pypdf").setLevel(logging.ERROR)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
from gdpdf import PDF_NAME
PAPERS = {"A4": (210, 297), "Letter": (215.9, 279.4)}
SIDE_MARGINS_MM = 13 * 2                       # pdf.css: @page margin, left and right
CHROMIUM = os.environ.get("GDPDF_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-extensions", "--mute-audio"]


def read_yaml(name):
    """A YAML file of the repository's root (``_config.yml``, ``_toc.yml``)."""
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


def toc_pages():
    """The pages of ``_toc.yml`` as paths of the built site without ``.html``
    (``book/01_model_and_data``), root first, in reading order."""
    toc = read_yaml("_toc.yml")
    return [toc["root"]] + [chapter["file"] for part in toc.get("parts", [])
                            for chapter in part["chapters"]]


def serve(directory):
    """Serve ``directory`` on 127.0.0.1 at a free port in a thread: ``(base URL, stop)``."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                          ".webp": "image/webp", ".woff2": "font/woff2", ".js": "text/javascript"}

        def log_message(self, *args):
            pass

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            if not isinstance(sys.exc_info()[1], ConnectionError):   # a tab that moved on
                super().handle_error(request, client_address)

    httpd = Server(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()

    def stop():
        httpd.shutdown()
        httpd.server_close()
    return f"http://127.0.0.1:{httpd.server_address[1]}/", stop


def destinations(pdf):
    """Where each id of the print document landed: ``{id: (page index, top)}``, from the named
    destinations Chromium writes for every element with an id."""
    from pypdf import PdfReader
    reader = PdfReader(io.BytesIO(pdf))
    found = {}
    for name, dest in reader.named_destinations.items():
        found[name.lstrip("/")] = (reader.get_destination_page_number(dest), float(dest.top or 0))
    return found


def heading_pages(entries, found):
    """The page number (from 1) of each contents entry."""
    missing = [entry["id"] for entry in entries if entry["id"] not in found]
    if missing:
        raise RuntimeError(f"headings with no place in the PDF: {missing}")
    return [found[entry["id"]][0] + 1 for entry in entries]


def cover(index_html, config):
    """The cover's facts: the author, the byline of the book's first page, its lecture
    video links and the site's address."""
    return {"author": config["author"], "byline": index_html["byline"],
            "videos": index_html["videos"],
            "site": config["html"]["baseurl"]}


INDEX_JS = """() => ({
  byline: (document.querySelector("article.bd-article h1 ~ p") || {textContent: ""}).textContent.replace(/\\s+/g, " ").trim(),
  videos: Array.from(document.querySelectorAll("article.bd-article a[href]"))
    .filter(a => /(^|\\.)(youtube\\.com|youtu\\.be)$/.test(new URL(a.href).hostname))
    .map(a => ({text: a.textContent.trim(), href: a.href})),
})"""


def finish(pdf, config, language, entries, found):
    """The printed PDF with its outline (every chapter, its sections under it) and the
    author, the subject and the language in its metadata (Chromium writes the title only),
    as an incremental update: Chromium's objects stay as written and the new ones follow
    them (pypdf's writer reads and hashes all 25,000 objects first, which takes longer than
    printing)."""
    from pypdf import PdfReader
    from pypdf.generic import (ArrayObject, DictionaryObject, FloatObject, IndirectObject,
                               NameObject, NullObject, NumberObject, TextStringObject)
    reader = PdfReader(io.BytesIO(pdf))
    used = max([int(reader.trailer["/Size"]) - 1] + [n for table in reader.xref.values() for n in table])
    objects = {}

    def new(obj):
        number = used + 1 + len(objects)
        objects[number] = obj
        return IndirectObject(number, 0, reader)

    outline = DictionaryObject({NameObject("/Type"): NameObject("/Outlines")})
    outline_ref = new(outline)
    tree = [("차례", 1, float(reader.pages[1].mediabox.top), [])]  # the contents: after the cover
    for entry in entries:
        page, top = found[entry["id"]]
        if entry["level"] == 1:
            tree.append((entry["text"], page, top, []))
        else:
            tree[-1][3].append((entry["text"], page, top, []))

    def items(nodes, parent, parent_ref):
        refs = [new(DictionaryObject()) for _ in nodes]
        for i, ((title, page, top, children), ref) in enumerate(zip(nodes, refs)):
            item = objects[ref.idnum]
            item.update({NameObject("/Title"): TextStringObject(title),
                         NameObject("/Parent"): parent_ref,
                         NameObject("/Dest"): ArrayObject([
                             reader.pages[page].indirect_reference, NameObject("/XYZ"),
                             NumberObject(0), FloatObject(top), NullObject()])})
            if i:
                item[NameObject("/Prev")] = refs[i - 1]
            if i + 1 < len(refs):
                item[NameObject("/Next")] = refs[i + 1]
            if children:
                items(children, item, ref)
        parent.update({NameObject("/First"): refs[0], NameObject("/Last"): refs[-1],
                       NameObject("/Count"): NumberObject(len(refs))})
    items(tree, outline, outline_ref)

    root_ref = reader.trailer.raw_get("/Root")
    root = DictionaryObject({key: reader.trailer["/Root"].raw_get(key) for key in reader.trailer["/Root"]})
    root[NameObject("/Outlines")] = outline_ref
    root[NameObject("/PageMode")] = NameObject("/UseOutlines")
    root.setdefault(NameObject("/Lang"), TextStringObject(language))   # Chromium writes it when tagged
    objects[root_ref.idnum] = root
    info = DictionaryObject(reader.trailer["/Info"] if "/Info" in reader.trailer else {})
    info.update({NameObject("/Title"): TextStringObject(config["title"]),
                 NameObject("/Author"): TextStringObject(config["author"]),
                 NameObject("/Subject"): TextStringObject("경사하강법으로 배우는 선형회귀: 강의 전체"),
                 NameObject("/Keywords"): TextStringObject("딥러닝, 회귀분석, 경사하강법, PyTorch")})
    info_ref = new(info)

    out = io.BytesIO()
    out.write(pdf if pdf.endswith(b"\n") else pdf + b"\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(f"{number} 0 obj\n".encode())
        objects[number].write_to_stream(out)
        out.write(b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n")
    for number in sorted(offsets):
        out.write(f"{number} 1\n{offsets[number]:010d} 00000 n\r\n".encode())
    trailer = DictionaryObject({NameObject("/Size"): NumberObject(max(offsets) + 1),
                                NameObject("/Root"): root_ref, NameObject("/Info"): info_ref,
                                NameObject("/Prev"): NumberObject(pdf_startxref(pdf))})
    if "/ID" in reader.trailer:
        trailer[NameObject("/ID")] = reader.trailer["/ID"]
    out.write(b"trailer\n")
    trailer.write_to_stream(out)
    out.write(f"\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def pdf_startxref(pdf):
    """The offset of a PDF's last cross-reference section (its last ``startxref``)."""
    tail = pdf[pdf.rindex(b"startxref"):]
    return int(tail.split()[1])


def read_chapters(context, base, pages, published):
    """Every page of ``pages`` opened in turn, its scripts run: ``(chapters, stylesheets,
    facts of the first page for the cover)``."""
    snapshot_js = (HERE / "snapshot.js").read_text(encoding="utf-8")
    tab = context.new_page()
    # the images are fetched by the print document; here they would only slow the pages down
    tab.route(re.compile(r"\.(webp|png|jpe?g|gif)(\?.*)?$"), lambda route: route.abort())
    chapters, styles, index = [], [], None
    for path in pages:
        tab.goto(base + path + ".html", wait_until="load")
        tab.emulate_media(media="print")
        if index is None:
            index = tab.evaluate(INDEX_JS)
        slug = path.split("/")[-1]
        got = tab.evaluate(snapshot_js, [slug, pages, base, published])
        chapters.append({"slug": slug, "title": got["title"], "html": got["html"]})
        styles += [href for href in got["styles"] if href not in styles]
    tab.close()
    return chapters, styles, index


def print_book(book, paper, entries):
    """Print the assembled document until the contents' page numbers are those of the
    print: ``(PDF, destinations, prints made)``. The first print only finds the pages, so
    it leaves the images out (hidden, their boxes kept: every image has its size), which
    saves encoding them; the second carries the numbers and the images."""
    numbers_js = (HERE / "numbers.js").read_text(encoding="utf-8")
    draft = "on => document.documentElement.classList.toggle('gd-pdf-draft', on)"
    numbers = None
    for prints in range(1, 4):
        book.evaluate(draft, prints == 1)
        pdf = book.pdf(format=paper, tagged=True, print_background=True)
        found = destinations(pdf)
        now = heading_pages(entries, found)
        if now == numbers:
            return pdf, found, prints
        numbers = now
        book.evaluate(numbers_js, numbers)
    raise RuntimeError("the contents' page numbers do not settle")


def pdf_name(paper):
    """The PDF's file name: the site's for A4, with the paper's name for another."""
    return PDF_NAME if paper == "A4" else PDF_NAME.replace(".pdf", f"-{paper.lower()}.pdf")


def make(site, out_dir, paper="A4"):
    """Print the built ``site`` as one PDF on ``paper`` into ``out_dir`` (and, on A4, beside
    the site's pages): ``(path of the PDF, {step: seconds})``."""
    from playwright.sync_api import sync_playwright
    config = read_yaml("_config.yml")
    pages = toc_pages()
    base, stop = serve(site)
    width_mm, _ = PAPERS[paper]
    viewport = {"width": round((width_mm - SIDE_MARGINS_MM) / 25.4 * 96), "height": 1000}
    clock, seconds = time.monotonic(), {}

    def lap(step):
        nonlocal clock
        seconds[step] = round(time.monotonic() - clock, 1)
        clock = time.monotonic()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport=viewport, color_scheme="light")
            context.route(lambda url: not url.startswith(base), lambda route: route.abort())
            lap("launch")
            chapters, styles, index = read_chapters(context, base, pages, config["html"]["baseurl"])
            lap("read")
            book = context.new_page()
            book.route(base + "_gdpdf/pdf.css", lambda route: route.fulfill(
                path=str(HERE / "pdf.css"), content_type="text/css"))
            book.goto(base + pages[0] + ".html", wait_until="load")
            book.emulate_media(media="print")
            built = book.evaluate((HERE / "assemble.js").read_text(encoding="utf-8"), {
                "title": config["title"], "styles": styles + [base + "_gdpdf/pdf.css"],
                "chapters": chapters, "cover": cover(index, config)})
            if built["broken"]:
                raise RuntimeError(f"images that did not load: {built['broken']}")
            language = book.evaluate("document.documentElement.lang") or "ko"
            lap("assemble")
            pdf, found, prints = print_book(book, paper, built["entries"])
            lap(f"print ×{prints}")
            browser.close()
    finally:
        stop()
    pdf = finish(pdf, config, language, built["entries"], found)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / pdf_name(paper)
    target.write_bytes(pdf)
    if paper == "A4":                  # the one the site's pages link
        shutil.copyfile(target, site / PDF_NAME)
    lap("finish")
    return target, seconds


def main(argv=None):
    """``python -m gdpdf [--paper A4|Letter]``: the PDF into ``_build/pdf/`` and the site."""
    parser = argparse.ArgumentParser(prog="gdpdf", description=__doc__.splitlines()[0])
    parser.add_argument("--paper", choices=sorted(PAPERS), default="A4")
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "pdf")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").exists():
        parser.error(f"no built site in {args.site}: run `make html` first")
    start = time.monotonic()
    target, seconds = make(args.site.resolve(), args.out.resolve(), args.paper)
    steps = ", ".join(f"{step} {s} s" for step, s in seconds.items())
    print(f"{target}: {target.stat().st_size / 1e6:.1f} MB, {args.paper}, "
          f"{time.monotonic() - start:.1f} s ({steps})")
