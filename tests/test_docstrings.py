"""Every public docstring is numpydoc as scikit-learn writes it: one entry per parameter,
the type on the name line and the description indented below. Parsed with napoleon, the
same parser that renders the API page."""

import dataclasses
import inspect
import re

import pytest
from sphinx.ext.napoleon import Config, NumpyDocstring

import gdlesson

CONFIG = Config(napoleon_use_param=True, napoleon_use_rtype=True)
PUBLIC = [getattr(gdlesson, name) for name in gdlesson.__all__]


def _documented(obj, what):
    """(names, types) of the parameters napoleon finds in ``obj``'s docstring."""
    lines = str(NumpyDocstring(inspect.getdoc(obj), CONFIG, what=what, obj=obj)).splitlines()
    params = [m.group(1) for m in map(re.compile(r"^:param (\w+):").match, lines) if m]
    types = dict(m.groups() for m in map(re.compile(r"^:type (\w+): (.*)$").match, lines) if m)
    return params, types


def _signature_names(obj):
    target = obj.__init__ if inspect.isclass(obj) else obj
    return [p.name for p in inspect.signature(target).parameters.values()
            if p.name not in ("self", "cls") and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]


@pytest.mark.parametrize("obj", PUBLIC, ids=lambda o: o.__name__)
def test_one_entry_per_parameter(obj):
    params, types = _documented(obj, "class" if inspect.isclass(obj) else "function")
    assert params == _signature_names(obj), f"{obj.__name__}: documented {params}"
    for name, kind in types.items():
        assert " : " not in kind and ";" not in kind, f"{obj.__name__}: type of {name} is {kind!r}"
        assert len(kind) <= 60, f"{obj.__name__}: a description sits on the type line of {name}"


@pytest.mark.parametrize("obj", [o for o in PUBLIC if dataclasses.is_dataclass(o)],
                         ids=lambda o: o.__name__)
def test_dataclasses_document_every_field_as_a_parameter(obj):
    params, _ = _documented(obj, "class")
    assert params == [f.name for f in dataclasses.fields(obj)]


@pytest.mark.parametrize("obj", PUBLIC, ids=lambda o: o.__name__)
def test_functions_say_what_they_return(obj):
    if inspect.isclass(obj):
        return
    text = str(NumpyDocstring(inspect.getdoc(obj), CONFIG, what="function", obj=obj))
    assert ":returns:" in text or ":rtype:" in text or ":Yields:" in text, obj.__name__


def test_every_module_says_what_it_owns():
    modules = {m.__name__ for m in map(inspect.getmodule, PUBLIC)} | {"gdlesson.player.sphinx"}
    for name in modules:
        doc = inspect.getdoc(__import__(name, fromlist=["_"]))
        assert doc and len(doc.splitlines()[0]) <= 100, name


METHODS = [(cls, name) for cls in PUBLIC if inspect.isclass(cls)
           for name, member in vars(cls).items()
           if not name.startswith("_") and inspect.isfunction(member)]


@pytest.mark.parametrize("cls,name", METHODS, ids=lambda x: x if isinstance(x, str) else x.__name__)
def test_every_public_method_documents_each_parameter(cls, name):
    """Methods too (``PlayerAnimation.to_jshtml(fps, embed_frames, default_mode)``): the API
    page shows each one's parameters from its docstring."""
    method = getattr(cls, name)
    params, _ = _documented(method, "method")
    assert params == _signature_names(method), f"{cls.__name__}.{name}: documented {params}"


def test_no_inline_literal_runs_into_a_korean_letter():
    """reStructuredText ends ``code`` only before a space or punctuation: ``x``이면 is a
    broken literal on the API page (Sphinx warns, and the build fails with -W)."""
    import pathlib
    broken = []
    for path in sorted(pathlib.Path(gdlesson.__file__).parent.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"``[^`]+``[\uac00-\ud7a3]", line):
                broken.append(f"{path.name}:{number}: {line.strip()}")
    assert not broken, "\n".join(broken)
