"""A learning rate that is too large is recorded and reported, never raised or mis-drawn."""

import math
import re
import warnings

import matplotlib.pyplot as plt
import pytest

import gdlesson


@pytest.fixture(scope="module")
def exploded(data):
    with pytest.warns(RuntimeWarning, match=r"alpha=0.02 diverged at epoch 2") as record:
        h = gdlesson.train(data.X, data.y, alpha=0.02, epochs=200)
    assert len(record) == 1                      # warned once, not once per epoch
    return h


def test_diverging_run_is_recorded(exploded):
    assert exploded.diverged is True
    assert exploded.diverged_at == 2
    assert exploded.stopped_at is not None and exploded.stopped_at < 200
    assert exploded.epochs_run == exploded.stopped_at - 1
    values = exploded.loss_history + [v for w in exploded.What_history for v in w]
    assert all(math.isfinite(v) for v in values)  # only finite values are kept
    assert "발산" in exploded.status() and f"epoch {exploded.stopped_at}" in exploded.status()


def test_no_warning_when_asked(data):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        h = gdlesson.train(data.X, data.y, alpha=0.01, epochs=30, warn=False)
    assert h.diverged_at == 6 and h.stopped_at is None and h.epochs_run == 30


def test_diverged_loss_plot_renders(exploded):
    fig, ax = plt.subplots()
    artists = gdlesson.plot_loss(exploded, ax=ax)
    fig.canvas.draw()
    assert ax.get_yscale() == "log"
    assert any(getattr(a, "get_label", lambda: "")().startswith("발산") for a in artists)
    plt.close(fig)


def test_diverged_animation_renders(data, exploded):
    anim = gdlesson.show_lrpr(data, exploded)
    html = anim.to_jshtml()
    assert len(re.findall(r'frames\[\d+\] = "data:image/', html)) == exploded.epochs_run
    ax3d = anim._fig.axes[1]
    assert ax3d.get_xlim() == (-6.0, 10.5) and ax3d.get_ylim() == (-6.0, 10.5)
