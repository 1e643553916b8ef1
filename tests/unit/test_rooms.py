"""Presenter rooms: one live room per deployment, random codes, moves counted, followers only read."""

from __future__ import annotations

import pytest

from components.server import rooms


class DictStore:
    """The two store calls rooms make, in a dict (TTLs recorded, not enforced)."""

    def __init__(self) -> None:
        self.items: dict[str, str] = {}
        self.ttls: dict[str, float | None] = {}

    def get(self, key: str) -> str | None:
        return self.items.get(key)

    def set(self, key: str, value: str, ttl_s: float | None = None) -> None:
        self.items[key] = value
        self.ttls[key] = ttl_s


def test_a_room_code_is_six_unambiguous_characters_and_differs_each_time():
    codes = {rooms.new_code() for _ in range(50)}
    assert len(codes) == 50
    assert all(rooms.valid_code(code) for code in codes)
    assert not any(set(code) & set("01ilo") for code in codes)


@pytest.mark.parametrize("value", [None, "", "ABCDEF", "abc", "abcdefg", "abc de", "room:1", "<b>xx</b>", "0oooo1"])
def test_anything_but_a_room_code_is_refused_before_it_reaches_the_store(value):
    assert not rooms.valid_code(value)
    assert rooms.position(DictStore(), value) is None


def test_the_first_presenter_opens_the_room_and_later_ones_join_it():
    store = DictStore()
    assert rooms.active_room(store) is None
    first = rooms.open_room(store)
    assert rooms.open_room(store) == first
    assert rooms.active_room(store) == first
    assert store.ttls[rooms.ACTIVE_KEY] == rooms.ROOM_TTL_S


def test_each_move_is_counted_and_a_move_to_the_same_step_is_not():
    store = DictStore()
    code = rooms.open_room(store)
    assert rooms.position(store, code) is None
    assert rooms.move(store, code, 1) == rooms.Position(1, 1)
    assert rooms.move(store, code, 1) == rooms.Position(1, 1)
    assert rooms.move(store, code, 4) == rooms.Position(4, 2)
    assert rooms.move(store, code, 1) == rooms.Position(1, 3)
    assert rooms.position(store, code) == rooms.Position(1, 3)
    assert store.ttls[f"room:{code}"] == rooms.ROOM_TTL_S


def test_a_garbled_position_in_the_store_reads_as_no_presenter():
    store = DictStore()
    code = rooms.open_room(store)
    store.set(f"room:{code}", "four 2")
    assert rooms.position(store, code) is None
