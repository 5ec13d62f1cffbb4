"""Plain-language descriptions of a model: human names, status sentences, relative times.

Everything here turns API values into words a non-engineer understands. Values this
version does not know are passed through as they are, marked unknown, never guessed.
What a model runs on is worded in `sgp.present.hardware`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sgp.api import InferenceModelStatus

VENDOR_NAMES = {
    "openai": "OpenAI",
    "cohere": "Cohere",
    "vertex_ai": "Vertex AI",
    "anthropic": "Anthropic",
    "azure": "Azure OpenAI",
    "gemini": "Gemini",
    "launch": "Launch",
    "llmengine": "LLM Engine",
    "model_zoo": "Model Zoo",
    "bedrock": "Amazon Bedrock",
    "xai": "xAI",
    "fireworks_ai": "Fireworks AI",
}

MODEL_TYPE_NAMES = {
    "generic": "Generic",
    "completion": "Completion",
    "chat_completion": "Chat completion",
}

IDENTITY_NAMES = {"user": "user", "service_account": "service account"}

AVAILABILITY_NAMES = {
    "available": "Available",
    "unavailable": "Unavailable",
    "unknown": "Availability unknown",
}


# The colours a status is drawn in (each one of Streamlit's badge colours).
StatusColor = Literal["green", "blue", "red", "orange", "gray"]


@dataclass(frozen=True)
class StatusInfo:
    label: str
    color: StatusColor
    icon: str
    sentence: str
    known: bool = True


STATUSES: dict[str, StatusInfo] = {
    InferenceModelStatus.ready: StatusInfo(
        "Ready",
        "green",
        ":material/check_circle:",
        "Ready: the model is deployed and answering requests.",
    ),
    InferenceModelStatus.deploying: StatusInfo(
        "Deploying",
        "blue",
        ":material/progress_activity:",
        "Deploying: the model is starting up and cannot answer requests yet.",
    ),
    InferenceModelStatus.failed: StatusInfo(
        "Failed",
        "red",
        ":material/error:",
        "Failed: the deployment did not succeed, so the model cannot answer requests.",
    ),
    InferenceModelStatus.deployment_timeout: StatusInfo(
        "Deployment timed out",
        "orange",
        ":material/timer_off:",
        "Deployment timed out: the model did not become ready in time and is not answering.",
    ),
}
UNKNOWN_STATUS = StatusInfo(
    "Unknown status",
    "gray",
    ":material/help:",
    "This app does not know this status yet; it is shown exactly as the API sent it.",
    known=False,
)


def status_info(status: str) -> StatusInfo:
    return STATUSES.get(status, UNKNOWN_STATUS)


def vendor_name(vendor: str) -> str:
    return VENDOR_NAMES.get(vendor, vendor)


def model_type_name(model_type: str) -> str:
    return MODEL_TYPE_NAMES.get(model_type, model_type)


def identity_name(identity: str) -> str:
    return IDENTITY_NAMES.get(identity, identity)


def availability_name(availability: str | None) -> str:
    if availability is None:
        return "Availability not reported"
    return AVAILABILITY_NAMES.get(availability, availability)


TIME_UNITS = (
    ("year", 31_536_000),
    ("month", 2_592_000),
    ("day", 86_400),
    ("hour", 3_600),
    ("minute", 60),
)


def time_ago(when: datetime, now: datetime) -> str:
    """'3 days ago', 'in 2 hours', 'just now': the coarsest unit that fits."""
    seconds = (now - when).total_seconds()
    future, seconds = seconds < 0, abs(seconds)
    if seconds < 45:
        return "just now"
    unit, size = next((u, s) for u, s in TIME_UNITS if seconds >= s or u == "minute")
    count = max(1, round(seconds / size))
    text = f"{count} {unit}{'' if count == 1 else 's'}"
    return f"in {text}" if future else f"{text} ago"


def plural(count: int, noun: str) -> str:
    """'model' or 'models' for a count."""
    return noun if count == 1 else f"{noun}s"
