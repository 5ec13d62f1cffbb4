"""The views of Compare, Browse and the board (`sgp.present`): every row and sentence those
pages draw, built without Streamlit from the demo's sample models."""

from __future__ import annotations

import io

import pandas as pd

from sgp.api import InferenceModel, NotFoundError
from sgp.demo import FEATURED
from sgp.present import LOAD_ERROR, board_row, board_view, browse_view, compare_view

MODELS = {body["id"]: InferenceModel.model_validate(body) for body in FEATURED}
READY, FAILED = MODELS["demo-llama-2-7b-chat"], MODELS["demo-mixtral-failed"]
FROM_ZERO = MODELS["demo-mistral-scale-from-zero"]  # a warning: shown, not a problem


def test_the_board_counts_what_could_not_load_and_names_its_column_for_it() -> None:
    view = board_view(
        [board_row(READY), board_row(FAILED), board_row(FROM_ZERO), ("gone", NotFoundError("404"))]
    )
    assert view.count_sentence == "4 models; 1 could not be loaded (see Load error)."
    assert "**1 model with problems**" in view.troubled_md
    assert LOAD_ERROR in view.columns
    rows = view.frame.set_index("ID")
    assert rows.loc["gone", LOAD_ERROR] == "No such model: 404"
    assert rows.loc["gone", "Status"] == "Could not load"
    assert rows.loc["demo-mixtral-failed", "Why"] == "Out of memory (RAM)"
    assert rows.loc["demo-mistral-scale-from-zero", "Why"].startswith("Warning: Scale from zero")
    assert rows.loc["demo-llama-2-7b-chat", ["Why", LOAD_ERROR]].tolist() == ["", ""]


def test_a_board_where_every_model_loaded_shows_no_load_error_column() -> None:
    view = board_view([board_row(READY)])
    assert view.count_sentence == "1 model."
    assert "**0 models with problems**" in view.troubled_md
    assert LOAD_ERROR not in view.columns


def test_the_board_csv_has_every_column_and_times_in_iso_form() -> None:
    view = board_view([board_row(READY), ("gone", NotFoundError("404"))])
    csv = pd.read_csv(io.StringIO(view.csv()), keep_default_na=False)
    assert list(csv["ID"]) == ["demo-llama-2-7b-chat", "gone"]
    assert csv.loc[0, "Created"].startswith("2026-10-02T14:21:07")
    assert csv.loc[1, LOAD_ERROR] == "No such model: 404"


def test_browse_says_how_many_of_how_many_are_shown() -> None:
    view = browse_view([READY, FAILED], 40)
    assert view.count_sentence == "Showing 2 of 40 models; the counts below are of those shown."
    assert view.ids == ("demo-llama-2-7b-chat", "demo-mixtral-failed")
    assert browse_view([READY], None).count_sentence.startswith("Showing 1 model;")


def test_compare_words_the_pair_once_with_its_rows_as_text() -> None:
    view = compare_view(READY, FAILED)
    assert view.sentence_md.startswith("B runs on 2 x NVIDIA A100 instead of 1 x NVIDIA A10")
    assert "Only B has a configuration problem" in view.sentence_md
    assert (
        view.count_sentence
        == f"{len(view.differing)} of {len(view.every)} configuration fields differ."
    )
    assert set(view.rows(all_rows=False)["change"]) <= {"changed", "added", "removed"}
    assert "same" in set(view.rows(all_rows=True)["change"])
    assert all(isinstance(value, str) for value in view.every["left"])
