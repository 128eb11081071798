"""The package's names are imported on first use: ``import gdlesson`` is light, every
public name is there when asked for, and the Sphinx extension loads without PyTorch."""

import subprocess
import sys

import pytest

import gdlesson


def test_every_public_name_resolves_to_its_module():
    for name in gdlesson.__all__:
        value = getattr(gdlesson, name)
        home = gdlesson._MODULE_OF[name]
        assert getattr(value, "__module__", f"gdlesson.{home}") == f"gdlesson.{home}", name
    assert set(gdlesson.__all__) <= set(dir(gdlesson))


def test_the_lecture_constants_are_there():
    assert gdlesson.START == (-5.0, 10.0)
    assert (gdlesson.ALPHA, gdlesson.EPOCHS) == (0.001, 30)


def test_an_unknown_name_is_an_attribute_error_that_names_it():
    with pytest.raises(AttributeError, match="no attribute 'plot_surface'"):
        gdlesson.plot_surface  # noqa: B018


def run_fresh(code):
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_the_sphinx_extension_loads_without_torch_or_pyplot():
    # a site build loads gdlesson.player.sphinx first thing; PyTorch would add 2 s to every build
    loaded = run_fresh("import sys, gdlesson, gdlesson.player.sphinx; "
                       "print('torch' in sys.modules, 'matplotlib.pyplot' in sys.modules)")
    assert loaded == ["False", "False"]


def test_a_name_brings_its_module_and_what_it_needs():
    loaded = run_fresh("import sys, gdlesson; gdlesson.make_data; "
                       "print('gdlesson.data' in sys.modules, 'torch' in sys.modules, "
                       "'gdlesson.animation' in sys.modules)")
    assert loaded == ["True", "True", "False"]


LESSON_MODULES = {"data", "loss", "training", "analysis", "plots", "animation", "style"}


def test_the_package_shows_the_lesson_first():
    # the top of gdlesson/: the lesson's modules, the exercises, one module of argument
    # checks and the player machinery as one subpackage; at most eleven entries
    from pathlib import Path
    top = Path(gdlesson.__file__).parent
    entries = {p.name for p in top.iterdir() if p.name != "__pycache__"}
    assert entries == ({f"{m}.py" for m in LESSON_MODULES}
                       | {"__init__.py", "_checks.py", "exercises", "player"})
    assert len(entries) <= 11
    # every lesson module is named in the package's docstring, in the order it is taught
    listed = [line.split("``")[1] for line in gdlesson.__doc__.splitlines()
              if line.startswith("- ``")]
    assert set(listed) >= LESSON_MODULES | {"exercises", "player", "_checks"}
    assert listed.index("data") < listed.index("loss") < listed.index("training")


def test_the_players_public_names_live_in_the_player_package():
    from gdlesson import player
    from gdlesson.player import core, recorder
    assert gdlesson.Player is player.Player is core.Player
    assert gdlesson.find_players is player.find_players
    assert gdlesson.as_player is recorder.as_player and gdlesson.PlayerAnimation.__module__ == \
        "gdlesson.player.recorder"
    assert gdlesson.player is player
    from importlib import resources
    static = resources.files("gdlesson.player").joinpath("static")
    assert {p.name for p in static.iterdir()} >= {"gd-player.js", "gd-player.css"}


def test_the_player_renderer_is_the_installed_entry_point():
    from importlib.metadata import entry_points
    found = {ep.name: ep for ep in entry_points(group="myst_nb.mime_renderers")}
    from gdlesson.exercises.sphinx import AnswerRenderer
    from gdlesson.player.sphinx import PlayerRenderer
    assert found["gdlesson-player"].load() is PlayerRenderer
    assert found["gdlesson-answer"].load() is AnswerRenderer


def test_a_build_without_the_installed_renderer_stops_and_says_why(monkeypatch):
    # gdlesson importable but not installed: MyST-NB would never call the player renderer and
    # would write every frame inline; the extension stops the build instead
    from sphinx.errors import ExtensionError

    from gdlesson.exercises import sphinx as answer_extension
    from gdlesson.player import sphinx as player_extension
    player_extension._check_renderer(None, None)        # installed here: no complaint
    monkeypatch.setattr(player_extension, "entry_points", lambda group: [])
    with pytest.raises(ExtensionError, match=r"not installed with its entry point "
                       r"'gdlesson-player'.*written inline.*pip install -r requirements.txt"):
        player_extension._check_renderer(None, None)
    with pytest.raises(ExtensionError, match="'gdlesson-answer'"):
        answer_extension._check_renderer(None, None)
