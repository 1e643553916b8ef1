"""Source reliability grades as every page, table, tooltip and pack names them (NATO / Admiralty scale, AJP-2.1).

The scale itself is the schema's (`components.data.schema.RELIABILITY`); this module words it for readers.
"""

from __future__ import annotations

import pandas as pd

from components.data.schema import RELIABILITY

GRADES = RELIABILITY
DEFAULT_GRADE = "F"
NOT_GRADED = "not graded"  # a cited source the sources table does not grade (or does not list)
SCALE_HELP = (
    "The publisher's reliability on the NATO / Admiralty scale (AJP-2.1): "
    + "; ".join(f"{k} {v}" for k, v in GRADES.items())
    + ". It grades the publisher's record, not this one report; the grades are the analyst's judgement."
)


def grade_letter(code: object) -> str:
    """The grade's letter; a missing or unknown grade is 'F', the contract's default."""
    letter = str(code if isinstance(code, str) else "").strip().upper()[:1]
    return letter if letter in GRADES else DEFAULT_GRADE


def grade_label(code: object) -> str:
    """'B' -> 'B (usually reliable)'."""
    letter = grade_letter(code)
    return f"{letter} ({GRADES[letter]})"


def source_grade_labels(sources: pd.DataFrame) -> dict[str, str]:
    """source_id -> its grade label ('B (usually reliable)') for every source the table grades."""
    if "reliability" not in sources:
        return {}
    grade = sources["reliability"].astype(str).str.strip()
    graded = sources[grade != ""]
    return dict(zip(graded["source_id"], grade[grade != ""].map(grade_label), strict=True))
