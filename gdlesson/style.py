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
    """모든 그림과 애니메이션에서 학습률 ``alpha`` 값에 쓰는 색을 돌려줍니다.

    강의의 학습률 다섯 개는 색이 정해져 있고, 다른 α는 그 값에 따라 ``OTHER_ALPHA_COLORS``
    가운데 하나를 받습니다. 그래서 같은 α는 어느 페이지에서나 같은 색입니다.

    Parameters
    ----------
    alpha : float
        학습률.

    Returns
    -------
    color : str
        ``"#7570b3"`` (α = 0.001) 같은 16진수 색.
    """
    key = float(f"{float(alpha):.6g}")
    if key in ALPHA_COLORS:
        return ALPHA_COLORS[key]
    index = sum(f"{key:g}".encode()) % len(OTHER_ALPHA_COLORS)
    return OTHER_ALPHA_COLORS[index]


@functools.lru_cache(maxsize=None)
def korean_font_path():
    """설치된 ``koreanize_matplotlib`` 패키지 안에 있는 NanumGothic.ttf 파일의 경로를 돌려줍니다.

    처음 호출할 때 이 글꼴을 matplotlib에 등록합니다.

    Returns
    -------
    path : pathlib.Path
        글꼴 파일.
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
    """새 그림이 글자를 한글 글꼴로 그리게 하는 컨텍스트 관리자입니다.

    이 패키지의 그림 함수는 모두 이 안에서 그립니다. 한글 레이블이 있는 자기 그림에도 쓰세요
    (``with gd.korean_style(): ...``). 블록을 나오면 rcParams가 원래대로 돌아옵니다.

    Yields
    ------
    None
        블록 안에서 새 글자는 DejaVu Sans와 NanumGothic으로 그려집니다.
    """
    with mpl.rc_context(korean_rc()):
        yield
