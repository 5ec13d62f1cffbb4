"""The sidebar every page draws first: navigation and the connection (environment, key, account).

It returns one `Connection` value. A visitor chooses among known environments; "Custom"
exists only when the operator configured a base URL. The key field is a password field
whose value never leaves the session; a key configured by the operator is used and never
shown. The environment goes in the URL (shareable); the key and account never do.

The operator's key goes only where the operator meant it to: to the operator's environment
(Custom when a base URL is set, else Production), nowhere at all when the configured base
URL is invalid (it would otherwise fall back to Production), and only for the operator's
accounts (SGP_ACCOUNT_ID, or a choice among SGP_ALLOWED_ACCOUNTS). A visitor's own key may
use any account.
"""

from __future__ import annotations

import streamlit as st

from components.shell.navigation import navigation
from components.shell.settings import operator_settings
from sgp.api import CUSTOM, DEMO, Connection, environments


def connection_sidebar() -> Connection:
    """Draw the sidebar and return the connection the visitor chose."""
    settings = operator_settings()
    choices = environments(settings.custom_base_url)
    # The operator's key belongs to the operator's environment (Custom when set, else
    # Production) and is never sent anywhere else, whatever a visitor or a link picks.
    home = CUSTOM if settings.custom_base_url else "production"
    usable_key = "" if settings.problem else settings.api_key
    default = home if settings.custom_base_url or settings.api_key else DEMO
    navigation()
    with st.sidebar:
        st.divider()
        st.subheader("Connection")
        if settings.problem:
            st.error(settings.problem, icon=":material/settings_alert:")
        # Labels are the options, so a shared link reads ?env=Production, not an index.
        by_label = {env.label: env for env in choices.values()}
        labels = list(by_label)
        label = st.selectbox(
            "Environment",
            labels,
            index=labels.index(choices[default].label),
            key="env",
            bind="query-params",
        )
        environment = by_label.get(label, choices[default])
        if environment.name != DEMO:
            operator = ", set by the operator" if environment.name == CUSTOM else ""
            st.caption(f"Base URL{operator}:")
            st.text(environment.base_url)
        if environment.name == DEMO:
            st.caption("The demo needs no key: it serves built-in sample models.")
            return Connection(environment)
        operator_key = usable_key if environment.name == home else ""
        typed_key = st.text_input(
            "API key",
            type="password",
            key="api_key",
            persist_state="session",
            placeholder="Using the configured key" if operator_key else "Paste your key",
            help="Sent only to the chosen environment. Never stored, logged or put in a link.",
        )
        if operator_key and not typed_key:
            st.caption(":material/key: Using the API key configured by the operator.")
            account = _operator_account(settings.operator_accounts)
        else:
            if settings.problem and settings.api_key and not typed_key:
                st.caption("The operator's key is not used while the base URL is invalid.")
            elif settings.api_key and not typed_key:
                st.caption(
                    f"The operator's key is only for {choices[home].label}; paste a key for "
                    f"{environment.label}."
                )
            account = st.text_input(
                "Account ID (optional)",
                value=settings.account_id,
                key="account_id",
                persist_state="session",
                help="Only needed when your key belongs to several accounts.",
            )
    return Connection(
        environment,
        api_key=(typed_key or operator_key).strip(),
        account_id=account or None,
        timeout=settings.timeout,
    )


def _operator_account(accounts: tuple[str, ...]) -> str:
    """The account used with the operator's key: one of the operator's, never typed."""
    if len(accounts) == 1:
        if accounts[0]:
            st.caption("Account, set by the operator:")
            st.text(accounts[0])
        return accounts[0]
    chosen = st.selectbox(
        "Account",
        accounts,
        key="operator_account",
        help="The accounts the operator's key may be used for. Paste your own key for others.",
    )
    return chosen if chosen in accounts else accounts[0]


def demo_banner(connection: Connection) -> None:
    if connection.is_demo:
        st.info(
            "**Demo:** these are built-in sample models, not data from a real platform. "
            "Pick another environment in the sidebar to look up your own models.",
            icon=":material/science:",
        )
