"""Presentation layer (pure): figure, deck and table builders and their labels. Never imports streamlit."""
