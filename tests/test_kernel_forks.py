"""Kernels forked from a warm interpreter (``_ext/gdsite/forkserver.py``,
``warm_kernels.py``): run as a usual kernel would, end with their launcher, take its
interrupts, and give way to a usual kernel when they cannot be the same."""

import os
import sys
import time

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

import site_extensions  # noqa: F401  (puts _ext on the path)
from gdsite.forkserver import refusal
from gdsite.warm_kernels import ForkServer, can_fork

pytestmark = pytest.mark.skipif(not can_fork(), reason="kernels are forked on Linux only")

PROBE = """import os, sys
print(os.getcwd(), os.getppid(), "wave" in sys.modules, os.environ.get("GDSITE_PROBE"),
      "JPY_PARENT_PID" in os.environ,
      os.getpid())"""


def run(source, server, cwd, timeout=60):
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(source)],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}})
    NotebookClient(nb, timeout=timeout, shutdown_kernel="immediate",
                   resources={"metadata": {"path": str(cwd)}},
                   **server.client_options()).execute()
    return "".join(output.get("text", "") for output in nb.cells[0].outputs)


@pytest.fixture
def start_server(monkeypatch):
    """Start a server from the test itself: pytest changes the environment between a
    test's phases (the phase's name, the terminal's size), and a kernel is forked only
    into the environment the server has."""
    monkeypatch.setenv("GDSITE_PROBE", "same")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "24")
    started = []

    def start():
        started.append(ForkServer(preload=("wave",)).start())  # a module no kernel loads itself
        return started[-1]
    yield start
    for forks in started:
        forks.stop()


def test_a_forked_kernel_runs_in_the_notebooks_folder_with_the_preloaded_module(start_server, tmp_path):
    server = start_server()
    cwd, parent, preloaded, probe, jpy, pid = run(PROBE, server, tmp_path).split()
    assert cwd == str(tmp_path)
    assert int(parent) == server.process.pid           # a fork of the server
    assert preloaded == "True" and probe == "same" and jpy == "True"
    served = server.stop()
    assert served == {"forked": 1, "refused": []}
    with pytest.raises(ProcessLookupError):            # ended with its launcher
        os.kill(int(pid), 0)


def test_a_kernel_whose_environment_differs_starts_the_usual_way(start_server, tmp_path, monkeypatch):
    server = start_server()
    monkeypatch.setenv("GDSITE_PROBE", "changed")
    cwd, parent, preloaded, probe, *_ = run(PROBE, server, tmp_path).split()
    assert (cwd, preloaded, probe) == (str(tmp_path), "False", "changed")
    assert int(parent) != server.process.pid
    served = server.stop()
    assert served["forked"] == 0
    assert served["refused"] == ["another environment: GDSITE_PROBE"]


def test_a_timed_out_cell_is_interrupted_through_the_launcher(start_server, tmp_path):
    server = start_server()
    started = time.perf_counter()
    with pytest.raises((CellTimeoutError, CellExecutionError)):
        run("import time\ntime.sleep(60)", server, tmp_path, timeout=2)
    assert time.perf_counter() - started < 30
    assert server.stop()["forked"] == 1


def test_only_the_same_interpreter_module_and_environment_are_forked():
    environ = {"PATH": "/bin", "HOME": "/root"}
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "kernel.json"]
    same = {"argv": argv, "env": {**environ, "JPY_PARENT_PID": "1"}}
    assert refusal(same, environ) == ""
    assert refusal({**same, "argv": ["/usr/bin/python2", *argv[1:]]}, environ).startswith(
        "another interpreter")
    assert refusal({**same, "argv": [sys.executable, "-m", "other_kernel"]}, environ) == (
        "not ipykernel_launcher: ['-m', 'other_kernel']")
    assert refusal({**same, "env": {"PATH": "/bin", "OMP_NUM_THREADS": "1"}}, environ) == (
        "another environment: HOME, OMP_NUM_THREADS")
