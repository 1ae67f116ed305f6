#!/usr/bin/env bash
# Designer benchmark: cold start (median of 5 fresh JVMs), then edit and drag timings on a
# 300-layer graph. Headless (Monocle, software rendering); prints a table of medians.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q install -DskipTests -pl ui-designer -am
mvn -B -q test-compile -pl ui-designer
mvn -B -q dependency:build-classpath -pl ui-designer -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
cp="ui-designer/target/test-classes:ui-designer/target/classes:$(cat ui-designer/target/bench.classpath)"
props=(-Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -Dheadless.geometry=1920x1200-32
       -Djava.awt.headless=true -Djavafx.cachedir=ui-designer/target/openjfx-cache)
starts=()
for i in 1 2 3 4 5; do
  starts+=("$(java "${props[@]}" -cp "$cp" dev.netloom.designer.bench.DesignerBench --startup-only 2>/dev/null \
    | sed -n 's/^startup_ms //p')")
done
median=$(printf '%s\n' "${starts[@]}" | sort -n | sed -n 3p)
echo "cold start to interactive window, 5 fresh JVMs (ms): ${starts[*]}  -> median $median"
java "${props[@]}" -cp "$cp" dev.netloom.designer.bench.DesignerBench 2>/dev/null | grep -v '^startup_ms' || true
