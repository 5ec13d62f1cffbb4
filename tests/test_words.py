"""The small words every page and report shares (`sgp.present.words`)."""

from __future__ import annotations

from sgp.present import status_label
from sgp.present.words import counted, join_and, plural


def test_counts_and_lists_read_as_a_person_would_write_them() -> None:
    assert [plural(n, "model") for n in (0, 1, 2)] == ["models", "model", "models"]
    assert [counted(n, "GPU") for n in (1, 8)] == ["1 GPU", "8 GPUs"]
    assert join_and([]) == "" and join_and(["a"]) == "a"
    assert join_and(["a", "b"]) == "a and b" and join_and(["a", "b", "c"]) == "a, b and c"


def test_a_status_this_app_does_not_know_keeps_the_apis_own_text() -> None:
    assert status_label("ready") == "Ready"
    assert status_label("deployment_timeout") == "Deployment timed out"
    assert status_label("hibernating") == "hibernating"
    assert status_label("") == "(empty status)"
