"""The pages as a student's own notebook: the setup cell, the published wheel, and
ordinary Jupyter notebooks for download, Colab and Binder.

- Every notebook page opens, under its title, with one visible setup cell that installs
  ``gdlesson`` where it is missing (Colab, a fresh Jupyter) from a wheel this site
  publishes: ``{html_baseurl}dist/gdlesson-<version>-py3-none-any.whl``. The cell is
  written here once and put into each page as its source is read, so a fork that
  changes ``html.baseurl`` in ``_config.yml`` gets cells pointing at its own wheel.
- The wheel is built from ``gdlesson/`` (again only when the library changed) and copied
  into the site.
- The pages are MyST Markdown notebooks. Jupyter and Colab do not know MyST directives
  and roles, so ``book/<page>.ipynb`` is written beside each page with its Markdown cells
  turned into plain Markdown (no outputs; committed, so the Colab button has a notebook
  to open), and the ``.ipynb`` of the download button is the executed notebook, outputs
  included. ``python _ext/notebooks.py`` writes the committed notebooks without a build.

Written here rather than taken from sphinx-tojupyter: no package converts MyST directives
and roles to plain Markdown while keeping this setup cell, byte-stable output and the
outputs the build already computed (sphinx-tojupyter 0.6 drops tagged cells, turns
Markdown code blocks into cells and stamps a date into every notebook).
"""

import ast
import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import yaml
from docutils import nodes
from execution import library_hash
from myst_nb.core.read import read_myst_markdown_notebook
from sphinx.util.docutils import SphinxDirective

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"
LIBRARY = ROOT / "gdlesson"
KOREAN_FONT_PACKAGE = "koreanize-matplotlib==0.1.1"   # the figures' Korean font, as pinned

SETUP_CELL = """
```{{code-cell}} ipython3
:tags: [setup]

# 이 장의 코드는 이 셀부터 차례로 자기 노트북(Colab, Jupyter)에 옮겨 실행할 수 있습니다.
# 준비: 도우미 패키지 gdlesson이 없을 때만 이 교재의 사이트에서 받아 설치합니다.
# torch, numpy, matplotlib은 건드리지 않습니다 (--no-deps).
import importlib.util
if importlib.util.find_spec("gdlesson") is None:
    %pip install -q --no-deps {wheel_url} {font_package}
    importlib.invalidate_caches()
```
"""

_TITLES = {"note": "참고", "tip": "팁", "warning": "주의", "important": "중요", "seealso": "함께 보기"}
_FENCE = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[\w-]+)\}[ \t]*(?P<arg>[^\n]*)\n"
                    r"(?P<body>.*?)^(?P=fence)[ \t]*$", re.S | re.M)
_OPTION = re.compile(r"^:(\w[\w-]*):[ \t]*(.*)$")
_ROLE = re.compile(r"\{(doc|ref|py:func|py:class|py:meth|py:attr|py:mod|func|class)\}`([^`]*)`")


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


def _role(match):
    """A role as Markdown: code for Python objects, plain text for document references."""
    kind, text = match.group(1), _role_text(match.group(2))
    return text if kind in ("doc", "ref") else f"`{text}`"


@functools.lru_cache(maxsize=None)
def _config():
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=None)
def _link_targets():
    """(names of the notebook pages, the published site's address) — read once."""
    return {p.stem for p in notebook_pages()}, _config()["html"]["baseurl"].rstrip("/")


def _page_link(match):
    """A link to another page: its notebook when it is one, else the page on the site."""
    name, anchor = match.group(1), match.group(2) or ""
    notebooks, site = _link_targets()
    if name in notebooks:
        return f"]({name}.ipynb{anchor})"
    return f"]({site}/book/{name}.html{anchor})"


def _directive(match, source_dir):
    name, arg, body = match.group("name"), match.group("arg").strip(), match.group("body")
    options, content = _split_options(body)
    if name == "literalinclude":
        path = (source_dir / arg).resolve()
        code = pyobject_source(path, options["pyobject"]) if "pyobject" in options else \
            path.read_text(encoding="utf-8")
        return f"```python\n{code}\n```"
    content = markdown_to_plain(content, source_dir)
    if name in ("math",):
        return f"$$\n{content}\n$$"
    if name == "dropdown":
        return f"<details><summary>{arg}</summary>\n\n{content}\n\n</details>"
    if name in ("figure", "image"):
        return f"![{options.get('alt', '')}]({arg})\n\n{content}"
    title = arg if name == "admonition" else _TITLES.get(name, name)
    quoted = "\n".join("> " + line if line else ">" for line in content.splitlines())
    return f"> **{title}**\n>\n{quoted}"


def markdown_to_plain(text, source_dir=BOOK):
    """Turn the MyST directives and roles used in our pages into plain Markdown."""
    text = _FENCE.sub(lambda m: _directive(m, source_dir), text)
    text = _ROLE.sub(_role, text)
    text = re.sub(r"^\([\w-]+\)=[ \t]*\n", "", text, flags=re.M)            # (label)= targets
    text = re.sub(r"\]\(([\w-]+)\.md(#[^)]*)?\)", _page_link, text)
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


def plain_notebook(nb, source_dir=BOOK):
    """A copy of ``nb`` whose Markdown cells are plain Markdown (streams merged)."""
    nb = nbformat.from_dict(nb)
    for number, cell in enumerate(nb.cells, start=1):
        cell.id = f"cell-{number}"               # stable ids: the same page gives the same file
        if cell.cell_type == "code":
            cell.outputs = merged_streams(cell.get("outputs", []))
        if cell.cell_type == "markdown":
            cell.source = markdown_to_plain(cell.source, source_dir)
    nb.metadata.pop("jupytext", None)
    nbformat.validate(nb)
    return nb


def library_version():
    """``__version__`` of gdlesson, read from its source (no import)."""
    text = (LIBRARY / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, re.M).group(1)


def wheel_name():
    return f"gdlesson-{library_version()}-py3-none-any.whl"


def wheel_url(baseurl=None):
    """Where the site publishes the wheel: ``{html.baseurl}dist/<wheel>``."""
    baseurl = baseurl if baseurl is not None else _config()["html"]["baseurl"]
    return f"{baseurl.rstrip('/')}/dist/{wheel_name()}"


def with_setup_cell(text, baseurl=None):
    """The page's MyST text with the setup cell put right under its title."""
    cell = SETUP_CELL.format(wheel_url=wheel_url(baseurl), font_package=KOREAN_FONT_PACKAGE)
    title = re.search(r"^# .*\n", text, re.M)
    if title is None:
        raise ValueError("a notebook page needs a '# title' line for its setup cell to follow")
    return text[: title.end()] + cell + text[title.end():]


def page_notebook(md_path, baseurl=None):
    """The ordinary notebook (no outputs) of one MyST Markdown page, setup cell included."""
    text = with_setup_cell(Path(md_path).read_text(encoding="utf-8"), baseurl)
    return plain_notebook(read_myst_markdown_notebook(text), Path(md_path).parent)


def toc_pages():
    """The ``.md`` files of ``_toc.yml``, root first, in reading order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [c["file"] for part in toc.get("parts", [])
                             for c in part["chapters"]]
    return [ROOT / f"{f}.md" for f in files]


def is_notebook(text):
    """A MyST Markdown notebook has a ``kernelspec`` in its front matter."""
    return text.startswith("---") and "kernelspec:" in text.split("\n---", 1)[0]


def notebook_pages():
    """The pages of ``_toc.yml`` that are notebooks, in reading order."""
    return [p for p in toc_pages() if is_notebook(p.read_text(encoding="utf-8"))]


def notebook_text(nb):
    """Serialised notebook, byte-stable for the same content."""
    return nbformat.writes(nb) + "\n"


def write_repo_notebooks():
    """Write ``book/<page>.ipynb`` for every notebook page; return the paths written."""
    written = []
    for md in notebook_pages():
        target = md.with_suffix(".ipynb")
        text = notebook_text(page_notebook(md))
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            written.append(target)
    return written


def _replace_downloads(app, exception):
    if exception is not None or app.builder.name != "html":
        return
    executed = Path(app.outdir).parent / "jupyter_execute"
    for md in notebook_pages():
        docname = md.relative_to(app.srcdir).with_suffix("").as_posix()
        source = executed / f"{docname}.ipynb"
        target = Path(app.outdir) / "_sources" / f"{docname}.ipynb"
        if source.exists():
            nb = plain_notebook(nbformat.read(source, as_version=4), md.parent)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(notebook_text(nb), encoding="utf-8")


def build_wheel(target_dir):
    """Build the gdlesson wheel into ``target_dir`` (byte-identical for the same sources)."""
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, SOURCE_DATE_EPOCH="315532800")   # 1980-01-01: fixed zip times
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                        "--quiet", "--wheel-dir", tmp, str(ROOT)], check=True, env=env,
                       cwd=tmp)
        shutil.rmtree(ROOT / "build", ignore_errors=True)       # setuptools' scratch folder
        target_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy2(Path(tmp) / wheel_name(), target_dir / wheel_name())


def _stage_wheel(app):
    """Put the wheel in a folder copied to the site's root as ``dist/``."""
    if app.builder.format != "html":
        return
    stage = Path(app.outdir).parent / "wheel" / library_hash()[:16]
    if not (stage / "dist" / wheel_name()).exists():
        shutil.rmtree(stage.parent, ignore_errors=True)
        build_wheel(stage / "dist")
    app.config.html_extra_path.append(str(stage))


class InstallCommand(SphinxDirective):
    """``.. gdlesson-install::``: the shell command that installs the published wheel."""

    def run(self):
        code = f'pip install --no-deps "{wheel_url(self.config.html_baseurl)}" {KOREAN_FONT_PACKAGE}'
        return [nodes.literal_block(code, code, language="bash")]


def _add_setup_cell(app, docname, source):
    if is_notebook(source[0]):
        source[0] = with_setup_cell(source[0], app.config.html_baseurl)
        app.env.note_dependency(__file__)      # a new setup cell re-reads every notebook page


def setup(app):
    app.connect("builder-inited", lambda app: write_repo_notebooks())
    app.connect("builder-inited", _stage_wheel)
    app.connect("source-read", _add_setup_cell)
    app.add_directive("gdlesson-install", InstallCommand)
    app.connect("build-finished", _replace_downloads)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    for path in write_repo_notebooks():
        print("wrote", path.relative_to(ROOT))
    sys.exit(0)
