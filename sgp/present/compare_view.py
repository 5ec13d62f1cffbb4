"""Two looked-up models turned into what the compare page draws about the pair, built once.

Each side's header, hardware line and findings come from that model's own view
(`sgp.present.ModelView`, cached with its lookup); this is what belongs to the pair: the
sentence, the difference table (with values as one line of text) and its count. The page
caches it with both lookups (`components.cache.views`), so a rerun (the "Show all fields"
switch, a second viewer) words and diffs nothing again.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from sgp.api import InferenceModel
from sgp.present.compare import SAME, config_diff, difference_sentence
from sgp.present.export import display_value
from sgp.present.markdown import md_escape


@dataclass(frozen=True)
class CompareView:
    """The pair: the sentence, the differing rows, every row, and how many differ."""

    sentence_md: str
    differing: pd.DataFrame  # field, left, right, change; values as one line of text
    every: pd.DataFrame  # the same with the unchanged fields ("same")
    count_sentence: str

    def rows(self, *, all_rows: bool) -> pd.DataFrame:
        return self.every if all_rows else self.differing


def compare_view(left: InferenceModel, right: InferenceModel) -> CompareView:
    diff = config_diff(left, right)  # once: the sentence reads it too
    every = diff.assign(
        left=diff["left"].map(display_value), right=diff["right"].map(display_value)
    )
    differing = every[every["change"] != SAME]
    return CompareView(
        sentence_md=md_escape(difference_sentence(left, right, diff)),
        differing=differing,
        every=every,
        count_sentence=f"{len(differing)} of {len(every)} configuration fields differ.",
    )
