#!/usr/bin/env bash
# Renders the views issue 16 changed in a real window under Xvfb (GTK glass, not Monocle):
# docs/screenshots/{train-for-2bit,export-marks}-{light,dark}-{1600x1000,1024x700}.png.
# Needs Debian's xvfb and libgtk-3-0. Builds with the reactor (no install); trains a small Shapes QA
# model in a scratch folder first (a minute or two), kept for the next call when given as $2.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="${1:-docs/screenshots}"
scratch="${2:-$(mktemp -d)}"
mvn -B -q -o -pl app -am package -DskipTests   # compiles the test classes too
cp="app/target/test-classes:app/target/netloom-app.jar:$(ls app/target/lib/*.jar | tr '\n' ':')"
MKL_CBWR=AUTO,STRICT xvfb-run -a -s "-screen 0 1920x1200x24" java -Djava.awt.headless=false -Dai.djl.offline=true \
  -Djavafx.cachedir=app/target/openjfx-cache -cp "$cp" dev.netloom.app.studio.LowBitScreenshots "$out" "$scratch"
