"""The built-in demo: sample models (`models`) served through a requests transport
adapter (`adapter`), so the demo runs the real client code with no network and no key."""

from sgp.demo.adapter import (
    LIVE_READY_AFTER_S,
    demo_client,
)
from sgp.demo.models import (
    FEATURED,
    FEATURED_IDS,
    SAMPLE_MODELS,
)

__all__ = [
    "FEATURED",
    "FEATURED_IDS",
    "LIVE_READY_AFTER_S",
    "SAMPLE_MODELS",
    "demo_client",
]
