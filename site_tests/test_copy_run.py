"""A student copies a page's code cells, as the built page shows them, in order into an
empty notebook and runs them: in a fresh kernel of an environment that has torch, numpy,
matplotlib and ipykernel but not gdlesson, with the site's address (``html.baseurl``)
pointed at the site served on 127.0.0.1 (the wheel's ``#sha256=`` kept). The first cell
must install gdlesson from the wheel the site publishes, and every cell must run.

The student's packages are those of this environment, at the same versions, and nothing
else: torch, numpy, matplotlib, ipykernel, pip and what they require, linked into one folder
(not gdlesson, not the build's tools). Each page runs in a fresh environment of its own on
top of that folder (its own site-packages, where the setup cell installs gdlesson; the
student's packages through a ``.pth`` file), so that pages run two at a time (the machine
has two cores) without seeing each other's installs. These are the only notebook runs
besides the build.

A stale or altered wheel is refused: served under the same name with other bytes, the
setup cell's pip fails on the hash and gdlesson stays missing.
"""

import asyncio
import json
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from importlib.metadata import distribution
from pathlib import Path

import nbformat
import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient

from conftest import NOTEBOOK_PAGES, gdsite_common, page_html, serve, shown_code

# what a student's notebook already has (Colab, a fresh Jupyter): not gdlesson
STUDENT_PACKAGES = ["torch", "numpy", "matplotlib", "ipykernel", "pip"]
KERNELS_AT_ONCE = 2
CELL_TIMEOUT = 600          # s
SETUP_WHEEL = re.compile(r'"(?P<url>\S+/dist/(?P<name>gdlesson-[^"/#]+\.whl))#sha256=(?P<sha>[0-9a-f]{64})"')
ALTERED = "the altered wheel"


def _python(venv):
    return venv / "bin" / "python"


def requirement_closure(names):
    """The installed distributions ``names`` need: them and, recursively, what they require
    (markers evaluated for this Python and platform, no extras)."""
    found, todo = {}, list(names)
    while todo:
        name = canonicalize_name(todo.pop())
        if name in found:
            continue
        found[name] = dist = distribution(name)
        for line in dist.requires or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return list(found.values())


@pytest.fixture(scope="session")
def student_packages(tmp_path_factory):
    """A folder holding links to the student's packages (and their metadata) of this
    environment: what a page's fresh environment sees besides its own installs."""
    folder = tmp_path_factory.mktemp("student-packages")
    for dist in requirement_closure(STUDENT_PACKAGES):
        tops = {Path(f).parts[0] for f in dist.files or [] if not str(f).startswith("..")}
        for top in tops:
            source = Path(dist.locate_file(top))
            if source.exists() and not (folder / top).exists():
                (folder / top).symlink_to(source)
    assert subprocess.run([sys.executable, "-S", "-c", f"import sys; sys.path[:0] = [{str(folder)!r}]; "
                           "import torch, numpy, matplotlib, ipykernel"], cwd="/").returncode == 0, \
        "the student's packages do not import from their folder"
    assert not (folder / "gdlesson").exists(), "the student's packages must not have gdlesson"
    return folder


def _site_packages(python):
    return Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())


def fresh_student(base, folder):
    """A new environment in ``folder`` that sees the packages in the folder ``base`` (and runs
    their pip and ipykernel) but installs into its own site-packages; its kernel spec
    manager."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    own = _site_packages(_python(folder))
    (own / "student.pth").write_text(f"import site; site.addsitedir({str(base)!r})\n")
    kernels = folder / "kernels" / "student"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(json.dumps({
        "argv": [str(_python(folder)), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "student", "language": "python",
        "env": {"PYTHONPATH": "", "MPLBACKEND": ""},      # nothing of this checkout
    }))
    return KernelSpecManager(kernel_dirs=[str(folder / "kernels")])


async def _run(cells, folder, base):
    """Run ``cells`` (code) in a fresh kernel of a fresh student environment: the executed
    notebook and where gdlesson is installed in that environment (or None)."""
    specs = await asyncio.to_thread(fresh_student, base, folder)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])

    class StudentKernel(AsyncKernelManager):
        """Finds the student's kernel (nbclient starts, owns and shuts it down)."""

        def _kernel_spec_manager_default(self):
            return specs

    work = folder / "work"
    work.mkdir()
    await NotebookClient(nb, kernel_name="student", kernel_manager_class=StudentKernel,
                         timeout=CELL_TIMEOUT, allow_errors=True,
                         resources={"metadata": {"path": str(work)}}).async_execute()
    found = await asyncio.to_thread(
        subprocess.run, [str(_python(folder)), "-c",
                         "import importlib.metadata as m, gdlesson; print(gdlesson.__file__); "
                         "print(m.distribution('gdlesson').read_text('direct_url.json'))"],
        capture_output=True, text=True, cwd="/")
    lines = found.stdout.splitlines()
    return nb, (lines[0], json.loads(lines[1])) if found.returncode == 0 else None


def _outputs(nb):
    return [{"cell": i, "count": c.execution_count,
             "errors": [f"{o.ename}: {o.evalue}" for o in c.outputs if o.output_type == "error"],
             "text": "".join(o.get("text", "") for o in c.outputs if o.output_type == "stream")}
            for i, c in enumerate(nb.cells)]


@pytest.fixture(scope="session")
def copy_runs(site, server, student_packages, tmp_path_factory):
    """Every notebook page's shown code run as a student would, two kernels at a time, and
    the setup cell against a wheel altered under the same name: ``{page: result}``."""
    baseurl = gdsite_common.site_baseurl()
    root = tmp_path_factory.mktemp("students")
    jobs, results = {}, {}
    for page in NOTEBOOK_PAGES:
        cells = shown_code(page_html(f"{page}.html"))
        jobs[page] = [code.replace(baseurl, server) for code in cells]
        results[page] = {"shown": cells}

    # the same name, other bytes: the real wheel with one more file, from a second server
    setup = shown_code(page_html(f"{NOTEBOOK_PAGES[0]}.html"))[0]
    wheel = SETUP_WHEEL.search(setup)
    altered_site = root / "altered"
    (altered_site / "dist").mkdir(parents=True)
    altered = altered_site / "dist" / wheel["name"]
    shutil.copyfile(site / "dist" / wheel["name"], altered)
    with zipfile.ZipFile(altered, "a") as archive:
        archive.writestr("gdlesson/stale.txt", "not the published wheel\n")
    altered_url, stop_altered = serve(altered_site)
    jobs[ALTERED] = [setup.replace(baseurl, altered_url)]
    results[ALTERED] = {"shown": [setup]}

    async def all_jobs():
        gate = asyncio.Semaphore(KERNELS_AT_ONCE)

        async def one(name, cells, folder):
            async with gate:
                try:
                    nb, installed = await _run(cells, folder, student_packages)
                    results[name].update(outputs=_outputs(nb), installed=installed)
                except Exception as error:
                    results[name]["failed"] = f"{type(error).__name__}: {error}"

        await asyncio.gather(*(one(name, cells, root / f"student-{i}")
                               for i, (name, cells) in enumerate(jobs.items())))

    box = {}
    thread = threading.Thread(target=lambda: box.setdefault("error", _catch(asyncio.run, all_jobs())))
    thread.start()
    thread.join()
    stop_altered()
    if box.get("error"):
        raise box["error"]
    results[ALTERED]["served"] = altered_url
    for name in results:
        results[name]["server"] = server
    return results


def _catch(function, *args):
    try:
        function(*args)
    except BaseException as error:   # handed to the fixture
        return error
    return None


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_copied_cells_run_in_an_empty_notebook(copy_runs, page):
    run = copy_runs[page]
    baseurl = gdsite_common.site_baseurl()
    assert baseurl in run["shown"][0] and "%pip install" in run["shown"][0], \
        "the first cell installs gdlesson from the site"
    assert "failed" not in run, f"{page}: {run.get('failed')}"
    errors = [(o["cell"], e) for o in run["outputs"] for e in o["errors"]]
    assert not errors, f"{page}: cells that failed: {errors}"
    not_run = [o["cell"] for o in run["outputs"] if o["count"] is None]
    assert not not_run, f"{page}: cells that did not run: {not_run}"
    assert run["installed"], f"{page}: gdlesson is not installed after the setup cell"
    where, origin = run["installed"]
    assert "/student-" in where and Path(where).name == "__init__.py", \
        f"{page}: gdlesson imported from {where}, not from the page's fresh environment"
    wheel = SETUP_WHEEL.search(run["shown"][0])
    assert origin["url"] == f"{run['server']}/dist/{wheel['name']}", \
        f"{page}: gdlesson installed from {origin['url']}"
    assert origin.get("archive_info", {}).get("hashes", {}).get("sha256") == wheel["sha"], origin


def test_a_stale_or_altered_wheel_is_refused(copy_runs):
    run = copy_runs[ALTERED]
    assert "failed" not in run, run.get("failed")
    said = "\n".join(o["text"] for o in run["outputs"])
    assert "THESE PACKAGES DO NOT MATCH THE HASHES" in said or "hash" in said.lower(), \
        f"pip installed a wheel whose hash is not the one the setup cell pins:\n{said[-2000:]}"
    assert run["installed"] is None, f"gdlesson became importable: {run['installed']}"
