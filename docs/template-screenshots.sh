#!/usr/bin/env bash
# Renders the templates issue 17 added in the designer, in a real window under Xvfb (GTK glass, not
# Monocle): docs/screenshots/design-{mobilenet-v3-small,efficientnet-b0,resnet-18}-light-1600x1000.png.
# Needs Debian's xvfb and libgtk-3-0. Builds with the reactor (no install).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="${1:-docs/screenshots}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mvn -B -q -o -pl app -am package -DskipTests   # compiles the test classes too
cp="app/target/test-classes:app/target/netloom-app.jar:$(ls app/target/lib/*.jar | tr '\n' ':')"
xvfb-run -a -s "-screen 0 1920x1200x24" java -Djava.awt.headless=false -Dai.djl.offline=true \
  -Djavafx.cachedir=app/target/openjfx-cache -cp "$cp" dev.netloom.app.studio.TemplateScreenshots "$out" "$scratch"
