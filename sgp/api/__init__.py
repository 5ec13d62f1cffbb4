"""The client for the Scale GenAI Platform API: its one front door.

Everything that talks HTTP lives here: one requests.Session with retries and timeouts
(`client`, `transport`, `retry`, `responses`; `retry_after_seconds` is the one reading of
a Retry-After header), an answer with its status and request ID (`answer`, as the SDK's
`with_raw_response`), the checks on what a caller passes (`inputs`), the errors named like
the official SDK's (`errors`), the tolerant pydantic schema of the contract (`schema`,
`parsing`), the environments a visitor may choose (`environments`), the concurrent fetch
of many models (`fetch`) and `ModelReader`, what reading a model needs from a client
(`reader`). No Streamlit import. Callers import from here, never from the modules:

    from sgp.api import SGPClient, NotFoundError
    model = SGPClient.from_env().get_model("my-model-id")

Why `Connection` and the Demo environment are here, although the SDK's client knows only
real hosts: the named environments are the SDK's too (its `environment=` argument), and
`Connection` is nothing but a client's constructor arguments (base URL, key, account,
timeout) as one value, with the key hidden from its repr and replaced by a fingerprint
wherever a cache or a log needs one; that rule belongs beside the client, which is the
only code that ever holds the key. The Demo environment is one more base URL on purpose:
the demo is served through the real client by a transport adapter mounted on a reserved
host that never resolves (`demo.sgp.invalid`), so the demo runs the same requests, checks
and errors as production. What is the app's alone (who pays for a request, the sidebar's
choices) lives in `sgp.team` and `components.shell`.
"""

from sgp.api.answer import Answer, WithRawResponse
from sgp.api.client import (
    DEFAULT_BASE_URL,
    DEFAULT_TIMEOUT,
    MAX_BODY_BYTES,
    MAX_REDIRECTS,
    SGPClient,
    normalize_base_url,
    parse_model,
    validate_model_id,
)
from sgp.api.environments import (
    CUSTOM,
    DEMO,
    KNOWN_ENVIRONMENTS,
    Connection,
    Environment,
    environments,
    fingerprint,
)
from sgp.api.errors import (
    APIConnectionBrokenError,
    APIConnectionError,
    APIConnectTimeoutError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    InternalServerError,
    InvalidFilterError,
    InvalidModelIdError,
    InvalidResponseError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseTooLargeError,
    SGPError,
    UnprocessableEntityError,
    UnsafeRedirectError,
    ValidationDetail,
    error_class_for_status,
)
from sgp.api.fetch import (
    DEFAULT_WORKERS,
    Outcome,
    fetch_models,
)
from sgp.api.inputs import (
    MAX_FILTER_CHARS,
    model_url,
    validate_filter,
)
from sgp.api.reader import (
    ModelReader,
)
from sgp.api.responses import (
    request_id,
)
from sgp.api.retry import (
    RETRY_AFTER_MAX,
    retry_after_seconds,
    retrying_adapter,
)
from sgp.api.schema import (
    GpuType,
    IdentifierTypeEnum,
    InferenceModel,
    InferenceModelAvailability,
    InferenceModelStatus,
    InferenceModelVendor,
    LaunchEndpointType,
    LaunchVendorConfiguration,
    LLMEngineVendorConfiguration,
    ModelPage,
)

__all__ = [
    "CUSTOM",
    "DEFAULT_BASE_URL",
    "DEFAULT_TIMEOUT",
    "DEFAULT_WORKERS",
    "DEMO",
    "KNOWN_ENVIRONMENTS",
    "MAX_BODY_BYTES",
    "MAX_FILTER_CHARS",
    "MAX_REDIRECTS",
    "RETRY_AFTER_MAX",
    "APIConnectTimeoutError",
    "APIConnectionBrokenError",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "Answer",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "Connection",
    "Environment",
    "GpuType",
    "IdentifierTypeEnum",
    "InferenceModel",
    "InferenceModelAvailability",
    "InferenceModelStatus",
    "InferenceModelVendor",
    "InternalServerError",
    "InvalidFilterError",
    "InvalidModelIdError",
    "InvalidResponseError",
    "LLMEngineVendorConfiguration",
    "LaunchEndpointType",
    "LaunchVendorConfiguration",
    "ModelPage",
    "ModelReader",
    "NotFoundError",
    "Outcome",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseTooLargeError",
    "SGPClient",
    "SGPError",
    "UnprocessableEntityError",
    "UnsafeRedirectError",
    "ValidationDetail",
    "WithRawResponse",
    "environments",
    "error_class_for_status",
    "fetch_models",
    "fingerprint",
    "model_url",
    "normalize_base_url",
    "parse_model",
    "request_id",
    "retry_after_seconds",
    "retrying_adapter",
    "validate_filter",
    "validate_model_id",
]
