"""gdlesson — gradient descent for linear regression in PyTorch, as taught in 03wk-2.

The lecture's computation and figures as a small library. Its modules, by what they own:

- ``data``       the lecture's data and settings (seed 43052, start (-5, 10), α = 0.001, 30 epochs)
- ``loss``       the SSE (written once), the loss over a grid, three ways to get its gradient
- ``training``   the one gradient-descent loop, its History, and the words 다시 커짐 / 발산
- ``analysis``   why a learning rate fails: eigenvalues of XᵀX, α*, the closed form, OLS
- ``plots``      static figures (helpers take ``ax=None`` and return the Axes)
- ``table``      the What-history and stability tables
- ``animation``  ``show_lrpr``: the lesson's learning animation
- ``player``     the player: an animation as data (frames and captions) and its HTML
- ``movie``      the movie writer that turns any matplotlib animation into frames
- ``sphinxext``  the Sphinx extension that puts players on a site, frames as files
- ``style``      the Korean font and one colour per meaning (and per α)
"""

from .analysis import (best_alpha, closed_form_path, critical_alpha, eigenvalues, final_losses,
                       growth_factors, ols)
from .animation import show_lrpr
from .data import (ALPHA, EPOCHS, LECTURE_ALPHAS, START, RegressionData, make_data)
from .loss import grad_autograd, grad_formula, grad_numeric, loss_surface, sse
from .player import Player, PlayerAnimation, as_player, find_players, read_payload, use_player
from .plots import (plot_alpha_sweep, plot_contour_paths, plot_data, plot_epochs, plot_fit,
                    plot_fits, plot_loss)
from .style import alpha_color, korean_font_path, korean_style
from .table import Table, stability_table, what_table
from .training import History, train, train_no_grad, train_sgd

__version__ = "1.1.0"

__all__ = [
    "RegressionData", "make_data",
    "sse", "loss_surface", "grad_autograd", "grad_formula", "grad_numeric",
    "History", "train", "train_no_grad", "train_sgd",
    "eigenvalues", "critical_alpha", "best_alpha", "growth_factors", "ols", "closed_form_path",
    "final_losses",
    "plot_data", "plot_fit", "plot_fits", "plot_epochs", "plot_loss", "plot_contour_paths",
    "plot_alpha_sweep",
    "Table", "what_table", "stability_table",
    "show_lrpr", "Player", "PlayerAnimation", "as_player", "use_player", "read_payload",
    "find_players",
    "alpha_color", "korean_style", "korean_font_path",
]
