"""Offline packs of the briefing: one HTML file, a PDF handout, a PowerPoint deck (no streamlit here)."""
