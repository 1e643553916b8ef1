"""The present layer's shared labels: rows as tuples of named, defaulted or worked-out columns."""

from __future__ import annotations

import pandas as pd
import pytest

from components.present.labels import row_values


def test_row_values_takes_columns_defaults_for_missing_ones_and_series_in_row_order():
    frame = pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}, index=[10, 20])
    worked_out = pd.Series(["p", "q"], index=frame.index)
    rows = list(row_values(frame, "a", ("missing", "default"), ("b", "unused"), worked_out))
    assert rows == [(1, "default", "x", "p"), (2, "default", "y", "q")]


def test_row_values_refuses_a_series_of_another_length():
    frame = pd.DataFrame({"a": [1, 2]})
    with pytest.raises(ValueError):
        list(row_values(frame, "a", pd.Series(["only one"])))
