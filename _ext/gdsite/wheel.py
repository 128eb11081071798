"""The gdlesson wheel the pages install, and the address that pins it.

Every notebook page opens with a cell that installs gdlesson from this site (see
``notebooks.py``). The cell names the wheel with its SHA-256
(``…/dist/gdlesson-<version>-py3-none-any.whl#sha256=…``), which pip checks: a stale
or altered wheel under the same name is refused, not run. The same hash makes the
pages' code change whenever the library changes, so jupyter-cache runs them again.

The wheel is built the standard way (the PEP 517 hook of setuptools, the project's
build backend) from a copy of ``pyproject.toml`` and ``gdlesson/`` in a temporary
folder, so the build writes nothing into the checkout, with fixed file times and
modes (``SOURCE_DATE_EPOCH``): the same sources give the same bytes on any machine.
It is kept in ``_build/wheel/`` under a hash of its sources and copied into the site as
``dist/<wheel>`` when the build has finished.
"""

import functools
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .common import ROOT, build_dir, site_baseurl, write_output

SOURCES = ["pyproject.toml", "gdlesson"]
PACKAGE_FILES = (".py", ".js", ".css")
EPOCH = 315532800            # 1980-01-01, the earliest time a zip file can hold


def source_files():
    """The files the wheel is made of, in a fixed order."""
    files = [ROOT / "pyproject.toml"]
    files += sorted(p for p in (ROOT / "gdlesson").rglob("*")
                    if p.suffix in PACKAGE_FILES and "__pycache__" not in p.parts)
    return files


def source_hash():
    """SHA-256 of the wheel's sources (names and bytes)."""
    digest = hashlib.sha256()
    for path in source_files():
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def build_wheel(target_dir):
    """Build the wheel into ``target_dir`` from a copy of its sources; its path."""
    target_dir = Path(target_dir)
    target_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for path in source_files():
            copy = Path(tmp, path.relative_to(ROOT))
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(path.read_bytes())
            os.chmod(copy, 0o644)
            os.utime(copy, (EPOCH, EPOCH))
        script = ("import sys, setuptools.build_meta as backend; "
                  "print(backend.build_wheel(sys.argv[1]))")
        result = subprocess.run([sys.executable, "-c", script, str(target_dir.resolve())],
                                cwd=tmp, capture_output=True, text=True,
                                env=dict(os.environ, SOURCE_DATE_EPOCH=str(EPOCH)))
    if result.returncode != 0:
        raise RuntimeError(f"building the gdlesson wheel failed:\n{result.stderr[-3000:]}")
    return target_dir / result.stdout.strip().splitlines()[-1]


@functools.lru_cache(maxsize=None)
def wheel(cache_dir):
    """``(path, sha256)`` of the wheel of the current sources, built into ``cache_dir``
    (under a hash of the sources) unless it is there already."""
    folder = Path(cache_dir) / source_hash()[:16]
    found = sorted(folder.glob("gdlesson-*.whl")) if folder.is_dir() else []
    if not found:
        shutil.rmtree(cache_dir, ignore_errors=True)          # wheels of older sources
        found = [build_wheel(folder)]
    return found[0], hashlib.sha256(found[0].read_bytes()).hexdigest()


def wheel_url(path, sha256, baseurl=None):
    """The published address of the wheel, with its hash for pip to check."""
    baseurl = site_baseurl() if baseurl is None else baseurl.rstrip("/")
    return f"{baseurl}/dist/{Path(path).name}#sha256={sha256}"


def app_wheel(app):
    """The wheel of this build (built at most once per sources)."""
    return wheel(build_dir(app) / "wheel")


def app_wheel_url(app):
    """The address the pages of this build install the wheel from."""
    return wheel_url(*app_wheel(app), app.config.html_baseurl)


def _publish(app, exception):
    """Put the wheel into the site at ``dist/``."""
    if exception is None and app.builder.format == "html":
        path, _ = app_wheel(app)
        write_output(app, f"dist/{path.name}", path.read_bytes())


def setup(app):
    app.connect("build-finished", _publish)
