"""Presenter rooms: where a presenter is in the briefing, kept in the shared store so followers can read it.

A deployment holds one live room (one briefing is given at a time); an unlocked presenter opens it and every
presenter who unlocks later joins the same room. The room code is random, so a follow link says nothing about
the passcode. Only the frame, after the presenter passcode was given, calls `move`; followers only `position`.
Keys: `room:active` -> code, `room:<code>` -> "<step> <seq>" (seq grows with every move, so a follower tells a
move back to a step it already saw from no move at all).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Protocol

ROOM_TTL_S = 6 * 3600  # a room outlives a long briefing; every move renews it
ACTIVE_KEY = "room:active"
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud or typed from a slide
CODE_LENGTH = 6
_CODE = re.compile(f"[{CODE_ALPHABET}]{{{CODE_LENGTH}}}")


class Store(Protocol):
    """The part of the shared store (components/server/store.py) that rooms use."""

    def get(self, key: str) -> str | None: ...
    def set(self, key: str, value: str, ttl_s: float | None = None) -> None: ...


@dataclass(frozen=True)
class Position:
    """A presenter's step in a room and the number of moves made so far."""

    step: int
    seq: int


def new_code() -> str:
    """A random room code of six unambiguous letters and digits."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def valid_code(value: str | None) -> bool:
    """True for a string shaped like a room code (checked before it goes near the store)."""
    return bool(value) and _CODE.fullmatch(value) is not None


def active_room(store: Store) -> str | None:
    """The code of the deployment's live room, or None when no presenter has opened one."""
    code = store.get(ACTIVE_KEY)
    return code if valid_code(code) else None


def open_room(store: Store) -> str:
    """The live room's code, opening a new room when there is none (presenters only)."""
    code = active_room(store)
    if code is None:
        code = new_code()
        store.set(ACTIVE_KEY, code, ROOM_TTL_S)
    return code


def _key(code: str) -> str:
    return f"room:{code}"


def position(store: Store, code: str) -> Position | None:
    """Where the room's presenter is, or None for an unknown, expired or malformed room."""
    if not valid_code(code):
        return None
    raw = store.get(_key(code)) or ""
    parts = raw.split()
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        return None
    return Position(int(parts[0]), int(parts[1]))


def move(store: Store, code: str, step: int) -> Position:
    """Put the room's presenter on `step` (a no-op when already there) and renew the room."""
    now = position(store, code)
    if now is not None and now.step == step:
        return now
    after = Position(step, (now.seq + 1) if now else 1)
    store.set(_key(code), f"{after.step} {after.seq}", ROOM_TTL_S)
    store.set(ACTIVE_KEY, code, ROOM_TTL_S)
    return after
