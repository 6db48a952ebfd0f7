#!/usr/bin/env bash
# Manual render check for report.html (not part of ctest: it needs a browser).
#
# Renders a report.html in headless Chromium and writes a screenshot, so a
# person can confirm that the inlined Chart.js really draws the charts
# (latency histogram and CDF per channel and per queue, load over time) and
# that the page loads nothing from the network.
#
# Usage (from the source folder, after building build/msgsim):
#   tests/reports/render_report_html.sh [REPORT_HTML] [SCREENSHOT_PNG]
# Without REPORT_HTML, runs scenarios/demo.json with --format html into a
# temporary folder and renders that. SCREENSHOT_PNG defaults to
# /tmp/report.png. Needs Debian's chromium (apt-get install -y chromium, as
# root). Then open the PNG and look: every chart should have axes and data.
set -euo pipefail

source_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
report_html="${1:-}"
screenshot="${2:-/tmp/report.png}"

if ! command -v chromium >/dev/null 2>&1; then
  echo "render_report_html: chromium is not installed (apt-get install -y chromium, as root)" >&2
  exit 2
fi

if [[ -z "${report_html}" ]]; then
  out_dir="$(mktemp -d)"
  # Exit 1 (an expectation failed) still writes the reports; only 2 and 3 stop here.
  "${source_dir}/build/msgsim" run "${source_dir}/scenarios/demo.json" --quiet --format html --out "${out_dir}" \
    || [[ $? -eq 1 ]]
  report_html="${out_dir}/report.html"
fi
if [[ ! -f "${report_html}" ]]; then
  echo "render_report_html: ${report_html} does not exist" >&2
  exit 2
fi

# A throwaway profile and no background traffic: the page must render offline.
profile_dir="$(mktemp -d)"
trap 'rm -rf "${profile_dir}"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="${profile_dir}" --screenshot="${screenshot}" --window-size=1400,2400 \
  "file://$(realpath "${report_html}")" 2>/dev/null

echo "rendered ${report_html}"
echo "screenshot ${screenshot}"
