"""Shared fixtures: the lecture's data and its 30-epoch run at α = 0.001."""

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

import gdlesson  # noqa: E402


@pytest.fixture(scope="session")
def data():
    return gdlesson.make_data()


@pytest.fixture(scope="session")
def history(data):
    return gdlesson.train(data.X, data.y)


@pytest.fixture(autouse=True)
def no_missing_glyphs(caplog):
    """Fail a test whose figures drew a missing glyph: matplotlib warns through ``warnings``
    for text ("Glyph … missing") and through ``logging`` for math text ("… does not have a
    glyph …")."""
    import logging
    caplog.set_level(logging.WARNING, logger="matplotlib")
    yield
    glyphs = [r.getMessage() for r in caplog.records if "glyph" in r.getMessage().lower()]
    assert not glyphs, glyphs
