"""A stand-in for a container's network and user, for running what the Dockerfile says.

No container runtime can run here, so the smoke test rebuilds the parts that matter:
- `NetNamespace`: a network namespace of its own (`unshare --net`, loopback up), so the
  app binds the image's own port 8501 and the HEALTHCHECK asks 127.0.0.1:8501 exactly as
  written, whatever else listens on this machine's 8501;
- `as_user`: the argv prefix that enters that namespace and drops to the image's
  uid:gid (`nsenter`, `setpriv`, both util-linux), exec'ing the command so that it keeps
  the PID and receives signals directly, as under an exec-form ENTRYPOINT;
- `chromium_wrapper`: a script Playwright launches as Chromium, which runs the real
  Chromium inside the namespace so that http://localhost:8501 is the "container".
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

NAMESPACE_TOOLS = ("unshare", "nsenter", "setpriv", "ip")


def missing_tools() -> list[str]:
    return [tool for tool in NAMESPACE_TOOLS if shutil.which(tool) is None]


class NetNamespace:
    """A network namespace with only a loopback interface, held open by a sleeping process."""

    def __init__(self) -> None:
        self.holder: subprocess.Popen[bytes] | None = None

    @property
    def path(self) -> str:
        assert self.holder is not None
        return f"/proc/{self.holder.pid}/ns/net"

    def start(self) -> None:
        # unshare execs sleep in the new namespace: the holder's PID names the namespace.
        self.holder = subprocess.Popen(["unshare", "--net", "sleep", "3600"])
        # Until unshare has run, /proc/PID/ns/net is still this machine's own namespace.
        deadline = time.monotonic() + 10
        while os.readlink(self.path) == os.readlink("/proc/self/ns/net"):
            assert time.monotonic() < deadline, "unshare --net did not create a namespace"
            time.sleep(0.01)
        subprocess.run(
            ["nsenter", f"--net={self.path}", "ip", "link", "set", "lo", "up"],
            check=True,
            timeout=10,
        )

    def stop(self) -> None:
        if self.holder is not None and self.holder.poll() is None:
            self.holder.kill()
            self.holder.wait(timeout=10)

    def enter(self) -> list[str]:
        return ["nsenter", f"--net={self.path}", "--"]

    def as_user(self, user: str) -> list[str]:
        uid, _, gid = user.partition(":")
        return [
            *self.enter(),
            "setpriv",
            f"--reuid={uid}",
            f"--regid={gid or uid}",
            "--clear-groups",
            "--",
        ]

    def chromium_wrapper(self, chromium: str, directory: Path) -> Path:
        script = directory / "chromium-in-namespace"
        script.write_text(f'#!/bin/sh\nexec {" ".join(self.enter())} {chromium} "$@"\n')
        script.chmod(0o755)
        return script


WRITABLE_BY_ANYONE = ("/tmp", "/var/tmp", "/dev/shm")


def files_owned_by(uid: int, folders: tuple[str, ...] = WRITABLE_BY_ANYONE) -> set[str]:
    """Files owned by `uid` in the places anyone may write to."""
    owned = set()
    for folder in folders:
        for parent, _dirs, names in os.walk(folder, onerror=lambda _error: None):
            for name in names:
                path = os.path.join(parent, name)
                try:
                    if os.lstat(path).st_uid == uid:
                        owned.add(path)
                except OSError:
                    continue
    return owned
