"""Every internal link of the built site resolves, checked on the files (no server, no network).

An internal link is an ``href``/``src`` (or ``srcset``, ``<meta http-equiv=refresh>``, a
stylesheet's ``url(...)``) that is relative or root-relative: its file must exist in the
site, and its ``#fragment`` must be an ``id`` (or ``<a name>``) of the page it points to.
External links are collected, never fetched; those that open a file of this repository
on GitHub (the Colab and Binder buttons) must name a file that git tracks.

Written here rather than run with LinkChecker or pytest-check-links: they cover only part of
this (no launch-button → git check, no foreign-host check; pytest-check-links skips script,
stylesheet and CSS urls) and took 25–70× longer on this site.
"""

import html.parser
import re
import subprocess
from collections import defaultdict
from functools import lru_cache
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from conftest import ROOT, html_pages

LINK_ATTRS = {"href", "src", "poster", "data"}
# fragments a browser handles without a target element (HTML: "#" and "#top" go to the top)
TOP_FRAGMENTS = {"", "top"}
# what a browser fetches by itself when it shows a page (a link is followed only on a click)
LOADING_TAGS = {"script", "img", "iframe", "source", "video", "audio", "embed", "object", "track",
                "input"}
LOADING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest",
                "apple-touch-icon", "preconnect", "dns-prefetch"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+(['"])([^'"]+)\1""")


class _Page(html.parser.HTMLParser):
    """The links (line, attribute, value) and the anchor names of one HTML file."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.anchors, self.loads = [], set(), []
        self._in_template = 0

    def handle_starttag(self, tag, attrs):
        if tag == "template":
            self._in_template += 1
        attrs = dict(attrs)
        for name in ("id",) + (("name",) if tag in ("a", "map") else ()):
            if attrs.get(name):
                self.anchors.add(attrs[name])
        if self._in_template:
            return
        line = self.getpos()[0]
        rel = set((attrs.get("rel") or "").lower().split())
        if tag in LOADING_TAGS or tag == "link" and rel & LOADING_RELS:
            self.loads += [(line, tag, attrs[a]) for a in ("src", "href", "data", "poster")
                           if attrs.get(a)]
        for name, value in attrs.items():
            if value is None:
                continue
            if name in LINK_ATTRS:
                self.links.append((line, f"{tag} {name}", value.strip()))
            elif name in ("srcset", "imagesrcset"):
                for candidate in value.split(","):
                    if candidate.strip():
                        self.links.append((line, f"{tag} {name}", candidate.split()[0]))
            elif name == "style":
                self.links += [(line, f"{tag} style", m.group(2)) for m in CSS_URL.finditer(value)]
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            match = re.search(r"url\s*=\s*(\S+)", attrs.get("content") or "", re.I)
            if match:
                self.links.append((line, "meta refresh", match.group(1).strip("'\"")))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "template":
            self._in_template -= 1

    def handle_endtag(self, tag):
        if tag == "template" and self._in_template:
            self._in_template -= 1


@lru_cache(maxsize=None)
def parse(path):
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def is_external(url):
    """A URL with a scheme or a host (``https:``, ``mailto:``, ``//host``…), not ours."""
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


def resolve(site, source, url):
    """``(file, fragment)`` that an internal ``url`` found in ``source`` points to."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    if not path:
        target = source
    elif path.startswith("/"):
        target = site / path.lstrip("/")
    else:
        target = source.parent / path
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def problem(site, source, url):
    """Why the internal link ``url`` in ``source`` is broken, or None."""
    target, fragment = resolve(site, source, url)
    try:
        target.resolve().relative_to(site.resolve())
    except ValueError:
        return f"points outside the site: {target}"
    if not target.is_file():
        return f"no file {PurePosixPath(target.resolve().relative_to(site.resolve()))}"
    if "#" not in url or fragment in TOP_FRAGMENTS:
        return None
    if target.suffix != ".html":
        return f"#{fragment} in a file that is not HTML"
    if fragment not in parse(target.resolve()).anchors:
        return f"no id {fragment!r} in {target.resolve().relative_to(site.resolve())}"
    return None


def stylesheets(site):
    """CSS files of the site that its pages load (they may pull fonts and images)."""
    sheets = set()
    for page in html_pages(site):
        for _line, attr, url in parse(page).links:
            if attr == "link href" and not is_external(url):
                target, _ = resolve(site, page, url)
                if target.suffix == ".css" and target.is_file():
                    sheets.add(target.resolve())
    found, todo = set(), list(sheets)
    while todo:                                   # follow @import
        sheet = todo.pop()
        if sheet in found:
            continue
        found.add(sheet)
        for match in CSS_IMPORT.finditer(sheet.read_text(encoding="utf-8", errors="replace")):
            target, _ = resolve(site, sheet, match.group(2))
            if not is_external(match.group(2)) and target.is_file():
                todo.append(target.resolve())
    return sorted(found)


def css_links(sheet):
    text = re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8", errors="replace"), flags=re.S)
    links = [m.group(2).strip() for m in CSS_URL.finditer(text)]
    links += [m.group(2) for m in CSS_IMPORT.finditer(text)]
    return [u for u in links if not u.startswith(("data:", "#"))]


def test_every_internal_link_resolves(site):
    broken, checked = [], 0
    for page in html_pages(site):
        name = page.relative_to(site).as_posix()
        for line, attr, url in parse(page).links:
            if is_external(url):
                continue
            checked += 1
            why = problem(site, page, url)
            if why:
                broken.append(f"{name}:{line} <{attr}={url!r}>: {why}")
    assert checked > 100, f"only {checked} internal links found: is the parser reading the pages?"
    assert not broken, f"{len(broken)} broken internal links:\n" + "\n".join(broken)


def test_stylesheets_find_their_fonts_and_images(site):
    broken = []
    sheets = stylesheets(site)
    assert sheets, "no stylesheet found"
    for sheet in sheets:
        for url in css_links(sheet):
            if is_external(url):
                broken.append(f"{sheet.relative_to(site.resolve())}: loads {url} from another host")
                continue
            target, _ = resolve(site, sheet, url)
            if not target.is_file():
                broken.append(f"{sheet.relative_to(site.resolve())}: url({url}) - no such file")
    assert not broken, "\n".join(broken)


def test_no_page_loads_anything_from_another_host(site):
    """Scripts, styles, fonts, images and frames all come from the site itself (no CDN)."""
    foreign = [f"{page.relative_to(site).as_posix()}:{line} <{tag}> {url}"
               for page in html_pages(site) for line, tag, url in parse(page).loads
               if is_external(url) and not url.startswith("data:")]
    assert not foreign, f"{len(foreign)} resources from another host:\n" + "\n".join(foreign)


def test_external_links_are_collected_not_fetched(site):
    """External links are listed (``pytest -s`` prints them) and must be well formed."""
    external = defaultdict(set)
    for page in html_pages(site):
        for _line, _attr, url in parse(page).links:
            if is_external(url) and not url.startswith("data:"):
                external[url].add(page.relative_to(site).as_posix())
    bad = [url for url in external
           if urlsplit(url).scheme not in ("https", "http", "mailto")
           or urlsplit(url).scheme in ("https", "http") and not urlsplit(url).hostname]
    print(f"\n{len(external)} external links (not fetched):")
    for url in sorted(external):
        print(f"  {url}  <- {len(external[url])} page(s)")
    assert external, "no external link at all: the repository and launch buttons are missing"
    assert not bad, f"malformed external links: {bad}"


def repository_file(url, repository):
    """The repository path that a Colab, Binder or GitHub link to ``repository`` opens."""
    parts = urlsplit(url)
    for prefix in (f"colab.research.google.com/github/{repository}/blob/",
                   f"github.com/{repository}/blob/", f"github.com/{repository}/tree/"):
        if f"{parts.netloc}{parts.path}".startswith(prefix):
            return f"{parts.netloc}{parts.path}"[len(prefix):].split("/", 1)[1]
    if parts.netloc == "mybinder.org" and f"/gh/{repository}/" in parts.path:
        match = re.search(r"(?:^|&)urlpath=(?:tree|lab/tree|notebooks)/([^&]+)", parts.query)
        return unquote(match.group(1)) if match else None
    return None


def test_launch_links_open_files_the_repository_tracks(site):
    config = (ROOT / "_config.yml").read_text(encoding="utf-8")
    repository = re.search(r"url:\s*https://github\.com/([\w.-]+/[\w.-]+)", config).group(1)
    tracked = subprocess.run(["git", "-C", str(ROOT), "ls-files"], capture_output=True, text=True,
                             check=True).stdout.splitlines()
    opened, missing = 0, []
    for page in html_pages(site):
        for _line, _attr, url in parse(page).links:
            path = repository_file(url, repository) if is_external(url) else None
            if path is None:
                continue
            opened += 1
            if path not in tracked and not any(t.startswith(path.rstrip("/") + "/") for t in tracked):
                missing.append(f"{page.relative_to(site).as_posix()}: {url} opens {path}, "
                               "which git does not track")
    assert opened, "no Colab/Binder link to the repository found"
    assert not missing, f"{len(missing)} links open files missing from the repository:\n" + \
        "\n".join(sorted(set(missing)))
