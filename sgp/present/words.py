"""The small words every page and report shares: statuses, counts and lists.

One home for each: a status's label, colour, icon and sentence (`status_info`,
`status_label`, with the API's own text for a status this app does not know), the sets of
statuses the app acts on, the plural of a noun (`plural`, `counted`) and a list joined
with "and" (`join_and`). Plain text: callers escape what holds API values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from sgp.api import InferenceModelStatus

# A watch checks a model while it has one of these; these will not change by themselves.
WATCHED_STATUSES = frozenset({InferenceModelStatus.deploying})
FINAL_STATUSES = frozenset(
    {
        InferenceModelStatus.ready,
        InferenceModelStatus.failed,
        InferenceModelStatus.deployment_timeout,
    }
)
# The deployment did not succeed: the platform's reason is shown as an error.
ERROR_STATUSES = frozenset({InferenceModelStatus.failed, InferenceModelStatus.deployment_timeout})


def plural(count: int, noun: str) -> str:
    """'model' or 'models' for a count."""
    return noun if count == 1 else f"{noun}s"


def counted(count: int, noun: str) -> str:
    """'1 model', '3 models'."""
    return f"{count} {plural(count, noun)}"


def join_and(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


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


def status_label(status: str) -> str:
    """Our label for a known status; the API's own text for one this app does not know."""
    info = status_info(status)
    return info.label if info.known else (str(status) or "(empty status)")
