"""A frozen figure gives plotly (and so `st.plotly_chart`) the same dict as before, made once."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from components.present.frozen import FrozenFigure, freeze


def figure() -> go.Figure:
    return go.Figure(go.Scatter(x=[1, 2, 3], y=[3, 1, 2], name="claims"), layout={"title": {"text": "A finding"}})


def test_a_frozen_figure_serialises_exactly_as_the_figure_it_was():
    assert pio.to_json(freeze(figure()), validate=False) == pio.to_json(figure(), validate=False)


def test_freezing_keeps_the_object_and_makes_its_dict_once():
    plain = figure()
    frozen = freeze(plain)
    assert frozen is plain and isinstance(frozen, FrozenFigure)
    assert frozen.to_dict() is frozen.to_dict()
    assert plain.to_dict()["layout"]["title"]["text"] == "A finding"


def test_only_a_plain_figure_can_be_frozen():
    class Other(go.Figure):
        pass

    with pytest.raises(TypeError):
        freeze(Other())
