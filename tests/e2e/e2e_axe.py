"""axe-core checks for the browser suites: WCAG 2.1 A and AA, strict except for a listed few.

The axe engine comes with `axe-playwright-python` (pinned in requirements-dev.txt; it ships
axe-core 4.12.1). Only the WCAG 2.0/2.1 A and AA rules run. A violation fails the test
unless its (rule, element) pair is in `ALLOWED`: violations inside Streamlit itself that no
setting or supported API avoids. The README lists every pair (a test checks that), so the
list cannot grow silently. Each failure prints the rule, the element and axe's help text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

# (axe rule, regular expression searched in the element's CSS selector) for violations
# inside Streamlit that the app cannot avoid; each one is listed in the README.
ALLOWED: list[tuple[str, str]] = []

_AXE = Axe()


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    target: str
    html: str
    detail: str

    def __str__(self) -> str:
        return (
            f"{self.rule} ({self.impact}): {self.help}\n"
            f"    element: {self.target}\n    html: {self.html[:200]}\n    {self.detail[:300]}"
        )


def allowed(rule: str, target: str) -> bool:
    return any(rule == r and re.search(pattern, target) for r, pattern in ALLOWED)


def axe_violations(page: Page) -> list[Violation]:
    """Every WCAG A/AA violation on the page as it is now, except the allowed ones."""
    response = _AXE.run(page, options=AXE_OPTIONS).response
    found = []
    for violation in response["violations"]:
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            if allowed(violation["id"], target):
                continue
            checks = node.get("any", []) + node.get("all", []) + node.get("none", [])
            found.append(
                Violation(
                    rule=violation["id"],
                    impact=str(violation.get("impact")),
                    help=violation["help"],
                    target=target,
                    html=" ".join(str(node.get("html", "")).split()),
                    detail="; ".join(check.get("message", "") for check in checks),
                )
            )
    return found


def report(found: dict[str, list[Violation]]) -> str:
    """All violations by state, ready to print in a failed assertion."""
    lines = []
    for state, violations in found.items():
        lines.append(f"== {state}: {len(violations)} violation(s)")
        lines += [f"  {violation}" for violation in violations]
    return "\n".join(lines)
