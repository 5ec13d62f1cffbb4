"""SGPClient.from_env: the official SDK's environment variables, as users' shells set them."""

from __future__ import annotations

import pytest
from server_log import only_request

from sgp.api import (
    DEFAULT_BASE_URL,
    ConfigurationError,
    SGPClient,
)

# --- headers -------------------------------------------------------------------------------


# --- configuration from the environment -----------------------------------------------------


def test_from_env_reads_the_sdk_variables(httpserver, api_key, hosted_model_json):
    httpserver.expect_request("/public/v5/models/mdl_openai_01").respond_with_json(
        hosted_model_json
    )
    environ = {
        "SGP_API_KEY": api_key,
        "SGP_ACCOUNT_ID": "acct_9",
        "SGP_CLIENT_BASE_URL": httpserver.url_for("/public"),
    }

    with SGPClient.from_env(environ, timeout=(1, 1), max_retries=0) as client:
        client.get_model("mdl_openai_01")

    headers = only_request(httpserver).headers
    assert headers["x-api-key"] == api_key
    assert headers["x-selected-account-id"] == "acct_9"


def test_from_env_without_account_or_base_url_uses_production_and_no_account(api_key):
    client = SGPClient.from_env({"SGP_API_KEY": api_key, "SGP_ACCOUNT_ID": ""})

    assert client.base_url == DEFAULT_BASE_URL
    assert client.account_id is None
    assert "x-selected-account-id" not in client.headers()


def test_from_env_arguments_win_over_the_environment(api_key):
    environ = {"SGP_API_KEY": api_key, "SGP_CLIENT_BASE_URL": "https://api.sgp.scale.com"}

    client = SGPClient.from_env(environ, base_url="https://api.staging-sgp.scale.com")

    assert client.base_url == "https://api.staging-sgp.scale.com"


@pytest.mark.parametrize("environ", [{}, {"SGP_API_KEY": ""}, {"SGP_API_KEY": "  \n"}])
def test_from_env_without_a_key_says_which_variable_to_set(environ):
    with pytest.raises(ConfigurationError) as caught:
        SGPClient.from_env(environ)

    assert "SGP_API_KEY" in caught.value.user_message
