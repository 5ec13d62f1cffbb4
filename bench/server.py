"""`streamlit run <script>` for the benchmarks: testkit's server runner, plus /proc figures.

Used by the browser, first-paint and viewers benchmarks. The server is testkit's
`StreamlitServer` (its own process group, stopped with the benchmark even when cancelled)
on 127.0.0.1, configured by environment, logs and an empty secrets file in a temporary
folder. RSS and CPU time are read from /proc/<pid> (Linux), so the figures are the
server's own, not the client's.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from testkit.servers import StreamlitServer

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class BenchServer(StreamlitServer):
    """`with BenchServer(script, env) as server:` started on enter. `env` adds to the
    environment (without it, and with no SGP_ variable inherited, the app is the demo)."""

    def __init__(self, script: str = "app.py", env: dict[str, str] | None = None) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="sgp-bench-")
        name = Path(script).stem
        super().__init__(name, env or {}, Path(self._dir.name), address="127.0.0.1", script=script)

    def _pid(self) -> int:
        assert self.process is not None, "the server is not started"
        return self.process.pid

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self._pid()}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS for the streamlit process")

    def cpu_s(self) -> float:
        """User + system CPU seconds the server process has used so far (all threads)."""
        stat = Path(f"/proc/{self._pid()}/stat").read_text()
        fields = stat.rsplit(")", 1)[1].split()  # after "(comm)", which may hold spaces
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime

    def stop(self) -> None:
        super().stop()
        self._dir.cleanup()
