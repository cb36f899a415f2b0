# bin/test.d/10-python-venv.sh — sourced by bin/test (and by bin/airflow-standalone): makes sure the
# project's Python virtualenv exists and matches the pinned requirements, then exports
#   POLICYREACH_VENV    the venv folder (default <repo>/.venv, gitignored)
#   POLICYREACH_PYTHON  its python
#
# Requirements files, installed together (one pip resolve) when present — add a line to
# PR_VENV_REQUIREMENTS for another:
#   pipelines/airflow/requirements.txt   Airflow 3 + pytest (exact pins from `pip freeze`)
#   notebooks/requirements.txt           the analysts' notebook stack
#   bin/test.d/45-http-fuzz.requirements.txt  schemathesis (HTTP fuzzing of /openapi.json, issue 9)
# The venv is rebuilt only when one of them (or the Python version) changes: a sha256 stamp of all of
# them is kept in the venv. Wheels are kept in a wheelhouse outside the work tree
# (POLICYREACH_WHEELHOUSE, default ~/.cache/policyreach/wheels) so a fresh clone on the same machine
# installs offline in seconds; only wheels missing there are fetched from the package index.
#
# Python: POLICYREACH_PYTHON_BIN, else python3.11, else python3 (Airflow 3.3 supports 3.10–3.13).

PR_VENV_REQUIREMENTS=(
  pipelines/airflow/requirements.txt
  notebooks/requirements.txt
  bin/test.d/45-http-fuzz.requirements.txt
)

pr_venv_setup() {
  local root venv py stamp_file want have fd t0 req
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  venv="${POLICYREACH_VENV:-$root/.venv}"
  stamp_file="$venv/.policyreach-requirements.sha256"
  t0=$(date +%s)

  py="${POLICYREACH_PYTHON_BIN:-}"
  if [ -z "$py" ]; then
    if command -v python3.11 >/dev/null 2>&1; then py=python3.11; else py=python3; fi
  fi
  if ! command -v "$py" >/dev/null 2>&1; then
    echo "python-venv: '$py' is not on PATH; install Python 3.10–3.13 (e.g. apt-get install python3 python3-venv) or set POLICYREACH_PYTHON_BIN." >&2
    return 1
  fi
  if ! "$py" -c 'import sys; sys.exit(0 if (3, 10) <= sys.version_info[:2] <= (3, 13) else 1)'; then
    echo "python-venv: $("$py" --version 2>&1) is not supported by Airflow 3.3; use Python 3.10–3.13 (set POLICYREACH_PYTHON_BIN)." >&2
    return 1
  fi

  local reqs=()
  for req in "${PR_VENV_REQUIREMENTS[@]}"; do
    [ -f "$root/$req" ] && reqs+=("$root/$req")
  done
  want="$({ "$py" --version 2>&1; for req in "${reqs[@]}"; do echo "== ${req#"$root"/}"; cat "$req"; done; } | sha256sum | cut -c1-64)"

  # One installer at a time per venv (bin/airflow-standalone and bin/test may race on a fresh clone).
  exec {fd}>"/tmp/policyreach-venv-$(echo "$venv" | sha256sum | cut -c1-12).lock"
  flock "$fd"
  have="$(cat "$stamp_file" 2>/dev/null || true)"
  if [ -x "$venv/bin/python" ] && [ "$have" = "$want" ]; then
    echo "python-venv: $venv is up to date with ${#reqs[@]} requirements file(s)"
  else
    if ! pr_venv_build "$py" "$venv" "${reqs[@]}"; then
      flock -u "$fd"; exec {fd}>&-
      return 1
    fi
    echo "$want" >"$stamp_file"
    echo "python-venv: built $venv in $(( $(date +%s) - t0 )) s"
  fi
  flock -u "$fd"
  exec {fd}>&-

  export POLICYREACH_VENV="$venv"
  export POLICYREACH_PYTHON="$venv/bin/python"
}

# Builds the venv from scratch: install from the wheelhouse offline; if a wheel is missing, fetch (or
# build) the missing ones into the wheelhouse with `pip wheel` and install offline again.
pr_venv_build() {
  local py="$1" venv="$2" req log wheelhouse
  shift 2
  wheelhouse="${POLICYREACH_WHEELHOUSE:-$HOME/.cache/policyreach/wheels}"
  log="$(mktemp -t policyreach-venv.XXXXXX.log)"
  mkdir -p "$wheelhouse"
  echo "python-venv: creating $venv with $("$py" --version 2>&1) (wheelhouse $wheelhouse)"
  rm -rf "$venv"
  if ! "$py" -m venv "$venv" >>"$log" 2>&1; then
    echo "python-venv: '$py -m venv' failed (on Debian: apt-get install python3-venv); see $log" >&2
    return 1
  fi
  local pip=("$venv/bin/python" -m pip --disable-pip-version-check)
  # All files in one resolve, so that a pin in one cannot silently move a pin of another.
  local rargs=()
  for req in "$@"; do
    echo "python-venv: installing ${req}"
    rargs+=(-r "$req")
  done
  if ! "${pip[@]}" install -q --no-index --find-links "$wheelhouse" "${rargs[@]}" >>"$log" 2>&1; then
    echo "python-venv: some wheels are not in the wheelhouse yet; fetching them from the package index"
    if ! "${pip[@]}" wheel -q --wheel-dir "$wheelhouse" "${rargs[@]}" >>"$log" 2>&1 \
      || ! "${pip[@]}" install -q --no-index --find-links "$wheelhouse" "${rargs[@]}" >>"$log" 2>&1; then
      echo "python-venv: installing the requirements failed; the last lines of $log:" >&2
      tail -n 25 "$log" >&2
      echo "python-venv: check the network to the package index, or fix the pins in: $*" >&2
      rm -rf "$venv"
      return 1
    fi
  fi
  rm -f "$log"
}

pr_venv_setup
