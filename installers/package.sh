#!/usr/bin/env bash
# Builds Netloom Studio for Linux x86-64 with the JDK's jpackage: a self-contained app-image
# (its own jlink-trimmed Java runtime, JavaFX, ONNX Runtime and the PyTorch native libraries) and a
# .deb of it that puts `netloom` on the PATH and the studio in the desktop menu.
#
#   installers/package.sh [OUT_DIR]          (default: installers/target)
#   mvn -B -Ppackage package -pl installers -am    (the same, from Maven)
#
# Needs: JDK 17 (jpackage, jlink), fakeroot and dpkg-deb (Debian), python3, Maven.
# .dmg (macOS) and .msi (Windows) are built on those systems: see installers/README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="$(mkdir -p "${1:-$here/target}" && cd "${1:-$here/target}" && pwd)"

# jpackage wants a plain numeric version: 0.1.0-SNAPSHOT -> 0.1.0.
version="$(sed -n 's:.*<version>\([0-9][0-9.]*\).*</version>.*:\1:p' "$root/pom.xml" | sed -n 1p)"

jar="$root/app/target/netloom-app.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root" \( -name target -o -name .git \) -prune -o \( -name '*.java' -o -name pom.xml \
      -o -path '*/src/main/resources/*' \) -type f -newer "$jar" -print -quit)" ]; then
  echo "netloom package: building the app" >&2
  (cd "$root" && mvn -q -B -DskipTests package -pl app -am)
fi

stage="$out/stage"
rm -rf "$stage" "$out/netloom" "$out"/netloom_*.deb
mkdir -p "$stage/input/lib"
cp "$jar" "$stage/input/"
# The app jar's manifest puts lib/*.jar on the class path; other platforms' natives are dropped.
for lib in "$root"/app/target/lib/*.jar; do
  python3 "$here/strip-natives.py" "$lib" "$stage/input/lib/$(basename "$lib")" 2>/dev/null
done

# A runtime with only the modules the studio uses (jdeps), plus the ones it loads by name:
# jdk.crypto.ec (Ed25519 bundle signatures), java.naming and java.logging (JDBC drivers), jdk.zipfs.
modules="$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps \
  --class-path "$stage/input/lib/*" "$stage/input/netloom-app.jar"),jdk.crypto.ec,java.naming,java.logging,jdk.zipfs"
jlink --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 \
  --output "$stage/runtime"

common=(--name netloom --app-version "$version" --vendor "Netloom Studio"
  --description "Design, train and ship small neural networks")
jpackage --type app-image "${common[@]}" --input "$stage/input" --main-jar netloom-app.jar \
  --main-class dev.netloom.app.Main --runtime-image "$stage/runtime" --icon "$here/resources/netloom.png" \
  --java-options "-Dfile.encoding=UTF-8" --java-options "-Dai.djl.offline=true" \
  --java-options "-Dprism.order=es2,sw" --dest "$out"

# GTK 3 and GL for JavaFX's window; the studio's desktop entry; `netloom` on the PATH (postinst).
jpackage --type deb "${common[@]}" --app-image "$out/netloom" --icon "$here/resources/netloom.png" \
  --linux-package-name netloom --linux-deb-maintainer "team@netloom.dev" --linux-menu-group "Development;Science;" \
  --linux-app-category devel --linux-shortcut --linux-package-deps "libgtk-3-0, libgl1, libxtst6" \
  --resource-dir "$here/resources/deb" --dest "$out"

size() { du -sh "$1" | cut -f1; }
echo "app-image: $out/netloom ($(size "$out/netloom"); Java runtime $(size "$out/netloom/lib/runtime"), \
libraries $(size "$out/netloom/lib/app"))"
echo "deb:       $(ls "$out"/netloom_*.deb) ($(size "$(ls "$out"/netloom_*.deb)"))"
