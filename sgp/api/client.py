"""SGPClient: the one place that sends HTTP requests to the Scale GenAI Platform.

One `requests.Session` per client (a connection pool; see `sgp.api.transport` for whose
session it is and how `close()` waits for requests in flight), urllib3 `Retry` on its
adapter for retries and `Retry-After`, explicit timeouts, redirects followed only within
the base URL's origin (so `x-api-key` never reaches another host), bodies read streamed
with a size cap, and every failure turned into one of the errors in `sgp.api.errors`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from typing import Any, Self
from urllib.parse import urljoin, urlsplit

import pydantic
import requests

from sgp import APP_NAME, __version__
from sgp.api.answer import Answer, WithRawResponse
from sgp.api.errors import ConfigurationError, UnsafeRedirectError
from sgp.api.inputs import (
    header_value,
    model_url,
    normalize_base_url,
    on_origin,
    origin,
    validate_filter,
    validate_model_id,
)
from sgp.api.parsing import parse_model, parse_model_page
from sgp.api.responses import MAX_BODY_BYTES, decode_json, read_body, request_id, status_error
from sgp.api.schema import InferenceModel, ModelPage
from sgp.api.transport import Transport

# What `sgp.api` re-exports from here (callers import them from `sgp.api`).
__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_TIMEOUT",
    "MAX_BODY_BYTES",
    "MAX_REDIRECTS",
    "SGPClient",
    "normalize_base_url",
    "parse_model",
    "validate_model_id",
]

DEFAULT_BASE_URL = "https://api.egp.scale.com"  # Production: the one place it is written
DEFAULT_TIMEOUT = (5.0, 30.0)
MAX_REDIRECTS = 5
USER_AGENT = f"{APP_NAME}/{__version__} python-requests/{requests.__version__}"


class SGPClient:
    """A read-only client for the Scale GenAI Platform's model endpoints.

    Safe to share between threads. `session`: a session of your own is used as it is and
    is never changed or closed by the client (mount `retrying_adapter` on it for the
    client's retries); without one, the client makes and closes its own.
    """

    def __init__(
        self,
        api_key: str,
        *,
        base_url: str = DEFAULT_BASE_URL,
        account_id: str | None = None,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        session: requests.Session | None = None,
    ) -> None:
        self._api_key = pydantic.SecretStr(header_value(api_key or "", "API key"))
        self.base_url = normalize_base_url(base_url)
        self.account_id = header_value(account_id or "", "account ID") or None
        # One number (as requests also accepts) bounds both the connection and the read.
        self.timeout = timeout if isinstance(timeout, tuple) else (timeout, timeout)
        self.max_retries = max_retries
        self._transport = Transport(self.base_url, max_retries, session)

    @property
    def session(self) -> requests.Session:
        """The session requests go through (the caller's, if one was passed in)."""
        return self._transport.session

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **kwargs: Any) -> SGPClient:
        """A client from SGP_API_KEY, SGP_ACCOUNT_ID and SGP_CLIENT_BASE_URL (the SDK's names)."""
        env = os.environ if environ is None else environ
        key = env.get("SGP_API_KEY", "").strip()
        if not key:
            raise ConfigurationError(
                "SGP_API_KEY is not set.",
                user_message="Set the SGP_API_KEY environment variable to your API key.",
            )
        kwargs.setdefault("account_id", env.get("SGP_ACCOUNT_ID") or None)
        kwargs.setdefault("base_url", env.get("SGP_CLIENT_BASE_URL") or DEFAULT_BASE_URL)
        return cls(key, **kwargs)

    def __repr__(self) -> str:
        return (
            f"SGPClient(base_url={self.base_url!r}, account_id={self.account_id!r}, "
            f"api_key='**********')"
        )

    def close(self) -> None:
        """Close the client's own pool, at once or when the last request in flight ends.

        A session passed in by the caller is left open: it is theirs.
        """
        self._transport.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def model_url(self, model_id: str) -> str:
        """The URL of one model; the ID becomes exactly one percent-encoded path segment."""
        return model_url(self.base_url, model_id)

    def get_model(self, model_id: str) -> InferenceModel:
        """GET /v5/models/{model_id} as a typed InferenceModel."""
        return self.get_model_and_raw(model_id)[1]

    def get_model_and_raw(self, model_id: str) -> tuple[dict[str, Any], InferenceModel]:
        """The model and the exact JSON object the API sent (for display and download)."""
        answer = self._model_answer(model_id)
        return answer.body, answer.parsed

    @property
    def with_raw_response(self) -> WithRawResponse:
        """The same reading methods, each returning an `Answer` (body, parsed value, status,
        request ID), as the official SDK's `with_raw_response` does."""
        return WithRawResponse(self)

    def _model_answer(self, model_id: str) -> Answer[InferenceModel]:
        data, meta = self._get_json_with_meta(self.model_url(model_id), None)
        return Answer(data, parse_model(data, **meta), meta["status_code"], meta["request_id"])

    def headers(self) -> dict[str, str]:
        headers = {
            "x-api-key": self._api_key.get_secret_value(),
            "Accept": "application/json",
            "User-Agent": USER_AGENT,
        }
        if self.account_id:
            headers["x-selected-account-id"] = self.account_id
        return headers

    def get_json(self, url: str, params: Mapping[str, Any] | None = None) -> Any:
        """GET a URL under the base URL and return its decoded JSON body, or raise an SGPError."""
        return self._get_json_with_meta(url, params)[0]

    def _get_json_with_meta(
        self, url: str, params: Mapping[str, Any] | None
    ) -> tuple[Any, dict[str, Any]]:
        """The decoded body and the status and request id, for errors raised after decoding."""
        with self._transport.in_flight():
            response = self._send(url, params)
            with response:
                body = read_body(response, read_timeout=self.timeout[1])
                if response.status_code >= 400:
                    raise status_error(response, self._redact(body))
        meta = {"status_code": response.status_code, "request_id": request_id(response)}
        return decode_json(body, response), meta

    def _redact(self, body: bytes) -> bytes:
        """An error body without the key: a server may echo it ("key sk-... is not valid")."""
        key = self._api_key.get_secret_value().encode()
        return body.replace(key, b"[redacted]") if key else body

    def _send(self, url: str, params: Mapping[str, Any] | None) -> requests.Response:
        home = origin(self.base_url)
        for _ in range(MAX_REDIRECTS + 1):
            response = self._transport.get(url, params, self.headers(), self.timeout)
            if not response.is_redirect:
                return response
            response.close()
            target = urljoin(url, response.headers.get("location", ""))
            if origin(target) != home:
                raise UnsafeRedirectError(
                    f"The API redirected to another host ({urlsplit(target).hostname}); "
                    "the request was not sent there.",
                    status_code=response.status_code,
                    request_id=request_id(response),
                )
            # Same origin however spelt (HOST, :443): under the adapter mounted at the origin.
            url, params = on_origin(self.base_url, target), None
        raise UnsafeRedirectError("The API redirected too many times.")

    def list_models(
        self,
        *,
        limit: int = 100,
        starting_after: str | None = None,
        ending_before: str | None = None,
        model_vendor: str | None = None,
        name: str | None = None,
        sort_by: str | None = None,
        sort_order: str | None = None,
    ) -> ModelPage:
        """GET /v5/models: one page of models, typed. Filters that are None are not sent;
        a name or vendor that is too long or holds hidden characters is refused unsent."""
        return self._list_answer(
            limit=limit,
            starting_after=starting_after,
            ending_before=ending_before,
            model_vendor=model_vendor,
            name=name,
            sort_by=sort_by,
            sort_order=sort_order,
        ).parsed

    def _list_answer(
        self,
        *,
        limit: int = 100,
        starting_after: str | None = None,
        ending_before: str | None = None,
        model_vendor: str | None = None,
        name: str | None = None,
        sort_by: str | None = None,
        sort_order: str | None = None,
    ) -> Answer[ModelPage]:
        name = validate_filter(name) if name is not None else None
        model_vendor = validate_filter(model_vendor, "vendor") if model_vendor else model_vendor
        params = {
            "limit": limit,
            "starting_after": starting_after,
            "ending_before": ending_before,
            "model_vendor": model_vendor,
            "name": name,
            "sort_by": sort_by,
            "sort_order": sort_order,
        }
        sent = {key: str(value) for key, value in params.items() if value is not None}
        data, meta = self._get_json_with_meta(f"{self.base_url}/v5/models", sent)
        return Answer(data, parse_model_page(data, **meta), meta["status_code"], meta["request_id"])

    def iter_models(
        self,
        *,
        limit: int = 100,
        starting_after: str | None = None,
        model_vendor: str | None = None,
        name: str | None = None,
        sort_by: str | None = None,
        sort_order: str | None = None,
    ) -> Iterator[InferenceModel]:
        """Every model matching the filters, exactly once, following the cursor page by page.

        Ends when the API says `has_more` is false, and also when a page is empty or brings
        no model not seen before (a cursor that does not advance), so it never loops forever.
        """
        seen: set[str] = set()
        cursor = starting_after
        while True:
            page = self.list_models(
                limit=limit,
                starting_after=cursor,
                model_vendor=model_vendor,
                name=name,
                sort_by=sort_by,
                sort_order=sort_order,
            )
            fresh = 0
            for model in page.items:
                if model.id not in seen:
                    seen.add(model.id)
                    fresh += 1
                    yield model
            if not page.has_more or not fresh or page.items[-1].id == cursor:
                return
            cursor = page.items[-1].id
