"""Server-side state without streamlit."""
