"""pydantic v2 models of the OpenAPI schemas of GET /v5/models/{model_id}.

Field names and defaults are exactly the contract's (tests/data/get-model.openapi.yaml).
The API grows, so the models are tolerant: an enum value this version does not know is kept
as the plain string it is (and listed by `InferenceModel.unknown_values`), fields the
contract does not name are kept (pydantic `extra="allow"`, listed by `unknown_fields`), and
a vendor configuration of no known shape is kept as the mapping it is.

A 422 answer's body (the contract's HTTPValidationError) is not modelled here: the client
reads it into `errors.ValidationDetail` items of the `UnprocessableEntityError` it raises.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field


class InferenceModelType(StrEnum):
    generic = "generic"
    completion = "completion"
    chat_completion = "chat_completion"


class InferenceModelVendor(StrEnum):
    openai = "openai"
    cohere = "cohere"
    vertex_ai = "vertex_ai"
    anthropic = "anthropic"
    azure = "azure"
    gemini = "gemini"
    launch = "launch"
    llmengine = "llmengine"
    model_zoo = "model_zoo"
    bedrock = "bedrock"
    xai = "xai"
    fireworks_ai = "fireworks_ai"


class InferenceModelStatus(StrEnum):
    failed = "failed"
    ready = "ready"
    deploying = "deploying"
    deployment_timeout = "deployment_timeout"


class InferenceModelAvailability(StrEnum):
    unknown = "unknown"
    available = "available"
    unavailable = "unavailable"


class IdentifierTypeEnum(StrEnum):
    user = "user"
    service_account = "service_account"


class LaunchEndpointType(StrEnum):
    async_ = "async"
    sync = "sync"
    streaming = "streaming"


class GpuType(StrEnum):
    nvidia_tesla_t4 = "nvidia-tesla-t4"
    nvidia_ampere_a10 = "nvidia-ampere-a10"
    nvidia_ampere_a100 = "nvidia-ampere-a100"
    nvidia_ampere_a100e = "nvidia-ampere-a100e"
    nvidia_hopper_h100 = "nvidia-hopper-h100"
    nvidia_hopper_h100_1g20gb = "nvidia-hopper-h100-1g20gb"
    nvidia_hopper_h100_3g40gb = "nvidia-hopper-h100-3g40gb"


_E = TypeVar("_E", bound=StrEnum)

# An enum field that keeps values this version does not know as plain strings: `Open[GpuType]`.
Open = Annotated[_E | str, Field(union_mode="left_to_right")]


def _assume_utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


# The contract says date-time with an offset; a time without one is read as UTC, not refused.
AwareTime = Annotated[datetime, AfterValidator(_assume_utc)]


class _Tolerant(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class LaunchModelBundleConfiguration(_Tolerant):
    registry: str
    repository: str
    tag: str
    predict_route: str = "/predict"
    command: list[str]
    streaming_predict_route: str | None = None
    streaming_command: list[str] | None = None
    request_schema: dict[str, Any] = {}
    response_schema: dict[str, Any] = {}
    env_vars: dict[str, Any] = {}
    readiness_delay: int = 120
    healthcheck_route: str = "/readyz"


class LaunchModelEndpointConfiguration(_Tolerant):
    endpoint_type: Open[LaunchEndpointType] = LaunchEndpointType.sync
    cpus: str | int = 3
    gpus: int = 0
    gpu_type: Open[GpuType] | None = None
    memory: str = "8Gi"
    storage: str = "16Gi"
    min_workers: int = 0
    max_workers: int = 1
    per_worker: int = 10
    high_priority: bool = False
    labels: dict[str, str] | None = None
    public_inference: bool = False


class LaunchVendorConfiguration(_Tolerant):
    model_image: LaunchModelBundleConfiguration
    model_infra: LaunchModelEndpointConfiguration


class LLMEngineVendorConfiguration(_Tolerant):
    model: str
    inference_framework_image_tag: str = "latest"
    nodes_per_worker: int = 1
    min_workers: int = 0
    max_workers: int = 1
    per_worker: int = 2
    num_shards: int = 1
    labels: dict[str, str] = {}
    source: str = "hugging_face"
    inference_framework: str = "vllm"
    endpoint_type: str = "streaming"
    quantize: str | None = None
    checkpoint_path: str | None = None
    chat_template_override: str | None = None
    post_inference_hooks: list[str] | None = None
    cpus: int | None = None
    gpus: int | None = None
    memory: str | None = None
    gpu_type: str | None = None
    storage: str | None = None
    high_priority: bool = False
    default_callback_url: str | None = None
    public_inference: bool | None = None


# Tried in order: Launch needs model_image and model_infra, LLM Engine needs model; any other
# object is kept as the mapping it is.
VendorConfiguration = Annotated[
    LaunchVendorConfiguration | LLMEngineVendorConfiguration | dict[str, Any],
    Field(union_mode="left_to_right"),
]


class InferenceModel(_Tolerant):
    id: str
    object: str = "model"
    name: str
    model_type: Open[InferenceModelType]
    model_vendor: Open[InferenceModelVendor]
    vendor_configuration: VendorConfiguration | None = None
    status: Open[InferenceModelStatus]
    status_reason: str | None = None
    model_metadata: dict[str, Any] | None = None
    model_availability: Open[InferenceModelAvailability] | None = None
    created_at: AwareTime
    created_by_user_id: str
    created_by_identity_type: Open[IdentifierTypeEnum]

    def unknown_values(self) -> dict[str, str]:
        """Enum fields whose value this version does not know, by dotted field path."""
        found: dict[str, str] = {}
        _collect_unknown_values(self, "", found)
        return found

    def unknown_fields(self) -> list[str]:
        """Dotted paths of fields the contract does not name (inside typed objects only)."""
        found: list[str] = []
        _collect_unknown_fields(self, "", found)
        return found


def _enum_fields(model: BaseModel) -> dict[str, type[StrEnum]]:
    fields: dict[str, type[StrEnum]] = {}
    for name, info in type(model).model_fields.items():
        for meta in _walk_annotation(info.annotation):
            if isinstance(meta, type) and issubclass(meta, StrEnum):
                fields[name] = meta
    return fields


def _walk_annotation(annotation: Any) -> list[Any]:
    args = getattr(annotation, "__args__", None)
    if not args:
        return [annotation]
    out: list[Any] = []
    for arg in args:
        out.extend(_walk_annotation(arg))
    return out


def _collect_unknown_values(model: BaseModel, prefix: str, found: dict[str, str]) -> None:
    for name, enum in _enum_fields(model).items():
        value = getattr(model, name)
        if isinstance(value, str) and not isinstance(value, enum):
            found[prefix + name] = value
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            _collect_unknown_values(value, f"{prefix}{name}.", found)


def _collect_unknown_fields(model: BaseModel, prefix: str, found: list[str]) -> None:
    found.extend(prefix + name for name in (model.model_extra or {}))
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            _collect_unknown_fields(value, f"{prefix}{name}.", found)


class ModelPage(_Tolerant):
    """One page of GET /v5/models: the models, how many match in all, and whether more follow.

    `items` holds models already validated one by one (see `sgp.api.client.parse_model_page`), so
    that an invalid item is reported by its position and ID.
    """

    object: str = "list"
    items: list[InferenceModel] = []
    total: int | None = None
    has_more: bool = False
    limit: int | None = None
