"""What the site's extensions share: where things are, which pages there are, and how a
generated file gets into the built site."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
BOOK = ROOT / "book"


def read_yaml(name):
    """A YAML file of the repository's root (``_config.yml``, ``_toc.yml``)."""
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


def toc_pages():
    """The ``.md`` files of ``_toc.yml``, root first, in reading order."""
    toc = read_yaml("_toc.yml")
    files = [toc["root"]] + [chapter["file"] for part in toc.get("parts", [])
                             for chapter in part["chapters"]]
    return [ROOT / f"{name}.md" for name in files]


def is_notebook(text):
    """A MyST Markdown notebook has a ``kernelspec`` in its front matter."""
    return text.startswith("---") and "kernelspec:" in text.split("\n---", 1)[0]


def notebook_pages():
    """The pages of ``_toc.yml`` that are notebooks, in reading order."""
    return [page for page in toc_pages() if is_notebook(page.read_text(encoding="utf-8"))]


def site_baseurl():
    """Where the site is published (``html.baseurl`` of ``_config.yml``), without a final /."""
    return read_yaml("_config.yml")["html"]["baseurl"].rstrip("/")


def build_dir(app):
    """The build's working folder beside the HTML output (``_build``): caches live there."""
    return Path(app.outdir).parent


def write_output(app, path, content):
    """Write a generated file into the built site at ``path`` (relative to the output
    folder), only when its content differs from what is there."""
    target = Path(app.outdir, path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    if not target.is_file() or target.read_bytes() != data:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return target
