#!/usr/bin/env bash
# Renders the studio's views to docs/screenshots/*.png, headless (Monocle): no display needed.
#   docs/screenshots-make.sh               # every view (Screenshots)
#   docs/screenshots-make.sh tune-limits   # only the Tune view with a limit, 1600x1000 and 1024x700 (TuneScreenshots)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q install -DskipTests -pl app -am
mvn -B -q test-compile -pl app
mvn -B -q dependency:build-classpath -pl app -Dmdep.includeScope=test -Dmdep.outputFile=target/screenshots.classpath
cp="$(cat app/target/screenshots.classpath)"
exec java -Dtestfx.headless=true -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw \
  -Dheadless.geometry=1920x1200-32 -Djava.awt.headless=true -Djavafx.cachedir=app/target/openjfx-cache \
  -cp "app/target/test-classes:app/target/classes:$cp" \
  "dev.netloom.app.studio.$([ "${1:-}" = tune-limits ] && echo TuneScreenshots || echo Screenshots)" docs/screenshots
