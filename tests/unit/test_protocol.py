"""The protocol client keeps the browser's message cache: a reference to a cached element reads as the element."""

from __future__ import annotations

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tooling.protocol import RunResult, Session, widget_key


def markdown_msg(body: str, digest: str) -> ForwardMsg:
    """A cacheable delta drawing one markdown element, as the server sends it the first time."""
    msg = ForwardMsg()
    msg.hash = digest
    msg.metadata.cacheable = True
    msg.metadata.delta_path[:] = [0, 1]
    msg.delta.new_element.markdown.body = body
    return msg


def reference(digest: str, path: list[int]) -> ForwardMsg:
    """What the server sends instead once the browser said it holds `digest`."""
    msg = ForwardMsg()
    msg.ref_hash = digest
    msg.metadata.delta_path[:] = path
    return msg


def test_a_reference_is_resolved_from_the_cache_with_its_own_position():
    session = Session("http://127.0.0.1:1", keep_texts=True)
    first = markdown_msg("North Korean troops", "abc123")
    session.resolve(first, first.SerializeToString())
    resolved, raw = session.resolve(reference("abc123", [0, 4]), b"")
    assert resolved.delta.new_element.markdown.body == "North Korean troops"
    assert list(resolved.metadata.delta_path) == [0, 4]
    assert ForwardMsg.FromString(raw) == resolved
    result = RunResult(0.0)
    session.absorb(resolved, result)
    assert result.texts == ["North Korean troops"] and result.kinds["markdown"] == 1
    assert sorted(session.cache) == ["abc123"]


def test_a_reference_the_session_never_cached_is_left_as_it_came():
    session = Session("http://127.0.0.1:1")
    ref = reference("zzz", [0, 2])
    assert session.resolve(ref, b"raw") == (ref, b"raw")


def test_a_widget_key_is_read_from_the_generated_element_id():
    assert widget_key("$$ID-8f3c2a-cat") == "cat"
    assert widget_key("$$ID-8f3c2a-") is None and widget_key("plain") is None
