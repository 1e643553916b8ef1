#!/usr/bin/env bash
# Run the whole test suite, browser and proxy tests included. Extra arguments go to pytest,
# e.g. ./test.sh tests/test_access.py -x
# Installs what the tests need first: the test requirements into .venv, a headless Chromium
# (Debian's package when root with apt, else Playwright's download) and nginx (Debian's package).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source scripts/venv.sh

can_apt() {
  [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null
}

have_nginx() {
  command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]]
}

apt_install() {
  echo "Installing Debian packages: $* ..." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

install_system_packages() {
  local missing=()
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  have_nginx || missing+=(nginx)
  if [[ ${#missing[@]} -gt 0 ]] && can_apt; then
    apt_install "${missing[@]}" || echo "test.sh: apt-get could not install ${missing[*]}" >&2
  fi
}

ensure_chromium() {
  if [[ -x /usr/bin/chromium ]]; then
    return
  fi
  echo "No Debian chromium; trying Playwright's own download ..." >&2
  if .venv/bin/python -m playwright install chromium; then
    return
  fi
  cat >&2 <<'MSG'
test.sh: no headless Chromium for the browser tests.
Get one of:
  - Debian/Ubuntu, as root:  apt-get install chromium
  - any machine with internet:  .venv/bin/python -m playwright install chromium
then run ./test.sh again.
MSG
  exit 1
}

make_venv
install_requirements requirements.txt
install_requirements requirements-test.txt
install_system_packages
ensure_chromium
have_nginx || echo "test.sh: no nginx (Debian: apt-get install nginx); the proxy tests need it." >&2
echo "test.sh: setup took ${SECONDS}s; running pytest" >&2
# pytest's own exit code is the result: 1 for failures, 5 when no test was collected.
exec .venv/bin/python -m pytest --durations=10 "$@"
