"""Kernels forked from one interpreter that has already imported PyTorch.

Every notebook page starts its own kernel, and each kernel used to spend about 2 s of CPU
importing PyTorch and IPython's kernel before the page's first line ran. A build now starts
one *fork server* that imports them once (``serve``); each kernel is a fork of it, so its
``import torch`` finds the module loaded. Everything else is as in a kernel started the
usual way (``python -m ipykernel_launcher -f CONNECTION_FILE``): its own process, working
directory, environment, ``sys.argv`` and ``sys.path[0]``, its own standard streams, a fresh
NumPy random state. (Python's ``random`` reseeds itself in a fork; the torch generator's
seed at import is a constant anyway.)

The kernel manager starts a small *launcher* (``launch``) in the kernel's place. The
launcher hands its command, directory, environment and standard streams to the server
and stays the process the manager watches: it passes the manager's signals (interrupt,
terminate) to the kernel and exits with the kernel's exit code; when the manager kills
the launcher, the server kills the kernel. A request the server cannot serve exactly
(another interpreter, another module than ``ipykernel_launcher``, another environment
beyond the kernel's own ``JPY_`` variables), or no server at all, makes the launcher run
the command itself, as usual.

Only the standard library is imported at module level: the launcher runs with
``python -I -S`` and must start in milliseconds. Messages are single datagrams of JSON on
a ``SOCK_SEQPACKET`` Unix socket; the standard streams travel as file descriptors.
"""

import json
import os
import selectors
import signal
import socket
import sys

KERNEL_MODULE = "ipykernel_launcher"
FORWARDED_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT,
                     signal.SIGUSR1, signal.SIGUSR2)
MESSAGE_SIZE = 1 << 20


# --- the launcher ------------------------------------------------------------------------

def launch(address, command):
    """Have the server at ``address`` fork the kernel of ``command``; run ``command``
    itself when the server cannot. Ends the process: by exiting with the kernel's code,
    or by ``os.execv``."""
    request = {"argv": command, "cwd": os.getcwd(), "env": dict(os.environ)}
    try:
        server = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        server.connect(address)
        socket.send_fds(server, [json.dumps(request).encode()], [0, 1, 2])
        reply = json.loads(server.recv(MESSAGE_SIZE) or b"{}")
    except (OSError, ValueError):
        reply = {}
    if "pid" not in reply:
        os.execv(command[0], command)
    kernel = reply["pid"]
    for signum in FORWARDED_SIGNALS:
        signal.signal(signum, lambda signum, frame: _send(kernel, signum))
    ended = json.loads(server.recv(MESSAGE_SIZE) or b'{"exit": 1}')
    code = ended["exit"]
    sys.exit(code if code >= 0 else 128 - code)


def _send(pid, signum):
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        pass


# --- the server --------------------------------------------------------------------------

def refusal(request, environ=None, executable=None):
    """Why ``request`` cannot be served by a fork of this process ('' when it can)."""
    environ = os.environ if environ is None else environ
    executable = executable or sys.executable
    argv = request.get("argv") or []
    if len(argv) < 3 or os.path.realpath(argv[0]) != os.path.realpath(executable):
        return f"another interpreter: {argv[:1]}"
    if argv[1:3] != ["-m", KERNEL_MODULE]:
        return f"not {KERNEL_MODULE}: {argv[1:3]}"
    env = request.get("env") or {}
    differ = sorted(name for name in set(env) | set(environ)
                    if env.get(name) != environ.get(name) and not name.startswith("JPY_"))
    if differ:
        return "another environment: " + ", ".join(differ)
    return ""


class Server:
    """Accept launchers, fork their kernels, report each kernel's end to its launcher."""

    def __init__(self, listener, control):
        self.listener, self.control = listener, control
        self.selector = selectors.DefaultSelector()
        self.kernels = {}                # launcher connection -> kernel pid
        self.forked, self.refused = 0, []
        self.wakeup_read, self.wakeup_write = os.pipe()
        os.set_blocking(self.wakeup_write, False)

    def serve(self):
        """Serve until the control stream closes; in a forked kernel, return its request."""
        signal.signal(signal.SIGCHLD, lambda *args: None)
        signal.set_wakeup_fd(self.wakeup_write)
        self.selector.register(self.listener, selectors.EVENT_READ)
        self.selector.register(self.control, selectors.EVENT_READ)
        self.selector.register(self.wakeup_read, selectors.EVENT_READ)
        while True:
            for key, _ in self.selector.select():
                if key.fileobj is self.listener:
                    connection, _ = self.listener.accept()
                    self.selector.register(connection, selectors.EVENT_READ)
                elif key.fileobj == self.control:
                    if not os.read(self.control, 4096):
                        self.stop()
                        return None
                elif key.fileobj == self.wakeup_read:
                    os.read(self.wakeup_read, 4096)
                    self.reap()
                else:
                    request = self.answer(key.fileobj)
                    if request is not None:
                        return request

    def answer(self, connection):
        """Read one message from a launcher: a request to fork, or its end."""
        try:
            message, fds, _, _ = socket.recv_fds(connection, MESSAGE_SIZE, 3)
        except OSError:
            message, fds = b"", []
        if not message:                      # the launcher is gone: so is its kernel
            self.drop(connection, kill=True)
            return None
        request = json.loads(message)
        reason = refusal(request)
        if reason or len(fds) != 3:
            self.refused.append(reason or "no standard streams")
            for fd in fds:
                os.close(fd)
            connection.send(b"{}")
            self.drop(connection)
            return None
        pid = os.fork()
        if pid == 0:
            self.become_kernel(fds)
            return request
        for fd in fds:
            os.close(fd)
        self.kernels[connection] = pid
        self.forked += 1
        connection.send(json.dumps({"pid": pid}).encode())
        return None

    def become_kernel(self, fds):
        """In the forked child: leave the server's files, signals and session behind."""
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        # the epoll instance is shared with the server: closing it (never unregistering
        # from it) leaves the server's registrations alone
        watched = [key.fileobj for key in self.selector.get_map().values()]
        self.selector.close()
        for fileobj in watched:
            fileobj.close() if isinstance(fileobj, socket.socket) else os.close(fileobj)
        os.close(self.wakeup_write)
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.setsid()                          # as the manager starts a kernel: its own session

    def reap(self):
        """Tell the launchers of kernels that ended how they ended."""
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            for connection, kernel in list(self.kernels.items()):
                if kernel == pid:
                    try:
                        connection.send(json.dumps(
                            {"exit": os.waitstatus_to_exitcode(status)}).encode())
                    except OSError:
                        pass
                    self.drop(connection)

    def drop(self, connection, kill=False):
        pid = self.kernels.pop(connection, None)
        if kill and pid is not None:
            _send(pid, signal.SIGKILL)
        self.selector.unregister(connection)
        connection.close()

    def stop(self):
        """Kill the kernels still running and report what was served on stdout."""
        for connection in list(self.kernels):
            self.drop(connection, kill=True)
        print(json.dumps({"forked": self.forked, "refused": self.refused}), flush=True)


def preload(modules):
    """Import ``modules`` (those that exist); the others are left to each kernel."""
    import importlib
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError:
            pass


def run_kernel(request):
    """Run the kernel of ``request`` in this (forked) process, as ``python -m`` would."""
    import runpy
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    sys.path.insert(0, os.getcwd())          # `python -m` puts the working directory first
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed()   # a fresh state, as a new import would make
    sys.argv = [KERNEL_MODULE, *request["argv"][3:]]
    runpy.run_module(KERNEL_MODULE, run_name="__main__", alter_sys=True)


def main(argv):
    """``serve FD [MODULE ...]``: serve on the listening socket FD (inherited), stopping
    when stdin closes. ``launch ADDRESS COMMAND ...``: start one kernel."""
    if argv[:1] == ["launch"]:
        launch(argv[1], argv[2:])
    if argv[:1] == ["serve"]:
        del sys.path[0]                      # this script's folder: not the kernels' path
        listener = socket.socket(fileno=int(argv[1]))
        preload(argv[2:])
        request = Server(listener, sys.stdin.fileno()).serve()
        if request is not None:
            run_kernel(request)
        return
    sys.exit("usage: forkserver.py serve FD [MODULE ...] | launch ADDRESS COMMAND ...")


if __name__ == "__main__":
    main(sys.argv[1:])
