#!/usr/bin/env bash
# Static security scan of the Electron shell (main/electron) with electronegativity.
# Writes out/electronegativity.csv and exits 1 when any finding is HIGH.
# The check that downloads Electron's release list is excluded, so the scan needs no network.
# electronegativity still tries to fetch a translation file at start and goes on without it.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p out
report=out/electronegativity.csv
rm -f "$report"

electron_version=$(node -p "require('electron/package.json').version")
npx electronegativity \
  --input main/electron \
  --output "$report" \
  --relative \
  --electron-version "$electron_version" \
  --exclude-checks AvailableSecurityFixesGlobalCheck \
  --verbose false

if [ ! -s "$report" ]; then
  echo "security-scan: electronegativity wrote no report to $report" >&2
  exit 1
fi

# Column 2 is the severity, quoted: "HIGH", "MEDIUM", "LOW", "INFORMATIONAL".
high=$(awk -F',' 'NR > 1 && $2 == "\"HIGH\""' "$report")
findings=$(($(wc -l <"$report") - 1))
if [ -n "$high" ]; then
  echo "security-scan: HIGH findings in main/electron (full report: $report):" >&2
  echo "$high" >&2
  exit 1
fi
echo "security-scan: no HIGH findings; $findings lower finding(s) in $report"
