"""Re-execute every page when gdlesson/ changes.

jupyter-cache keys a page on its code cells only, so an edit to the library would leave
old outputs in place. At the start of each build this extension hashes the library's
files (its code, the player's script and style, pyproject.toml); when the hash differs
from the one stored beside the cache, the cache is emptied and every page runs again.
"""

import hashlib
import shutil
from pathlib import Path

LIBRARY = Path(__file__).resolve().parent.parent / "gdlesson"


def library_hash():
    """SHA-256 of the library's files, in a fixed order."""
    digest = hashlib.sha256()
    for path in sorted(LIBRARY.rglob("*")):
        if path.suffix in (".py", ".js", ".css"):
            digest.update(path.relative_to(LIBRARY).as_posix().encode())
            digest.update(path.read_bytes())
    digest.update((LIBRARY.parent / "pyproject.toml").read_bytes())
    return digest.hexdigest()


def _clear_stale_cache(app):
    """Empty the jupyter cache when the library changed since the last build."""
    app.env.gdlesson_changed = False
    if app.config.nb_execution_mode != "cache":
        return
    cache = Path(app.config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache")
    stamp = cache.parent / ".gdlesson-hash"
    current = library_hash()
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
    app.connect("builder-inited", _clear_stale_cache)
    app.connect("env-get-outdated", _outdated)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
