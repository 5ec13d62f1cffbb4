"""SGPClient: the one place that sends HTTP requests to the Scale GenAI Platform.

One `requests.Session` per client (a connection pool), urllib3 `Retry` on its adapter for
retries and `Retry-After`, explicit timeouts, redirects followed only within the base URL's
origin (so `x-api-key` never reaches another host), bodies read streamed with a size cap,
and every failure turned into one of the errors in `sgp.errors`.
"""

from __future__ import annotations

import json
import logging
import os
import unicodedata
from collections.abc import Iterator, Mapping
from types import TracebackType
from typing import Any, Self
from urllib.parse import quote, urljoin, urlsplit

import pydantic
import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import InvalidHeader, ReadTimeoutError
from urllib3.util.retry import Retry

from sgp import APP_NAME, __version__
from sgp.errors import (
    MAX_ID_LENGTH,
    APIConnectionError,
    APITimeoutError,
    ConfigurationError,
    InvalidModelIdError,
    InvalidResponseError,
    RateLimitError,
    ResponseTooLargeError,
    UnprocessableEntityError,
    UnsafeRedirectError,
    ValidationDetail,
    error_class_for_status,
)
from sgp.schema import InferenceModel, ModelPage

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://api.egp.scale.com"
DEFAULT_TIMEOUT = (5.0, 30.0)
MAX_BODY_BYTES = 10 * 1024 * 1024
RETRY_STATUSES = (408, 429, 500, 502, 503, 504)
BACKOFF_FACTOR = 0.5
BACKOFF_MAX = 8.0
RETRY_AFTER_MAX = 60
MAX_REDIRECTS = 5
REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-amzn-requestid")
USER_AGENT = f"{APP_NAME}/{__version__} python-requests/{requests.__version__}"


class _Retry(Retry):
    """urllib3 Retry that never repeats a read timeout.

    A server that did not answer within the read timeout will most likely not answer the
    next time either; repeating would multiply the wait of the person at the page.
    Connection errors, resets and the retried statuses are still retried.
    """

    def increment(  # type: ignore[override]
        self,
        method: str | None = None,
        url: str | None = None,
        response: Any = None,
        error: Exception | None = None,
        _pool: Any = None,
        _stacktrace: TracebackType | None = None,
    ) -> Retry:
        if isinstance(error, ReadTimeoutError):
            raise error.with_traceback(_stacktrace)
        return super().increment(method, url, response, error, _pool, _stacktrace)

    def parse_retry_after(self, retry_after: str) -> float:
        # urllib3 raises on a Retry-After it cannot read ("soon", "1.5"); that would surface
        # as a connection error. Fall back to the exponential backoff instead.
        try:
            return super().parse_retry_after(retry_after)
        except InvalidHeader:
            return 0


def build_retry(max_retries: int) -> Retry:
    return _Retry(
        total=max_retries,
        connect=max_retries,
        read=max_retries,
        status=max_retries,
        other=0,
        redirect=False,
        allowed_methods=frozenset({"GET"}),
        status_forcelist=RETRY_STATUSES,
        backoff_factor=BACKOFF_FACTOR,
        backoff_max=BACKOFF_MAX,
        retry_after_max=RETRY_AFTER_MAX,
        respect_retry_after_header=True,
        raise_on_status=False,
    )


def validate_model_id(model_id: str) -> str:
    """Strip blanks and refuse IDs that percent-encoding cannot make safe; return the ID."""
    if not isinstance(model_id, str):
        raise InvalidModelIdError("The model ID must be text.")
    cleaned = model_id.strip()
    if not cleaned:
        raise InvalidModelIdError(
            "The model ID is empty.", user_message="Enter a model ID to look it up."
        )
    if cleaned in {".", ".."}:
        raise InvalidModelIdError(f"{cleaned!r} is not a model ID.")
    if len(cleaned) > MAX_ID_LENGTH:
        raise InvalidModelIdError(
            f"The model ID is {len(cleaned)} characters long; at most {MAX_ID_LENGTH} are allowed.",
            user_message=(
                f"That model ID is too long ({len(cleaned):,} characters; IDs have at most "
                f"{MAX_ID_LENGTH}). Copy it again from the platform."
            ),
        )
    if any(unicodedata.category(ch) == "Cc" for ch in cleaned):
        raise InvalidModelIdError(
            "The model ID contains control characters.",
            user_message="The model ID contains invisible control characters. Type it again.",
        )
    return cleaned


def _header_value(value: str, what: str) -> str:
    """A value stripped of surrounding blanks, refused if an HTTP header cannot carry it.

    A pasted key often ends in a line break; a key copied from a rich-text page may hold a
    curly quote or a zero-width space, which requests cannot encode (and whose exception
    would repeat the key). Neither message here contains the value.
    """
    cleaned = value.strip()
    if not (cleaned.isascii() and cleaned.isprintable()):
        raise ConfigurationError(
            f"The {what} contains characters that cannot be sent in an HTTP header.",
            user_message=(
                f"The {what} contains characters that it never has (a line break, a curly "
                f"quote or an invisible character). Copy the {what} again and paste it."
            ),
        )
    return cleaned


def _origin(url: str) -> tuple[str, str | None, int | None]:
    parts = urlsplit(url)
    default_port = {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, parts.hostname, parts.port or default_port


def normalize_base_url(base_url: str) -> str:
    url = (base_url or "").strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ConfigurationError(
            "The base URL must be an http(s) URL with a host.",
            user_message="The base URL is not a web address. Ask the operator to fix it.",
        )
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ConfigurationError(
            "The base URL must not carry a query, a fragment or credentials.",
            user_message="The configured base URL is not valid. Ask the operator to fix it.",
        )
    return url


class SGPClient:
    """A read-only client for the Scale GenAI Platform's model endpoints."""

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
        self._api_key = pydantic.SecretStr(_header_value(api_key or "", "API key"))
        self.base_url = normalize_base_url(base_url)
        self.account_id = _header_value(account_id or "", "account ID") or None
        # One number (as requests also accepts) bounds both the connection and the read.
        self.timeout = timeout if isinstance(timeout, tuple) else (timeout, timeout)
        self.max_retries = max_retries
        self.session = session or requests.Session()
        adapter = HTTPAdapter(max_retries=build_retry(max_retries), pool_maxsize=16)
        self.session.mount(self.base_url + "/", adapter)

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
        self.session.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def model_url(self, model_id: str) -> str:
        """The URL of one model; the ID becomes exactly one percent-encoded path segment."""
        return f"{self.base_url}/v5/models/{quote(validate_model_id(model_id), safe='')}"

    def get_model(self, model_id: str) -> InferenceModel:
        """GET /v5/models/{model_id} as a typed InferenceModel."""
        data, meta = self._get_json_with_meta(self.model_url(model_id), None)
        return parse_model(data, **meta)

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
        response = self._send(url, params)
        with response:
            body = _read_body(response)
            if response.status_code >= 400:
                raise _status_error(response, self._redact(body))
        meta = {"status_code": response.status_code, "request_id": _request_id(response)}
        return _decode_json(body, response), meta

    def _redact(self, body: bytes) -> bytes:
        """An error body without the key: a server may echo it ("key sk-... is not valid")."""
        key = self._api_key.get_secret_value().encode()
        return body.replace(key, b"[redacted]") if key else body

    def _send(self, url: str, params: Mapping[str, Any] | None) -> requests.Response:
        origin = _origin(self.base_url)
        for _ in range(MAX_REDIRECTS + 1):
            response = self._get_once(url, params)
            if not response.is_redirect:
                return response
            response.close()
            target = urljoin(url, response.headers.get("location", ""))
            if _origin(target) != origin:
                raise UnsafeRedirectError(
                    f"The API redirected to another host ({urlsplit(target).hostname}); "
                    "the request was not sent there.",
                    status_code=response.status_code,
                    request_id=_request_id(response),
                )
            url, params = target, None
        raise UnsafeRedirectError("The API redirected too many times.")

    def _get_once(self, url: str, params: Mapping[str, Any] | None) -> requests.Response:
        log.debug("GET %s", url)
        try:
            return self.session.get(
                url,
                params=params,
                headers=self.headers(),
                timeout=self.timeout,
                allow_redirects=False,
                stream=True,
            )
        # `from None`: the requests exception is summarised, not chained, so that no chained
        # traceback carries request details into a log.
        except requests.Timeout:
            raise APITimeoutError(f"The API did not answer within {self.timeout[1]:g} s.") from None
        except requests.RequestException as exc:
            raise APIConnectionError(
                f"Could not connect to {urlsplit(self.base_url).hostname}: {type(exc).__name__}."
            ) from None

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
        """GET /v5/models: one page of models, typed. Filters that are None are not sent."""
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
        return parse_model_page(self.get_json(f"{self.base_url}/v5/models", sent))

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


def _request_id(response: requests.Response) -> str | None:
    for name in REQUEST_ID_HEADERS:
        if value := response.headers.get(name):
            return value[:200]
    return None


def _read_body(response: requests.Response) -> bytes:
    """Read the body streamed, refusing anything over MAX_BODY_BYTES before it is all in memory."""
    too_large = ResponseTooLargeError(
        f"The response is larger than {MAX_BODY_BYTES // (1024 * 1024)} MB.",
        status_code=response.status_code,
        request_id=_request_id(response),
    )
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise too_large
    body = bytearray()
    try:
        for chunk in response.iter_content(chunk_size=64 * 1024):
            body += chunk
            if len(body) > MAX_BODY_BYTES:
                raise too_large
    except requests.exceptions.ConnectionError:
        # requests wraps a read timeout in the middle of the body as a ConnectionError.
        raise APITimeoutError(
            "The API stopped sending its answer.", status_code=response.status_code
        ) from None
    except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError):
        raise InvalidResponseError(
            "The API's answer was cut off or garbled.",
            status_code=response.status_code,
            request_id=_request_id(response),
        ) from None
    return bytes(body)


def _decode_json(body: bytes, response: requests.Response) -> Any:
    meta = {"status_code": response.status_code, "request_id": _request_id(response)}
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        kind = response.headers.get("content-type", "unknown type").split(";")[0]
        raise InvalidResponseError(
            f"The API's answer is not JSON (it is {kind[:80]}, {len(body):,} bytes).", **meta
        ) from None


def parse_model(data: Any, **meta: Any) -> InferenceModel:
    """Validate decoded JSON as an InferenceModel, naming the fields that failed."""
    if not isinstance(data, dict):
        raise InvalidResponseError(
            f"The API's answer is a JSON {type(data).__name__}, not an object.", **meta
        )
    try:
        return InferenceModel.model_validate(data)
    except pydantic.ValidationError as exc:
        problems = [
            f"{'.'.join(str(p) for p in err['loc']) or '(root)'}: {err['msg']}"
            for err in exc.errors(include_input=False, include_url=False)
        ]
        raise InvalidResponseError(
            "The API's answer is not a valid model: " + "; ".join(problems[:10]),
            problems=problems,
            **meta,
        ) from None


def parse_model_page(data: Any, **meta: Any) -> ModelPage:
    """Validate decoded JSON as a ModelPage; an invalid item is named by its position and ID."""
    if not isinstance(data, dict):
        raise InvalidResponseError(
            f"The API's list answer is a JSON {type(data).__name__}, not an object.", **meta
        )
    raw_items = data.get("items", [])
    if not isinstance(raw_items, list):
        raise InvalidResponseError("The API's list answer has no list of items.", **meta)
    items = []
    for index, item in enumerate(raw_items):
        try:
            items.append(parse_model(item, **meta))
        except InvalidResponseError as exc:
            raw_id = item.get("id") if isinstance(item, dict) else None
            label = f"Item {index}" + (f" (ID {str(raw_id)[:80]!r})" if raw_id else "")
            raise InvalidResponseError(
                f"{label} of the list: {exc.message}",
                problems=[f"items.{index}.{problem}" for problem in exc.problems],
                **meta,
            ) from None
    try:
        return ModelPage.model_validate({**data, "items": items})
    except pydantic.ValidationError as exc:
        problems = [
            f"{'.'.join(str(p) for p in err['loc']) or '(root)'}: {err['msg']}"
            for err in exc.errors(include_input=False, include_url=False)
        ]
        raise InvalidResponseError(
            "The API's list answer is not valid: " + "; ".join(problems[:10]),
            problems=problems,
            **meta,
        ) from None


def _status_error(response: requests.Response, body: bytes) -> Exception:
    status = response.status_code
    cls = error_class_for_status(status)
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):
        payload = None
    detail = payload.get("detail") if isinstance(payload, dict) else None
    summary = f"HTTP {status}"
    if isinstance(detail, str) and detail.strip():
        summary += f": {detail.strip()[:300]}"
    meta: dict[str, Any] = {"status_code": status, "request_id": _request_id(response)}
    if cls is UnprocessableEntityError:
        details = _validation_details(detail)
        if details:
            summary += ": " + "; ".join(f"{d.where}: {d.msg}" for d in details[:10])
        return UnprocessableEntityError(summary, details=details, **meta)
    if cls is RateLimitError:
        return RateLimitError(summary, retry_after=response.headers.get("retry-after"), **meta)
    return cls(summary, **meta)


def _validation_details(detail: Any) -> list[ValidationDetail]:
    if not isinstance(detail, list):
        return []
    items = []
    for item in detail:
        if isinstance(item, dict):
            loc = item.get("loc") if isinstance(item.get("loc"), list) else []
            items.append(
                ValidationDetail(
                    loc=tuple(p if isinstance(p, int) else str(p) for p in loc),
                    msg=str(item.get("msg", "")),
                    type=str(item.get("type", "")),
                )
            )
    return items
