"""The data of the in-browser α explorer (``book/07_alpha_explorer.md``), made from gdlesson.

At build time this extension writes ``_static/explorer-data.js``, which defines
``window.GD_DATA``: the lecture's x and y (every float as stored, full precision), the
true W, the eigenvalues of XᵀX, α* = 1/λ_max, the best α, the least-squares Ŵ, the
defaults of ``gdlesson.train`` (start, α, epochs), the words and tolerance gdlesson uses
to say a loss rises again or diverges, and, as a check for the page's own gradient
descent, the Ŵ that ``gdlesson.train`` reaches with those defaults. It is a
script rather than JSON so that the page also works opened from ``file://``.

The explorer's script and stylesheet live in ``book/_static/`` (a static folder of the
site, see ``html_static_path`` in ``_config.yml``), served as ``_static/explorer.js`` and
``_static/explorer.css``. Only the explorer page loads them.
"""

import inspect
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILE_NAME = "explorer-data.js"


def explorer_data():
    """Everything the explorer needs, as plain Python numbers."""
    import gdlesson as gd
    from gdlesson import training

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
        "words": {"rise_rtol": training.RISE_RTOL, "decreasing": training.DECREASING,
                  "unstable": training.UNSTABLE, "diverged": training.DIVERGED},
    }


def explorer_script():
    """Text of ``explorer-data.js``."""
    payload = json.dumps(explorer_data(), ensure_ascii=False, separators=(",", ":"))
    return ("// Made at build time by _ext/explorer_data.py from gdlesson; do not edit.\n"
            f"window.GD_DATA = {payload};\n")


def _stage(app):
    """Write the data script to a staging folder served as static files."""
    if app.builder.format != "html":
        return
    stage = Path(app.outdir).parent / "explorer_static"
    stage.mkdir(parents=True, exist_ok=True)
    target, text = stage / FILE_NAME, explorer_script()
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    app.config.html_static_path.append(str(stage))


def setup(app):
    app.connect("builder-inited", _stage)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
