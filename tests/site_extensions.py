"""The site's own Sphinx extension (``_ext/gdsite``), importable for unit tests as the build
imports it (Jupyter Book puts ``_ext`` on the path)."""

import sys
from pathlib import Path

EXT = Path(__file__).resolve().parent.parent / "_ext"
if str(EXT) not in sys.path:
    sys.path.insert(0, str(EXT))
