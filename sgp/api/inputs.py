"""Checks on what a caller hands the client before any request: model ID, key, base URL.

A model ID becomes exactly one percent-encoded path segment; the IDs that encoding cannot
make safe (empty, `.`, `..`, control characters, too long) are refused here, and so are
line and paragraph separators (U+2028, U+2029) and invisible format characters (Unicode
category Cf: zero-width spaces, the right-to-left override U+202E), which no real ID holds
and which would disguise or split what a log or a terminal shows; so are list filters
that are too long or hold such characters. So are keys
and account IDs that an HTTP header cannot carry and base URLs that are not http(s). The
origin helpers say which URLs share the base URL's scheme, host and port.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import quote, urlsplit, urlunsplit

from sgp.api.errors import (
    MAX_ID_LENGTH,
    ConfigurationError,
    InvalidFilterError,
    InvalidModelIdError,
)

MAX_FILTER_CHARS = 200
HIDDEN_CATEGORIES = {"Cf", "Zl", "Zp"}  # format characters, line and paragraph separators


def _hidden(text: str) -> bool:
    return any(unicodedata.category(ch) in HIDDEN_CATEGORIES for ch in text)


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
    if _hidden(cleaned):
        raise InvalidModelIdError(
            "The model ID contains line separators or invisible format characters.",
            user_message=(
                "The model ID contains an invisible character (a line separator, a "
                "zero-width space or a text-direction mark). Type it again."
            ),
        )
    return cleaned


def validate_filter(value: str, what: str = "name filter") -> str:
    """A list filter stripped of blanks, refused if too long or holding hidden characters."""
    cleaned = value.strip()
    if len(cleaned) > MAX_FILTER_CHARS:
        raise InvalidFilterError(
            f"The {what} is {len(cleaned)} characters long; at most {MAX_FILTER_CHARS} allowed.",
            user_message=(
                f"The {what} is too long ({len(cleaned):,} characters; at most "
                f"{MAX_FILTER_CHARS}). Shorten it and try again."
            ),
        )
    if any(unicodedata.category(ch) == "Cc" for ch in cleaned) or _hidden(cleaned):
        raise InvalidFilterError(
            f"The {what} contains control, line-separator or invisible format characters.",
            user_message=(
                f"The {what} contains an invisible character (a line break, a zero-width "
                "space or a text-direction mark). Type it again."
            ),
        )
    return cleaned


def header_value(value: str, what: str) -> str:
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


def origin(url: str) -> tuple[str, str | None, int | None]:
    parts = urlsplit(url)
    default_port = {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, parts.hostname, parts.port or default_port


def origin_prefix(base_url: str) -> str:
    """'https://host:port/': every URL of the base URL's origin starts with it."""
    parts = urlsplit(base_url)
    return f"{parts.scheme}://{parts.netloc}/"


def on_origin(base_url: str, target: str) -> str:
    """A target of the same origin, spelt with the base URL's scheme, host and port.

    `https://API.example.com:443/x` becomes `https://api.example.com/x` for a base URL
    `https://api.example.com`, so that it falls under the adapter mounted at the origin.
    """
    base, parts = urlsplit(base_url), urlsplit(target)
    return urlunsplit((base.scheme, base.netloc, parts.path or "/", parts.query, ""))


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


def model_url(base_url: str, model_id: str) -> str:
    """The URL of one model; the ID becomes exactly one percent-encoded path segment."""
    return f"{base_url}/v5/models/{quote(validate_model_id(model_id), safe='')}"
