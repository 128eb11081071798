"""The site's layer and the library use only the public API of Sphinx, MyST-NB, the theme,
matplotlib and the rest: no import of a private module or name (``_``-prefixed) from
another package, and no private attribute read on another object (``obj._name``). Walked
over the syntax trees of ``gdlesson/``, ``_ext/``, ``site_tests/`` and ``benchmarks/``."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ["gdlesson", "_ext", "site_tests", "benchmarks"]
OWN = {"gdlesson", "gdsite", "conftest", "crawl"}       # our packages: their privates are ours
# IPython's display protocol: public names that happen to start with "_"
PROTOCOL = ("_repr_", "_ipython_")


def python_files():
    return sorted(p for folder in FOLDERS for p in (ROOT / folder).rglob("*.py")
                  if "node_modules" not in p.parts and ".cache" not in p.parts)


def _private(name):
    """A private name; ``_`` alone is gettext's (``from sphinx.locale import _``), public."""
    return (name.startswith("_") and name != "_" and not name.startswith("__")
            and not name.startswith(PROTOCOL))


def violations(source, path="<source>"):
    """Private imports and private attribute reads in ``source``, as messages."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            top = node.module.split(".")[0]
            if top in OWN:
                continue
            if any(_private(part) for part in node.module.split(".")):
                found.append(f"{path}:{node.lineno}: from {node.module} import …")
            found += [f"{path}:{node.lineno}: from {node.module} import {alias.name}"
                      for alias in node.names if _private(alias.name)]
        elif isinstance(node, ast.Import):
            found += [f"{path}:{node.lineno}: import {alias.name}" for alias in node.names
                      if alias.name.split(".")[0] not in OWN
                      and any(_private(part) for part in alias.name.split("."))]
        elif isinstance(node, ast.Attribute) and _private(node.attr):
            owner = node.value
            if isinstance(owner, ast.Name) and owner.id in {"self", "cls"} | OWN:
                continue
            found.append(f"{path}:{node.lineno}: ._{node.attr.lstrip('_')} read on {ast.unparse(owner)}")
        elif isinstance(node, ast.Attribute) and node.attr == "listeners" \
                and isinstance(node.value, ast.Attribute) and node.value.attr == "events":
            found.append(f"{path}:{node.lineno}: app.events.listeners edited")
    return found


@pytest.mark.parametrize("path", python_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_private_api(path):
    found = violations(path.read_text(encoding="utf-8"), path.relative_to(ROOT))
    assert not found, "\n".join(found)


def test_the_walk_finds_what_it_looks_for():
    assert violations("from sphinx.builders.html._assets import _JavaScript")
    assert violations("from myst_nb.core.render import _private_helper")
    assert violations("canvas._is_idle_drawing")
    assert violations("app.events.listeners.clear()")
    assert not violations("self._cache = 1\nobj._repr_mimebundle_()\nfrom gdsite import common")
