"""A student copies a page's code cells, as the built page shows them, in order into an
empty notebook and runs them: in a fresh kernel of a virtual environment that has torch,
numpy and matplotlib but not gdlesson, with the site's address (``html.baseurl``) pointed
at the site served on 127.0.0.1. The first cell must install gdlesson from the wheel the
site publishes, and every cell must run."""

import html
import json
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

from conftest import NOTEBOOK_PAGES, ROOT, notebooks

VENV = ROOT / "site_tests" / ".cache" / "student-venv"
# what a student's notebook already has (Colab, a fresh Jupyter): not gdlesson
STUDENT_PACKAGES = [f"torch=={version('torch').split('+')[0]}", f"numpy=={version('numpy')}",
                    f"matplotlib=={version('matplotlib')}", "ipykernel"]
CELL = re.compile(r'<div class="cell[ "].*?<div class="cell_input.*?<pre>(.*?)</pre>', re.S)


@pytest.fixture(scope="session")
def student_kernel(tmp_path_factory):
    """A kernel manager class for the student's virtual environment (made once, kept in
    .cache)."""
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *STUDENT_PACKAGES], check=True,
                       timeout=1800)
    _uninstall(["gdlesson", "koreanize-matplotlib"])     # left by an earlier run
    assert subprocess.run([str(python), "-c", "import gdlesson"], capture_output=True,
                          cwd="/").returncode, \
        "the student's environment must not have gdlesson"
    kernels = tmp_path_factory.mktemp("kernels")
    spec = kernels / "student"
    spec.mkdir()
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "student", "language": "python",
        "env": {"PYTHONPATH": "", "MPLBACKEND": ""},      # nothing of this checkout
    }))
    specs = KernelSpecManager(kernel_dirs=[str(kernels)])

    class StudentKernel(KernelManager):
        """A kernel manager that finds the student's kernel (nbclient owns and closes it)."""

        def _kernel_spec_manager_default(self):
            return specs

    return StudentKernel


def shown_code(page_html):
    """The code of each cell, in order, as the page shows it (hidden-input cells too)."""
    return [html.unescape(re.sub(r"<[^>]+>", "", code)).rstrip("\n")
            for code in CELL.findall(page_html)]


def _uninstall(packages):
    python = VENV / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "uninstall", "-q", "-y", *packages], check=True,
                   capture_output=True, cwd="/")


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_copied_cells_run_in_an_empty_notebook(site, server, student_kernel, page, tmp_path):
    cells = shown_code((site / f"{page}.html").read_text(encoding="utf-8"))
    baseurl = notebooks._config()["html"]["baseurl"].rstrip("/")
    assert baseurl in cells[0] and "%pip install" in cells[0], "the first cell installs gdlesson"
    cells = [code.replace(baseurl, server) for code in cells]
    _uninstall(["gdlesson", "koreanize-matplotlib"])              # a fresh student, every page
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    NotebookClient(nb, kernel_name="student", kernel_manager_class=student_kernel, timeout=600,
                   allow_errors=True, resources={"metadata": {"path": str(tmp_path)}}).execute()
    errors = [(i, o.ename, o.evalue) for i, c in enumerate(nb.cells) for o in c.outputs
              if o.output_type == "error"]
    assert not errors, f"{page}: cells that failed: {errors}"
    installed = subprocess.run([str(VENV / "bin" / "python"), "-c",
                                "import gdlesson; print(gdlesson.__file__)"],
                               capture_output=True, text=True, check=True, cwd="/").stdout
    assert str(VENV) in installed, "gdlesson came from the site's wheel"
    assert Path(installed.strip()).name == "__init__.py"
