"""One exception class per failure that a user must tell apart, named like the official SDK's.

Every error carries the HTTP status and the server's request id where there was one, and a
plain-language `user_message` that says what happened and what to do next. Messages are
built by this package only from what the server sent and never from the API key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sgp.api.retry import retry_after_seconds

MAX_ID_LENGTH = 512


class SGPError(Exception):
    """Base class of every failure the API layer reports."""

    title = "Something went wrong"
    default_user_message = "Something went wrong while talking to the Scale GenAI Platform."
    # Seconds the failure asks the caller to wait before trying again (a 429's Retry-After,
    # a person's budget); None when it asks nothing. A watch waits at least this long.
    retry_after_s: float | None = None

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        request_id: str | None = None,
        user_message: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.request_id = request_id
        self.user_message = user_message or self.default_user_message

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(message={self.message!r}, "
            f"status_code={self.status_code!r}, request_id={self.request_id!r})"
        )


class InvalidModelIdError(SGPError):
    """The model ID was refused before any request was made."""

    title = "That model ID can't be looked up"
    default_user_message = "Check the model ID: copy it again from the platform and retry."


class InvalidFilterError(SGPError):
    """A list filter (a name to search for) was refused before any request was made."""

    title = "That filter can't be used"
    default_user_message = "Shorten the filter or type it again, then retry."


class ConfigurationError(SGPError):
    """The client was set up wrongly: no key, or a base URL that is not an http(s) URL."""

    title = "The app is not set up correctly"
    default_user_message = "The app's configuration is incomplete. Ask its operator to fix it."


class APIConnectionError(SGPError):
    """The API could not be reached: DNS failure, refused or reset connection."""

    title = "Could not reach the API"
    default_user_message = (
        "The Scale GenAI Platform could not be reached. Check your network connection and the "
        "environment you picked, then try again."
    )


class APIConnectionBrokenError(APIConnectionError):
    """The connection broke while the API was sending its answer (e.g. a TLS error mid-body)."""

    title = "The connection broke off"
    default_user_message = (
        "The connection to the Scale GenAI Platform broke off while it was answering. Try "
        "again; if it keeps happening, a proxy or firewall on the way may be interfering."
    )


class APITimeoutError(APIConnectionError):
    """The API did not answer within the read timeout (or stopped in the middle)."""

    title = "The API did not answer in time"
    default_user_message = (
        "The Scale GenAI Platform took too long to answer. Check your network connection and "
        "try again in a minute."
    )


class APIConnectTimeoutError(APITimeoutError):
    """No connection to the API could be opened within the connect timeout."""

    title = "Could not reach the API in time"
    default_user_message = (
        "The Scale GenAI Platform did not accept a connection in time. Check your network "
        "connection and the environment you picked, then try again."
    )


class UnsafeRedirectError(SGPError):
    """The API redirected to another host; the key is never sent there."""

    title = "The API redirected somewhere else"
    default_user_message = (
        "The API answered with a redirect to another address, which this app does not follow "
        "so that your key stays safe. Check the environment's base URL."
    )


class InvalidResponseError(SGPError):
    """The response was not JSON, not an object, or not a valid InferenceModel."""

    title = "The API sent something unexpected"
    default_user_message = (
        "The API answered, but not with a model this app can read. Try again; if it keeps "
        "happening, the platform may be having trouble."
    )

    def __init__(self, message: str, *, problems: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.problems = problems or []


class ResponseTooLargeError(InvalidResponseError):
    """The response body was larger than the client accepts."""

    title = "The API's answer was too large"
    default_user_message = (
        "The API's answer was far larger than any model description, so it was not read. "
        "Check the environment you picked."
    )


class APIStatusError(SGPError):
    """The API answered with an HTTP error status."""

    title = "The API refused the request"
    default_user_message = (
        "The API did not accept the request. Try again in a moment; if it keeps happening, "
        "contact support with the request ID shown under Technical details."
    )


class BadRequestError(APIStatusError):
    title = "The API refused the request"
    default_user_message = "The API could not accept this request. Check the model ID."


class AuthenticationError(APIStatusError):
    title = "Your API key was not accepted"
    default_user_message = (
        "The API key is missing, wrong or expired. Paste a valid key from the platform's "
        "settings page and try again."
    )


class PermissionDeniedError(APIStatusError):
    title = "Your key may not see this account"
    default_user_message = (
        "The key is valid but has no access here. Check the account ID (or leave it empty to "
        "use the key's own account)."
    )


class NotFoundError(APIStatusError):
    title = "No such model"
    default_user_message = (
        "No model with this ID was found. Check the ID, the account and the environment: a "
        "model in staging is not visible in production."
    )


@dataclass(frozen=True)
class ValidationDetail:
    """One item of a 422 response's `detail` list."""

    loc: tuple[str | int, ...]
    msg: str
    type: str

    @property
    def where(self) -> str:
        return ".".join(str(part) for part in self.loc)


class UnprocessableEntityError(APIStatusError):
    title = "The API rejected the request's fields"
    default_user_message = "The API rejected part of the request. Check the fields listed below."

    def __init__(
        self, message: str, *, details: list[ValidationDetail] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(message, **kwargs)
        self.details = details or []


class RateLimitError(APIStatusError):
    title = "Too many requests"
    default_user_message = (
        "The API is receiving too many requests from this key. Wait a moment, then try again."
    )

    def __init__(self, message: str, *, retry_after: str | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after
        self.retry_after_s = retry_after_seconds(retry_after)  # capped as the client caps it


class InternalServerError(APIStatusError):
    title = "The API is having trouble"
    default_user_message = (
        "The Scale GenAI Platform had a problem answering. This is not caused by your input: "
        "try again in a few minutes."
    )


STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def error_class_for_status(status: int) -> type[APIStatusError]:
    if status >= 500:
        return InternalServerError
    return STATUS_ERRORS.get(status, APIStatusError)
