"""A figure built once and shared read-only by every session: its plotly dict is made once, not once per run.

`st.plotly_chart` turns the figure into a dict on every run (`Figure.to_dict`: a deep copy, with every
numpy array base64-encoded), which is two thirds of the element's cost. A cached figure never changes,
so the dict can be kept. `freeze` is the last thing a cached builder does; nothing may change the figure
after it (`FrozenFigure.to_dict` would go on returning the dict of the figure as frozen).
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go


class FrozenFigure(go.Figure):
    """A `go.Figure` whose `to_dict` is worked out on first use and then kept."""

    def to_dict(self) -> dict[str, Any]:
        kept = self.__dict__.get("_frozen_dict")
        if kept is None:
            kept = super().to_dict()
            self.__dict__["_frozen_dict"] = kept
        return kept


def freeze(figure: go.Figure) -> FrozenFigure:
    """The same figure object, from now on read-only: no copy is made (its class becomes `FrozenFigure`)."""
    if type(figure) is go.Figure:
        figure.__class__ = FrozenFigure
    if not isinstance(figure, FrozenFigure):
        raise TypeError(f"only a plain go.Figure can be frozen, not {type(figure).__name__}")
    return figure
