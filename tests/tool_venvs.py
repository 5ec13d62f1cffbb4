"""Virtual environments built from one requirements file each, cached between test runs.

The container smoke test needs what the image installs (requirements.txt and nothing
else), and checkov cannot share the project's .venv (it pins older packaging and
python-dateutil). Each environment lives in `.cache/venvs/<name>-<hash>/`, git-ignored
and keyed by the hash of its requirements file, so `make test` builds it once per pin
change; a half-built one (no completion stamp) is thrown away and built again.
"""

from __future__ import annotations

import fcntl
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache" / "venvs"
STAMP = ".complete"
INSTALL_TIMEOUT_S = 900


def requirements_hash(requirements: Path) -> str:
    return hashlib.sha256(requirements.read_bytes()).hexdigest()[:16]


def cached_venv(name: str, requirements: Path) -> Path:
    """The venv with exactly `requirements` installed, built now if not cached yet."""
    CACHE.mkdir(parents=True, exist_ok=True)
    venv = CACHE / f"{name}-{requirements_hash(requirements)}"
    with (CACHE / f"{name}.lock").open("w") as lock:
        # Two test runs in one checkout must not build the same venv at once.
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (venv / STAMP).exists():
            shutil.rmtree(venv, ignore_errors=True)
            _build(venv, requirements)
            (venv / STAMP).write_text(requirements.read_text())
    return venv


def _build(venv: Path, requirements: Path) -> None:
    base_python = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base_python, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-cache-dir",
            "--disable-pip-version-check",
            "-r",
            str(requirements),
        ],
        check=True,
        timeout=INSTALL_TIMEOUT_S,
    )
