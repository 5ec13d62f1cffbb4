"""What is worth a notification (flickers, first sightings, recoveries, rollouts), and the
notifier's settings: channel lists, plain errors that never quote a channel URL, links."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from sgp.history.notify.channels import ChannelError, channels
from sgp.history.notify.decide import Last, decide
from sgp.history.notify.settings import NotifySettingsError, notify_settings, parse_urls
from sgp.history.states import State

T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
READY = ("ready", "available", None)
FAILED = ("failed", None, "CrashLoopBackOff")
UNAVAILABLE = ("ready", "unavailable", None)
DEPLOYING = ("deploying", None, None)
SLACK_SECRET = "TIiajkdnlazkcOXrIdevi7FQ"


def periods(*runs: tuple[tuple[str, str | None, str | None], int]) -> list[State]:
    """Periods one minute per observation apart, each run (state, observations) in turn."""
    out: list[State] = []
    minute = 0
    for (status, availability, reason), count in runs:
        start = T0 + dt.timedelta(minutes=minute)
        end = start + dt.timedelta(minutes=count - 1)
        out.append(State("m", status, availability, reason, None, start, end, count))
        minute += count
    return out


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def at(minute: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minute)


def test_a_single_flicker_is_recorded_but_never_announced() -> None:
    assert decide("m", periods((READY, 10), (FAILED, 1)), None, after=2) is None
    assert decide("m", periods((READY, 10), (FAILED, 1), (READY, 5)), None, after=2) is None
    held = decide("m", periods((READY, 10), (FAILED, 2)), None, after=2)
    assert held is not None and (held.transition, held.changed_at) == ("failing", at(10))
    # A flicker of "up" inside an outage does not split it: still one failure, no recovery.
    outage = periods((READY, 10), (FAILED, 3), (READY, 1), (FAILED, 2))
    assert decide("m", outage, Last("failing", at(10)), after=2) is None
    assert decide("m", periods((READY, 10), (FAILED, 2)), None, after=3) is None


def test_a_model_first_seen_failing_sends_nothing_until_it_was_seen_otherwise() -> None:
    assert decide("m", periods((FAILED, 5)), None, after=2) is None
    assert decide("m", periods((FAILED, 5), (READY, 4)), None, after=2) is None
    unavailable = decide("m", periods((READY, 1), (UNAVAILABLE, 2)), None, after=2)
    assert unavailable is not None and unavailable.transition == "failing"


def test_recovery_is_announced_once_with_how_long_it_was_down() -> None:
    history = periods((READY, 10), (FAILED, 30), (DEPLOYING, 5), (READY, 2))
    recovered = decide("m", history, Last("failing", at(10)), after=2)
    assert recovered is not None and recovered.transition == "recovered"
    assert recovered.lasted == dt.timedelta(minutes=35)
    # After the recovery was announced, the same history announces nothing more.
    assert decide("m", history, Last("recovered", at(45)), after=2) is None


def test_a_finished_rollout_is_announced_only_when_asked_for() -> None:
    history = periods((READY, 10), (DEPLOYING, 12), (READY, 2))
    assert decide("m", history, None, after=2) is None
    rollout = decide("m", history, None, after=2, rollouts=True)
    assert rollout is not None and rollout.transition == "rollout"
    assert rollout.lasted == dt.timedelta(minutes=12)


def test_channel_urls_come_as_commas_or_a_toml_list_and_a_comma_inside_a_url_stays() -> None:
    mail = "mailto://u:p@mail.example.com?to=a@example.com,b@example.com"
    assert parse_urls(f"json://h/one, {mail},slack://A/B/C") == (
        "json://h/one",
        mail,
        "slack://A/B/C",
    )
    assert parse_urls('["json://h/one", "json://h/two"]') == ("json://h/one", "json://h/two")
    assert parse_urls(["json://h/one"]) == ("json://h/one",)
    assert notify_settings({"SGP_NOTIFY_URLS": " "}) is None


def test_bad_settings_say_which_setting_and_never_quote_a_channel_url() -> None:
    secret = "json://h/hook-SECRET-TOKEN"
    for values, named in [
        ({"SGP_NOTIFY_AFTER": "0"}, "SGP_NOTIFY_AFTER"),
        ({"SGP_NOTIFY_TZ": "Mars/Olympus"}, "SGP_NOTIFY_TZ"),
        ({"SGP_NOTIFY_RETRY_H": "soon"}, "SGP_NOTIFY_RETRY_H"),
        ({"SGP_PUBLIC_URL": "javascript:alert(1)"}, "SGP_PUBLIC_URL"),
        ({"SGP_PUBLIC_URL": "https://user:SECRET@inspector.example"}, "SGP_PUBLIC_URL"),
        ({"SGP_NOTIFY_ROLLOUTS": "maybe"}, "SGP_NOTIFY_ROLLOUTS"),
        ({"SGP_NOTIFY_URLS": f'["{secret}"'}, "SGP_NOTIFY_URLS"),
    ]:
        with pytest.raises(NotifySettingsError) as caught:
            notify_settings({"SGP_NOTIFY_URLS": secret, **values})
        assert named in str(caught.value) and "SECRET" not in str(caught.value)
    # Apprise logs a malformed URL's tokens; none of it reaches the process's own logs.
    # (pytest's caplog hooks the `apprise` logger itself, so the root logger is watched.)
    seen = Lines()
    logging.getLogger().addHandler(seen)
    try:
        for bad in ("nosuch://user:SECRET@host/x", "slack://SECRET-A/SECRET-B/SECRET-C"):
            with pytest.raises(ChannelError) as unknown:
                channels(["json://h/ok", bad])
            assert "channel 2" in str(unknown.value) and "SECRET" not in str(unknown.value)
    finally:
        logging.getLogger().removeHandler(seen)
    assert not [line for line in seen.lines if "SECRET" in line]


def test_settings_hide_channel_urls_and_link_to_the_models_page_percent_encoded() -> None:
    settings = notify_settings(
        {
            "SGP_NOTIFY_URLS": f"slack://T1JJ3T3L2/A1BRTD4JD/{SLACK_SECRET}/#ops",
            "SGP_NOTIFY_TZ": "Europe/Berlin",
            "SGP_PUBLIC_URL": "https://inspector.example.com/",
            "SGP_NOTIFY_ROLLOUTS": "true",
        }
    )
    assert settings is not None and settings.after == 2 and settings.retry_h == 24
    assert settings.rollouts and settings.tz.key == "Europe/Berlin"
    assert SLACK_SECRET not in repr(settings)
    assert settings.link("a/b?c#d") == "https://inspector.example.com/?model_id=a%2Fb%3Fc%23d"
    [slack] = channels(settings.urls)
    assert slack.kind == "Slack" and SLACK_SECRET not in repr(slack) + slack.label
