"""Sources and data quality: the ledger, every validator problem, and downloads of the filtered tables."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from components.data.dataset import Dataset
from components.present.export import EXPORTED_TABLES, GRADED_TABLES, csv_bytes, export_name
from components.present.grades import SCALE_HELP
from components.present.ledger import ledger, problems_table
from components.ui.app_state import dataset_key, filtered_dataset, full_dataset

LAZY_ROWS = 1000  # longer tables load as the reader scrolls, so the page stays small on the wire
LEDGER_COLUMNS = {
    "link": st.column_config.LinkColumn("link", display_text="open source"),
    "published": st.column_config.TextColumn("published", help="as precisely as the date is known"),
    "grade": st.column_config.TextColumn("grade", help=SCALE_HELP),
    "events": st.column_config.NumberColumn("events", help="events citing this source (after filters)"),
    "estimates": st.column_config.NumberColumn("estimates"),
    "quotes": st.column_config.NumberColumn("quotes"),
}


@st.cache_data(max_entries=16, show_spinner=False)
def cached_ledger(_ds: Dataset, key: str) -> pd.DataFrame:
    """The ledger for one dataset and filter state."""
    return ledger(_ds)


ds = filtered_dataset()
st.header("Sources and data quality", anchor=False)
st.subheader(f"Sources ({len(ds.sources)})", anchor=False)
st.caption("Every source with the date it was published or said, and the events, estimates and quotes it supports.")
ledger_rows = cached_ledger(ds, dataset_key())
lazy = len(ledger_rows) > LAZY_ROWS  # a long ledger loads as the reader scrolls: all rows, none dropped
if lazy:
    st.caption(f"{len(ledger_rows):,} sources, loaded as you scroll; the CSV download below has them all.")
st.dataframe(ledger_rows, hide_index=True, column_config=LEDGER_COLUMNS, lazy=lazy)

full = full_dataset()
problems = full.problems
st.subheader(f"Problems found in the data ({len(full.errors)} errors, {len(full.warnings)} warnings)", anchor=False)
if problems:
    st.caption(
        "Each row names the file, the row as a spreadsheet numbers it (header = row 1), the column, the value and "
        "why. A row with an error is left out of every page until the file is fixed and reloaded; a row with a "
        "warning is shown, but something in it is implausible (a confidence its sources or note contradict, a place "
        "without its extent)."
    )
    st.dataframe(problems_table(problems), hide_index=True, lazy=len(problems) > LAZY_ROWS)
else:
    st.success("The validator found no problems in the data files.")

st.subheader("Download the filtered tables", anchor=False)
st.caption(
    "CSV in the same format as the data files, with the current filters applied. Events, estimates and quotes also "
    "carry source_grades: each cited source's grade as shown here, in the order the sources are cited. Cells that a "
    "spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage return) start with ' so they "
    "stay text."
)
columns = st.columns(len(EXPORTED_TABLES))  # grades come from every source: a grade filter hides none of a row's
for column, name in zip(columns, EXPORTED_TABLES, strict=True):
    table = ds.table(name)
    column.download_button(
        f"{name}.csv ({len(table)})",
        data=partial(csv_bytes, table, sources=full.sources if name in GRADED_TABLES else None),
        file_name=export_name(name, ds.fingerprint),
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key=f"download_{name}",
    )
