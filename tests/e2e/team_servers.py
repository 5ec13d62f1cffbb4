"""A team's deployment for the sign-in browser tests: the app with `[auth]` pointing at
`oidc-provider-mock` on loopback and the operator's key for the fake API, a fresh browser
per visitor, the provider's sign-in form, and the app's audit lines."""

from __future__ import annotations

import json
from pathlib import Path

from e2e_servers import OPERATOR_KEY, FakeAPI
from e2e_ui import APP_IDLE, Visitor, watch_page
from playwright.sync_api import Browser, Page

from testkit.servers import StreamlitServer

AUTH_SECTION = (
    "[auth]\n"
    'redirect_uri = "{app}/oauth2callback"\n'
    'cookie_secret = "e2e-cookie-secret-not-for-production-0123456789"\n'
    'client_id = "sgp-model-inspector"\n'
    'client_secret = "e2e-client-secret"\n'
    'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
)


def team_app(
    provider: str, server_logs: Path, api: FakeAPI, name: str, *, secrets: str = "", **env: str
) -> StreamlitServer:
    """The app as a team runs it (not started): `env` adds to or overrides the operator's
    settings; `secrets` goes into the secrets file after the `[auth]` section."""
    app = StreamlitServer(
        name,
        {"SGP_CLIENT_BASE_URL": api.url, "SGP_API_KEY": OPERATOR_KEY, **env},
        server_logs,
    )
    app.secrets.write_text(AUTH_SECTION.format(app=app.url, provider=provider) + secrets)
    return app


def visit(browser: Browser, url: str, theme: str = "light") -> Visitor:
    context = browser.new_context(color_scheme=theme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    watch = watch_page(page)
    page.goto(url)
    page.wait_for_selector(APP_IDLE, timeout=60_000)
    return Visitor(page, watch, "")


def sign_in_as(page: Page, sub: str) -> None:
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name=sub, exact=True).click()  # the provider's form


def audit_lines(app: StreamlitServer) -> list[dict[str, object]]:
    lines = [line for line in app.output().splitlines() if line.startswith('{"time"')]
    return [json.loads(line) for line in lines]
