"""Ordinary Jupyter notebooks of the lecture pages, for download, Colab and Binder.

The pages are MyST Markdown notebooks. Jupyter and Colab do not know MyST directives
and roles, so they would show ``{literalinclude}`` or ``{doc}`` as text. This extension

- writes ``book/<page>.ipynb`` beside each ``book/<page>.md`` when the build starts
  (no outputs; these are committed, so the Colab button has a notebook to open), and
- replaces the ``.ipynb`` offered by the download button with the executed notebook
  (outputs included),

both with their Markdown cells turned into plain Markdown. ``python _ext/plain_notebooks.py``
writes the committed notebooks without building the site.
"""

import ast
import functools
import re
import sys
from pathlib import Path

import nbformat
import yaml
from myst_nb.core.read import read_myst_markdown_notebook

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"

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
def _link_targets():
    """(names of the notebook pages, the published site's address) — read once."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return {p.stem for p in notebook_pages()}, config["html"]["baseurl"].rstrip("/")


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


def page_notebook(md_path):
    """The ordinary notebook (no outputs) of one MyST Markdown page."""
    nb = read_myst_markdown_notebook(Path(md_path).read_text(encoding="utf-8"))
    return plain_notebook(nb, Path(md_path).parent)


def notebook_pages():
    """The MyST Markdown notebook pages: ``.md`` files in book/ with a kernelspec."""
    return [p for p in sorted(BOOK.glob("*.md")) if "kernelspec:" in p.read_text(encoding="utf-8")]


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


def setup(app):
    app.connect("builder-inited", lambda app: write_repo_notebooks())
    app.connect("build-finished", _replace_downloads)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    for path in write_repo_notebooks():
        print("wrote", path.relative_to(ROOT))
    sys.exit(0)
