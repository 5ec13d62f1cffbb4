"""`streamlit run <script>` on a free loopback port, configured by environment, no secrets.

Used by the browser, first-paint and viewers benchmarks. The process's RSS and CPU time
are read from /proc/<pid> (Linux), so the figures are the server's own, not the client's.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Self

ROOT = Path(__file__).resolve().parent.parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class StreamlitServer:
    """`streamlit run` of a script on a free port. `env` adds to the environment (without
    it, and with no SGP_ variable inherited, the app starts in the demo)."""

    def __init__(self, script: str = "app.py", env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._dir = tempfile.TemporaryDirectory(prefix="sgp-bench-")
        secrets = Path(self._dir.name) / "secrets.toml"
        secrets.write_text("# empty: the benchmark configures the app by environment\n")
        clean = {k: v for k, v in os.environ.items() if not k.startswith(("SGP_", "STREAMLIT_"))}
        clean.update(env or {})
        command = [
            *(sys.executable, "-m", "streamlit", "run", script),
            "--server.headless=true",
            "--server.address=127.0.0.1",
            f"--server.port={self.port}",
            "--server.fileWatcherType=none",
            "--browser.gatherUsageStats=false",
            f"--secrets.files={secrets}",
        ]
        self._log = (Path(self._dir.name) / "streamlit.log").open("wb")
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=clean, stdout=self._log, stderr=subprocess.STDOUT
        )
        self._wait_healthy()

    def _wait_healthy(self, timeout_s: float = 90) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.close()
        raise RuntimeError("streamlit did not become healthy")

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS for the streamlit process")

    def cpu_s(self) -> float:
        """User + system CPU seconds the server process has used so far (all threads)."""
        stat = Path(f"/proc/{self.process.pid}/stat").read_text()
        fields = stat.rsplit(")", 1)[1].split()  # after "(comm)", which may hold spaces
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()
        self._dir.cleanup()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
