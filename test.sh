#!/usr/bin/env bash
# Run the test suite. With no arguments: every tier (unit, pack, app, browser, proxy), on both cores.
# Extra arguments go to pytest, e.g.
#   ./test.sh tests/unit          # the fast loop (also: ./test.sh -m unit); likewise app, browser, proxy
#   ./test.sh tests/app/test_access.py -x
# Installs what the tests need first, each step skipped when already done: the Python requirements into
# .venv; as root on Debian the system packages (chromium, nginx, redis-server, poppler-utils,
# fonts-dejavu-core, and node/npm if missing); `npm install` of package.json (axe-core) into node_modules/.
# TEST_WORKERS=N sets pytest-xdist's worker count (default: 2 for the whole suite or a tier, 0 for named test files).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source scripts/venv.sh

SYSTEM_PACKAGES=(chromium nginx redis-server poppler-utils fonts-dejavu-core)

can_apt() {
  [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null
}

have_command() {
  command -v "$1" >/dev/null || [[ -x /usr/sbin/$1 || -x /usr/bin/$1 ]]
}

# The command that shows a Debian package is present (package name -> what to look for).
have_package() {
  case $1 in
    chromium) [[ -x /usr/bin/chromium ]] ;;
    poppler-utils) have_command pdftoppm ;;
    fonts-dejavu-core) [[ -d /usr/share/fonts/truetype/dejavu ]] ;;
    nodejs) have_command node ;;
    *) have_command "$1" ;;
  esac
}

install_system_packages() {
  local missing=() package
  for package in "${SYSTEM_PACKAGES[@]}" nodejs npm; do
    have_package "$package" || missing+=("$package")
  done
  [[ ${#missing[@]} -eq 0 ]] && return
  if ! can_apt; then
    echo "test.sh: missing ${missing[*]}; as root on Debian: apt-get install ${missing[*]}" >&2
    return
  fi
  echo "Installing Debian packages: ${missing[*]} ..." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    echo "test.sh: apt-get could not install ${missing[*]}" >&2
}

ensure_chromium() {
  [[ -x /usr/bin/chromium ]] && return
  echo "No Debian chromium; trying Playwright's own download ..." >&2
  .venv/bin/python -m playwright install chromium && return
  cat >&2 <<'MSG'
test.sh: no headless Chromium for the browser tests.
Get one of:
  - Debian/Ubuntu, as root:  apt-get install chromium
  - any machine with internet:  .venv/bin/python -m playwright install chromium
then run ./test.sh again.
MSG
  exit 1
}

# node_modules/ follows package.json: installed again only when package.json changes.
install_node_modules() {
  local stamp=node_modules/.installed-package.json.sha256 wanted
  wanted=$(sha256sum package.json | cut -d' ' -f1)
  [[ -f $stamp && $(cat "$stamp") == "$wanted" ]] && return
  if ! have_command npm; then
    echo "test.sh: no npm (Debian: apt-get install npm); the accessibility tests need node_modules/axe-core." >&2
    return
  fi
  echo "Installing package.json into node_modules ..." >&2
  npm install --no-audit --no-fund --silent >/dev/null
  echo "$wanted" >"$stamp"
}

make_venv
install_requirements requirements.txt
install_requirements requirements-test.txt
install_system_packages
ensure_chromium
install_node_modules
echo "test.sh: setup took ${SECONDS}s; running pytest" >&2

# Two xdist workers (one per core) for the whole suite or a tier (unit: 18.6 s in one process, 13.5 s on two,
# measured at load 0.1); one process when only test files or test ids are named, where starting workers
# costs more than it saves. TEST_WORKERS overrides; so does -n.
default_workers=2
only_files=$#
for arg in "$@"; do
  [[ $arg == *.py || $arg == *.py::* || $arg == -* ]] || only_files=0
done
[[ $only_files -gt 0 ]] && default_workers=0
workers=(-n "${TEST_WORKERS:-$default_workers}" --dist loadfile)
for arg in "$@"; do
  [[ $arg == -n || $arg == -n* || $arg == --numprocesses* ]] && workers=()
done
[[ ${TEST_WORKERS:-$default_workers} == 0 ]] && workers=()
# pytest's own exit code is the result: 1 for failures, 5 when no test was collected.
exec .venv/bin/python -m pytest --durations=10 "${workers[@]}" "$@"
