"""The data of the in-browser α explorer (``book/07_alpha_explorer.md``), made from gdlesson.

When the build has finished, ``_static/explorer-data.js`` is written into the site: it
defines ``window.GD_DATA``, the lecture's x and y (every float as stored, full
precision), the true W, the eigenvalues of XᵀX, α* = 1/λ_max, the best α, the
least-squares Ŵ, the colour of each of the lecture's α, the defaults of ``gdlesson.train`` (start, α, epochs), the words and
tolerance gdlesson uses to say a loss rises again or diverges, and, as a check for the
page's own gradient descent, the Ŵ that ``gdlesson.train`` reaches with those defaults.
It is a script rather than JSON so that the page also works opened from ``file://``.
It depends only on gdlesson, so it is kept in ``_build/explorer/`` under the hash of the
library's sources (``wheel.source_hash``): a rebuild after an edit of the pages reuses it.

The explorer's script and stylesheet are static files of the site (``book/_static/``);
only the explorer page loads them.
"""

import inspect
import json
import shutil

from .common import build_dir, write_output
from .wheel import source_hash

FILE_NAME = "_static/explorer-data.js"


def explorer_data():
    """Everything the explorer needs, as plain Python numbers."""
    import gdlesson as gd
    from gdlesson import training
    from gdlesson.style import ALPHA_COLORS

    data = gd.make_data()
    defaults = {name: p.default for name, p in inspect.signature(gd.train).parameters.items()
                if p.default is not inspect.Parameter.empty}
    reference = gd.train(data.X, data.y, What=defaults["What"], alpha=defaults["alpha"],
                         epochs=defaults["epochs"], warn=False)
    return {
        "source": f"gdlesson {gd.__version__}: make_data()",
        "x": data.x.tolist(),
        "y": data.y.tolist(),
        "W_true": data.W.tolist(),
        "eigenvalues": gd.eigenvalues(data.X).tolist(),
        "alpha_critical": gd.critical_alpha(data.X),
        "alpha_best": gd.best_alpha(data.X),
        "W_ols": gd.ols(data.X, data.y).tolist(),
        "defaults": {"What": [float(w) for w in defaults["What"]],
                     "alpha": float(defaults["alpha"]), "epochs": int(defaults["epochs"])},
        "reference_What": reference.What.tolist(),
        "alpha_colors": {f"{a:g}": color for a, color in ALPHA_COLORS.items()},
        "words": {"rise_rtol": training.RISE_RTOL, "decreasing": training.DECREASING,
                  "unstable": training.UNSTABLE, "diverged": training.DIVERGED},
    }


def explorer_script():
    """Text of ``explorer-data.js``."""
    payload = json.dumps(explorer_data(), ensure_ascii=False, separators=(",", ":"))
    return ("// Made at build time by _ext/gdsite/explorer.py from gdlesson; do not edit.\n"
            f"window.GD_DATA = {payload};\n")


def _write(app, exception):
    if exception is None and app.builder.format == "html":
        cached = build_dir(app) / "explorer" / f"{source_hash()[:16]}.js"
        if not cached.exists():
            shutil.rmtree(cached.parent, ignore_errors=True)     # data of older sources
            cached.parent.mkdir(parents=True)
            cached.write_text(explorer_script(), encoding="utf-8")
        write_output(app, FILE_NAME, cached.read_bytes())


def setup(app):
    app.connect("build-finished", _write)
