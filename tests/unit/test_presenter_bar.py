"""Presenter mode asks for a passcode only when one is configured, and never accepts an empty one."""

from __future__ import annotations

import pytest

from components.ui.presenter_bar import presenter_passcode


@pytest.mark.parametrize(
    ("secrets", "expected"),
    [
        ({}, None),
        (None, None),
        ({"presenter": {"passcode": "kursk-2025"}}, "kursk-2025"),
        ({"presenter": {"passcode": "   "}}, None),
        ({"presenter": {"passcode": 1234}}, None),
        ({"presenter": "not a table"}, None),
        ({"access": {"passcode": "viewers"}}, None),
    ],
)
def test_the_presenter_passcode_is_read_from_its_own_secrets_table(secrets, expected):
    assert presenter_passcode(secrets) == expected
