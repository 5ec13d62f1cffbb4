"""The container run as the Dockerfile says, without a daemon: healthy, serving the demo.

What the image would run, rebuilt from the Dockerfile itself (tests/image_spec.py):
a fresh venv with only requirements.txt (cached under .cache/venvs/ by its hash), the
files that .dockerignore and the COPY lines put under WORKDIR (copied to a folder owned by
root, as in the image), the ENV lines as the whole environment, the ENTRYPOINT/CMD argv,
the USER's uid:gid, and the EXPOSEd port in a network namespace of its own. If the
Dockerfile's command, settings or copied files stop matching the app, this fails.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from container_sandbox import NetNamespace, files_owned_by, missing_tools
from e2e_ui import badge, expect_model, main, open_app
from image_spec import ImageSpec, lay_out_image_files, read_image_spec
from playwright.sync_api import BrowserType, Page, expect
from tool_venvs import INSTALL_TIMEOUT_S, ROOT, cached_venv

from sgp.demo import SAMPLE_MODELS
from testkit.servers import STARTUP_TIMEOUT_S, ServerProcess

# The first test also builds the image's venv (pip, up to INSTALL_TIMEOUT_S) when its pins
# changed: more than the suite's default per-test timeout (pyproject.toml).
pytestmark = [pytest.mark.e2e, pytest.mark.timeout(INSTALL_TIMEOUT_S + 2 * STARTUP_TIMEOUT_S)]
LLAMA = "Llama 2 7B Chat (support bot)"
# What a python:3.11-slim image sets besides the Dockerfile's own ENV lines.
BASE_IMAGE_ENV = {"LANG": "C.UTF-8"}


@dataclass
class Container:
    spec: ImageSpec
    app_dir: Path
    namespace: NetNamespace
    env: dict[str, str]
    server: ServerProcess
    log: Path
    files_before: set[str]

    @property
    def process(self) -> subprocess.Popen[bytes]:
        assert self.server.process is not None
        return self.server.process

    @property
    def url(self) -> str:
        return f"http://localhost:{self.spec.exposed_ports[0]}"

    def healthcheck(self) -> int:
        """Run the HEALTHCHECK's own command inside the container; its exit status."""
        return run_in_container(self.namespace, self.spec, self.app_dir, self.env).returncode

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def run_in_container(
    namespace: NetNamespace, spec: ImageSpec, app_dir: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*namespace.as_user(spec.user), *spec.healthcheck],
        cwd=app_dir,
        env=env,
        capture_output=True,
        timeout=30,
    )


def image_env(spec: ImageSpec, venv: Path) -> dict[str, str]:
    """The environment a container of this image starts with: PATH, HOME, the ENV lines."""
    path = f"{venv / 'bin'}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    return {"PATH": path, "HOME": spec.home, **BASE_IMAGE_ENV, **spec.env}


@pytest.fixture(scope="module")
def container(chromium: str, server_logs: Path) -> Iterator[Container]:
    if missing := missing_tools():
        pytest.fail(f"the container smoke test needs {missing} (util-linux, iproute2)")
    if os.geteuid() != 0:
        # A network namespace and another uid need root (CI and the build machines are).
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("the container smoke test must run as root under CI", pytrace=False)
        pytest.skip("the container smoke test runs as root: it makes a network namespace")
    spec = read_image_spec()
    venv = cached_venv("runtime", ROOT / "requirements.txt")
    app_dir = Path(tempfile.mkdtemp(prefix="sgp-image-")) / spec.workdir.strip("/")
    app_dir.mkdir(parents=True)
    for folder in (app_dir.parent, app_dir):
        folder.chmod(0o755)  # root's, readable by the app's user, as in the image
    lay_out_image_files(spec, app_dir)
    env = image_env(spec, venv)
    uid = int(spec.user.split(":")[0])
    namespace = NetNamespace()
    namespace.start()
    before = files_owned_by(uid)
    log = server_logs / "container.log"
    command = [*namespace.as_user(spec.user), *spec.command]
    server = ServerProcess(command, cwd=app_dir, env=env, stdout=log)
    box = Container(spec, app_dir, namespace, env, server, log, before)
    try:
        assert box.healthcheck() != 0, "the HEALTHCHECK reported healthy before the app started"
        # The shared runner: its own process group, stopped as a group even when cancelled.
        server.start(healthy=lambda: box.healthcheck() == 0, timeout_s=STARTUP_TIMEOUT_S)
        yield box
    finally:
        server.stop()
        namespace.stop()


@pytest.fixture(scope="module")
def namespaced_browser_type_launch_args(
    container: Container, browser_type_launch_args: dict[str, Any], tmp_path_factory: Any
) -> dict[str, Any]:
    wrapper = container.namespace.chromium_wrapper(
        browser_type_launch_args["executable_path"], tmp_path_factory.mktemp("chromium")
    )
    return {**browser_type_launch_args, "executable_path": str(wrapper)}


@pytest.fixture
def container_page(
    browser_type: BrowserType, namespaced_browser_type_launch_args: dict[str, Any]
) -> Iterator[Page]:
    browser = browser_type.launch(**namespaced_browser_type_launch_args)
    try:
        yield browser.new_page(viewport={"width": 1280, "height": 900})
    finally:
        browser.close()


def test_image_runs_as_its_user_with_the_production_settings(container: Container) -> None:
    uid, _, gid = container.spec.user.partition(":")
    status = Path(f"/proc/{container.process.pid}/status").read_text()
    assert f"Uid:\t{uid}\t{uid}\t{uid}\t{uid}" in status
    assert f"Gid:\t{gid}\t{gid}\t{gid}\t{gid}" in status
    assert container.spec.command[:2] == ("streamlit", "run")
    assert (container.app_dir / container.spec.command[2]).is_file()
    assert container.healthcheck() == 0
    assert container.env["STREAMLIT_SERVER_PORT"] == container.spec.exposed_ports[0]
    assert "Traceback" not in container.output()


def test_demo_renders_in_chromium_from_the_image_files(
    container: Container, container_page: Page
) -> None:
    page = container_page
    open_app(page, container.url, "?model_id=demo-llama-2-7b-chat")
    expect_model(page, LLAMA)
    expect(badge(page, "Ready")).to_be_visible()
    expect(main(page).get_by_test_id("stDataFrame").first).to_contain_text("nvidia-ampere-a10")
    # Every page comes from the image's pages/: Browse lists the demo models.
    page.get_by_role("link", name="Browse models").click()
    expect(main(page).get_by_role("heading", name="Browse models")).to_be_visible()
    expect(main(page)).to_contain_text(f"Showing 20 of {len(SAMPLE_MODELS)} models")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert "Traceback" not in container.output()


def test_stops_on_sigterm_and_wrote_nothing_outside_memory(container: Container) -> None:
    os.kill(container.process.pid, signal.SIGTERM)
    # docker stop waits 10 s before SIGKILL: the app must be gone well within that.
    assert container.process.wait(timeout=10) == 0, container.output()
    assert container.healthcheck() != 0
    uid = int(container.spec.user.split(":")[0])
    written = files_owned_by(uid) - container.files_before
    assert written == set(), f"the app's user wrote files: {sorted(written)}"
