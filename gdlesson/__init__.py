"""gdlesson — gradient descent for linear regression in PyTorch, as taught in 03wk-2.

The lecture's computation and figures as a small library: the data, the SSE loss, three
ways to get its gradient, the training loop with its history, the stability analysis of
the learning rate, figures, the What-history table and the ``show_lrpr`` animation.
"""

from .analysis import (best_alpha, closed_form_path, critical_alpha, eigenvalues,
                       final_losses, growth_factors, ols)
from .analysis_plots import plot_alpha_sweep, plot_contour_paths
from .animation import LessonAnimation, show_lrpr
from .jshtml import compact_html
from .data import RegressionData, make_data
from .fonts import korean_font_path, korean_style
from .gradients import grad_autograd, grad_formula, grad_numeric
from .loss import sse
from .plots import plot_data, plot_epochs, plot_fit, plot_fits, plot_loss
from .surface import loss_surface
from .table import Table, stability_table, what_table
from .idioms import train_no_grad, train_sgd
from .training import History, train

__version__ = "1.0.0"

__all__ = [
    "RegressionData", "make_data",
    "sse",
    "grad_autograd", "grad_formula", "grad_numeric",
    "History", "train", "train_no_grad", "train_sgd",
    "eigenvalues", "critical_alpha", "best_alpha", "growth_factors", "ols", "closed_form_path",
    "final_losses", "plot_contour_paths", "plot_alpha_sweep",
    "loss_surface",
    "plot_data", "plot_fit", "plot_fits", "plot_epochs", "plot_loss",
    "Table", "what_table", "stability_table",
    "LessonAnimation", "show_lrpr", "compact_html",
    "korean_font_path", "korean_style",
]
