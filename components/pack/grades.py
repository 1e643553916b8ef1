"""Reliability grades as a pack labels them (NATO / Admiralty scale, AJP-2.1), until present/citations.py lands.

The truth-code branch adds `sources.reliability` and `components/present/citations.py`; once that is on main
this module becomes a thin re-export of it, so the app and the packs name a grade the same way.
"""

from __future__ import annotations

GRADES = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "cannot be judged",
}


def grade_label(code: str) -> str:
    """'B' -> 'B (usually reliable)'; a missing or unknown grade is 'F', the contract's default."""
    letter = code.strip().upper()[:1]
    letter = letter if letter in GRADES else "F"
    return f"{letter} ({GRADES[letter]})"
