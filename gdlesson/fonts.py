"""A Korean font for figures, shipped by a pip package (no system font assumed).

The NanumGothic files come with the ``koreanize-matplotlib`` wheel; we only read them
from its folder (importing that package would change matplotlib's global rcParams).
Figures use :func:`korean_style`, a context that sets the font family while a figure
is made: DejaVu Sans first (Latin letters, digits, the minus sign U+2212 and math text),
NanumGothic second, which matplotlib falls back to for Hangul. Mathtext has no such
fallback, so Korean is never put inside ``$…$`` in a label.
"""

import contextlib
import functools
import importlib.util
from pathlib import Path

import matplotlib as mpl
from matplotlib import font_manager

FONT_FAMILY = "NanumGothic"


@functools.lru_cache(maxsize=None)
def korean_font_path():
    """Path of NanumGothic.ttf inside the installed ``koreanize_matplotlib`` package."""
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(
            "the Korean font comes from the package koreanize-matplotlib: pip install koreanize-matplotlib")
    path = Path(spec.origin).parent / "fonts" / "NanumGothic.ttf"
    if not path.is_file():
        raise FileNotFoundError(f"NanumGothic.ttf not found in {path.parent}")
    font_manager.fontManager.addfont(str(path))
    return path


def korean_rc():
    """The rcParams that :func:`korean_style` applies: concrete family names, because a
    generic family ("sans-serif") is resolved when the figure is drawn, which may be
    after the context has ended."""
    korean_font_path()
    return {
        "font.family": ["DejaVu Sans", FONT_FAMILY],
        "mathtext.fontset": "dejavusans",
    }


@contextlib.contextmanager
def korean_style():
    """Context in which new text is drawn with the Korean font."""
    with mpl.rc_context(korean_rc()):
        yield
