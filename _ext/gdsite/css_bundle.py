"""One stylesheet for the whole site, holding only the rules its pages can use.

A page of the theme links nine stylesheets before its first paint; the theme's own (Bootstrap
and pydata-sphinx-theme) is 66 KB compressed, and nine tenths of it styles components the
site never shows (carousels, modals, toasts, hundreds of utility classes). On a phone each
of those bytes and round trips comes before the first line of text.

This extension writes ``_static/bundle.css``: the stylesheets a page would link, in the same
order, as one file, without the rules no page can match. Every page links that one file
(``_templates/layout.html``), so a reader downloads it once for the whole site.

Which rules stay is decided like this, and errs on the side of keeping:

- the *names* the site uses are read from every built page (tag names, classes, ids and
  attribute names, with the standard library's HTML parser) and from every script a page
  loads (any word in its source: a class a script adds, such as ``show`` or ``scrolled``,
  is named there);
- a selector stays when every tag, class, id and attribute it names is among them; its
  pseudo-classes and pseudo-elements (``:hover``, ``::before``) are not judged, nor is
  anything inside ``:is()``, ``:where()``, ``:has()`` and ``:not()``;
- a rule stays when one of its selectors does; ``@media``, ``@supports`` and ``@layer``
  blocks keep what stays inside them; every other at-rule (``@font-face``,
  ``@keyframes``, ``@page`` ...) and every custom property is kept whole;
- relative ``url()`` references are rewritten for the bundle's folder, and ``/*! ... */``
  licence comments are kept.

Each page's list of stylesheets is noted when it is written (``html-page-context``, before
``assets.py`` drops what the page does not use) and kept in the doctree folder, so a rebuild
that writes a few pages still bundles every page's files. The bundle is written when the
build has finished (``build-finished``), because only then are all pages there to read.
The pages link it with a version made from the bytes of the source stylesheets (``?v=``),
as Sphinx does for its own files.
"""

import hashlib
import json
import posixpath
import re
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path

import tinycss2
from sphinx.util import logging

logger = logging.getLogger(__name__)

BUNDLE = "_static/bundle.css"
# stylesheets written or rewritten after the pages (see _version), and the packages that make them
WRITTEN_LATE = ("_static/pygments.css", "_static/exercise.css")
MYSTNB_CSS = "_static/mystnb."
MAKERS = ("Pygments", "pydata-sphinx-theme", "sphinx-exercise", "myst-nb")
# The theme's stylesheets, which its layout links itself (before the registered ones).
THEME_CSS = ("_static/basic.css", "_static/styles/pydata-sphinx-theme.css")
NEVER = ("_static/sphinx-thebe.css",)      # the site has no live-code button
BLOCK_AT_RULES = {"media", "supports", "layer", "container", "document"}
UNJUDGED_FUNCTIONS = {"is", "where", "has", "not", "matches", "-webkit-any", "-moz-any",
                      "host", "host-context", "slotted", "part", "global", "local"}
SCRIPT_WORD = re.compile(r"[A-Za-z_][\w-]*")


# --- the names the site uses -----------------------------------------------------------

class Names:
    """Tag names, classes, ids and attribute names in use anywhere on the site."""

    def __init__(self):
        self.tags, self.classes, self.ids, self.attributes = set(), set(), set(), set()
        self.words = set()   # every word of every script: classes and tags a script adds

    def has_tag(self, name):
        return name in self.tags or name in self.words

    def has_class(self, name):
        return name in self.classes or name in self.words

    def has_id(self, name):
        return name in self.ids or name in self.words

    def has_attribute(self, name):
        return name in self.attributes or name in self.words

    def add_script(self, text):
        self.words.update(SCRIPT_WORD.findall(text))


class _PageReader(HTMLParser):
    """Adds a page's names to ``names``; collects its script sources and inline scripts."""

    def __init__(self, names):
        super().__init__(convert_charrefs=True)
        self.names, self.script_sources, self.inline_scripts = names, [], []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.names.tags.add(tag.lower())
        for name, value in attrs:
            self.names.attributes.add(name.lower())
            if name == "class" and value:
                self.names.classes.update(value.split())
            elif name == "id" and value:
                self.names.ids.add(value)
        if tag == "script":
            source = dict(attrs).get("src")
            if source:
                self.script_sources.append(source)
            self._in_script = not source

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.inline_scripts.append(data)


def site_names(outdir):
    """The names used by every HTML page under ``outdir`` and the scripts they load."""
    outdir = Path(outdir)
    names, scripts = Names(), set()
    for page in sorted(outdir.rglob("*.html")):
        reader = _PageReader(names)
        reader.feed(page.read_text(encoding="utf-8", errors="replace"))
        for text in reader.inline_scripts:
            names.add_script(text)
        for source in reader.script_sources:
            if "://" in source or source.startswith("//"):
                continue
            path = (page.parent / source.split("?")[0].split("#")[0]).resolve()
            if path.is_file():
                scripts.add(path)
    for path in sorted(scripts):
        names.add_script(path.read_text(encoding="utf-8", errors="replace"))
    return names


# --- judging selectors -----------------------------------------------------------------

def _split_selectors(prelude):
    """A rule's selector list as one token list per selector (split at top-level commas)."""
    selectors, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append(current)
            current = []
        else:
            current.append(token)
    selectors.append(current)
    return selectors


def selector_can_match(tokens, names):
    """False when the selector names a tag, class, id or attribute the site never uses."""
    previous = None
    for token in tokens:
        if token.type in ("whitespace", "comment"):
            previous = None if token.type == "whitespace" else previous
            continue
        after_colon = previous is not None and previous.type == "literal" and previous.value in (":", "::")
        after_dot = previous is not None and previous.type == "literal" and previous.value == "."
        if token.type == "ident":
            if after_dot:
                if not names.has_class(token.value):
                    return False
            elif not after_colon and not names.has_tag(token.value.lower()):
                return False
        elif token.type == "hash":
            if not names.has_id(token.value):
                return False
        elif token.type == "[] block":
            attribute = next((t for t in token.content if t.type == "ident"), None)
            if attribute is not None and not names.has_attribute(attribute.value.lower()):
                return False
        elif token.type == "function":
            # :is(), :not(), :nth-child(), ... : not judged, their arguments not read
            pass
        previous = token
    return True


# --- rewriting -------------------------------------------------------------------------

def _rebase(url, source_dir, bundle_dir):
    if not url or url.startswith(("data:", "#", "/")) or "://" in url:
        return url
    target = posixpath.normpath(posixpath.join(source_dir, url))
    return posixpath.relpath(target, bundle_dir)


def _rebase_urls(tokens, source_dir, bundle_dir):
    """The tokens with every relative url() made relative to the bundle's folder."""
    for index, token in enumerate(tokens):
        if token.type == "url":
            value = _rebase(token.value, source_dir, bundle_dir)
            if value != token.value:
                tokens[index] = tinycss2.ast.URLToken(
                    token.source_line, token.source_column, value,
                    f"url({tinycss2.serializer.serialize_url(value)})")
        elif token.type == "function" and token.lower_name == "url":
            for inner, argument in enumerate(token.arguments):
                if argument.type == "string":
                    value = _rebase(argument.value, source_dir, bundle_dir)
                    token.arguments[inner] = tinycss2.ast.StringToken(
                        argument.source_line, argument.source_column, value,
                        tinycss2.serializer.serialize_string_value(value).join('""'))
        elif hasattr(token, "content") and isinstance(token.content, list):
            _rebase_urls(token.content, source_dir, bundle_dir)
        elif token.type == "function":
            _rebase_urls(token.arguments, source_dir, bundle_dir)
    return tokens


class Tally:
    """How many rules a bundle kept out of how many it read."""

    def __init__(self):
        self.kept = self.read = 0


def trim_rules(rules, names, source_dir, bundle_dir, tally):
    """The CSS text of ``rules`` without the selectors and rules no page can match."""
    out = []
    for rule in rules:
        if rule.type == "comment":
            if rule.value.startswith("!"):
                out.append(f"/*{rule.value}*/\n")
            continue
        if rule.type in ("whitespace", "error"):
            continue
        if rule.type == "at-rule":
            if rule.lower_at_keyword == "charset":
                continue
            prelude = tinycss2.serialize(_rebase_urls(list(rule.prelude), source_dir, bundle_dir))
            if rule.lower_at_keyword in BLOCK_AT_RULES and rule.content is not None:
                inner = trim_rules(tinycss2.parse_rule_list(rule.content, skip_comments=False),
                                   names, source_dir, bundle_dir, tally)
                if inner:
                    out.append(f"@{rule.at_keyword}{prelude}{{{inner}}}\n")
                continue
            content = "" if rule.content is None else tinycss2.serialize(
                _rebase_urls(list(rule.content), source_dir, bundle_dir))
            out.append(f"@{rule.at_keyword}{prelude}" + (";" if rule.content is None else f"{{{content}}}") + "\n")
            continue
        tally.read += 1
        kept = [selector for selector in _split_selectors(rule.prelude)
                if selector_can_match(selector, names)]
        if not kept:
            continue
        tally.kept += 1
        selector_text = ",".join(tinycss2.serialize(s).strip() for s in kept)
        body = tinycss2.serialize(_rebase_urls(list(rule.content), source_dir, bundle_dir))
        out.append(f"{selector_text}{{{body.strip()}}}\n")
    return "".join(out)


def bundle_text(sources, outdir, names):
    """The bundle of ``sources`` ((file under outdir, media or None) in link order) and its tally."""
    tally, parts = Tally(), ['@charset "UTF-8";\n']
    bundle_dir = posixpath.dirname(BUNDLE)
    for filename, media in sources:
        text = Path(outdir, filename).read_text(encoding="utf-8")
        rules = tinycss2.parse_stylesheet(text, skip_comments=False, skip_whitespace=True)
        css = trim_rules(rules, names, posixpath.dirname(filename), bundle_dir, tally)
        if media and media != "all":
            css = f"@media {media}{{{css}}}\n"
        parts.append(f"/* {filename} */\n{css}")
    return "".join(parts), tally


# --- Sphinx ----------------------------------------------------------------------------

RECORD = "gdsite-css-sources.json"   # in the doctree folder: what each page would link


def page_sources(context):
    """The stylesheets a page would link, in order: the theme's, then the registered ones."""
    sources = [[name, None] for name in THEME_CSS]
    # in the order the page links them: a file added while pages are written is last in
    # the list until Sphinx sorts the list by priority
    assets = sorted(context.get("css_files", ()), key=lambda asset: getattr(asset, "priority", 500))
    for asset in assets:
        name = asset.filename if hasattr(asset, "filename") else str(asset)
        if not name or "://" in name or name.startswith(NEVER) or name.startswith(BUNDLE):
            continue
        media = asset.attributes.get("media") if hasattr(asset, "attributes") else None
        sources.append([name.split("?")[0], media])
    return sources


def merged_sources(per_page):
    """One list holding every page's stylesheets, each page's order kept: a file a page
    links after another comes after it here too."""
    merged = []
    for page in sorted(per_page):
        previous = -1
        for source in per_page[page]:
            source = tuple(source)
            if source in merged:
                previous = merged.index(source)
            else:
                merged.insert(previous + 1, source)
                previous += 1
    return merged


def _version(app):
    """A version for the bundle's address, from the bytes of every source stylesheet.

    Three stylesheets are not final while the pages are written, so what makes them is hashed
    instead of their bytes: ``pygments.css``, which pydata-sphinx-theme rewrites with its dark
    style when the build has finished (Pygments' and the theme's versions and the styles the
    configuration names), and the two that MyST-NB (``mystnb.<hash>.css``) and sphinx-exercise
    (``exercise.css``) write only then (their versions). A clean and an incremental build so
    link the same address.
    """
    digest = hashlib.sha256(Path(__file__).read_bytes())
    static = Path(app.outdir, "_static")
    for path in sorted(static.rglob("*.css")):
        relative = path.relative_to(app.outdir).as_posix()
        if relative not in (BUNDLE, *WRITTEN_LATE) and not relative.startswith(MYSTNB_CSS):
            digest.update(relative.encode() + b"\0" + path.read_bytes())
    options = app.config.html_theme_options
    styles = [app.config.pygments_style, options.get("pygments_light_style"),
              options.get("pygments_dark_style")]
    digest.update(repr([[metadata.version(name) for name in MAKERS], styles]).encode())
    return digest.hexdigest()[:8]


def _page_context(app, pagename, templatename, context, doctree):
    """Notes what the page would link and points it at the bundle instead."""
    if not app.config.gdsite_css_bundle or "css_files" not in context:
        return
    app.gdsite_css_pages[pagename] = page_sources(context)
    if app.gdsite_css_version is None:
        app.gdsite_css_version = _version(app)
    context["gdsite_css_bundle"] = f"{BUNDLE}?v={app.gdsite_css_version}"


def _reset(app):
    app.gdsite_css_pages = {}
    app.gdsite_css_version = None


def _write_bundle(app, exception):
    """Writes the bundle from the stylesheets of every page, this build's and earlier ones'."""
    if exception is not None or app.builder.format != "html" or not app.config.gdsite_css_bundle:
        return
    record = Path(app.doctreedir, RECORD)
    per_page = json.loads(record.read_text(encoding="utf-8")) if record.is_file() else {}
    per_page.update(app.gdsite_css_pages)
    per_page = {page: sources for page, sources in per_page.items()
                if Path(app.outdir, app.builder.get_target_uri(page)).is_file()}
    if not per_page:
        return
    record.write_text(json.dumps(per_page, indent=0, sort_keys=True), encoding="utf-8")
    sources = [(name, media) for name, media in merged_sources(per_page)
               if Path(app.outdir, name).is_file()]
    text, tally = bundle_text(sources, app.outdir, site_names(app.outdir))
    Path(app.outdir, BUNDLE).write_text(text, encoding="utf-8")
    read = sum(Path(app.outdir, name).stat().st_size for name, _ in sources)
    logger.info(f"{BUNDLE}: {len(sources)} stylesheets, {tally.kept} of {tally.read} rules "
                f"kept, {read // 1024} KB -> {len(text.encode()) // 1024} KB")


def setup(app):
    app.add_config_value("gdsite_css_bundle", True, "html")
    app.connect("builder-inited", _reset)
    app.connect("html-page-context", _page_context, priority=899)  # before assets.py filters
    # last: the theme writes its own pygments.css when the build finishes
    app.connect("build-finished", _write_bundle, priority=900)
