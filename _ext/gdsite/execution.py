"""The pages' notebooks run side by side, one kernel per core and one more, while Sphinx
reads.

MyST-NB (``execute_notebooks: cache``) runs a page's notebook when Sphinx reads the page,
one page after another. Instead, before reading (``env-before-read-docs``) this extension
finds the notebook pages about to be read that jupyter-cache does not hold yet and starts
running them in worker threads with jupyter-cache's own executor function, the longest
first. It also orders the pages to read (the event exists for that): the pages without
code first, then the notebooks in the order they are expected to finish. When Sphinx
comes to a notebook page (``source-read``), it waits for that notebook alone and stores
the result in jupyter-cache; MyST-NB then finds the page in the cache, exactly as after
an earlier build. So the pages without code, and each finished notebook, are read while
the other notebooks still run.

A page is put together as MyST-NB reads it: its text with the setup cell
(``notebooks.py``, the one change the site makes to a page's source), read as a MyST
notebook. jupyter-cache matches notebooks by their code and kernel, so what MyST-NB reads
matches what ran here; a page that does not match, or that fails here, is simply run again
by MyST-NB as it reads it, which reports an error as usual.

Each kernel starts the usual way (a fork server that gave the kernels PyTorch already
imported saved 3.4 s of a 25.9 s clean build, 13 %, for 325 lines of process plumbing that
ran on Linux only: it went).
"""

import heapq
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


class Runs:
    """The notebooks running in the background during one build: docname → job."""

    def __init__(self):
        self.pool, self.jobs, self.cache = None, {}, None
        self.started, self.total, self.workers = 0.0, 0, 0

    def start(self, cache, jobs, workers, timeout):
        """Run ``jobs`` (docname → (notebook, path)), in the order given."""
        self.cache, self.started = cache, time.perf_counter()
        self.total, self.workers = len(jobs), workers
        self.pool = ThreadPoolExecutor(workers, thread_name_prefix="gdsite-notebook")
        self.jobs = {docname: (nb, path, self.pool.submit(_run, nb, path, timeout))
                     for docname, (nb, path) in jobs.items()}

    def wait_for(self, docname):
        """Wait for ``docname``'s notebook (if it is running here) and cache its result."""
        job = self.jobs.pop(docname, None)
        if job is None:
            return
        nb, path, future = job
        result = future.result()
        if result.err is None:
            join_streams(nb)
            self.cache.cache_notebook_bundle(CacheBundleIn(nb, str(path),
                                                           data={"execution_seconds": result.time}),
                                             check_validity=False, overwrite=True)
        if not self.jobs:
            self.finish()

    def finish(self):
        """Stop the workers (after any notebook not waited for) and report the time."""
        if self.pool is None:
            return
        self.pool.shutdown(wait=True, cancel_futures=True)
        logger.info("gdsite: ran %d notebooks, %d at a time, in %.1f s", self.total,
                    self.workers, time.perf_counter() - self.started)
        self.pool, self.jobs = None, {}


def page_notebook(app, docname):
    """The notebook of ``docname`` as MyST-NB will read it (setup cell included), or None
    for a page that is not a notebook."""
    path = Path(app.env.doc2path(docname))
    text = path.read_text(encoding="utf-8") if path.suffix == ".md" else ""
    if not is_notebook(text):
        return None, path
    return read_myst_markdown_notebook(with_setup_cell(text, app_wheel_url(app)),
                                       path=str(path)), path


def join_streams(nb):
    """Each cell's stream outputs of one name (stdout, stderr) as one, their texts joined as
    they were written.

    The kernel sends what a cell prints in pieces cut by time, so one ``print`` can arrive as
    two messages; MyST-NB's ``nb_merge_streams`` strips each piece and ends it with a newline,
    which would break that line where the cut fell, differently from run to run.
    """
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs, streams = [], {}
        for output in cell.outputs:
            if output.output_type == "stream" and output.name in streams:
                streams[output.name].text += output.text
                continue
            if output.output_type == "stream":
                streams[output.name] = output
            outputs.append(output)
        cell.outputs = outputs


def _run(nb, path, timeout):
    """Execute one notebook in place (in a worker thread); the result of jupyter-cache.

    The kernel is stopped at once when the last cell has run (nbclient's "immediate"
    shutdown): a graceful one lets it tear PyTorch down for about a second, with nothing
    of the page left to compute."""
    return single_nb_execution(nb, cwd=str(path.parent), timeout=timeout, allow_errors=False,
                               shutdown_kernel="immediate")


def finish_order(costs, workers):
    """The order in which jobs finish when ``workers`` take them in the order of ``costs``
    (name → expected cost), each the next job as soon as it is free."""
    free = [(0.0, worker) for worker in range(workers)]
    finished = []
    for name, cost in costs.items():
        start, worker = heapq.heappop(free)
        finished.append((start + cost, name))
        heapq.heappush(free, (start + cost, worker))
    return [name for _, name in sorted(finished)]


def reading_order(docnames, finishing):
    """``docnames`` with the pages not in ``finishing`` first (in their order), then those
    of ``finishing`` in its order."""
    rank = {docname: k for k, docname in enumerate(finishing)}
    return sorted(docnames, key=lambda docname: rank.get(docname, -1))


RUNS = Runs()


def start_runs(app, env, docnames):
    """Start the notebooks about to be read that the cache lacks, and order ``docnames``
    (in place) so that Sphinx reads what is ready first."""
    if app.config.nb_execution_mode != "cache":
        return
    # MyST-NB's cache: the configured folder, else .jupyter_cache beside the output
    cache = get_cache(app.config.nb_execution_cache_path or build_dir(app) / ".jupyter_cache")
    jobs = {}
    for docname in docnames:
        nb, path = page_notebook(app, docname)
        if nb is None:
            continue
        try:
            cache.match_cache_notebook(nb)
        except KeyError:
            jobs[docname] = (nb, path)
    if len(jobs) < 2:
        return                              # nothing to gain: MyST-NB runs it as it reads
    # the longest pages first (a page's length stands for its running time)
    costs = dict(sorted(((d, job[1].stat().st_size) for d, job in jobs.items()),
                        key=lambda item: item[1], reverse=True))
    # one kernel more than the cores: a kernel leaves its core idle while it starts and while
    # its outputs travel, and a third one fills that time (about 1 s less on 2 cores)
    workers = min(len(jobs), app.config.gdsite_execution_workers or (os.cpu_count() or 1) + 1)
    RUNS.start(cache, {docname: jobs[docname] for docname in costs}, workers,
               app.config.nb_execution_timeout)
    docnames[:] = reading_order(docnames, finish_order(costs, workers))


def wait_for_page(app, docname, source):
    """Before a page is read: wait for its notebook if it is running."""
    RUNS.wait_for(docname)


def finish_runs(app, *args):
    RUNS.finish()


def setup(app):
    app.add_config_value("gdsite_execution_workers", 0, "env", types=(int,))
    app.connect("env-before-read-docs", start_runs)
    app.connect("source-read", wait_for_page, priority=100)   # before MyST-NB parses the page
    app.connect("env-updated", finish_runs)
    app.connect("build-finished", finish_runs)              # a build that stopped early
