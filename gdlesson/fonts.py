"""A Korean font for figures, shipped by a pip package (no system font assumed).

The NanumGothic files come with the ``koreanize-matplotlib`` wheel; we only read them
from its folder (importing that package would change matplotlib's global rcParams).
Figures use :func:`korean_style`, a context that sets the font and draws the minus sign
as an ASCII hyphen-minus only while the figure is made.
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
    """The rcParams that :func:`korean_style` applies."""
    korean_font_path()
    return {
        # concrete names, not "sans-serif": a generic family is resolved when the figure
        # is drawn, which may be after this context has ended
        "font.family": [FONT_FAMILY, "DejaVu Sans"],
        "axes.unicode_minus": False,
        "mathtext.fontset": "dejavusans",
    }


@contextlib.contextmanager
def korean_style():
    """Context in which new text is drawn with the Korean font."""
    with mpl.rc_context(korean_rc()):
        yield
