"""Server subprocesses for tests and benchmarks that never outlive the run that started them.

`ServerProcess` starts a command in its own session (so its own process group) and waits
until a health check passes. Whatever stops the run, the whole group is stopped: a failed or
interrupted start-up (an exception, Ctrl-C, a SIGTERM) inside `start()`, and `stop()` on
teardown. SIGTERM would otherwise end Python without running any `finally`: the first start
turns it into KeyboardInterrupt (if nothing else handles SIGTERM), which pytest and the
benchmarks unwind like Ctrl-C, tearing their servers down.

`StreamlitServer` is `streamlit run app.py` on a free port with its own environment and an
empty secrets file (a developer's .streamlit/secrets.toml never leaks in), healthy when
/_stcore/health answers, like Streamlit's own e2e suite. Its output goes to two files, so
tests can search it for secrets.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Self

ROOT = Path(__file__).resolve().parents[1]
STARTUP_TIMEOUT_S = 90.0
STOP_TIMEOUT_S = 10.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _sigterm_as_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def unwind_on_sigterm() -> None:
    """Make SIGTERM raise KeyboardInterrupt in the main thread, so cleanup code runs."""
    main = threading.current_thread() is threading.main_thread()
    if main and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _sigterm_as_interrupt)


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM until the block ends, then raise KeyboardInterrupt.

    Raised inside `Popen()` after the fork, an interrupt would leave a running child whose
    PID nobody holds: it could not be stopped.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    for sig in previous:
        signal.signal(sig, lambda signum, _frame: held.append(signum))
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if held:
        raise KeyboardInterrupt(f"signal {held[0]}")


class ServerProcess:
    """A command run in its own process group, stopped as a group."""

    def __init__(
        self,
        command: list[str],
        *,
        cwd: Path,
        env: dict[str, str],
        stdout: Path,
        stderr: Path | None = None,
    ) -> None:
        """`stderr=None` writes both streams to `stdout`."""
        self.command, self.cwd, self.env = command, cwd, env
        self.stdout_path, self.stderr_path = stdout, stderr
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, healthy: Callable[[], bool], timeout_s: float = STARTUP_TIMEOUT_S) -> None:
        """Start the command and return once `healthy()` is true; on any failure stop it."""
        unwind_on_sigterm()
        try:
            with contextlib.ExitStack() as files, _interrupts_held():
                out = files.enter_context(self.stdout_path.open("wb"))
                err = files.enter_context(self.stderr_path.open("wb")) if self.stderr_path else None
                self.process = subprocess.Popen(
                    self.command,
                    cwd=self.cwd,
                    env=self.env,
                    stdout=out,
                    stderr=err or subprocess.STDOUT,
                    start_new_session=True,
                )
            deadline = time.monotonic() + timeout_s
            while not healthy():
                if self.process.poll() is not None:
                    raise RuntimeError(f"{self.command[0]} exited early:\n{self.output()}")
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"{self.command[0]} did not become healthy:\n{self.output()}"
                    )
                time.sleep(0.2)
        except BaseException:
            self.stop()
            raise

    def output(self) -> str:
        """Everything the process wrote to stdout and stderr so far."""
        return "".join(
            path.read_text(errors="replace")
            for path in (self.stdout_path, self.stderr_path)
            if path and path.exists()
        )

    def stop(self) -> None:
        """SIGTERM to the whole group, then SIGKILL to whatever is left of it."""
        if self.process is None:
            return
        group = self.process.pid  # a session leader's group ID is its PID
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=STOP_TIMEOUT_S)
        with contextlib.suppress(ProcessLookupError):  # nothing it started may stay behind
            os.killpg(group, signal.SIGKILL)
        self.process.wait(timeout=STOP_TIMEOUT_S)


class StreamlitServer(ServerProcess):
    """`streamlit run app.py` (or `script`) on a free port: `with StreamlitServer(...) as app:`."""

    def __init__(
        self,
        name: str,
        env: dict[str, str],
        log_dir: Path,
        *,
        address: str | None = None,
        script: str = "app.py",
    ) -> None:
        self.name = name
        self.port = free_port()
        self.url = f"http://{address or 'localhost'}:{self.port}"
        self.secrets = log_dir / f"{name}.secrets.toml"
        self.secrets.write_text("# empty: the app is configured by environment\n")
        base = {k: v for k, v in os.environ.items() if not k.startswith(("SGP_", "STREAMLIT_"))}
        command = [
            *(sys.executable, "-m", "streamlit", "run", script),
            "--server.headless=true",
            f"--server.port={self.port}",
            "--server.fileWatcherType=none",
            "--browser.gatherUsageStats=false",
            f"--secrets.files={self.secrets}",
        ]
        if address:
            command.append(f"--server.address={address}")
        super().__init__(
            command,
            cwd=ROOT,
            # Each server's history in its own file beside its logs (never the worktree's).
            env={**base, "SGP_HISTORY_URL": f"sqlite:///{log_dir / name}.history.sqlite3", **env},
            stdout=log_dir / f"{name}.stdout.log",
            stderr=log_dir / f"{name}.stderr.log",
        )

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:
                return answer.status == 200
        except OSError:
            return False

    def start(  # type: ignore[override]
        self, healthy: Callable[[], bool] | None = None, timeout_s: float = STARTUP_TIMEOUT_S
    ) -> None:
        super().start(healthy or self.healthy, timeout_s)

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
