"""The pages' notebooks run side by side, one kernel per core, before Sphinx reads them.

MyST-NB (``execute_notebooks: cache``) runs a page's notebook when Sphinx reads the page,
one page after another. Before reading (``env-before-read-docs``) this extension finds
the notebook pages about to be read that jupyter-cache does not hold yet, runs them in
parallel with jupyter-cache's own executor function, and stores the results in the same
cache. MyST-NB then finds each page in the cache, exactly as after an earlier build.

A page is put together as MyST-NB reads it: its text with the setup cell
(``notebooks.py``, the one change the site makes to a page's source), read as a MyST
notebook. jupyter-cache matches notebooks by their code and kernel, so what MyST-NB reads
matches what ran here; a page that does not match, or that fails here, is simply run again
by MyST-NB as it reads it, which reports an error as usual.
"""

import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn
from jupyter_cache.executors.utils import single_nb_execution
from myst_nb.core.read import read_myst_markdown_notebook
from sphinx.util import logging

from .common import build_dir, is_notebook
from .notebooks import with_setup_cell
from .wheel import app_wheel_url

logger = logging.getLogger(__name__)


def page_notebook(app, docname):
    """The notebook of ``docname`` as MyST-NB will read it (setup cell included), or None
    for a page that is not a notebook."""
    path = Path(app.env.doc2path(docname))
    text = path.read_text(encoding="utf-8") if path.suffix == ".md" else ""
    if not is_notebook(text):
        return None, path
    return read_myst_markdown_notebook(with_setup_cell(text, app_wheel_url(app)),
                                       path=str(path)), path


def _run(job):
    """Execute one notebook in place (in a worker thread); the result of jupyter-cache."""
    nb, path, timeout = job
    return single_nb_execution(nb, cwd=str(path.parent), timeout=timeout, allow_errors=False)


def run_in_parallel(app, env, docnames):
    """Execute, side by side, the notebooks about to be read that the cache lacks."""
    if app.config.nb_execution_mode != "cache":
        return
    # MyST-NB's cache: the configured folder, else .jupyter_cache beside the output
    cache = get_cache(app.config.nb_execution_cache_path or build_dir(app) / ".jupyter_cache")
    jobs = []
    for docname in docnames:
        nb, path = page_notebook(app, docname)
        if nb is None:
            continue
        try:
            cache.match_cache_notebook(nb)
        except KeyError:
            jobs.append((nb, path, app.config.nb_execution_timeout))
    if len(jobs) < 2:
        return                              # nothing to gain: MyST-NB runs it as it reads
    jobs.sort(key=lambda job: job[1].stat().st_size, reverse=True)   # the long pages first
    workers = min(len(jobs), app.config.gdsite_execution_workers or os.cpu_count() or 1)
    start = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        results = list(pool.map(_run, jobs))
    for (nb, path, _), result in zip(jobs, results):
        if result.err is None:
            cache.cache_notebook_bundle(CacheBundleIn(nb, str(path),
                                                      data={"execution_seconds": result.time}),
                                        check_validity=False, overwrite=True)
    logger.info("gdsite: ran %d notebooks, %d at a time, in %.1f s", len(jobs), workers,
                time.perf_counter() - start)


def setup(app):
    app.add_config_value("gdsite_execution_workers", 0, "env", types=(int,))
    app.connect("env-before-read-docs", run_in_parallel)
