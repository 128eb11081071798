"""How figures look: one Korean font and one colour per meaning, for every figure and animation.

Colours: the data are blue dots and the line being fitted is orange (the lecture's
matplotlib defaults C0 and C1), the truth is red (the star at W = (2.5, 4) and the true
line), and each learning rate α has one colour of its own (:func:`alpha_color`), the
same in the loss curves, the contour paths, the sweep and the animations' titles.

Font: a Korean font shipped by a pip package (no system font assumed).

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
FAMILY = ["DejaVu Sans", FONT_FAMILY]   # Latin, digits, − and math first; Hangul falls back

DATA_COLOR = "tab:blue"       # the lecture's blue dots
FIT_COLOR = "tab:orange"      # the lecture's orange line: the line we draw for Ŵ
TRUE_COLOR = "red"            # the lecture's red star: the true W, and the true line
PATH_COLOR = "grey"           # the lecture's grey points: Ŵ on the loss surface
# no α is orange (the fitted line's colour) or red (the truth's)
ALPHA_COLORS = {0.0001: "#1b9e77", 0.001: "#7570b3", 0.0083: "#e7298a", 0.0085: "#7a7a00",
                0.01: "#1f3b73"}
OTHER_ALPHA_COLORS = ("#66a61e", "#e6ab02", "#8c564b", "#5d8aa8", "#17becf")


def alpha_color(alpha):
    """The colour of the learning rate ``alpha`` in every figure and animation.

    Fixed for the lecture's five rates; any other α gets one of ``OTHER_ALPHA_COLORS``
    chosen by its value, so the same α has the same colour on every page.

    Parameters
    ----------
    alpha : float
        A learning rate.

    Returns
    -------
    color : str
        A hex colour such as ``"#7570b3"`` (α = 0.001).
    """
    key = float(f"{float(alpha):.6g}")
    if key in ALPHA_COLORS:
        return ALPHA_COLORS[key]
    index = sum(f"{key:g}".encode()) % len(OTHER_ALPHA_COLORS)
    return OTHER_ALPHA_COLORS[index]


@functools.lru_cache(maxsize=None)
def korean_font_path():
    """Path of NanumGothic.ttf inside the installed ``koreanize_matplotlib`` package.

    The font is registered with matplotlib on the first call.

    Returns
    -------
    path : pathlib.Path
        The font file.
    """
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
        "font.family": FAMILY,
        "mathtext.fontset": "dejavusans",
    }


@contextlib.contextmanager
def korean_style():
    """Context manager in which new figures draw their text with the Korean font.

    Every figure helper of this package draws inside it; use it for your own figures
    with Korean labels (``with gd.korean_style(): ...``). rcParams are restored on exit.

    Yields
    ------
    None
        Inside the block, new text is drawn with DejaVu Sans and NanumGothic.
    """
    with mpl.rc_context(korean_rc()):
        yield
