"""State layer (pure): filters, URL views and briefing steps. Imports only the data layer; never streamlit."""
