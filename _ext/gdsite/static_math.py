"""Math typeset at build time: every formula is static SVG in the HTML, no math script runs.

Chosen over prerendered KaTeX: no web font, so nothing shifts (KaTeX: 39 of 47 formulas of page 02 change width when its 5 fonts arrive), 39 KB vs 103 KB gzipped with assets, no Nu checker error.

How it works:

- While the pages are read, the TeX of every ``math`` and ``math_block`` node is noted
  per page (with where it is, for error messages).
- Once all pages are read (``env-updated``), the formulas that are not in the cache are
  sent to ONE Node process (``_ext/static_math.js``, MathJax 3 from ``node_modules``,
  installed by ``npm ci`` from ``package.json``/``package-lock.json``) as JSON on stdin;
  it answers with the SVG of each as JSON on stdout.
- The results are cached by TeX string in ``_build/static_math/cache.json``. The cache is
  dropped when the MathJax version or the Node script changes; otherwise a rebuild starts
  no Node process unless a formula is new.
- A TeX error (an undefined macro, a missing brace) stops the build with the page, the
  line, the formula and MathJax's message.
- This module is the HTML math renderer (``html_math_renderer: static_math``), so Sphinx
  does not add MathJax to any page. The CSS MathJax's SVG output needs, plus the site's
  rules (wide display math scrolls in its own box; print shrinks it to the page), is
  written to ``_static/static-math.css``.
"""

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

from docutils import nodes
from sphinx.errors import ExtensionError
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number

from .common import ROOT, build_dir, write_output

logger = logging.getLogger(__name__)

SCRIPT = Path(__file__).resolve().with_name("static_math.js")
CSS_FILE = "static-math.css"
CACHES = {}   # the cache of the running build (one Sphinx application per process)
NODE_TIMEOUT = 600   # s; the whole site takes about one

SITE_CSS = """
/* Site rules (_ext/gdsite/static_math.py). A formula wider than the column scrolls inside its
   own box instead of widening the page, and shows that it does: a shadow at the edge where
   more of it lies (drawn by backgrounds that scroll with the content, no script). */
div.math > mjx-container[jax="SVG"][display="true"], span.math {
  overflow-x: auto;
  overflow-y: hidden;
  --gd-math-bg: var(--pst-color-background, #fff);
  --gd-math-shadow: rgba(0, 0, 0, 0.28);
  background:
    linear-gradient(to right, var(--gd-math-bg) 30%, transparent) left / 2.5em 100% no-repeat local,
    linear-gradient(to left, var(--gd-math-bg) 30%, transparent) right / 2.5em 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, var(--gd-math-shadow), transparent) left / 0.9em 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, var(--gd-math-shadow), transparent) right / 0.9em 100% no-repeat scroll;
}
html[data-theme="dark"] div.math > mjx-container[jax="SVG"][display="true"],
html[data-theme="dark"] span.math { --gd-math-shadow: rgba(255, 255, 255, 0.3); }
/* The MathML for screen readers is clipped to nothing; at its natural width it would make
   the formula's box scroll by a few pixels. */
span.math mjx-assistive-mml, div.math mjx-assistive-mml {
  width: 1px !important;
  height: 1px !important;
}
/* On paper nothing scrolls: a display formula wider than the page is scaled down to fit. */
@media print {
  div.math > mjx-container[jax="SVG"][display="true"], span.math { overflow: visible; background: none; }
  div.math > mjx-container[jax="SVG"][display="true"] > svg { max-width: 100%; height: auto; }
}
"""


class TeXError(ExtensionError):
    category = "TeX error in math"


def _key(tex, display):
    return ("D" if display else "I") + tex


def display_tex(node):
    """The TeX of a display formula as Sphinx's MathJax renderer would send it."""
    if node.get("nowrap"):
        return node.astext()
    parts = [part for part in node.astext().split("\n\n") if part.strip()]
    parts = [r"\begin{split}" + part + r"\end{split}" if r"\\" in part else part
             for part in parts]
    if len(parts) > 1:   # several equations separated by blank lines: one per row
        return r"\begin{aligned}" + r"\\".join(parts) + r"\end{aligned}"
    return parts[0] if parts else ""


def formulas(doctree):
    """(key, line) of every formula of a doctree."""
    for node in doctree.findall(lambda n: isinstance(n, (nodes.math, nodes.math_block))):
        if isinstance(node, nodes.math_block):
            yield _key(display_tex(node), True), node
        else:
            yield _key(node.astext(), False), node


# --- Node ---------------------------------------------------------------------------------

def _renderer_id():
    """Changes when the MathJax package or the Node script changes: the cache is then dropped."""
    package = ROOT / "node_modules" / "mathjax-full" / "package.json"
    if not package.is_file():
        raise ExtensionError(
            "static_math: MathJax for the build-time math is not installed. It is an npm "
            f"package: run `npm ci` in {ROOT} (Node.js 18 or newer).")
    version = json.loads(package.read_text(encoding="utf-8"))["version"]
    digest = hashlib.sha256(SCRIPT.read_bytes()).hexdigest()[:16]
    return f"mathjax-full {version}, static_math.js {digest}"


def run_node(keys):
    """Typeset ``keys`` in one Node process: ``({key: html}, {key: error}, css)``."""
    node = shutil.which("node")
    if node is None:
        raise ExtensionError("static_math: Node.js (`node`) is needed to typeset the math "
                             "at build time; install Node.js 18 or newer, then `npm ci`.")
    items = [{"tex": key[1:], "display": key[0] == "D"} for key in keys]
    try:
        result = subprocess.run([node, str(SCRIPT)], input=json.dumps({"items": items}),
                                capture_output=True, text=True, encoding="utf-8",
                                cwd=ROOT, timeout=NODE_TIMEOUT, check=False)
    except subprocess.TimeoutExpired as error:
        raise ExtensionError(f"static_math: Node did not finish in {NODE_TIMEOUT} s") from error
    if result.returncode != 0:
        raise ExtensionError(f"static_math: `node {SCRIPT.name}` failed "
                             f"(exit {result.returncode}):\n{result.stderr[-3000:]}")
    answer = json.loads(result.stdout)
    rendered, errors = {}, {}
    for key, res in zip(keys, answer["results"]):
        if "error" in res:
            errors[key] = res["error"]
        else:
            rendered[key] = res["html"]
    return rendered, errors, answer["css"]


# --- cache --------------------------------------------------------------------------------

class Cache:
    """TeX -> SVG of the last build, in ``_build/static_math/cache.json``."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.path = self.folder / "cache.json"
        self.renderer = _renderer_id()
        self.math, self.css, self.dirty = {}, "", False
        self.fresh = True   # nothing reused: pages written before with other SVG are outdated
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if data.get("renderer") == self.renderer:
            self.math, self.css, self.fresh = data["math"], data["css"], False

    def add(self, keys):
        """Typeset the keys not cached yet: ``{key: error}`` of those MathJax rejects."""
        missing = sorted(set(keys) - set(self.math))
        if not missing and self.css:
            return {}
        rendered, errors, css = run_node(missing)
        self.math.update(rendered)
        self.css = css
        self.dirty = True
        logger.info("static_math: %d new formula(s) typeset in one Node process, %d from the cache",
                    len(missing), len(set(keys)) - len(missing))
        return errors

    def keep_only(self, keys):
        stale = set(self.math) - set(keys)
        for key in stale:
            del self.math[key]
        self.dirty |= bool(stale)

    def save(self):
        if not self.dirty:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(f".tmp{os.getpid()}")
        data = {"renderer": self.renderer, "css": self.css,
                "math": dict(sorted(self.math.items()))}
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=0), encoding="utf-8")
        tmp.replace(self.path)
        self.dirty = False


# --- Sphinx events ------------------------------------------------------------------------

def _collect(app, doctree):
    """Note the formulas of a page that was just read, with their source lines."""
    found = app.env.static_math.setdefault(app.env.docname, {})
    for key, node in formulas(doctree):
        if key not in found:
            found[key] = f"{node.source or app.env.doc2path(app.env.docname)}:{node.line or '?'}"


def _purge(app, env, docname):
    getattr(env, "static_math", {}).pop(docname, None)


def _merge(app, env, docnames, other):
    env.static_math.update({d: other.static_math[d] for d in docnames if d in other.static_math})


def _builder_inited(app):
    if not hasattr(app.env, "static_math"):
        app.env.static_math = {}
    if app.builder.format != "html":
        return
    CACHES["build"] = Cache(build_dir(app) / "static_math")
    app.add_css_file(CSS_FILE)


def _typeset_all(app, env):
    """After reading: every formula of the site that is not cached, in one Node process.

    Returns the pages to write again when the cache was new or dropped (another MathJax or
    Node script): their HTML holds SVG from another renderer."""
    cache = CACHES.get("build")
    if cache is None:
        return None
    where = {}
    for docname in sorted(env.static_math):
        for key, location in env.static_math[docname].items():
            where.setdefault(key, location)
    errors = cache.add(where)
    if errors:
        cache.save()   # the good ones: after the fix only the corrected formula is typeset
        lines = [f"{where[key]}: {message}\n    {'$$' if key[0] == 'D' else '$'}{key[1:]}"
                 f"{'$$' if key[0] == 'D' else '$'}" for key, message in sorted(
                     errors.items(), key=lambda item: where[item[0]])]
        raise TeXError(f"{len(errors)} formula(s) MathJax cannot typeset:\n" + "\n".join(lines))
    cache.keep_only(where)
    cache.save()
    if cache.fresh:
        cache.fresh = False
        return sorted(docname for docname, found in env.static_math.items() if found)
    return None


def _svg(key, node):
    """The cached SVG of a formula (typeset now if it was made after reading)."""
    cache = CACHES["build"]
    if key not in cache.math:
        errors = cache.add([key])
        if errors:
            raise TeXError(f"{node.source}:{node.line}: {errors[key]}\n    {key[1:]}")
    return cache.math[key]


def visit_math(self, node):
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate"))
    self.body.append(_svg(_key(node.astext(), False), node))
    self.body.append("</span>")
    raise nodes.SkipNode


def visit_displaymath(self, node):
    self.body.append(self.starttag(node, "div", CLASS="math notranslate"))
    if node["number"]:
        number = get_node_equation_number(self, node)
        self.body.append(f'<span class="eqno">({number})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    self.body.append(_svg(_key(display_tex(node), True), node))
    self.body.append("</div>\n")
    raise nodes.SkipNode


def _save(app, exception):
    cache = CACHES.get("build")
    if cache is not None and exception is None:
        cache.save()
        write_output(app, f"_static/{CSS_FILE}", cache.css.strip() + "\n" + SITE_CSS)


def setup(app):
    app.add_html_math_renderer("static_math", (visit_math, None), (visit_displaymath, None))
    app.connect("builder-inited", _builder_inited)
    app.connect("doctree-read", _collect)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-updated", _typeset_all)
    app.connect("build-finished", _save)
