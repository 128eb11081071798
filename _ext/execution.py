"""How the pages run when the site is built.

- gdlesson comes from this checkout, not from an installed copy: this process imports it
  from the repository's root, and the pages' kernels get that root on ``PYTHONPATH``.
- Figures come out at twice the screen density (IPython's ``retina`` format, set in an
  IPython profile the kernels read through ``IPYTHONDIR``), so they are sharp on phones;
  IPython gives them their size in CSS pixels, which the page's ``<img>`` carries.
- jupyter-cache keys a page on its code cells only, so an edit to the library would
  leave old outputs in place. At the start of each build the library's files (its code,
  the player's script and style, pyproject.toml) are hashed; when the hash differs from
  the one stored beside the cache, the cache is emptied and every page runs again.
"""

import hashlib
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = ROOT / "gdlesson"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))          # the other extensions import gdlesson from here
KERNEL_CONFIG = 'c.InlineBackend.figure_formats = {"retina"}\n'


def library_hash():
    """SHA-256 of the library's files, in a fixed order."""
    digest = hashlib.sha256()
    for path in sorted(LIBRARY.rglob("*")):
        if path.suffix in (".py", ".js", ".css"):
            digest.update(path.relative_to(LIBRARY).as_posix().encode())
            digest.update(path.read_bytes())
    digest.update((LIBRARY.parent / "pyproject.toml").read_bytes())
    return digest.hexdigest()


def _kernel_environment(app):
    """gdlesson and the 2x figure format for every kernel the build starts."""
    paths = [str(ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    os.environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    profile = Path(app.outdir).parent / "ipython" / "profile_default"
    profile.mkdir(parents=True, exist_ok=True)
    (profile / "ipython_kernel_config.py").write_text(KERNEL_CONFIG, encoding="utf-8")
    os.environ["IPYTHONDIR"] = str(profile.parent)


def _clear_stale_cache(app):
    """Empty the jupyter cache when the library changed since the last build."""
    app.env.gdlesson_changed = False
    if app.config.nb_execution_mode != "cache":
        return
    cache = Path(app.config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache")
    stamp = cache.parent / ".gdlesson-hash"
    current = hashlib.sha256((library_hash() + KERNEL_CONFIG).encode()).hexdigest()
    if stamp.exists() and stamp.read_text() == current:
        return
    if cache.exists():
        shutil.rmtree(cache)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current)
    app.env.gdlesson_changed = True


def _outdated(app, env, added, changed, removed):
    """After a library change every page is read, and so executed, again."""
    if getattr(env, "gdlesson_changed", False):
        return sorted(env.found_docs - added - changed)
    return []


def setup(app):
    app.connect("builder-inited", _kernel_environment)
    app.connect("builder-inited", _clear_stale_cache)
    app.connect("env-get-outdated", _outdated)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
