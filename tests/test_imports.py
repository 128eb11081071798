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
    # a site build loads gdlesson.sphinxext first thing; PyTorch would add 2 s to every build
    loaded = run_fresh("import sys, gdlesson, gdlesson.sphinxext; "
                       "print('torch' in sys.modules, 'matplotlib.pyplot' in sys.modules)")
    assert loaded == ["False", "False"]


def test_a_name_brings_its_module_and_what_it_needs():
    loaded = run_fresh("import sys, gdlesson; gdlesson.make_data; "
                       "print('gdlesson.data' in sys.modules, 'torch' in sys.modules, "
                       "'gdlesson.animation' in sys.modules)")
    assert loaded == ["True", "True", "False"]
