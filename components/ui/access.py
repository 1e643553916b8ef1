"""Access gate for private briefings: passcode or OIDC sign-in, configured in secrets.toml.

Pure pieces (compare, throttle, allow-list) are tested directly; `access_granted()` draws the gate.
No configured secret means a public briefing: the gate lets everyone in.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import streamlit as st

from components.server.throttle import LOG, Verdict, client_address, shared_throttle, trusted_proxies

UNLOCKED_KEY = "_access_unlocked"
FORM_KEY = "access_gate"
PASSCODE_KEY = "access_passcode"
GATE_PATH = "private-briefing"
WRONG_PASSCODE = "That passcode is not right."
TRUSTED_PROXIES = trusted_proxies(os.environ)


def digest(text: str) -> bytes:
    """SHA-256 of the UTF-8 text: equal length for every input, so comparing leaks no length."""
    return hashlib.sha256(text.encode("utf-8")).digest()


def passcode_matches(given: str, expected: str) -> bool:
    """True when `given` equals `expected`, compared in constant time."""
    return hmac.compare_digest(digest(given), digest(expected))


def viewer_address() -> str:
    """This session's client address (nginx's X-Forwarded-For only from a loopback peer)."""
    peer, headers = st.context.ip_address, st.context.headers
    # Streamlit reports a loopback peer as None; AppTest has no socket at all (a stand-in object).
    return client_address(
        peer if isinstance(peer, str) else None, dict(headers) if isinstance(headers, Mapping) else {}
    )


def judge_passcode(gate: str, given: str, expected: str) -> Verdict:
    """Judge a guess at `gate` ("access" or "presenter") through the process-wide throttle.

    The throttle's state is per client address in the shared store, never in the session, so a
    fresh session or a `clear_cache` starts nothing over. Should the store fail, the gate stays shut.
    """
    try:
        return shared_throttle().judge(gate, viewer_address(), lambda: passcode_matches(given, expected))
    except Exception:  # Redis down or unreachable: refuse unread rather than let the guess through
        LOG.exception("passcode not judged: the throttle's store failed")
        return Verdict(wait_s=-1.0)


def refusal(verdict: Verdict, wrong: str) -> str:
    """What a refused viewer reads: wrong, wait, locked out, or the store is down."""
    if verdict.locked:
        return "Too many wrong passcodes from your network. Ask the host of this briefing to clear the lock."
    if verdict.wait_s < 0:
        return "The briefing cannot check passcodes right now. Try again in a minute."
    if verdict.judged:
        return wrong
    return f"Too many attempts. Wait {max(1, math.ceil(verdict.wait_s))} s, then try again."


def configured_passcode(secrets: Mapping[str, Any]) -> str | None:
    """The `[access] passcode` from secrets, None when none is set; raises when it is unusable."""
    access = secrets.get("access") or {}
    passcode = access.get("passcode")
    if passcode is None:
        return None
    if not isinstance(passcode, str) or not passcode.strip():
        raise ValueError("[access] passcode must be a non-empty string")
    return passcode


def email_allowed(email: str, emails: Sequence[str], domains: Sequence[str], verified: object = True) -> bool:
    """True when a verified signed-in email is on the allow-list, by address or by domain.

    Exactly one `@` with a non-empty local part and domain: `x@evil.com@ministry.example` and
    `@ministry.example` are refused, as is any address the provider did not mark `email_verified`.
    """
    address = email.strip().lower()
    local, at, domain = address.partition("@")
    if verified is not True or not at or not local or not domain or "@" in domain:
        return False
    return address in {e.strip().lower() for e in emails} or domain in {d.strip().lower().lstrip("@") for d in domains}


def unreadable_secrets_file(paths: Sequence[str], loaded: bool) -> bool:
    """True when a secrets file exists but Streamlit could not load it (fail closed, not open)."""
    return not loaded and any(Path(path).exists() for path in paths)


def load_secrets() -> Mapping[str, Any] | None:
    """The app's secrets ({} when none are configured), or None when a secrets file is broken."""
    loaded = st.secrets.load_if_toml_exists()
    if unreadable_secrets_file(st.get_option("secrets.files"), loaded):
        return None
    return st.secrets.to_dict() if loaded else {}


def requested_page_path(url: str | None, base_path: str) -> str:
    """The page a viewer's URL asks for ("timeline" for .../timeline), "" for the home page."""
    path = urlparse(url or "").path.strip("/")
    base = base_path.strip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base) :].strip("/")
    segment = path.split("/", 1)[0]
    return segment if re.fullmatch(r"[A-Za-z0-9_-]+", segment) else ""


def locked() -> None:
    """The placeholder page behind the gate: the gate itself is drawn by access_granted()."""


def hold_requested_page() -> None:
    """Keep the page a link asks for while the gate is shown, so unlocking lands on it.

    Streamlit keeps a URL's page only on runs that call st.navigation, which the frame does only
    after the gate. A hidden placeholder with the same url_path has the same page hash, so the
    rerun after unlocking asks for that hash and the frame's own navigation resolves it.
    """
    path = requested_page_path(st.context.url, st.get_option("server.baseUrlPath"))
    pages = [st.Page(locked, title="Private briefing", url_path=GATE_PATH, default=True)]
    if path and path != GATE_PATH:
        pages.append(st.Page(locked, title="Private briefing", url_path=path))
    st.navigation(pages, position="hidden")


def passcode_gate(expected: str) -> bool:
    """Draw the passcode form; True (after a rerun without the form) once the right code is given."""
    if st.session_state.get(UNLOCKED_KEY) == digest(expected):
        return True
    hold_requested_page()
    st.title("Private briefing")
    st.caption("Enter the passcode you were given to open this briefing.")
    with st.form(FORM_KEY, clear_on_submit=True):
        given = st.text_input("Passcode", type="password", key=PASSCODE_KEY)
        submitted = st.form_submit_button("Open briefing", type="primary")
    # The form clears the field in the browser; drop the server's copy of the typed code too.
    st.session_state.pop(PASSCODE_KEY, None)
    if not submitted:
        return False
    verdict = judge_passcode("access", given, expected)
    if verdict.granted:
        st.session_state[UNLOCKED_KEY] = digest(expected)
        st.rerun()
    message = refusal(verdict, WRONG_PASSCODE)
    (st.error if verdict.judged else st.warning)(message)
    return False


def login_gate(access: Mapping[str, Any]) -> bool:
    """Draw the OIDC sign-in (`st.login`); True for a signed-in viewer on the allow-list."""
    if not st.user.get("is_logged_in", False):
        hold_requested_page()
        st.title("Private briefing")
        st.caption("Sign in to open this briefing.")
        st.button("Sign in", type="primary", on_click=st.login)
        return False
    emails, domains = access.get("allowed_emails", []), access.get("allowed_domains", [])
    if email_allowed(str(st.user.get("email") or ""), emails, domains, st.user.get("email_verified")):
        return True
    hold_requested_page()
    st.title("Private briefing")
    st.error("This account is not on the briefing's list of viewers.")
    st.button("Sign out", on_click=st.logout)
    return False


def access_granted() -> bool:
    """Draw the gate if the briefing is private; True when the viewer may see the pages."""
    secrets = load_secrets()
    try:
        if secrets is None:
            raise ValueError("the secrets file cannot be read")
        expected = configured_passcode(secrets)
    except ValueError as problem:
        st.error(f"This briefing is closed: {problem}. The host must fix .streamlit/secrets.toml.")
        return False
    if "auth" in secrets:
        return login_gate(secrets.get("access") or {})
    return expected is None or passcode_gate(expected)
