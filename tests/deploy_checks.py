"""The deploy folder's manifests as Python values, and the offline checkers run on them.

`manifests()` reads the files that deploy/kubernetes/kustomization.yaml lists, by kind
and name. `run_checkov()` runs checkov from its own cached venv (see tool_venvs.py) on the
Dockerfile and those files, with --skip-download and, where this user may create one, in
a network namespace without any network, so "offline" is proven rather than hoped.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml
from tool_venvs import ROOT, cached_venv

KUBERNETES = ROOT / "deploy" / "kubernetes"
CHECKOV_TIMEOUT_S = 300


def kustomization() -> dict[str, Any]:
    return yaml.safe_load((KUBERNETES / "kustomization.yaml").read_text())


def manifest_files() -> list[Path]:
    return [KUBERNETES / name for name in kustomization()["resources"]]


def manifests() -> dict[tuple[str, str], dict[str, Any]]:
    """(kind, name) -> the resource, for every document of every listed file."""
    found = {}
    for path in manifest_files():
        for doc in yaml.safe_load_all(path.read_text()):
            found[(doc["kind"], doc["metadata"]["name"])] = doc
    return found


def _offline_prefix() -> list[str]:
    if os.geteuid() == 0 and shutil.which("unshare"):
        return ["unshare", "--net"]
    return []


def run_checkov() -> list[dict[str, Any]]:
    """checkov's JSON report, one entry per framework (dockerfile, kubernetes)."""
    venv = cached_venv("checkov", ROOT / "requirements-checkov.txt")
    files = [ROOT / "Dockerfile", *manifest_files()]
    command = [
        *_offline_prefix(),
        str(venv / "bin" / "checkov"),
        *[arg for path in files for arg in ("--file", str(path))],
        "--framework",
        "dockerfile",
        "kubernetes",
        "--skip-download",
        "--output",
        "json",
    ]
    result = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=CHECKOV_TIMEOUT_S
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError as error:
        raise AssertionError(f"checkov gave no report:\n{result.stderr[-3000:]}") from error
    return report if isinstance(report, list) else [report]
