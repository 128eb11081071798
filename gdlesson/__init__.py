"""gdlesson — gradient descent for linear regression in PyTorch, as taught in 03wk-2.

The lecture's computation and figures as a small library. Its modules, by what they own:

- ``data``       the lecture's data and settings (seed 43052, start (-5, 10), α = 0.001, 30 epochs)
- ``loss``       the SSE (written once), the loss over a grid, three ways to get its gradient
- ``training``   the one gradient-descent loop, its History and tables, the words 다시 커짐 / 발산
- ``analysis``   why a learning rate fails: eigenvalues of XᵀX, α*, the closed form, OLS
- ``plots``      static figures (helpers take ``ax=None`` and return the Axes)
- ``animation``  ``show_lrpr``: the lesson's learning animation
- ``style``      the Korean font and one colour per meaning (and per α)
- ``exercises``  확인 문제: each chapter's exercises, checked on the page and in a notebook
- ``player``     the machinery that shows any matplotlib animation as captioned frames, in a
                 notebook and on a site (``as_player``, ``use_player``; the Sphinx renderer)
- ``_checks``    the argument checks of every public function (clear errors for bad input)
"""

import importlib

# Each public name and the module that defines it. The modules are imported when a name is
# first used (PEP 562), so that importing one light module (``gdlesson.player.sphinx`` in a
# Sphinx build, say) does not import PyTorch and pyplot with it.
_HOMES = {
    "analysis": ["best_alpha", "closed_form_path", "critical_alpha", "eigenvalues",
                 "final_losses", "growth_factors", "ols"],
    "animation": ["show_lrpr"],
    "data": ["ALPHA", "EPOCHS", "LECTURE_ALPHAS", "START", "RegressionData", "make_data"],
    "loss": ["grad_autograd", "grad_formula", "grad_numeric", "loss_surface", "sse"],
    "player.core": ["Player", "find_players", "read_payload"],
    "player.recorder": ["PlayerAnimation", "as_player", "use_player"],
    "plots": ["plot_alpha_sweep", "plot_contour_paths", "plot_data", "plot_epochs", "plot_fit",
              "plot_fits", "plot_loss"],
    "style": ["alpha_color", "korean_font_path", "korean_style"],
    "training": ["History", "Table", "stability_table", "train", "train_no_grad", "train_sgd",
                 "what_table"],
}
_SUBPACKAGES = ("exercises", "player")   # gd.exercises.ex3_1, … (imported on first use)
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}

__version__ = "1.1.0"

# the public functions and classes; the lecture's constants (START, ALPHA, …) are there too,
# by name, but not imported by ``from gdlesson import *``
__all__ = [name for name in _MODULE_OF if not name.isupper()]


def __getattr__(name):
    """Import a public name's module on first use (PEP 562)."""
    if name in _SUBPACKAGES:
        return importlib.import_module(f".{name}", __name__)
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'gdlesson' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_MODULE_OF) | set(_SUBPACKAGES))
