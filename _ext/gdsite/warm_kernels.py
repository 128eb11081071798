"""The build's side of ``forkserver.py``: start the fork server, and a kernel manager
whose kernels it forks.

:class:`ForkServer` starts the server with a listening socket it has already bound, so a
launcher that connects before the server has finished importing PyTorch simply waits for
it. :class:`ForkedKernelManager` is jupyter_client's kernel manager with one change, made
through its public ``format_kernel_cmd``: the kernel's command is run by the launcher.
nbclient takes the class and its configuration as ``kernel_manager_class`` and ``config``.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Unicode
from traitlets.config import Config

SCRIPT = Path(__file__).with_name("forkserver.py")
PRELOAD = ("torch",)   # the import that costs every page's kernel about 2 s of CPU


def can_fork():
    """Forking an interpreter that has loaded PyTorch is safe on Linux (it is how PyTorch's
    own data loaders start their workers); elsewhere kernels start as usual."""
    return sys.platform == "linux" and hasattr(socket, "send_fds")


class ForkedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels are forked by the fork server at ``fork_address``
    (when set); the kernel itself is the one its kernel spec names."""

    fork_address = Unicode("", config=True, help="Unix socket of the fork server")

    def format_kernel_cmd(self, extra_arguments=None):
        command = super().format_kernel_cmd(extra_arguments)
        if not self.fork_address:
            return command
        return [sys.executable, "-I", "-S", str(SCRIPT), "launch", self.fork_address, *command]


class ForkServer:
    """One fork server for the length of a build."""

    def __init__(self, preload=PRELOAD):
        self.preload, self.process, self.folder, self.address = tuple(preload), None, None, ""

    def start(self):
        self.folder = tempfile.mkdtemp(prefix="gdsite-kernels-")
        self.address = os.path.join(self.folder, "server")
        with socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET) as listener:
            listener.bind(self.address)
            listener.listen(64)
            self.process = subprocess.Popen(
                [sys.executable, str(SCRIPT), "serve", str(listener.fileno()), *self.preload],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, pass_fds=[listener.fileno()])
        return self

    def client_options(self):
        """The keyword arguments that make an nbclient ``NotebookClient`` use this server."""
        return {"kernel_manager_class": ForkedKernelManager,
                "config": Config({"ForkedKernelManager": {"fork_address": self.address}})}

    def stop(self):
        """Stop the server (and any kernel it still runs); what it served:
        ``{"forked": n, "refused": [reason, ...]}``."""
        if self.process is None:
            return {"forked": 0, "refused": []}
        try:
            report, _ = self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            report, _ = self.process.communicate()
        self.process = None
        shutil.rmtree(self.folder, ignore_errors=True)
        try:
            return json.loads(report or b"{}") or {"forked": 0, "refused": ["no report"]}
        except ValueError:
            return {"forked": 0, "refused": ["no report"]}
