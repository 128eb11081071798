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
