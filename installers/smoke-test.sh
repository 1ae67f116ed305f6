#!/usr/bin/env bash
# The installed studio, end to end, without installing anything system-wide: builds the .deb,
# unpacks it into a scratch root (dpkg -x), then runs the installed launcher offline with a fresh
# Netloom home and DJL cache: --version, a tiny `netloom demo`, and the studio under Xvfb saving a
# screenshot of its first frame. Run by .ci/run when NETLOOM_PACKAGE_TEST=1.
#
#   installers/smoke-test.sh [WORK_DIR]
# Needs what package.sh needs, plus xvfb (xvfb-run) and libgtk-3-0.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mkdir -p "${1:-$(mktemp -d)}" && cd "${1:-$(mktemp -d)}" && pwd)"
"$here/package.sh" "$work/package"
deb="$(ls "$work"/package/netloom_*.deb)"
rm -rf "$work/root"
dpkg -x "$deb" "$work/root"
app="$work/root/opt/netloom/bin/netloom"
export NETLOOM_HOME="$work/home" DJL_CACHE_DIR="$work/djl-cache" DJL_OFFLINE=true OMP_WAIT_POLICY=PASSIVE

echo "== netloom --version"
"$app" --version
echo "== netloom demo (tiny budget)"
if "$app" --help 2>/dev/null | grep -E "^ +demo " >/dev/null; then
  (cd "$work" && "$app" demo --quick --out "$work/demo")
else
  # Before `netloom demo` exists: the same steps by hand, tiny.
  (cd "$work" && "$app" new -t image-text-qa qa.netloom && \
    "$app" train qa.netloom --data '{"source": "shapes-qa", "examples": 300}' --epochs 1 --out model && \
    "$app" export model --device raspberry-pi-5 --precision int4 --out bundle && "$app" verify bundle.zip)
fi
echo "== the studio, headless (Xvfb), first frame"
NETLOOM_SCREENSHOT="$work/studio.png" timeout 120 xvfb-run -a -s "-screen 0 1600x1000x24" "$app"
test -s "$work/studio.png"
echo "smoke test passed: $deb ($(du -h "$deb" | cut -f1)); screenshot $work/studio.png"
