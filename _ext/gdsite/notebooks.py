"""The pages as a student's own notebook: the setup cell, and ordinary Jupyter notebooks
for download, Colab and Binder.

- Every notebook page opens, under its title, with one visible setup cell that installs
  ``gdlesson`` where it is missing (Colab, a fresh Jupyter) from the wheel this site
  publishes (``wheel.py``: its address carries its SHA-256), and asks for figures at twice
  the screen density. The cell is written here once and put into each page as its source
  is read, so a fork that changes ``html.baseurl`` gets cells pointing at its own wheel.
- The pages are MyST Markdown notebooks. Jupyter and Colab do not know MyST directives
  and roles, so ``book/<page>.ipynb`` holds each page with its Markdown cells turned into
  plain Markdown and the numbers the prose glues written out (no outputs; committed, so
  the Colab button has a notebook to open). ``make notebooks`` writes them from the
  notebooks the last build executed (``python -m gdsite``); a check of the built site
  fails when one is stale. The build itself writes only into its output: the ``.ipynb``
  of the download button is the executed notebook, outputs included, in plain Markdown.

Written here rather than taken from sphinx-tojupyter or jupytext: no package converts
MyST directives and roles to plain Markdown while keeping this setup cell, byte-stable
output and the outputs the build already computed (sphinx-tojupyter 0.6 drops tagged
cells, turns Markdown code blocks into cells and stamps a date into every notebook;
jupytext keeps directives as text).
"""

import ast
import functools
import re
from pathlib import Path

import nbformat
from docutils import nodes
from myst_nb.core.read import read_myst_markdown_notebook
from sphinx.util.docutils import SphinxDirective

from gdlesson.player import MIME_TYPE

from . import wheel
from .common import BOOK, ROOT, build_dir, is_notebook, notebook_pages, site_baseurl, write_output

KOREAN_FONT_PACKAGE = "koreanize-matplotlib==0.1.1"   # the figures' Korean font, as pinned

SETUP_CELL = """
```{{code-cell}} ipython3
:tags: [setup]

# 이 장의 코드는 이 셀부터 차례로 자기 노트북(Colab, Jupyter)에 옮겨 실행할 수 있습니다.
# 준비: 도우미 패키지 gdlesson이 없을 때만 이 교재의 사이트에서 받아 설치합니다.
# 주소 끝의 sha256은 pip이 확인합니다. torch, numpy, matplotlib은 건드리지 않습니다(--no-deps).
import importlib.util
if importlib.util.find_spec("gdlesson") is None:
    %pip install -q --no-deps "{wheel_url}" {font_package}
    importlib.invalidate_caches()
%config InlineBackend.figure_formats = ["retina"]  # 그림을 두 배 해상도로: 휴대폰에서도 선명하게
```
"""

_TITLES = {"note": "참고", "tip": "팁", "warning": "주의", "important": "중요", "seealso": "함께 보기"}
_FENCE = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[\w-]+)\}[ \t]*(?P<arg>[^\n]*)\n"
                    r"(?P<body>.*?)^(?P=fence)[ \t]*$", re.S | re.M)
_OPTION = re.compile(r"^:(\w[\w-]*):[ \t]*(.*)$")
_ROLE = re.compile(r"\{(doc|ref|numref|py:func|py:class|py:meth|py:attr|py:mod|func|class|"
                   r"glue|glue:text|glue:any)\}`([^`]*)`")


def setup_cell(wheel_url):
    """The MyST text of the setup cell that installs the wheel at ``wheel_url``."""
    return SETUP_CELL.format(wheel_url=wheel_url, font_package=KOREAN_FONT_PACKAGE)


def with_setup_cell(text, wheel_url):
    """The page's MyST text with the setup cell put right under its title."""
    title = re.search(r"^# .*\n", text, re.M)
    if title is None:
        raise ValueError("a notebook page needs a '# title' line for its setup cell to follow")
    return text[: title.end()] + setup_cell(wheel_url) + text[title.end():]


# --- MyST to plain Markdown ----------------------------------------------------------------

def _split_options(body):
    """Directive options (``:name: value`` lines at the top) and the remaining content."""
    options, lines = {}, body.splitlines()
    while lines and _OPTION.match(lines[0]):
        key, value = _OPTION.match(lines[0]).groups()
        options[key] = value.strip()
        lines.pop(0)
    return options, "\n".join(lines).strip("\n")


def pyobject_source(path, name):
    """Source text of function or class ``name`` in the Python file ``path``."""
    source = Path(path).read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name == name:
            start = min([node.lineno] + [d.lineno for d in node.decorator_list])
            return "\n".join(source.splitlines()[start - 1: node.end_lineno])
    raise ValueError(f"{name} not found in {path}")


def _role_text(content):
    """``text <target>`` → ``text``; ``~gdlesson.train`` → ``train``; else the content."""
    match = re.match(r"^(.*?)\s*<[^>]+>$", content)
    if match:
        return match.group(1)
    return content.lstrip("~").split(".")[-1] if content.startswith("~") else content


def _role(match, glued):
    """A role as Markdown: code for Python objects, plain text for references, the value
    for a glued number."""
    kind, text = match.group(1), _role_text(match.group(2))
    if kind.startswith("glue"):
        key, _, spec = text.partition(":")
        if key not in glued:
            return f"`{key}`"
        value = glued[key]
        return format(value, spec) if spec else str(value)
    return text if kind in ("doc", "ref", "numref") else f"`{text}`"


def _page_link(match, notebooks):
    """A link to another page: its notebook when it is one, else the page on the site."""
    name, anchor = match.group(1), match.group(2) or ""
    if name in notebooks:
        return f"]({name}.ipynb{anchor})"
    return f"]({site_baseurl()}/book/{name}.html{anchor})"


def _directive(match, source_dir, glued):
    name, arg, body = match.group("name"), match.group("arg").strip(), match.group("body")
    options, content = _split_options(body)
    if name == "literalinclude":
        path = (source_dir / arg).resolve()
        code = pyobject_source(path, options["pyobject"]) if "pyobject" in options else \
            path.read_text(encoding="utf-8")
        return f"```python\n{code}\n```"
    if name in ("exercise-end", "solution-end"):        # sphinx-exercise's gated directives
        return ""
    if name == "exercise-start":
        number = options.get("label", "").removeprefix("ex-").replace("-", ".")
        return f"**연습 {number}** {markdown_to_plain(arg, source_dir, glued)}".rstrip()
    if name == "solution-start":
        return "**정답 보기** (풀이 코드)"
    content = markdown_to_plain(content, source_dir, glued)
    if name == "math":
        return f"$$\n{content}\n$$"
    if name == "dropdown":
        return f"<details><summary>{arg}</summary>\n\n{content}\n\n</details>"
    if name in ("figure", "image"):
        return f"![{options.get('alt', '')}]({arg})\n\n{content}"
    title = arg if name == "admonition" else _TITLES.get(name, name)
    quoted = "\n".join("> " + line if line else ">" for line in content.splitlines())
    return f"> **{title}**\n>\n{quoted}"


@functools.lru_cache(maxsize=None)
def _notebook_names():
    return frozenset(page.stem for page in notebook_pages())


def markdown_to_plain(text, source_dir=BOOK, glued=None):
    """Turn the MyST directives and roles used in our pages into plain Markdown; glued
    numbers become their values when ``glued`` (name → value) has them."""
    glued = glued or {}
    text = _FENCE.sub(lambda m: _directive(m, source_dir, glued), text)
    text = _ROLE.sub(lambda m: _role(m, glued), text)
    text = re.sub(r"^\([\w-]+\)=[ \t]*\n", "", text, flags=re.M)            # (label)= targets
    names = _notebook_names()
    text = re.sub(r"\]\(([\w-]+)\.md(#[^)]*)?\)", lambda m: _page_link(m, names), text)
    return text


def merged_streams(outputs):
    """Outputs with each stream (stdout, stderr) in one piece.

    A kernel may send a cell's printout in several pieces, at times that vary between
    runs. MyST-NB joins them for the page by appending the later pieces to the first
    one *in place*, so the executed notebook can hold the joined text and the pieces
    too. A later piece already at the end of the joined text is dropped; others are
    appended.
    """
    merged, first = [], {}
    for output in outputs:
        if output.get("output_type") != "stream":
            merged.append(output)
        elif output["name"] not in first:
            first[output["name"]] = output
            merged.append(output)
        elif not first[output["name"]]["text"].endswith(output["text"]):
            first[output["name"]]["text"] += output["text"]
    return merged


def _without_player_data(output):
    """A notebook output without the player's JSON (its HTML shows the same player)."""
    data = output.get("data")
    if data and MIME_TYPE in data and "text/html" in data:
        output = nbformat.from_dict(output)
        del output.data[MIME_TYPE]
    return output


def _glued_values(nb):
    """name → value of what a notebook glues (myst-nb's ``glue``: the text/plain form of
    the value, under the output's scrapbook name)."""
    values = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            scrapbook = output.get("metadata", {}).get("scrapbook", {})
            text = output.get("data", {}).get(scrapbook.get("mime_prefix", "") + "text/plain")
            if "name" in scrapbook and text is not None:
                text = re.sub(r"^np\.\w+\((.*)\)$", r"\1", text.strip())   # np.float64(0.5)
                try:
                    values[scrapbook["name"]] = ast.literal_eval(text)
                except (ValueError, SyntaxError):
                    values[scrapbook["name"]] = text.strip("'\"")
    return values


def plain_notebook(nb, source_dir=BOOK, outputs=True):
    """A copy of the executed notebook ``nb`` as an ordinary Jupyter notebook: its
    Markdown cells in plain Markdown (glued numbers written out), the cells a page
    removes (``remove-cell``: they only glue numbers for the prose) left out, streams
    merged, outputs without the player's JSON (or no outputs), no run-specific metadata.
    """
    nb = nbformat.from_dict(nb)
    glued = _glued_values(nb)
    cells = [c for c in nb.cells if "remove-cell" not in c.metadata.get("tags", [])]
    for number, cell in enumerate(cells, start=1):
        cell.id = f"cell-{number}"               # stable ids: the same page gives the same file
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            if outputs:
                cell.outputs = [_without_player_data(o)
                                for o in merged_streams(cell.get("outputs", []))]
            else:
                cell.outputs, cell.execution_count = [], None
        if cell.cell_type == "markdown":
            cell.source = markdown_to_plain(cell.source, source_dir, glued).strip("\n")
    # a cell that held only a directive's end (exercise-end, solution-end) is left empty
    nb.cells = [c for c in cells if c.cell_type != "markdown" or c.source.strip()]
    nb.metadata = nbformat.from_dict({"kernelspec": nb.metadata["kernelspec"]})
    nbformat.validate(nb)
    return nb


def page_notebook(md_path, wheel_url):
    """The ordinary notebook (not executed) of one MyST Markdown page, setup cell included;
    a glued number shows as its name."""
    text = with_setup_cell(Path(md_path).read_text(encoding="utf-8"), wheel_url)
    return plain_notebook(read_myst_markdown_notebook(text), Path(md_path).parent, outputs=False)


def notebook_text(nb):
    """Serialised notebook, byte-stable for the same content."""
    return nbformat.writes(nb) + "\n"


def executed_notebook(build, md):
    """The notebook a build executed for the page ``md`` (under ``<build>/jupyter_execute``)."""
    path = Path(build) / "jupyter_execute" / md.relative_to(ROOT).with_suffix(".ipynb")
    if not path.is_file():
        raise FileNotFoundError(f"{path} missing: build the site first (make html)")
    return nbformat.read(path, as_version=4)


def repo_notebooks(build):
    """``{path: text}`` of the committed ``book/<page>.ipynb`` of every notebook page: the
    notebooks the build in ``build`` executed, without their outputs."""
    return {md.with_suffix(".ipynb"): notebook_text(
                plain_notebook(executed_notebook(build, md), md.parent, outputs=False))
            for md in notebook_pages()}


def write_repo_notebooks(build=ROOT / "_build"):
    """Write the committed notebooks that differ from the last build; the paths written."""
    written = []
    for path, text in repo_notebooks(build).items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


# --- Sphinx ---------------------------------------------------------------------------------

def _downloads(app, exception):
    """The download button's ``.ipynb``: the executed notebook, in plain Markdown."""
    if exception is not None or app.builder.name != "html":
        return
    for md in notebook_pages():
        docname = md.relative_to(app.srcdir).with_suffix("").as_posix()
        nb = plain_notebook(executed_notebook(build_dir(app), md), md.parent)
        write_output(app, f"_sources/{docname}.ipynb", notebook_text(nb))


class InstallCommand(SphinxDirective):
    """``.. gdlesson-install::``: the shell command that installs the published wheel."""

    def run(self):
        code = f'pip install --no-deps "{wheel.app_wheel_url(self.env.app)}" {KOREAN_FONT_PACKAGE}'
        return [nodes.literal_block(code, code, language="bash")]


def _add_setup_cell(app, docname, source):
    if is_notebook(source[0]):
        source[0] = with_setup_cell(source[0], wheel.app_wheel_url(app))
        for path in wheel.source_files():      # the library changed: read (and run) it again
            app.env.note_dependency(str(path))


def setup(app):
    app.connect("source-read", _add_setup_cell)
    app.add_directive("gdlesson-install", InstallCommand)
    app.connect("build-finished", _downloads)

