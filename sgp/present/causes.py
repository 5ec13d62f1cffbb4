"""Why a model failed: the known causes recognised in `status_reason`, in plain words.

The causes, the platform's words that identify each, the plain sentence and the usual next
step are the causes table of docs/rules.md, which names each one's source: LLM Engine's own
status reasons (scaleapi/llm-engine,
`model-engine/model_engine_server/infra/services/live_endpoint_builder_service.py`),
Kubernetes' scheduler and kubelet (kubernetes/kubernetes, `pkg/scheduler/framework/plugins/`
and `pkg/kubelet/`) and vLLM's memory check (vllm-project/vllm). Matching is on those words
only, case-insensitive, tolerant of the numbers, names and spacing around them; a reason
may name several causes. A reason that names none is "not a cause this app knows": shown
verbatim, never guessed at. Where the model's configuration explains a cause (a finding on
the same fields), the explanation says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sgp.api import InferenceModel, InferenceModelAvailability, InferenceModelStatus
from sgp.present.findings import findings
from sgp.present.sizing import KNOWN_GPU_TYPES, sizing

OWNER = "whoever deployed the model"
PLATFORM = "the platform team"
NOT_KNOWN = "Not a cause this app knows: the platform's reason is shown exactly as it was sent."


def _words(*phrases: str) -> re.Pattern[str]:
    """Any of the phrases, case-insensitive, with any run of spaces between words."""
    parts = [r"\s+".join(re.escape(word) for word in phrase.split()) for phrase in phrases]
    return re.compile("|".join(parts), re.IGNORECASE)


@dataclass(frozen=True)
class Cause:
    key: str
    title: str  # a few words, for a table cell
    plain: str  # for a non-engineer
    next_step: str  # for an engineer
    who: str
    pattern: re.Pattern[str]


_SCHEDULING = re.compile(r"FailedScheduling|\b0/\d+\s+nodes\s+are\s+available", re.IGNORECASE)
_OOM_EXIT = re.compile(
    r"OOMKilled|\bexit(?:ed\s+with)?[\s_]?code\W{0,3}137\b|\bexitCode\W{0,3}137\b", re.IGNORECASE
)

CAUSES: tuple[Cause, ...] = (
    Cause(
        "no_gpu",
        "No free GPU",
        "No machine has enough free GPUs of this type right now.",
        "Wait for capacity, use fewer GPUs or another GPU type.",
        OWNER,
        _words("Insufficient nvidia.com/gpu"),
    ),
    Cause(
        "no_room",
        "Not enough CPU, memory or disk",
        "The model asks for more than any free machine has.",
        "Lower cpus / memory / storage.",
        OWNER,
        _words("Insufficient cpu", "Insufficient memory", "Insufficient ephemeral-storage"),
    ),
    Cause(
        "no_machine_kind",
        "No machine of that GPU type",
        "No machine carries the requested GPU type.",
        "Check gpu_type.",
        OWNER,
        re.compile(r"didn'?t\s+match\s+pod'?s\s+node\s+affinity/selector", re.IGNORECASE),
    ),
    Cause(
        "reserved",
        "Machines reserved",
        "The machines are reserved for something else.",
        "Platform team: tolerations.",
        PLATFORM,
        _words("had untolerated taint"),
    ),
    Cause(
        "image_pull",
        "Image cannot be downloaded",
        "The server could not download the model's software.",
        "Check the image repository and tag, and pull access.",
        OWNER,
        re.compile(
            r"\b(?:ImagePullBackOff|ErrImagePull|InvalidImageName|ErrImageNeverPull|"
            r"RegistryUnavailable)\b",
            re.IGNORECASE,
        ),
    ),
    Cause(
        "crash_loop",
        "Keeps crashing",
        "The model server starts and crashes again and again.",
        "Read the container's previous logs.",
        OWNER,
        _words("CrashLoopBackOff", "Back-off restarting failed container"),
    ),
    Cause(
        "out_of_memory",
        "Out of memory (RAM)",
        "The model used more memory (RAM) than it was given.",
        "Raise memory.",
        OWNER,
        _OOM_EXIT,
    ),
    Cause(
        "missing_secret",
        "Missing setting or secret",
        "A setting or secret the model needs is missing.",
        "Create or fix the secret.",
        OWNER,
        _words("CreateContainerConfigError", "couldn't find key"),
    ),
    Cause(
        "disk_full",
        "Disk full",
        "The disk filled up, usually while downloading the weights.",
        "Raise storage above the weights' size.",
        OWNER,
        _words("ephemeral local storage", "exceeded its local ephemeral storage limit"),
    ),
    Cause(
        "still_loading",
        "Still loading or stuck",
        "The model is still loading, or stuck while loading.",
        "Wait, then read the logs.",
        OWNER,
        _words("Readiness probe failed"),
    ),
    Cause(
        "gpu_too_small",
        "GPU too small",
        "The GPUs are too small for this model at this context length.",
        "More GPUs (and shards), a shorter context, or quantization.",
        OWNER,
        _words(
            "CUDA out of memory",
            "No available memory for the cache blocks",
            "larger than the maximum number of tokens that can be stored in KV cache",
        ),
    ),
    Cause(
        "internal_error",
        "Platform error",
        "The platform failed on its side.",
        "Retry; report to the platform team with the request id.",
        PLATFORM,
        _words("Endpoint deployment failed due to an internal error."),
    ),
    Cause(
        "image_build",
        "Image build failed",
        "The model's software image could not be built.",
        "Check the bundle's image and dependencies.",
        OWNER,
        _words("Image build failed"),
    ),
)
_SPECIFIC_SCHEDULING = ("no_room", "no_machine_kind", "reserved")
# Findings on the configuration that explain a cause.
_EXPLAINED_BY = {
    "out_of_memory": ("memory_below_thumb",),
    "no_room": ("above_limit_cpus", "above_limit_memory", "above_limit_storage"),
    "disk_full": ("storage_below_weights",),
    "gpu_too_small": ("gpu_memory",),
}

TIMEOUT = (
    "A timeout usually means the deployment outran the platform's time limit (its builder "
    "stops after 30 minutes): large models and new GPU machines take minutes (a new GPU "
    "machine takes 5-15 minutes)."
)
UNAVAILABLE = (
    "The platform created the deployment, but the model is not answering: its servers may "
    "still be starting, or be waiting for GPUs, crashing or out of memory (such trouble "
    "does not always turn a model failed)."
)


def match_causes(reason: str | None) -> tuple[Cause, ...]:
    """The known causes a reason names, in the facts table's order."""
    if not reason:
        return ()
    found = {cause.key for cause in CAUSES if cause.pattern.search(reason)}
    # Kubernetes' generic scheduling words mean no free GPU unless a more specific cause
    # of the same scheduling failure is named.
    if _SCHEDULING.search(reason) and not found.intersection(_SPECIFIC_SCHEDULING):
        found.add("no_gpu")
    return tuple(cause for cause in CAUSES if cause.key in found)


@dataclass(frozen=True)
class FoundCause:
    cause: Cause
    note: str | None = None  # how the configuration explains it, naming the field
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class Explanation:
    headline: str  # one sentence: what went wrong and who acts
    short: str  # a few words, for a table cell
    causes: tuple[FoundCause, ...]
    context: str | None  # what a timeout or "ready but unavailable" usually means
    reason: str | None  # the platform's own words, to show verbatim beside the rest
    known: bool  # False when the reason names no cause this app knows


def is_failing(model: InferenceModel) -> bool:
    """Failed, timed out, or ready but unavailable: the models that get an explanation."""
    return model.status in (
        InferenceModelStatus.failed,
        InferenceModelStatus.deployment_timeout,
    ) or (
        model.status == InferenceModelStatus.ready
        and model.model_availability == InferenceModelAvailability.unavailable
    )


def _explained(model: InferenceModel, cause: Cause) -> FoundCause:
    if cause.key == "no_machine_kind":
        size = sizing(model)
        if size and size.gpu_type and str(size.gpu_type) not in KNOWN_GPU_TYPES:
            return FoundCause(
                cause,
                f'gpu_type is "{size.gpu_type}", not a GPU type this engine knows.',
                (size.field("gpu_type"),),
            )
    rules = _EXPLAINED_BY.get(cause.key, ())
    for finding in findings(model):
        if finding.rule in rules:
            return FoundCause(cause, finding.sentence, finding.fields)
    return FoundCause(cause)


def explain(model: InferenceModel) -> Explanation | None:
    """Why a failing model fails, as far as the facts tell; None for a model not failing."""
    if not is_failing(model):
        return None
    reason = model.status_reason or None
    causes = tuple(_explained(model, cause) for cause in match_causes(reason))
    timed_out = model.status == InferenceModelStatus.deployment_timeout
    context = TIMEOUT if timed_out else None
    if model.status == InferenceModelStatus.ready:
        context = UNAVAILABLE
    if causes:
        first = causes[0].cause
        more = len(causes) - 1
        headline = f"{first.plain} Who acts: {first.who}."
        if more:
            headline += f" The reason names {more} more cause{'s' if more > 1 else ''} below."
        short = first.title + (f" (+{more})" if more else "")
        return Explanation(headline, short, causes, context, reason, True)
    if reason:
        short = "Unknown cause"
        return Explanation(NOT_KNOWN, short, (), context, reason, False)
    if timed_out:
        return Explanation(
            "The deployment did not finish in time; the platform gave no reason.",
            "Timed out",
            (),
            context,
            None,
            True,
        )
    if model.status == InferenceModelStatus.ready:
        return Explanation(
            "The model is deployed but not answering; the platform gave no reason.",
            "Not answering",
            (),
            context,
            None,
            True,
        )
    return Explanation(
        "The platform gave no reason, so this app cannot tell why it failed.",
        "No reason given",
        (),
        None,
        None,
        True,
    )
