"""Shared fixtures, each computed once per test session: the lecture's data, its runs at
the lecture's learning rates, a run that blows up, and the player of the lecture's run."""

import logging
import subprocess
import sys
import warnings

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

import gdlesson  # noqa: E402


# Importing gdlesson must leave matplotlib's global state alone. Checked in a fresh Python,
# started when the session starts so that its 2 s of importing torch overlap the other tests.
# Every public name is looked up, so that every module of the package is imported.
IMPORT_CHECK = ("import matplotlib as mpl; before = dict(mpl.rcParams); import gdlesson; "
                "[getattr(gdlesson, name) for name in gdlesson.__all__]; "
                "assert dict(mpl.rcParams) == before, 'rcParams changed'; "
                "import matplotlib.pyplot as plt; assert plt.get_fignums() == [], 'a figure is open'")


def pytest_sessionstart(session):
    session.config.stash[IMPORT_KEY] = subprocess.Popen(
        [sys.executable, "-c", IMPORT_CHECK], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)


IMPORT_KEY = pytest.StashKey()


def pytest_sessionfinish(session):
    process = session.config.stash.get(IMPORT_KEY, None)
    if process is not None and process.returncode is None:   # no test asked for it
        process.communicate(timeout=120)


@pytest.fixture(scope="session")
def fresh_import(request):
    """(exit code, stderr) of importing gdlesson in a fresh Python."""
    process = request.config.stash[IMPORT_KEY]
    _, err = process.communicate(timeout=120)
    return process.returncode, err


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory):
    """``(path, sha256)`` of the gdlesson wheel of this checkout, built once per session."""
    import site_extensions  # noqa: F401  (puts _ext on the path)
    from gdsite import wheel
    return wheel.wheel(tmp_path_factory.mktemp("wheel"))


@pytest.fixture(scope="session")
def data():
    return gdlesson.make_data()


@pytest.fixture(scope="session")
def history(data):
    """The lecture's run: α = 0.001, 30 epochs from (-5, 10)."""
    return gdlesson.train(data.X, data.y)


@pytest.fixture(scope="session")
def runs(data):
    """α → History for the lecture's five learning rates (30 epochs, no warnings)."""
    return {alpha: gdlesson.train(data.X, data.y, alpha=alpha, warn=False)
            for alpha in gdlesson.LECTURE_ALPHAS}


@pytest.fixture(scope="session")
def exploded(data):
    """α = 0.02 for 200 epochs: diverges at once and overflows; the warnings it gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = gdlesson.train(data.X, data.y, alpha=0.02, epochs=200)
    return history, caught


@pytest.fixture(scope="session")
def lesson_player(data, history):
    """The player of ``show_lrpr(data, history)``, rendered once."""
    return gdlesson.show_lrpr(data, history).player


@pytest.fixture(autouse=True)
def no_missing_glyphs(caplog):
    """Fail a test whose figures drew a missing glyph. matplotlib reports one through
    ``warnings`` for text ("Glyph … missing") and through ``logging`` for math text."""
    caplog.set_level(logging.WARNING, logger="matplotlib")
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*[Gg]lyph.*")
        yield
    glyphs = [r.getMessage() for r in caplog.records if "glyph" in r.getMessage().lower()]
    assert not glyphs, glyphs
