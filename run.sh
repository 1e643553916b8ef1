#!/usr/bin/env bash
# Start the dashboard on the bundled data at http://localhost:8501, listening on loopback only.
# Extra arguments go to `streamlit run` and win over the defaults here, e.g. ./run.sh --server.port=8502;
# to serve a network put nginx in front (deploy/), or, on a trusted network, ./run.sh --server.address=0.0.0.0
# deploy/serve.py starts Streamlit without sending the script path and Python/OS versions to clients and
# ignores a client's clear-cache request (see its docstring).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source scripts/venv.sh
make_venv
install_requirements requirements.txt
exec .venv/bin/python -m deploy.serve dashboard.py --server.address=127.0.0.1 "$@"
