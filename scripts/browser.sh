# The browser tests' tools: Debian's Chromium (never a downloaded browser build) and the npm
# packages of tests/browser, from its committed lock file. Source it, then call
# `prepare_browser`; it exports TANDEM_TEST_BROWSER=1 so that a missing piece fails the test
# instead of skipping it.

# shellcheck source=scripts/packages.sh
source "$(dirname "${BASH_SOURCE[0]}")/packages.sh"

prepare_browser() {
  if [ ! -x /usr/bin/chromium ]; then
    install_debian_package chromium "the browser tests"
  fi
  if ! command -v npm >/dev/null 2>&1; then
    install_debian_package npm "the browser tests"
  fi
  local dir
  dir="$(dirname "${BASH_SOURCE[0]}")/../tests/browser"
  if [ ! -d "$dir/node_modules/playwright-core" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
    echo "Installing the browser tests' npm packages (npm ci, from package-lock.json)…"
    (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi
  export TANDEM_TEST_BROWSER=1
}
