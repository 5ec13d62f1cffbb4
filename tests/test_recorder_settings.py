"""The recorder reads the operator's settings as the app does, and refuses what the app refuses.

secrets.toml (Streamlit's two places, the working folder's winning) before the
environment; an unreadable secrets file or an invalid custom base URL means the key is used
nowhere; `--every` stays within what honest gaps allow.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sgp.api import DEFAULT_BASE_URL
from sgp.history.recorder import MAX_EVERY_S, parse_args, url_problem
from sgp.history.recorder_settings import load
from sgp.history.states import MAX_GAP

KEY = "sk-settings-test-key"


def files(tmp_path: Path, home_text: str | None, project_text: str | None) -> list[Path]:
    home, project = tmp_path / "home.toml", tmp_path / "project.toml"
    for path, text in ((home, home_text), (project, project_text)):
        if text is not None:
            path.write_text(text)
    return [home, project]


def test_secrets_win_over_the_environment_and_the_project_file_over_the_home_one(
    tmp_path: Path,
) -> None:
    paths = files(
        tmp_path,
        'SGP_API_KEY = "sk-home"\nSGP_ACCOUNT_ID = "acct-home"\nSGP_HISTORY_DAYS = "30"\n',
        f'SGP_API_KEY = "{KEY}"\nbase_url = "https://sgp.example.com/"\nSGP_TIMEOUT_S = 12\n',
    )
    env = {
        "SGP_API_KEY": "sk-env",
        "SGP_ACCOUNT_ID": "acct-env",
        "SGP_FOLLOW": " a, b ,,a",
        "SGP_HISTORY_URL": "postgresql://rec:pw@db.example.com/history",
    }
    settings = load(env, paths, tmp_path)
    assert settings.problem is None
    assert settings.api_key == KEY and settings.account_id == "acct-home"
    assert settings.base_url == "https://sgp.example.com"
    assert settings.timeout == (5.0, 12.0) and settings.days == 30
    assert settings.follow == ("a", "b")
    assert settings.history_url == "postgresql://rec:pw@db.example.com/history"
    assert KEY not in repr(settings) and "pw@" not in repr(settings)


def test_defaults_the_app_uses_and_bad_numbers_ignored(tmp_path: Path) -> None:
    env = {"SGP_API_KEY": KEY, "SGP_TIMEOUT_S": "-3", "SGP_HISTORY_DAYS": "many"}
    settings = load(env, files(tmp_path, None, None), tmp_path)
    assert settings.problem is None and settings.base_url == DEFAULT_BASE_URL
    assert settings.timeout == (5.0, 30.0) and settings.days == 400 and settings.follow == ()
    assert settings.history_url == f"sqlite:///{(tmp_path / '.data/history.sqlite3').resolve()}"
    listed = load(env, files(tmp_path, None, 'SGP_FOLLOW = ["x", "y"]\n'), tmp_path)
    assert listed.follow == ("x", "y")
    assert load(env | {"SGP_HISTORY_URL": "OFF"}, [], tmp_path).history_url is None


def test_an_unreadable_secrets_file_or_a_bad_base_url_means_the_key_is_used_nowhere(
    tmp_path: Path,
) -> None:
    env = {"SGP_API_KEY": "sk-env-key"}
    broken = load(env, files(tmp_path, None, f'SGP_API_KEY = "{KEY}\n'), tmp_path)
    assert broken.api_key == "" and broken.problem is not None
    assert "project.toml is not valid TOML" in broken.problem and KEY not in broken.problem
    bad_url = load(env | {"SGP_CLIENT_BASE_URL": "ftp://user:pw@example.com"}, [], tmp_path)
    assert bad_url.api_key == "" and "SGP_CLIENT_BASE_URL is not valid" in str(bad_url.problem)
    assert "pw" not in str(bad_url.problem)
    assert load({}, [], tmp_path).problem == (
        "No API key: set SGP_API_KEY (environment or secrets)."
    )


def test_every_is_refused_beyond_what_one_missed_round_within_the_gap_allows(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("SGP_RECORDER_MIN_EVERY_S", raising=False)
    assert MAX_GAP.total_seconds() > 2 * MAX_EVERY_S
    assert parse_args([]).every == 60.0
    assert parse_args(["--every", "120", "--once"]).every == 120.0
    for every in ("121", "9", "soon"):
        with pytest.raises(SystemExit) as refused:
            parse_args(["--every", every])
        assert refused.value.code == 2
    assert "history counts a silence longer than 5 minutes as a gap" in capsys.readouterr().err
    monkeypatch.setenv("SGP_RECORDER_MIN_EVERY_S", "1")
    assert parse_args(["--every", "1"]).every == 1.0


def test_a_history_url_that_can_never_work_is_refused_at_start_without_its_password(
    tmp_path: Path,
) -> None:
    assert url_problem(f"sqlite:///{tmp_path}/h.sqlite3") is None
    assert url_problem("postgresql://rec:pw-x@db.example.com/history") is None  # not dialled
    for url in ("mysql://rec:pw-x@db.example.com/history", "not a url at all", "sqlite://"):
        problem = url_problem(url)
        assert problem is not None and "cannot be used" in problem and "pw-x" not in problem
