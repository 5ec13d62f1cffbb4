"""Who may use a shared deployment, and who a signed-in person is.

The operator lists people by verified email (SGP_ALLOWED_EMAILS), by the domain of a
verified email (SGP_ALLOWED_DOMAINS), or by the provider's stable subject
(SGP_ALLOWED_SUBJECTS, each `issuer|sub`, for providers such as Entra ID that send no
`email_verified`). Each setting is a comma-separated string or a TOML list. Emails and
domains ignore case; subjects are matched exactly, as OpenID Connect defines them.

It fails closed. An email, listed or by domain, counts only when the provider says it
verified it (`email_verified` false or missing is refused): an unverified address says
nothing about its owner. A domain matches only the whole part after the last `@`
(`evil-example.com` is not `example.com`, nor is `example.com.evil.io`). An empty
allowlist lets nobody in, unless the operator said so explicitly
(SGP_ALLOW_ANY_SIGNED_IN=true: with Google, that is anyone with a Gmail address).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


def parse_list(value: Any, *, lower: bool = True) -> frozenset[str]:
    """`"a@x.io, b@y.io"` or `["a@x.io", "b@y.io"]` as stripped, non-empty items."""
    if value is None:
        return frozenset()
    parts: Iterable[Any] = value.split(",") if isinstance(value, str) else value
    items = (str(part).strip() for part in parts)
    return frozenset(item.lower() if lower else item for item in items if item)


def _verified(claims: Mapping[str, Any]) -> bool:
    value = claims.get("email_verified")
    if isinstance(value, str):  # some providers send the claim as a string
        return value.strip().lower() == "true"
    return value is True


def subject(claims: Mapping[str, Any]) -> str:
    """The provider's stable name for a person, `issuer|sub`; empty without a `sub`."""
    sub = str(claims.get("sub") or "").strip()
    return f"{str(claims.get('iss') or '').strip()}|{sub}" if sub else ""


def verified_email(claims: Mapping[str, Any]) -> str:
    """The person's email, lower-case, when the provider verified it; else empty."""
    email = str(claims.get("email") or "").strip().lower()
    return email if email.count("@") == 1 and _verified(claims) else ""


def person(claims: Mapping[str, Any]) -> str:
    """Who a signed-in person is, for budgets and audit lines: the verified email, else the
    provider's `issuer|sub` (never empty for a signed-in person with a `sub`)."""
    return verified_email(claims) or subject(claims)


@dataclass(frozen=True)
class Allowlist:
    emails: frozenset[str] = frozenset()
    domains: frozenset[str] = frozenset()
    subjects: frozenset[str] = frozenset()
    anyone: bool = False  # SGP_ALLOW_ANY_SIGNED_IN: every signed-in person, explicitly

    @classmethod
    def parse(
        cls, emails: Any, domains: Any, subjects: Any = None, anyone: bool = False
    ) -> Allowlist:
        return cls(
            parse_list(emails),
            frozenset(d.lstrip("@") for d in parse_list(domains)),
            parse_list(subjects, lower=False),
            anyone,
        )

    @property
    def is_empty(self) -> bool:
        """True when the operator listed nobody."""
        return not self.emails and not self.domains and not self.subjects

    def refusal(self, claims: Mapping[str, Any]) -> str | None:
        """Why the person with these identity-token claims may not use the app (for the
        log), or None when they may."""
        if self.anyone:
            return None
        if self.is_empty:
            return (
                "no allowlist is configured (SGP_ALLOWED_EMAILS, SGP_ALLOWED_DOMAINS, "
                "SGP_ALLOWED_SUBJECTS) and SGP_ALLOW_ANY_SIGNED_IN is not true"
            )
        if subject(claims) in self.subjects:
            return None
        email = verified_email(claims)
        if email and (email in self.emails or email.rsplit("@", 1)[1] in self.domains):
            return None
        if not email and claims.get("email"):
            return "the email address is not verified by the identity provider"
        return "not on the allowlist"

    def allows(self, claims: Mapping[str, Any]) -> bool:
        """Whether the person with these identity-token claims may use the app."""
        return self.refusal(claims) is None
