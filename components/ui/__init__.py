"""UI layer: the only modules of components/ that import streamlit (state glue, the gate, panels, presenter bar)."""
