"""Who may use a shared deployment: the operator's allowlist of emails and email domains.

Settings are SGP_ALLOWED_EMAILS and SGP_ALLOWED_DOMAINS, each a comma-separated string or
a TOML list. Matching ignores case. A domain matches only the whole part after the last
`@` (`evil-example.com` is not `example.com`, nor is `example.com.evil.io`); a domain grants
access only to an address the identity provider says it verified (`email_verified` false
or missing is refused), because an unverified address says nothing about its owner. An
email listed exactly is allowed as the provider sent it. No allowlist at all: any signed-in
person is allowed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


def parse_list(value: Any) -> frozenset[str]:
    """`"a@x.io, b@y.io"` or `["a@x.io", "b@y.io"]` as lower-case, stripped, non-empty items."""
    if value is None:
        return frozenset()
    parts: Iterable[Any] = value.split(",") if isinstance(value, str) else value
    return frozenset(str(part).strip().lower() for part in parts if str(part).strip())


def _verified(claims: Mapping[str, Any]) -> bool:
    value = claims.get("email_verified")
    if isinstance(value, str):  # some providers send the claim as a string
        return value.strip().lower() == "true"
    return value is True


@dataclass(frozen=True)
class Allowlist:
    emails: frozenset[str] = frozenset()
    domains: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, emails: Any, domains: Any) -> Allowlist:
        return cls(parse_list(emails), frozenset(d.lstrip("@") for d in parse_list(domains)))

    @property
    def is_open(self) -> bool:
        """True when the operator listed nobody: every signed-in person is allowed."""
        return not self.emails and not self.domains

    def allows(self, claims: Mapping[str, Any]) -> bool:
        """Whether the person with these identity-token claims may use the app."""
        if self.is_open:
            return True
        email = str(claims.get("email") or "").strip().lower()
        if not email or email.count("@") != 1:
            return False
        if email in self.emails:
            return True
        domain = email.rsplit("@", 1)[1]
        return domain in self.domains and _verified(claims)
