"""Data layer: the schema, reading the CSV files, validation and the Dataset. Imports nothing above it."""
