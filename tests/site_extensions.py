"""Import the site's Sphinx extensions (``_ext/``, not a package) for unit tests."""

import importlib.util
import sys
from pathlib import Path

EXT = Path(__file__).resolve().parent.parent / "_ext"
if str(EXT) not in sys.path:
    sys.path.insert(0, str(EXT))      # as Sphinx's local_extensions does: they import each other


def load_extension(name):
    """The module ``_ext/<name>.py``, imported by path."""
    spec = importlib.util.spec_from_file_location(name, EXT / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
