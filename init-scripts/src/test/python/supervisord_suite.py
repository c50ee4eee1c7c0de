"""pytest plugin: runs supervisord's own end-to-end suite, as installed, against another daemon.

supervisord's supervisor/tests/test_end_to_end.py starts the daemon under test with
``pexpect.spawn(sys.executable, ['-m', 'supervisor.supervisord', ...])``. This plugin replaces
``pexpect.spawn`` with a subclass that starts the command in SUPERVISORD_SUITE_DAEMON (split like
a shell word list, e.g. ``/usr/bin/supervisord`` or ``/path/to/bin/jsupervisord``) with the
remaining arguments instead; every other spawn (supervisorctl, pidproxy, /bin/sh) is untouched.
The suite itself runs unchanged.

Usage::

    SUPERVISORD_SUITE_DAEMON=/usr/bin/supervisord PYTHONPATH=<this directory> \\
      python3 -m pytest -p supervisord_suite -p no:cacheprovider \\
      /usr/lib/python3/dist-packages/supervisor/tests/test_end_to_end.py::EndToEndTests

Hygiene, since the fixtures use fixed paths (/tmp/issue-NNN.sock...):

- one run at a time on the machine: an exclusive lock on /tmp/supervisord-suite.lock;
- every process a run starts carries SUPERVISORD_SUITE_MARKER in its environment. After each
  test the daemons it started are given 30 s to exit after the suite's own SIGINT (their output
  is drained meanwhile), then everything still carrying the marker is killed with SIGKILL; the
  same sweep at start and end of a run kills leftovers of a run that was itself killed;
- at start, /tmp/issue-*.sock files that nobody listens on (left by a killed daemon) are removed.

It also sets END_TO_END (the suite runs only with it) and puts a ``python`` that is this
interpreter first on PATH (the fixtures run ``python <script>``; Debian has no ``python``).

Debian's package leaves out the fixture ``hello.sh`` that ``issue-565.conf`` runs. For that test the
daemon is given a copy of the installed fixtures directory, made at run time, with the stand-in
``fixtures/hello.sh`` beside this file added to it.

``python3 -m supervisord_suite --sweep`` does the start-of-run cleanup alone (under the lock), for a
caller whose pytest had to be killed.

With SUPERVISORD_SUITE_OUT set to a directory, each test's transcript (every command it spawned,
with all the output read from it, and how it ended) is written there as <test name>.txt.
"""

import fcntl
import glob
import os
import shlex
import shutil
import signal
import socket
import sys
import tempfile
import time

import pexpect
import pytest

DAEMON_ENV = "SUPERVISORD_SUITE_DAEMON"
OUT_ENV = "SUPERVISORD_SUITE_OUT"
MARKER = "SUPERVISORD_SUITE_MARKER"
LOCK_PATH = "/tmp/supervisord-suite.lock"
STOP_SECONDS = 30
KILL_SECONDS = 10

_real_spawn = pexpect.spawn
_daemon = None
_lock = None
_shim_dir = None
_spawned = []  # [(role, command line, transcript chunks, spawn)] of the current test
_HERE = os.path.dirname(os.path.abspath(__file__))
# Configuration files whose fixture directory misses a file the package does not ship: name -> stand-in
_MISSING_FIXTURES = {"issue-565.conf": "hello.sh"}


class _Transcript:
    """A logfile_read for pexpect: keeps everything read from one spawned command."""

    def __init__(self):
        self.chunks = []

    def write(self, data):
        if isinstance(data, bytes):
            data = data.decode("utf-8", "backslashreplace")
        self.chunks.append(data)

    def flush(self):
        pass

    def text(self):
        return "".join(self.chunks)


class SuiteSpawn(_real_spawn):
    """pexpect.spawn that runs the daemon under test in place of ``python -m supervisor.supervisord``."""

    def __init__(self, command, args=None, *rest, **options):
        args = list(args or [])
        role = "spawn"
        if command == sys.executable and args[:2] == ["-m", "supervisor.supervisord"]:
            line = _daemon + [_completed_fixture(a) for a in args[2:]]
            command, args = line[0], line[1:]
            role = "daemon"
        super().__init__(command, args, *rest, **options)
        transcript = _Transcript()
        self.logfile_read = transcript
        _spawned.append((role, [command] + args, transcript, self))


def _completed_fixture(arg):
    """The path of a copy of the fixtures with the stand-in added, for a configuration that needs one."""
    name = os.path.basename(arg)
    if name not in _MISSING_FIXTURES or not os.path.isfile(arg):
        return arg
    missing = _MISSING_FIXTURES[name]
    if os.path.exists(os.path.join(os.path.dirname(arg), missing)):
        return arg  # a package that ships it
    copy = os.path.join(_shim_dir, "fixtures-" + name)
    if not os.path.isdir(copy):
        shutil.copytree(os.path.dirname(arg), copy)
        shutil.copy(os.path.join(_HERE, "fixtures", missing), os.path.join(copy, missing))
    return os.path.join(copy, name)


def pytest_configure(config):
    global _daemon, _lock, _shim_dir
    daemon = os.environ.get(DAEMON_ENV, "").strip()
    if not daemon:
        raise pytest.UsageError(DAEMON_ENV + " must name the daemon to test, e.g. /usr/bin/supervisord")
    _daemon = shlex.split(daemon)
    _lock = open(LOCK_PATH, "a")
    fcntl.flock(_lock, fcntl.LOCK_EX)  # waits for a run in another checkout to finish
    os.environ["END_TO_END"] = "1"
    os.environ[MARKER] = str(os.getpid())
    _shim_dir = tempfile.mkdtemp(prefix="supervisord-suite-")
    os.symlink(sys.executable, os.path.join(_shim_dir, "python"))
    os.environ["PATH"] = _shim_dir + os.pathsep + os.environ.get("PATH", "")
    # A SIGTERM (the IT's timeout) ends the session through pytest's own shutdown, so the sweep runs.
    signal.signal(signal.SIGTERM, _interrupt)
    _sweep()
    _remove_stale_sockets()
    pexpect.spawn = SuiteSpawn


def pytest_unconfigure(config):
    if _lock is None:
        return
    pexpect.spawn = _real_spawn
    _sweep()
    if _shim_dir:
        shutil.rmtree(_shim_dir, ignore_errors=True)
    _lock.close()


def _interrupt(signum, frame):
    raise KeyboardInterrupt("SIGTERM")


def pytest_runtest_setup(item):
    del _spawned[:]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed and _spawned:
        report.sections.append(("supervisord suite transcript", _transcript_text()))


def pytest_runtest_teardown(item):
    for role, line, transcript, child in _spawned:
        if role == "daemon":
            _stop(child, transcript)
    _sweep()
    out = os.environ.get(OUT_ENV)
    if out:
        with open(os.path.join(out, item.name + ".txt"), "w", encoding="utf-8") as f:
            f.write(_transcript_text())
    del _spawned[:]


def _transcript_text():
    parts = []
    for role, line, transcript, child in _spawned:
        if child.isalive():
            end = "still running"
        elif child.signalstatus is not None:
            end = "killed by signal %d" % child.signalstatus
        else:
            end = "exit status %s" % child.exitstatus
        parts.append("=== %s: %s\n%s\n=== (%s)\n" % (role, " ".join(shlex.quote(a) for a in line),
                                                      transcript.text().rstrip(), end))
    return "\n".join(parts)


def _stop(child, transcript):
    """Waits for a daemon to exit after the suite's SIGINT, reading its output; kills it at the deadline."""
    deadline = time.monotonic() + STOP_SECONDS
    # Read to the end even if it has exited already: its last lines may still be in the pty.
    try:
        child.expect(pexpect.EOF, timeout=STOP_SECONDS)
    except pexpect.TIMEOUT:
        transcript.write("\n=== harness: still running %d s after SIGINT; SIGKILL\n" % STOP_SECONDS)
        child.kill(signal.SIGKILL)
    except (pexpect.ExceptionPexpect, OSError, ValueError):
        pass  # already closed
    while child.isalive() and time.monotonic() < deadline + KILL_SECONDS:
        time.sleep(0.05)  # poll interval, bounded by the deadline


def _marked_pids():
    me = os.getpid()
    key = (MARKER + "=").encode()
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == me:
            continue
        try:
            with open("/proc/%s/environ" % entry, "rb") as f:
                if any(v.startswith(key) for v in f.read().split(b"\0")):
                    pids.append(int(entry))
        except OSError:
            pass  # gone, or not ours to read
    return pids


def _running(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            stat = f.read()
        return stat[stat.rindex(")") + 2] != "Z"
    except (OSError, ValueError, IndexError):
        return False


def _sweep():
    """SIGKILLs every process but this one that carries the marker, and waits until they are gone."""
    pids = _marked_pids()
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    deadline = time.monotonic() + KILL_SECONDS
    while any(_running(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)  # poll interval, bounded by the deadline


def _remove_stale_sockets():
    for path in glob.glob("/tmp/issue-*.sock"):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.connect(path)
        except ConnectionRefusedError:
            os.unlink(path)
        except OSError:
            pass
        finally:
            s.close()


if __name__ == "__main__":
    if sys.argv[1:] != ["--sweep"]:
        sys.exit("usage: python3 -m supervisord_suite --sweep")
    with open(LOCK_PATH, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _sweep()
        _remove_stale_sockets()
