"""Matching quotes against their archived documents, as a reader would check them."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

# Spreadsheets swap straight and typographic quotes; a quote must survive that round trip.
_QUOTE_MARKS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
    }
)
_WHITE_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Fold text for comparison: NFC, straight quotes, runs of white space as one space."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTE_MARKS)
    return _WHITE_SPACE.sub(" ", text).strip()


def fold_all(texts: pd.Series) -> pd.Series:
    """`fold` for a whole column at once (the same steps, vectorised)."""
    folded = texts.astype(str).str.normalize("NFC").str.translate(_QUOTE_MARKS)
    return folded.str.replace(_WHITE_SPACE, " ", regex=True).str.strip()


def quote_in_document(quote: str, document: str) -> bool:
    """True when the quote occurs word for word in the document (after folding both)."""
    folded = fold(quote)
    return bool(folded) and folded in fold(document)
