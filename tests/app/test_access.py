"""The access gate: nobody sees a page, table or download of a private briefing before the passcode."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from fixtures.clock import Clock
from streamlit.proto.TextInput_pb2 import TextInput as TextInputProto
from streamlit.testing.v1 import AppTest

from components.server import throttle as server_throttle
from components.server.store import MemoryStore
from components.ui import access
from components.ui.access import (
    PASSCODE_KEY,
    configured_passcode,
    email_allowed,
    passcode_matches,
    requested_page_path,
    unreadable_secrets_file,
)

ROOT = Path(__file__).resolve().parents[2]
GATED_FIXTURE = ROOT / "tests" / "fixtures" / "gated_app" / "app.py"
DASHBOARD = ROOT / "dashboard.py"
PASSCODE = "kursk-briefing-7Q"
WRONG = "kursk-briefing-7q"
GATE_TEXT = {
    "Private briefing",
    "Enter the passcode you were given to open this briefing.",
    "Sign in to open this briefing.",
}


@pytest.mark.parametrize(
    ("given", "expected", "matches"),
    [
        (PASSCODE, PASSCODE, True),
        (WRONG, PASSCODE, False),
        ("", PASSCODE, False),
        (PASSCODE[:-1], PASSCODE, False),
        (PASSCODE + " ", PASSCODE, False),
        ("пароль-ß", "пароль-ß", True),
        ("пароль-ß", "пароль-ss", False),
    ],
)
def test_passcode_matches_only_the_exact_code(given: str, expected: str, matches: bool) -> None:
    assert passcode_matches(given, expected) is matches


def test_passcode_is_compared_with_compare_digest_on_equal_length_bytes(monkeypatch) -> None:
    calls: list[tuple[bytes, bytes]] = []

    def spy(first: bytes, second: bytes) -> bool:
        calls.append((first, second))
        return first == second

    monkeypatch.setattr(access.hmac, "compare_digest", spy)
    passcode_matches("a", "a much longer passcode")
    assert len(calls) == 1
    first, second = calls[0]
    assert isinstance(first, bytes) and len(first) == len(second)


@pytest.fixture(autouse=True)
def clock(tmp_path) -> Clock:
    """A fresh process-wide throttle per test: AppTest runs share this process, and one address."""
    now = Clock()
    server_throttle.use_throttle(server_throttle.Throttle(MemoryStore(now), clock=now, state_dir=tmp_path))
    yield now
    server_throttle.use_throttle(None)


@pytest.mark.parametrize(
    ("secrets", "expected"),
    [
        ({}, None),
        ({"access": {}}, None),
        ({"other": {"passcode": "x"}}, None),
        ({"access": {"passcode": PASSCODE}}, PASSCODE),
    ],
)
def test_configured_passcode_is_read_from_the_access_section(secrets: dict, expected) -> None:
    assert configured_passcode(secrets) == expected


@pytest.mark.parametrize("passcode", ["", "   ", 1234, ["a"]])
def test_unusable_passcode_is_an_error_not_an_open_door(passcode: object) -> None:
    with pytest.raises(ValueError, match="non-empty string"):
        configured_passcode({"access": {"passcode": passcode}})


@pytest.mark.parametrize(
    ("email", "emails", "domains", "allowed"),
    [
        ("Analyst@Example.org", ["analyst@example.org"], [], True),
        ("host@ministry.example", [], ["ministry.example"], True),
        ("host@ministry.example", [], ["@ministry.example"], True),
        ("host@evil-ministry.example", [], ["ministry.example"], False),
        ("someone@gmail.com", ["analyst@example.org"], ["ministry.example"], False),
        ("someone@gmail.com", [], [], False),
        ("", [], ["example.org"], False),
        ("x@evil.com@ministry.example", [], ["ministry.example"], False),
        ("x@evil.com@ministry.example", ["x@evil.com@ministry.example"], [], False),
        ("@ministry.example", [], ["ministry.example"], False),
        ("@ministry.example", ["@ministry.example"], [], False),
        ("host@", [], [""], False),
    ],
)
def test_signed_in_email_must_be_on_the_allow_list(
    email: str, emails: list[str], domains: list[str], allowed: bool
) -> None:
    assert email_allowed(email, emails, domains) is allowed


@pytest.mark.parametrize("verified", [False, None, "true", 1])
def test_an_email_the_provider_did_not_verify_is_refused(verified: object) -> None:
    assert email_allowed("host@ministry.example", [], ["ministry.example"], verified) is False
    assert email_allowed("host@ministry.example", [], ["ministry.example"], True) is True


def test_secrets_file_that_exists_but_did_not_load_keeps_the_briefing_closed(tmp_path) -> None:
    broken = tmp_path / "secrets.toml"
    broken.write_text("[access\npasscode = ")
    assert unreadable_secrets_file([str(broken)], loaded=False)
    assert not unreadable_secrets_file([str(tmp_path / "absent.toml")], loaded=False)
    assert not unreadable_secrets_file([str(broken)], loaded=True)


@pytest.mark.parametrize(
    ("url", "base", "path"),
    [
        ("http://localhost:8501/timeline", "", "timeline"),
        ("http://localhost:8501/", "", ""),
        (None, "", ""),
        ("https://host.example/briefing/map", "briefing", "map"),
        ("https://host.example/briefing", "/briefing/", ""),
        ("http://localhost:8501/timeline/extra", "", "timeline"),
        ("http://localhost:8501/%3Cscript%3E", "", ""),
    ],
)
def test_requested_page_is_the_first_path_segment_after_the_base_path(url: str | None, base: str, path: str) -> None:
    assert requested_page_path(url, base) == path


def texts(at: AppTest) -> list[str]:
    """Every piece of text the run drew, in the main area and the sidebar."""
    found = []
    for kind in ("title", "header", "subheader", "caption", "markdown", "text", "error", "warning"):
        found += [str(element.value) for element in at.get(kind)]
    return found


def page_content(at: AppTest) -> list[str]:
    """Everything a locked viewer must not see: tables, downloads, charts, sidebar widgets, pages."""
    shown = [f"{kind} x{len(at.get(kind))}" for kind in ("dataframe", "table", "download_button")]
    shown += [f"{kind} x{len(at.get(kind))}" for kind in ("plotly_chart", "deck_gl_json_chart")]
    shown = [entry for entry in shown if not entry.endswith(" x0")]
    shown += [f"sidebar {type(node).__name__}" for node in at.sidebar.children.values()]
    shown += [text for text in texts(at) if text not in GATE_TEXT]
    return shown


def gated(app: Path, passcode: str | None = PASSCODE) -> AppTest:
    """An AppTest of `app` with `[access] passcode` set (or no secret at all)."""
    at = AppTest.from_file(str(app), default_timeout=60)
    if passcode is not None:
        at.secrets["access"] = {"passcode": passcode}
    return at


def submit(at: AppTest, passcode: str) -> AppTest:
    """Type a passcode into the gate and press its button."""
    at.text_input(key=PASSCODE_KEY).input(passcode)
    return at.button[0].click().run()


APPS = [
    pytest.param(GATED_FIXTURE, id="fixture"),
    pytest.param(
        DASHBOARD,
        id="dashboard",
        marks=pytest.mark.skipif(not DASHBOARD.exists(), reason="dashboard.py not written yet"),
    ),
]


@pytest.fixture(params=APPS)
def app(request) -> Path:
    """The app under test: the fixture app, and the real dashboard once it exists."""
    return request.param


def test_without_a_passcode_the_briefing_is_public(app: Path) -> None:
    at = gated(app, passcode=None).run()
    assert not at.exception
    assert not at.get("text_input") or all(w.key != PASSCODE_KEY for w in at.text_input)
    assert page_content(at)


def test_before_the_passcode_nothing_but_the_gate_renders(app: Path) -> None:
    at = gated(app).run()
    assert not at.exception
    assert [widget.key for widget in at.text_input] == [PASSCODE_KEY]
    assert at.text_input(key=PASSCODE_KEY).proto.type == TextInputProto.PASSWORD
    assert page_content(at) == []


def page_scripts(app: Path) -> list[str]:
    """The app's page scripts, relative to it (the folder beside it that holds timeline.py)."""
    folders = [d for d in app.parent.iterdir() if (d / "timeline.py").exists() and d.name != "components"]
    assert len(folders) == 1, folders
    return sorted(f"{folders[0].name}/{script.name}" for script in folders[0].glob("*.py"))


def test_deep_link_to_any_page_shows_only_the_gate_on_a_fresh_server(app: Path) -> None:
    """Until a run in the process reaches st.navigation, Streamlit runs `pages/<name>.py` beside the
    main script on its own for /<name>; behind the gate no run does, so a first deep link could skip it."""
    for script in page_scripts(app):
        at = gated(app)
        at.switch_page(script).run()
        assert page_content(at) == [], script


def test_wrong_passcode_is_refused_and_reveals_nothing(app: Path) -> None:
    at = submit(gated(app).run(), WRONG)
    assert [error.value for error in at.error] == ["That passcode is not right."]
    assert PASSCODE_KEY not in at.session_state
    assert [text for text in page_content(at) if text != "That passcode is not right."] == []
    assert not any(PASSCODE in text or WRONG in text for text in texts(at))


def test_right_passcode_shows_the_pages(app: Path) -> None:
    at = submit(gated(app).run(), PASSCODE)
    assert not at.exception
    assert not [widget for widget in at.text_input if widget.key == PASSCODE_KEY]
    assert page_content(at)


def test_shared_link_page_and_query_parameters_survive_the_gate() -> None:
    at = gated(GATED_FIXTURE)
    at.context["url"] = "http://localhost:8501/timeline"
    at.query_params["event"] = "evt-0042"
    at.switch_page("views/timeline.py").run()
    assert at.query_params["event"] == "evt-0042"
    submit(at, PASSCODE)
    assert [header.value for header in at.header] == ["Timeline page"]
    assert at.query_params["event"] == "evt-0042"
    assert any("evt-0042" in markdown.value for markdown in at.markdown)


def test_repeated_wrong_attempts_are_slowed_down(clock: Clock) -> None:
    at = submit(gated(GATED_FIXTURE).run(), WRONG)
    clock.now += 0.5
    submit(at, PASSCODE)
    assert [warning.value for warning in at.warning] == ["Too many attempts. Wait 1 s, then try again."]
    assert page_content(at) == ["Too many attempts. Wait 1 s, then try again."]
    clock.now += 1.0
    submit(at, PASSCODE)
    assert [header.value for header in at.header] == ["Overview page"]


def test_passcode_is_never_logged_or_kept_in_session_state(caplog, capfd, clock: Clock) -> None:
    caplog.set_level(logging.DEBUG)
    at = submit(gated(GATED_FIXTURE).run(), WRONG)
    assert PASSCODE_KEY not in at.session_state
    clock.now += 5
    submit(at, PASSCODE)
    assert [header.value for header in at.header] == ["Overview page"]
    out, err = capfd.readouterr()
    for secret in (PASSCODE, WRONG):
        assert secret not in caplog.text + out + err
    values = list(at.session_state.values())
    assert PASSCODE not in values and WRONG not in values


def login_app(user: dict, access_section: dict | None = None) -> AppTest:
    """The fixture app with `[auth]` configured and a viewer who is (or is not) signed in."""
    at = AppTest.from_file(str(GATED_FIXTURE), default_timeout=60)
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "not-a-real-secret",
        "client_id": "briefing",
        "client_secret": "not-a-real-secret",
        "server_metadata_url": "https://id.example.org/.well-known/openid-configuration",
    }
    at.secrets["access"] = access_section or {"allowed_domains": ["example.org"]}
    at.user = user
    return at.run()


def test_login_gate_offers_only_sign_in_to_a_viewer_who_is_not_signed_in() -> None:
    at = login_app({"is_logged_in": False})
    assert [button.label for button in at.button] == ["Sign in"]
    assert page_content(at) == []


def test_login_gate_lets_in_a_signed_in_viewer_on_the_allow_list() -> None:
    at = login_app({"is_logged_in": True, "email": "analyst@example.org", "email_verified": True})
    assert [header.value for header in at.header] == ["Overview page"]


@pytest.mark.parametrize(
    "user", [{"email": "analyst@example.org"}, {"email": "a@x.org@example.org", "email_verified": True}]
)
def test_login_gate_refuses_an_unverified_or_malformed_email(user: dict) -> None:
    at = login_app({"is_logged_in": True, **user})
    assert [error.value for error in at.error] == ["This account is not on the briefing's list of viewers."]
    assert not at.header and not at.dataframe


def test_login_gate_refuses_a_signed_in_viewer_off_the_allow_list() -> None:
    at = login_app({"is_logged_in": True, "email": "someone@gmail.com"})
    assert [error.value for error in at.error] == ["This account is not on the briefing's list of viewers."]
    assert not at.header and not at.dataframe
