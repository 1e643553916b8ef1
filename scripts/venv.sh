# Sourced by run.sh and test.sh: keep ./.venv in step with the requirements files.
# A stamp per requirements file (its sha256, stored inside .venv) says what was installed last,
# so an unchanged file costs nothing and an edited one is installed again.

make_venv() {
  if [[ -x .venv/bin/python ]]; then
    return
  fi
  echo "Creating the virtual environment in .venv ..." >&2
  rm -rf .venv
  if ! python3 -m venv .venv; then
    echo "python3 -m venv failed. On Debian/Ubuntu: apt-get install python3-venv" >&2
    exit 1
  fi
}

install_requirements() {
  local file=$1
  local stamp=".venv/.installed-${file}.sha256"
  local wanted
  wanted=$(sha256sum "$file" | cut -d' ' -f1)
  if [[ -f $stamp && $(cat "$stamp") == "$wanted" ]]; then
    return
  fi
  echo "Installing $file into .venv ..." >&2
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$file"
  echo "$wanted" >"$stamp"
}
