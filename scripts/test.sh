#!/usr/bin/env bash
# Runs the whole test suite and ends with one line "N passed, N failed".
# When no session bus is running and gnome-keyring is installed, the suite runs inside a
# private D-Bus session with an unlocked, throw-away keyring, so the vault tests use a real
# Secret Service without touching the user's own keyring.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p out

if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && command -v dbus-run-session >/dev/null \
  && command -v gnome-keyring-daemon >/dev/null && [ -z "${UDS_TEST_IN_KEYRING:-}" ]; then
  keyring_home=$(mktemp -d)
  exec env HOME="$keyring_home" UDS_TEST_IN_KEYRING=1 dbus-run-session -- bash -c \
    'echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec bash scripts/test.sh "$@"' \
    test-keyring "$@"
fi

npx vitest run --reporter=default --reporter=json --outputFile=out/vitest.json "$@"
status=$?
node -e "
const fs = require('fs');
if (!fs.existsSync('out/vitest.json')) { console.log('0 passed, 1 failed'); process.exit(0); }
const report = JSON.parse(fs.readFileSync('out/vitest.json', 'utf8'));
// A file that fails to load has no test results of its own; count it as one failure.
const brokenFiles = report.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
const failed = report.numFailedTests + brokenFiles;
const skipped = report.numPendingTests ? ', ' + report.numPendingTests + ' skipped' : '';
console.log(report.numPassedTests + ' passed, ' + failed + ' failed' + skipped);
"
exit $status
