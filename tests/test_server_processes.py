"""No server started by a test or benchmark outlives a cancelled run (testkit.servers).

Each case runs a real `streamlit run app.py` from a separate Python process, cancels that
process with a signal, and then looks for any process still serving that port in /proc.
Start-up is cancelled deterministically: the runner's health check never passes, so the
signal always arrives while it is waiting for the server.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from testkit.servers import ROOT

DEADLINE_S = 60.0  # how long a precondition may take to appear on a busy machine

START_UP_RUNNER = """
import sys
from pathlib import Path
from testkit.servers import StreamlitServer

class NeverHealthy(StreamlitServer):
    def healthy(self) -> bool:
        return False

server = NeverHealthy("cancelled", {}, Path(sys.argv[1]))
print(server.port, flush=True)
server.start()
"""

MID_TEST_MODULE = """
import time
import pytest
from testkit.servers import StreamlitServer

@pytest.fixture(scope="session")
def app(tmp_path_factory):
    with StreamlitServer("mid-test", {}, tmp_path_factory.mktemp("logs")) as app:
        yield app

def test_still_running(app):
    print(f"PORT {app.port}", flush=True)
    time.sleep(600)
"""


def serving(port: int) -> list[int]:
    """PIDs of live processes started with --server.port=<port> (zombies have no cmdline)."""
    flag = f"--server.port={port}".encode()
    pids = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if flag in cmdline.read_bytes().split(b"\0"):
                pids.append(int(cmdline.parent.name))
        except OSError:  # the process ended while we looked
            pass
    return pids


def wait_for(condition: Callable[[], object], what: str) -> None:
    deadline = time.monotonic() + DEADLINE_S
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"never happened: {what}")
        time.sleep(0.1)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_run_cancelled_while_its_server_starts_leaves_no_server_behind(
    sig: signal.Signals, tmp_path: Path
) -> None:
    runner = subprocess.Popen(
        [sys.executable, "-c", START_UP_RUNNER, str(tmp_path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert runner.stdout is not None and runner.stderr is not None
        port = int(runner.stdout.readline())
        wait_for(lambda: serving(port), "the server process started")
        runner.send_signal(sig)
        assert runner.wait(timeout=DEADLINE_S) != 0
        assert serving(port) == [], runner.stderr.read()
    finally:
        runner.kill()
        runner.wait()


def test_a_pytest_run_cancelled_mid_test_stops_its_session_server(tmp_path: Path) -> None:
    module = tmp_path / "test_cancelled.py"
    module.write_text(MID_TEST_MODULE)
    options = ["-c", "pyproject.toml", "-s", "-q", "-p", "no:cacheprovider"]
    run = subprocess.Popen(
        [sys.executable, "-m", "pytest", *options, f"--basetemp={tmp_path / 'tmp'}", str(module)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert run.stdout is not None
        port = next(int(line.split()[1]) for line in run.stdout if line.startswith("PORT "))
        assert serving(port), "the server is up while the test runs"
        run.send_signal(signal.SIGTERM)  # what CI does to a cancelled job
        run.wait(timeout=DEADLINE_S)
        assert serving(port) == []
    finally:
        run.kill()
        run.wait()
