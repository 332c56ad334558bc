#!/usr/bin/env bash
# `npm run test:browser`: runs test/browser/*.test.ts (or the files given as arguments) with
# node's test runner, in real headless Chromium, inside a private network namespace so that
# nothing Chromium does by itself (DNS look-ups of Google hosts, mDNS) leaves this machine
# (shared/docs WEBRTC-TESTS.md). Works as root, non-interactive, without stdin (CI).
#
# Environment:
#   FERRY_BROWSER_TESTS_TIMEOUT  wall-clock limit for the whole run in seconds (default 600)
#   FERRY_BROWSER_REQUIRE_NETNS  1: fail instead of running without a namespace when a non-root
#                                user cannot make one (as root that is always a failure)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly CHROMIUM=/usr/bin/chromium
readonly RUN_TIMEOUT_SECONDS=${FERRY_BROWSER_TESTS_TIMEOUT:-600}
# Backstop per test; each test sets its own, shorter timeout.
readonly TEST_TIMEOUT_MS=120000

log () { echo "run-browser-tests: $*" >&2; }

install_missing_packages () {
  local packages=()
  [ -x "$CHROMIUM" ] || packages+=(chromium)
  command -v ip > /dev/null || packages+=(iproute2)
  command -v unshare > /dev/null || packages+=(util-linux)
  [ ${#packages[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    log "missing: ${packages[*]}. Install as root: apt-get install -y ${packages[*]} (the browser tests use Debian's chromium at $CHROMIUM)"
    exit 1
  fi
  command -v apt-get > /dev/null || { log "missing: ${packages[*]}, and no apt-get to install them with"; exit 1; }
  log "installing ${packages[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q < /dev/null
  apt-get install -y -q "${packages[@]}" < /dev/null
  [ -x "$CHROMIUM" ] || { log "apt-get install chromium did not produce $CHROMIUM"; exit 1; }
}

# Prints the unshare arguments that make a network namespace here, or nothing if none can be made.
# Root needs only a new network namespace; anyone else needs a user namespace too (-r).
namespace_command () {
  command -v unshare > /dev/null || return 0
  local candidates=("-rn")
  [ "$(id -u)" -eq 0 ] && candidates=("-n" "-rn")
  for flags in "${candidates[@]}"; do
    if unshare "$flags" true 2> /dev/null; then printf '%s\n' "$flags"; return 0; fi
  done
}

install_missing_packages

if [ $# -gt 0 ]; then
  test_files=("$@")
else
  shopt -s nullglob
  test_files=(test/browser/*.test.ts)
  shopt -u nullglob
fi
[ ${#test_files[@]} -gt 0 ] || { log "no test files in test/browser"; exit 1; }

# The web client, built once for every test that drives it (test/browser/support/web-app.ts
# reads FERRY_TEST_WEB_DIR; a test file run on its own builds it itself).
web_dir=$(mktemp -d "${TMPDIR:-/tmp}/ferry-test-web-XXXXXX")
trap 'rm -rf "$web_dir"' EXIT
node node_modules/vite/bin/vite.js build --config web/vite.config.ts --outDir "$web_dir" --emptyOutDir --logLevel warn < /dev/null
export FERRY_TEST_WEB_DIR=$web_dir

# timeout puts the tests in their own process group (so a timeout ends Chromium too); at a
# terminal that would keep Ctrl-C from reaching them, so there it stays in the foreground.
timeout_command=(timeout --kill-after=10s)
[ -t 0 ] && timeout_command+=(--foreground)
timeout_command+=("${RUN_TIMEOUT_SECONDS}s")

node_command=(node --import tsx --test --test-concurrency=2 "--test-timeout=$TEST_TIMEOUT_MS" "${test_files[@]}")
unshare_flags=$(namespace_command)

status=0
if [ -n "$unshare_flags" ]; then
  log "confined to a private network namespace (unshare $unshare_flags: lo + veth0 10.200.0.1/24)"
  "${timeout_command[@]}" \
    unshare "$unshare_flags" bash scripts/netns-setup.sh "${node_command[@]}" < /dev/null || status=$?
else
  if [ "$(id -u)" -eq 0 ]; then
    # The unconfined fallback is for a user's own machine without root (WEBRTC-TESTS.md "Outside
    # this machine"); as root (CI) a failure here means a restricted container: refuse.
    log "running as root, but unshare cannot create a network namespace here (a container without CAP_SYS_ADMIN?); refusing to run Chromium unconfined"
    exit 1
  fi
  reason="unshare cannot create a network namespace here (not root, and user namespaces are unavailable or restricted)"
  if [ "${FERRY_BROWSER_REQUIRE_NETNS:-0}" = "1" ]; then
    log "$reason; FERRY_BROWSER_REQUIRE_NETNS=1, so not running"
    exit 1
  fi
  log "WARNING: running the browser tests WITHOUT a network namespace: $reason."
  log "WARNING: tests keep their own traffic local (iceServers: []), but Chromium's own background look-ups are not confined (WEBRTC-TESTS.md \"Outside this machine\")."
  export FERRY_BROWSER_NETNS=unconfined
  "${timeout_command[@]}" "${node_command[@]}" < /dev/null || status=$?
fi

[ "$status" -eq 124 ] && log "stopped after ${RUN_TIMEOUT_SECONDS}s (FERRY_BROWSER_TESTS_TIMEOUT)"
exit "$status"
