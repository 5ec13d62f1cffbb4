"""Debian's nginx in front of two app replicas, configured as the Ingress says, on loopback.

The rules come from deploy/kubernetes/ingress*.yaml, so the test proves what the cluster
would run rather than a copy that may drift:
- cookie affinity (`affinity: cookie`, `session-cookie-name`): a browser without the
  cookie gets a replica at random; with it, always that replica; when that replica does
  not answer, the next one takes over (`proxy-next-upstream`) and the cookie is changed
  to it (`session-cookie-change-on-failure`), as ingress-nginx does;
- websocket upgrade with the Ingress's read/send/connect timeouts;
- the metrics path of the blocking Ingress is denied to every address (403).
nginx runs unprivileged in a temporary prefix (its own pid file, logs and temp paths, a
loopback port, uid 1000 when started as root), in its own process group, which `stop`
ends. The access log is one JSON object per request, with the replica that answered.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import urllib.request
from pathlib import Path
from typing import Any

from deploy_checks import manifests

from testkit.servers import ServerProcess, free_port

NGINX = "nginx"
PREFIX = "nginx.ingress.kubernetes.io/"
UNPRIVILEGED = "1000"
STARTUP_TIMEOUT_S = 20.0


def find_nginx() -> str | None:
    return shutil.which(NGINX) or shutil.which(NGINX, path="/usr/sbin:/usr/local/sbin")


def ingress_rules() -> dict[str, Any]:
    """What the nginx config needs from the two Ingresses."""
    found = manifests()
    notes = {
        key.removeprefix(PREFIX): value
        for key, value in found[("Ingress", "sgp-inspector")]["metadata"]["annotations"].items()
    }
    blocked = found[("Ingress", "sgp-inspector-metrics-blocked")]
    [rule] = blocked["spec"]["rules"]
    assert notes["affinity"] == "cookie"
    assert notes["session-cookie-change-on-failure"] == "true"
    return {
        "cookie": notes["session-cookie-name"],
        "read_timeout": notes["proxy-read-timeout"],
        "send_timeout": notes["proxy-send-timeout"],
        "connect_timeout": notes["proxy-connect-timeout"],
        "next_upstream": notes["proxy-next-upstream"],
        "blocked_paths": [path["path"] for path in rule["http"]["paths"]],
        "denied": blocked["metadata"]["annotations"][PREFIX + "denylist-source-range"],
    }


def nginx_conf(prefix: Path, port: int, replicas: dict[str, int], rules: dict[str, Any]) -> str:
    names = sorted(replicas)
    upstreams = "".join(
        f"  upstream replica_{name} {{\n    server 127.0.0.1:{replicas[name]};\n"
        + "".join(f"    server 127.0.0.1:{replicas[o]} backup;\n" for o in names if o != name)
        + "  }\n"
        for name in names
    )
    share = 100 // len(names)
    split = "".join(f"    {share}% {name};\n" for name in names[:-1]) + f"    * {names[-1]};\n"
    cookie = rules["cookie"]
    attributes = "Path=/; HttpOnly; SameSite=Lax"
    served = "".join(f'    "~127\\.0\\.0\\.1:{replicas[n]}$" {n};\n' for n in names)
    changes = "".join(
        f'    "{n}:{n}" "";\n    "~:{n}$" "{cookie}={n}; {attributes}";\n' for n in names
    )
    routes = "".join(f"    {n} {n};\n" for n in names)
    denies = "".join(f"      deny {cidr};\n" for cidr in rules["denied"].split(","))
    blocked = "".join(
        f"    location {path} {{\n{denies}    }}\n" for path in rules["blocked_paths"]
    )
    temp = "".join(
        f"  {kind}_temp_path {prefix}/temp/{kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log info;
events {{ worker_connections 512; }}
http {{
  log_format route escape=json '{{"uri":"$request_uri","status":"$status",'
    '"upstream":"$upstream_addr","cookie":"$route_cookie","agent":"$http_user_agent",'
    '"msec":"$msec","request_time":"$request_time"}}';
  access_log {prefix}/access.log route;
{temp}
  map $http_upgrade $connection_upgrade {{ default upgrade; "" close; }}
  map $http_cookie $route_cookie {{
    "~(?:^|;\\s*){cookie}=(?<rc>[a-z]+)" $rc;
    default "";
  }}
  split_clients "$request_id" $new_route {{
{split}  }}
  map $route_cookie $route {{
{routes}    default $new_route;
  }}
  map $upstream_addr $served_route {{
{served}    default "";
  }}
  map "$route_cookie:$served_route" $route_set_cookie {{
{changes}    default "";
  }}
{upstreams}
  server {{
    listen 127.0.0.1:{port};
{blocked}
    location / {{
      proxy_pass http://replica_$route;
      proxy_http_version 1.1;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_connect_timeout {rules["connect_timeout"]}s;
      proxy_read_timeout {rules["read_timeout"]}s;
      proxy_send_timeout {rules["send_timeout"]}s;
      proxy_next_upstream {rules["next_upstream"]};
      add_header Set-Cookie $route_set_cookie always;
    }}
  }}
}}
"""


class NginxProxy:
    """One nginx master (and its worker) in a temporary prefix, in a process group of its own."""

    def __init__(self, replicas: dict[str, int]) -> None:
        self.replicas = replicas
        self.port = free_port()
        self.url = f"http://localhost:{self.port}"
        self.prefix = Path(tempfile.mkdtemp(prefix="sgp-nginx-"))
        self.server: ServerProcess | None = None

    @property
    def access_log(self) -> Path:
        return self.prefix / "access.log"

    def start(self) -> None:
        nginx = find_nginx()
        assert nginx is not None, "nginx not found"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.prefix / "temp" / kind).mkdir(parents=True)
        conf = self.prefix / "nginx.conf"
        conf.write_text(nginx_conf(self.prefix, self.port, self.replicas, ingress_rules()))
        drop: list[str] = []
        if os.geteuid() == 0:
            drop = ["setpriv", f"--reuid={UNPRIVILEGED}", f"--regid={UNPRIVILEGED}"]
            drop.append("--clear-groups")
            for path in [self.prefix, *self.prefix.rglob("*")]:
                os.chown(path, int(UNPRIVILEGED), int(UNPRIVILEGED))
        command = [*drop, nginx, "-p", str(self.prefix), "-e", str(self.prefix / "error.log")]
        self.server = ServerProcess(  # the shared runner: its own group, stopped as a group
            [*command, "-c", str(conf)],
            cwd=self.prefix,
            env=dict(os.environ),
            stdout=self.prefix / "stdout.log",
            stderr=self.prefix / "stderr.log",
        )
        try:
            self.server.start(self._answers, STARTUP_TIMEOUT_S)
        except RuntimeError as exc:
            raise RuntimeError(f"nginx did not start:\n{self.errors()}") from exc

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2):
                return True
        except OSError:
            return False

    def errors(self) -> str:
        return "".join(
            path.read_text(errors="replace")
            for path in (self.prefix / "stderr.log", self.prefix / "error.log")
            if path.exists()
        )

    def requests(self, agent: str | None = None) -> list[dict[str, str]]:
        """The access log so far (a websocket is logged when it closes)."""
        if not self.access_log.exists():
            return []
        lines = [json.loads(line) for line in self.access_log.read_text().splitlines()]
        return [line for line in lines if agent is None or agent in line["agent"]]

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
        shutil.rmtree(self.prefix, ignore_errors=True)
