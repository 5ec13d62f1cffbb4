"""The Kubernetes manifests: strict schemas, what a production Streamlit needs, checkov-clean.

Checked offline: kubernetes-validate --strict against the schemas it ships, and checkov
(run once per test session: it takes seconds) on the manifests and the Dockerfile. Every
check skipped by an annotation must be justified in the README. The fail-over these
manifests promise is run for real by tests/e2e/test_failover.py.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from deploy_checks import (
    CHECKOV_TIMEOUT_S,
    KUBERNETES,
    kustomization,
    manifest_files,
    manifests,
    run_checkov,
)
from image_spec import read_image_spec
from tool_venvs import INSTALL_TIMEOUT_S, ROOT

INGRESS_NGINX = "nginx.ingress.kubernetes.io/"
HEALTH = "/_stcore/health"


def kubernetes_validate(*paths: Path) -> subprocess.CompletedProcess[str]:
    tool = Path(sys.executable).parent / "kubernetes-validate"
    found = str(tool) if tool.exists() else shutil.which("kubernetes-validate")
    if found is None:
        pytest.fail("kubernetes-validate not found: `pip install -r requirements-dev.txt`")
    return subprocess.run(
        [found, "--strict", *map(str, paths)], capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="session")
def checkov_report() -> list[dict[str, Any]]:
    return run_checkov()


@pytest.fixture(scope="module")
def resources() -> dict[tuple[str, str], dict[str, Any]]:
    return manifests()


def app_container(resources: dict[tuple[str, str], dict[str, Any]]) -> dict[str, Any]:
    [container] = resources[("Deployment", "sgp-inspector")]["spec"]["template"]["spec"][
        "containers"
    ]
    return container


def test_kustomization_lists_every_manifest_in_the_folder() -> None:
    listed = set(kustomization()["resources"])
    on_disk = {path.name for path in KUBERNETES.glob("*.yaml")} - {"kustomization.yaml"}
    assert listed == on_disk


def test_every_manifest_passes_strict_schema_validation(tmp_path: Path) -> None:
    result = kubernetes_validate(*manifest_files())
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(" passed for resource ") == len(manifest_files())
    # Strict means strict: a misspelt field in a copy of the Deployment is refused.
    broken = yaml.safe_load((KUBERNETES / "deployment.yaml").read_text())
    broken["spec"]["replica"] = 2
    (tmp_path / "broken.yaml").write_text(yaml.safe_dump(broken))
    assert kubernetes_validate(tmp_path / "broken.yaml").returncode != 0


def test_deployment_runs_two_locked_down_replicas_of_the_image_with_health_probes(
    resources: dict[tuple[str, str], dict[str, Any]],
) -> None:
    deployment = resources[("Deployment", "sgp-inspector")]
    pod = deployment["spec"]["template"]["spec"]
    container = app_container(resources)
    image = read_image_spec()
    assert deployment["spec"]["replicas"] == 2
    assert [port["containerPort"] for port in container["ports"]] == [int(image.exposed_ports[0])]
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {"path": HEALTH, "port": "http"}
    uid = int(image.user.split(":")[0])
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] == uid
    assert pod["automountServiceAccountToken"] is False
    assert container["securityContext"] == {
        "runAsNonRoot": True,
        "runAsUser": uid,
        "runAsGroup": uid,
        "allowPrivilegeEscalation": False,
        "privileged": False,
        "readOnlyRootFilesystem": True,
        "capabilities": {"drop": ["ALL"]},
        "seccompProfile": {"type": "RuntimeDefault"},
    }
    resources_ = container["resources"]
    assert set(resources_["requests"]) == set(resources_["limits"]) == {"cpu", "memory"}


def test_secrets_toml_comes_from_the_secret_mounted_read_only_and_no_value_is_inline(
    resources: dict[tuple[str, str], dict[str, Any]],
) -> None:
    pod = resources[("Deployment", "sgp-inspector")]["spec"]["template"]["spec"]
    container = app_container(resources)
    mounts = {mount["mountPath"]: mount for mount in container["volumeMounts"]}
    secrets_path = f"{read_image_spec().workdir}/.streamlit/secrets.toml"
    assert mounts[secrets_path]["readOnly"] is True
    volume = next(v for v in pod["volumes"] if v["name"] == mounts[secrets_path]["name"])
    assert volume["secret"]["secretName"] == "sgp-inspector"
    assert mounts["/tmp"]["name"] in {v["name"] for v in pod["volumes"] if "emptyDir" in v}
    assert not any(kind == "Secret" for kind, _name in resources)
    assert all("value" not in env for env in container.get("env", []))
    text = "".join(path.read_text() for path in manifest_files())
    assert not re.search(r"(?i)(api_key|cookie_secret|client_secret)\s*[:=]\s*\S", text)


def test_ingress_pins_a_visitor_to_one_replica_by_cookie_and_keeps_websockets_open(
    resources: dict[tuple[str, str], dict[str, Any]],
) -> None:
    ingress = resources[("Ingress", "sgp-inspector")]
    notes = {
        key.removeprefix(INGRESS_NGINX): value
        for key, value in ingress["metadata"]["annotations"].items()
    }
    assert ingress["spec"]["ingressClassName"] == "nginx"
    assert notes["affinity"] == "cookie"
    assert notes["session-cookie-change-on-failure"] == "true"
    assert notes["session-cookie-name"]
    assert int(notes["proxy-read-timeout"]) >= 3600
    assert int(notes["proxy-send-timeout"]) >= 3600
    [rule] = ingress["spec"]["rules"]
    [path] = rule["http"]["paths"]
    assert path["path"] == "/" and path["backend"]["service"]["name"] == "sgp-inspector"


def test_ingress_limits_requests_per_second_per_client(
    resources: dict[tuple[str, str], dict[str, Any]],
) -> None:
    notes = resources[("Ingress", "sgp-inspector")]["metadata"]["annotations"]
    assert 0 < int(notes[INGRESS_NGINX + "limit-rps"]) <= 50
    assert int(notes[INGRESS_NGINX + "limit-burst-multiplier"]) >= 1


def test_app_pods_may_call_out_only_to_dns_public_https_and_postgresql(
    resources: dict[tuple[str, str], dict[str, Any]],
) -> None:
    selector = resources[("Deployment", "sgp-inspector")]["spec"]["selector"]["matchLabels"]
    egress = [
        policy["spec"]
        for (kind, _), policy in resources.items()
        if kind == "NetworkPolicy"
        and "Egress" in policy["spec"]["policyTypes"]
        and policy["spec"]["podSelector"]["matchLabels"] == selector
    ]
    [policy] = egress
    dns, https, postgres = policy["egress"]
    assert [(p["port"], p["protocol"]) for p in postgres["ports"]] == [(5432, "TCP")]
    assert all("169.254.0.0/16" in b["ipBlock"]["except"] for b in postgres["to"][:1])
    assert {(p["port"], p["protocol"]) for p in dns["ports"]} == {(53, "UDP"), (53, "TCP")}
    assert dns["to"][0]["podSelector"]["matchLabels"] == {"k8s-app": "kube-dns"}
    assert [(p["port"], p["protocol"]) for p in https["ports"]] == [(443, "TCP")]
    blocks = {block["ipBlock"]["cidr"]: set(block["ipBlock"]["except"]) for block in https["to"]}
    assert {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16"} <= blocks[
        "0.0.0.0/0"
    ]
    assert "fc00::/7" in blocks["::/0"]


def test_metrics_path_is_denied_to_every_address_on_the_same_host(
    resources: dict[tuple[str, str], dict[str, Any]],
) -> None:
    public = resources[("Ingress", "sgp-inspector")]
    blocked = resources[("Ingress", "sgp-inspector-metrics-blocked")]
    denied = blocked["metadata"]["annotations"][INGRESS_NGINX + "denylist-source-range"]
    assert set(denied.split(",")) == {"0.0.0.0/0", "::/0"}
    [rule] = blocked["spec"]["rules"]
    assert rule["host"] == public["spec"]["rules"][0]["host"]
    assert [p["path"] for p in rule["http"]["paths"]] == ["/_stcore/metrics"]


def test_disruption_budget_and_autoscaler_never_go_below_one_and_two_replicas(
    resources: dict[tuple[str, str], dict[str, Any]],
) -> None:
    selector = resources[("Deployment", "sgp-inspector")]["spec"]["selector"]
    pdb = resources[("PodDisruptionBudget", "sgp-inspector")]["spec"]
    assert pdb["minAvailable"] == 1 and pdb["selector"] == selector
    hpa = resources[("HorizontalPodAutoscaler", "sgp-inspector")]["spec"]
    assert hpa["scaleTargetRef"]["name"] == "sgp-inspector"
    assert hpa["minReplicas"] == 2 < hpa["maxReplicas"]
    assert [metric["resource"]["name"] for metric in hpa["metrics"]] == ["cpu"]


# The session's first use of checkov may build its venv first (pip, up to INSTALL_TIMEOUT_S).
@pytest.mark.timeout(INSTALL_TIMEOUT_S + CHECKOV_TIMEOUT_S)
def test_checkov_finds_no_failed_check_and_every_skip_is_justified_in_the_readme(
    checkov_report: list[dict[str, Any]],
) -> None:
    by_framework = {entry["check_type"]: entry for entry in checkov_report}
    assert set(by_framework) == {"dockerfile", "kubernetes"}
    readme = (ROOT / "README.md").read_text()
    for framework, entry in by_framework.items():
        results = entry["results"]
        failed = [(c["check_id"], c["resource"]) for c in results["failed_checks"]]
        assert failed == [], f"{framework}: {failed}"
        assert results["parsing_errors"] == []
        assert entry["summary"]["passed"] > 20
        skipped = {check["check_id"] for check in results["skipped_checks"]}
        assert {check for check in skipped if check not in readme} == set()


def test_a_recorder_runs_beside_the_app_from_the_same_image_secret_and_database(
    resources: dict[tuple[str, str], dict[str, Any]],
) -> None:
    app = resources[("Deployment", "sgp-inspector")]
    recorder = resources[("Deployment", "sgp-inspector-recorder")]
    pod = recorder["spec"]["template"]["spec"]
    [container] = pod["containers"]
    assert container["image"] == app_container(resources)["image"]
    assert container["command"][:3] == ["python", "-m", "sgp.history.recorder"]
    assert "ports" not in container  # it serves nothing
    # One active at a time, a standby for fail-over; a rolling update never stops both.
    assert recorder["spec"]["replicas"] == 2
    assert recorder["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"] == 0
    # Locked down exactly as the app is, with the same secrets file.
    assert container["securityContext"] == app_container(resources)["securityContext"]
    assert pod["securityContext"] == app["spec"]["template"]["spec"]["securityContext"]
    mounts = {m["mountPath"]: m for m in container["volumeMounts"]}
    secrets_path = f"{read_image_spec().workdir}/.streamlit/secrets.toml"
    assert mounts[secrets_path]["readOnly"] is True
    volume = next(v for v in pod["volumes"] if v["name"] == mounts[secrets_path]["name"])
    assert volume["secret"]["secretName"] == "sgp-inspector"
    # Both read the history's URL (the team's PostgreSQL) in that file: none is inline.
    for c in (container, app_container(resources)):
        assert all(e["name"] != "SGP_HISTORY_URL" for e in c.get("env", []))
    # Its liveness probe reads the heartbeat file the command writes.
    heartbeat = container["command"][container["command"].index("--heartbeat") + 1]
    assert heartbeat.startswith("/tmp/") and heartbeat in " ".join(
        container["livenessProbe"]["exec"]["command"]
    )
    # Labelled apart: the app's Service, budget and policies never select a recorder.
    labels = recorder["spec"]["template"]["metadata"]["labels"]
    app_selector = app["spec"]["selector"]["matchLabels"]
    assert not app_selector.items() <= labels.items()
    assert resources[("Service", "sgp-inspector")]["spec"]["selector"] == app_selector
    policy = resources[("NetworkPolicy", "sgp-inspector-recorder")]["spec"]
    assert policy["podSelector"]["matchLabels"] == recorder["spec"]["selector"]["matchLabels"]
    assert "ingress" not in policy and "Ingress" in policy["policyTypes"]  # nothing comes in
    ports = {p["port"] for rule in policy["egress"] for p in rule["ports"]}
    assert ports == {53, 443, 5432}
