#!/usr/bin/env bash
# Start the dashboard on the bundled data at http://localhost:8501.
# Extra arguments go to `streamlit run`, e.g. ./run.sh --server.port=8502
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source scripts/venv.sh
make_venv
install_requirements requirements.txt
exec .venv/bin/streamlit run dashboard.py "$@"
