"""One answer is one state, whoever saw it: the app's lookup and the recorder's round read
a model's status, availability and reason the same way (`state_of`)."""

from __future__ import annotations

import datetime as dt

from sgp.api import parse_model
from sgp.history.poll import _observation
from sgp.history.recording_reader import sighting_of
from sgp.history.store import open_store
from testkit.bodies import sample_body

AT = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)


def test_the_app_and_the_recorder_seeing_one_answer_make_one_period(history_db_url: str) -> None:
    raw = sample_body("m-same", status="ready", status_reason="", model_availability="available")
    app = sighting_of(raw, parse_model(raw), AT)
    recorder = _observation("m-same", AT + dt.timedelta(minutes=1), raw)
    assert (app.status, app.availability, app.reason) == ("ready", "available", None)
    assert (recorder.status, recorder.availability, recorder.reason) == ("ready", "available", None)
    store = open_store(history_db_url)
    try:
        for seen in (
            app,
            recorder,
            sighting_of(raw, parse_model(raw), AT + dt.timedelta(minutes=2)),
        ):
            store.observe(
                seen.model_id,
                seen.observed_at,
                seen.status,
                seen.availability,
                seen.reason,
                seen.configuration,
            )
        [period] = store.states("m-same")
        assert period.observations == 3
    finally:
        store.close()
