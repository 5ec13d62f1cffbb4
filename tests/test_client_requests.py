"""SGPClient against a real local HTTP server: what it sends (headers, base URL, model IDs)
and what it returns. No mock of requests anywhere."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

import pytest
from server_log import ANY_MODEL_PATH, only_request, raw_path

from sgp import APP_NAME, __version__
from sgp.api import (
    DEFAULT_BASE_URL,
    ConfigurationError,
    InferenceModel,
    InvalidModelIdError,
    LaunchVendorConfiguration,
    SGPClient,
)

# --- headers -------------------------------------------------------------------------------


def test_request_carries_key_json_accept_and_a_user_agent_naming_the_app(
    httpserver, make_client, api_key, launch_model_json
):
    httpserver.expect_request("/v5/models/mdl_launch_01").respond_with_json(launch_model_json)

    make_client().get_model("mdl_launch_01")

    headers = only_request(httpserver).headers
    assert headers["x-api-key"] == api_key
    assert headers["Accept"] == "application/json"
    assert f"{APP_NAME}/{__version__}" in headers["User-Agent"]
    assert "sgp-model-inspector" in headers["User-Agent"]
    assert "Authorization" not in headers


@pytest.mark.parametrize("account_id", [None, "", "   "])
def test_no_account_header_when_no_account_is_set(
    httpserver, make_client, hosted_model_json, account_id
):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_json(hosted_model_json)

    make_client(account_id=account_id).get_model("mdl_openai_01")

    assert "x-selected-account-id" not in only_request(httpserver).headers


def test_account_header_sent_when_an_account_is_set(httpserver, make_client, hosted_model_json):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_json(hosted_model_json)

    make_client(account_id=" acct_42 ").get_model("mdl_openai_01")

    assert only_request(httpserver).headers["x-selected-account-id"] == "acct_42"


@pytest.mark.parametrize("pasted", ["{key}\n", "  {key}  ", "\t{key}\r\n"])
def test_key_pasted_with_blanks_or_a_line_break_around_it_still_works(
    httpserver, make_client, api_key, hosted_model_json, assert_key_hidden, pasted
):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_json(hosted_model_json)

    client = make_client(api_key=pasted.format(key=api_key))
    client.get_model("mdl_openai_01")

    assert only_request(httpserver).headers["x-api-key"] == api_key
    assert_key_hidden(client)


@pytest.mark.parametrize(
    "bad_key",
    [
        "{key}\u2026",  # a typographic ellipsis copied from a rich-text page
        "{key}\u200b",  # a zero-width space
        "sk-\u201c{key}\u201d",  # curly quotes
        "{key}\nX-Injected: 1",  # a line break inside
    ],
)
def test_key_with_characters_no_api_key_has_is_refused_without_echoing_it(
    httpserver, make_client, api_key, assert_key_hidden, bad_key
):
    with pytest.raises(ConfigurationError) as caught:
        make_client(api_key=bad_key.format(key=api_key))

    assert "key" in caught.value.user_message
    assert_key_hidden(caught.value)
    assert httpserver.log == []


def test_account_id_with_a_line_break_cannot_inject_a_header(
    httpserver, make_client, assert_key_hidden
):
    with pytest.raises(ConfigurationError) as caught:
        make_client(account_id="acct_1\r\nX-Injected: yes")

    assert "account" in caught.value.user_message.lower()
    assert_key_hidden(caught.value)
    assert httpserver.log == []


# --- base URL ------------------------------------------------------------------------------


def test_base_url_with_a_path_prefix_keeps_the_prefix(httpserver, make_client, hosted_model_json):
    httpserver.expect_request("/public/v5/models/mdl_openai_01").respond_with_json(
        hosted_model_json
    )

    model = make_client(base_url=httpserver.url_for("/public")).get_model("mdl_openai_01")

    assert model.id == "mdl_openai_01"
    assert raw_path(only_request(httpserver)) == "/public/v5/models/mdl_openai_01"


@pytest.mark.parametrize("suffix", ["/", "/public/", "/public//"])
def test_trailing_slashes_on_the_base_url_do_not_double_the_slash(
    httpserver, make_client, hosted_model_json, suffix
):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_json(hosted_model_json)

    make_client(base_url=httpserver.url_for(suffix)).get_model("mdl_openai_01")

    assert "//" not in raw_path(only_request(httpserver))


@pytest.mark.parametrize(
    "base_url",
    [
        "",
        "api.egp.scale.com",
        "ftp://api.egp.scale.com",
        "file:///etc/passwd",
        "https://user:password@api.egp.scale.com",
        "https://api.egp.scale.com/?debug=1",
        "https://api.egp.scale.com/#top",
    ],
)
def test_base_url_that_is_not_a_plain_web_address_is_refused(api_key, base_url):
    with pytest.raises(ConfigurationError) as caught:
        SGPClient(api_key, base_url=base_url)

    assert "operator" in caught.value.user_message


def test_default_base_url_is_production():
    assert SGPClient("k").base_url == DEFAULT_BASE_URL == "https://api.egp.scale.com"


# --- model IDs -----------------------------------------------------------------------------

HOSTILE_BUT_SENDABLE_IDS = [
    "../x",
    "../../v5/models",
    "a/b",
    "?q=1",
    "#f",
    "%2e%2e",
    "%2e%2e%2f",
    "%2F",
    "...",
    "  padded-id  ",
    "\tpadded-id\n",
    "model 😀",
    "a b&c=d;e",
    "\\..\\x",
]


@pytest.mark.parametrize("model_id", HOSTILE_BUT_SENDABLE_IDS)
def test_hostile_model_id_reaches_the_server_as_exactly_one_encoded_segment(
    httpserver, make_client, hosted_model_json, model_id
):
    httpserver.expect_request(re.compile(".*")).respond_with_json(hosted_model_json)
    client = make_client(base_url=httpserver.url_for("/public"))

    client.get_model(model_id)

    request = only_request(httpserver)
    path = raw_path(request)
    prefix = "/public/v5/models/"
    assert path.startswith(prefix)
    segment = path[len(prefix) :]
    assert segment and not set("/?#") & set(segment), path
    assert segment not in {".", ".."}
    assert unquote(segment) == model_id.strip()
    assert request.args == {}


UNSAFE_IDS = {
    "empty": "",
    "blank": "   ",
    "dot": ".",
    "dot-dot": "..",
    "dot-dot-with-blanks": " .. ",
    "10000-chars": "m" * 10_000,
    "nul": "mdl\x00x",
    "newline-inside": "mdl\nx",
    "carriage-return": "mdl\rGET /admin",
    "tab-inside": "mdl\tx",
    "escape": "mdl\x1b[31m",
    "delete": "mdl\x7f",
    "c1-control": "mdl\x85x",
}


@pytest.mark.parametrize("model_id", UNSAFE_IDS.values(), ids=UNSAFE_IDS.keys())
def test_unsafe_model_id_is_refused_before_any_request(
    httpserver, make_client, assert_key_hidden, model_id
):
    httpserver.expect_request(re.compile(".*")).respond_with_json({})
    client = make_client()

    with pytest.raises(InvalidModelIdError) as caught:
        client.get_model(model_id)

    assert httpserver.log == []
    assert caught.value.user_message
    assert caught.value.status_code is None
    assert_key_hidden(caught.value)


def test_model_id_of_512_characters_is_sent_and_513_is_refused(
    httpserver, make_client, hosted_model_json
):
    httpserver.expect_request(ANY_MODEL_PATH).respond_with_json(hosted_model_json)
    client = make_client()

    client.get_model("m" * 512)
    with pytest.raises(InvalidModelIdError) as caught:
        client.get_model("m" * 513)

    assert len(httpserver.log) == 1
    assert "too long" in caught.value.user_message


def test_model_id_that_is_not_text_is_refused(make_client):
    with pytest.raises(InvalidModelIdError):
        make_client().get_model(None)  # type: ignore[arg-type]


# --- a good answer -------------------------------------------------------------------------


def test_get_model_returns_the_typed_model(httpserver, make_client, launch_model_json):
    httpserver.expect_request("/v5/models/mdl_launch_01").respond_with_json(launch_model_json)

    model = make_client().get_model("mdl_launch_01")

    assert isinstance(model, InferenceModel)
    assert isinstance(model.vendor_configuration, LaunchVendorConfiguration)
    assert model.vendor_configuration.model_infra.gpus == 1


def test_get_json_returns_the_decoded_body(httpserver, make_client):
    httpserver.expect_request("/v5/models").respond_with_json({"items": [], "has_more": False})
    client = make_client()

    body: Any = client.get_json(client.base_url + "/v5/models", params={"limit": 5})

    assert body == {"items": [], "has_more": False}
    assert only_request(httpserver).args["limit"] == "5"
