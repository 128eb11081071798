"""Import the site's Sphinx extensions (``_ext/``, not a package) for unit tests."""

import importlib.util
from pathlib import Path

EXT = Path(__file__).resolve().parent.parent / "_ext"


def load_extension(name):
    """The module ``_ext/<name>.py``, imported by path."""
    spec = importlib.util.spec_from_file_location(name, EXT / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
