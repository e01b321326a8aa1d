# The contract tests' API fuzzer: schemathesis from PyPI, at the versions pinned in
# tests/contract/requirements.txt, in a throwaway virtual environment under target/. Source it,
# then call `prepare_contract`; it exports TANDEM_TEST_SCHEMATHESIS (the program) so that a
# missing fuzzer fails the contract tests instead of skipping them.

# shellcheck source=scripts/packages.sh
source "$(dirname "${BASH_SOURCE[0]}")/packages.sh"

prepare_contract() {
  local root requirements venv
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  requirements="$root/tests/contract/requirements.txt"
  venv="$root/target/contract-venv"
  if ! python3 -m venv --help >/dev/null 2>&1; then
    install_debian_package python3-venv "the API contract tests"
  fi
  if [ ! -x "$venv/bin/schemathesis" ] || [ "$requirements" -nt "$venv/bin/schemathesis" ]; then
    echo "Installing the API fuzzer (schemathesis, from tests/contract/requirements.txt)…"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps -r "$requirements"
    touch "$venv/bin/schemathesis"
  fi
  export TANDEM_TEST_SCHEMATHESIS="$venv/bin/schemathesis"
}
