"""deploy/render.py's nginx config: client address, Secure cookies behind TLS, host names, denied routes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from deploy.render import render

PREFIX = Path("/srv/briefing/nginx")


def config(**kwargs) -> str:
    return render("127.0.0.1:8080", [8501, 8502], PREFIX, **kwargs)


def test_x_forwarded_for_is_the_peer_address_and_never_appends_the_clients_header() -> None:
    text = config()
    assert "$proxy_add_x_forwarded_for" not in text
    assert re.findall(r"proxy_set_header X-Forwarded-For (\S+);", text) == ["$remote_addr", "$remote_addr"]


def test_behind_tls_every_cookie_is_secure() -> None:
    text = config(behind_tls=True)
    assert 'default "; Secure";' in text
    assert "proxy_cookie_flags ~ secure samesite=lax;" in text
    assert 'SameSite=Lax$secure_flag"' in text


def test_on_plain_http_cookies_are_secure_only_when_nginx_itself_serves_https() -> None:
    text = config()
    assert 'https   "; Secure";' in text and 'default "";' in text
    assert "proxy_cookie_flags ~ samesite=lax;" in text


def test_only_the_named_hosts_are_served_and_a_default_server_drops_the_rest() -> None:
    text = config(hosts=["Briefing.Example.org", "127.0.0.1"])
    assert "server_name briefing.example.org 127.0.0.1;" in text
    default = re.search(r"listen 127\.0\.0\.1:8080 default_server;(.*?)\}", text, re.S)
    assert default and "return 444;" in default.group(1)


@pytest.mark.parametrize("host", ["evil;include /etc/passwd", "", "a b", "$host"])
def test_a_host_name_cannot_inject_configuration(host: str) -> None:
    with pytest.raises(ValueError):
        config(hosts=[host])


def test_uploads_and_the_agent_api_are_denied_and_media_is_not_logged() -> None:
    text = config()
    assert re.search(r"location \^~ /_stcore/upload_file \{\s*return 403;", text)
    assert re.search(r"location \^~ /_stcore/agent \{\s*return 404;", text)
    assert re.search(r"location \^~ /media/ \{\s*access_log off;", text)


def test_the_stream_is_limited_per_address_for_a_room_not_for_a_flood() -> None:
    text = config()
    assert "limit_req_zone $binary_remote_addr zone=sessions:10m rate=30r/m;" in text
    stream = re.search(r"location = /_stcore/stream \{(.*?)\n        \}", text, re.S).group(1)
    assert "limit_req zone=sessions burst=150 nodelay;" in stream and "limit_conn sockets 200;" in stream
