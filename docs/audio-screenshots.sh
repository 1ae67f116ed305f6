#!/usr/bin/env bash
# Renders the keyword-spotting template in the designer and the Data view's spectrogram preview in a
# real window under Xvfb: docs/screenshots/{design-ds-cnn-s,data-spectrogram}-light-1600x1000.png.
# Needs Debian's xvfb and libgtk-3-0. Builds with the reactor (no install); writes its WAV clips into a
# scratch folder ($2, else a new temporary one).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="${1:-docs/screenshots}"
scratch="${2:-$(mktemp -d)}"
mvn -B -q -o -pl app -am package -DskipTests   # compiles the test classes too
cp="app/target/test-classes:app/target/netloom-app.jar:$(ls app/target/lib/*.jar | tr '\n' ':')"
xvfb-run -a -s "-screen 0 1920x1200x24" java -Djava.awt.headless=false -Dai.djl.offline=true \
  -Djavafx.cachedir=app/target/openjfx-cache -cp "$cp" dev.netloom.app.studio.AudioScreenshots "$out" "$scratch"
